"""The sample site is built once per test session, into a temporary folder; tests read it by parsing its HTML."""

from __future__ import annotations

import re

import pytest
from site_helpers import CHECKLISTS, SETTINGS, Site, site_from

from carelist.checker import Dataset, check
from carelist_site.build import build

_MARKDOWN_LINK = re.compile(r"\]\(\s*<?(https?://[^)\s>]+)")


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return check([CHECKLISTS])


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    output = tmp_path_factory.mktemp("site") / "output"
    result = build(SETTINGS, output=output, checklists=CHECKLISTS)
    assert result.built, result.report
    return site_from(output)


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
