"""The fixture site (built once per session by `carelist serve`, see tests/served_site.py), read by parsing its HTML."""

from __future__ import annotations

import re

import pytest
from site_helpers import CHECKLISTS, Site, site_from

from carelist.checker import Dataset, check
from served_site import ServedSite

_MARKDOWN_LINK = re.compile(r"\]\(\s*<?(https?://[^)\s>]+)")


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return check([CHECKLISTS])


@pytest.fixture(scope="session")
def site(served_site: ServedSite) -> Site:
    return site_from(served_site.root)


@pytest.fixture(scope="session")
def official_urls(dataset: Dataset) -> set[str]:
    """The outside addresses the data itself gives: the only ones a page may link to (never load)."""
    urls: set[str] = set()
    for checklist in dataset.checklists:
        urls.add(checklist.publication.source_url)
        for service in [*checklist.services.values(), *checklist.local_items]:
            if service.url:
                urls.add(service.url)
            for text in [*service.steps, *([service.details] if service.details else [])]:
                for value in (text.zh, text.en or ""):
                    urls.update(_MARKDOWN_LINK.findall(value))
    return urls
