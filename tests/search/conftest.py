"""The search tests read the session's fixture site (tests/served_site.py), search index included."""

from __future__ import annotations

from pathlib import Path

import pytest

from carelist_site.site_settings import read_site_settings
from served_site import SETTINGS, ServedSite


@pytest.fixture(scope="session")
def languages() -> list[dict[str, str]]:
    return list(read_site_settings(SETTINGS)["CARELIST_LANGUAGES"])


@pytest.fixture(scope="session")
def search_site(served_site: ServedSite) -> Path:
    assert (served_site.root / "search-index" / "places.json").is_file(), "the build wrote no search index"
    return served_site.root
