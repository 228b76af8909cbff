"""The sample site built once for the search tests, into a temporary folder, with its search index."""

from __future__ import annotations

from pathlib import Path

import pytest

from carelist_site.build import build, read_site_settings

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SETTINGS = ROOT / "pelican.conf.py"
CHECKLISTS = ROOT / "checklists"


@pytest.fixture(scope="session")
def languages() -> list[dict[str, str]]:
    return list(read_site_settings(SETTINGS)["CARELIST_LANGUAGES"])


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("search-site") / "output"
    result = build(SETTINGS, output=output, checklists=CHECKLISTS)
    assert result.built, result.report
    assert result.search is not None
    return output
