"""The search index in the build: what Pagefind indexes, that it is reproducible, and that its failure keeps the old site."""

from __future__ import annotations

import json
import re
import shutil
import stat
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from carelist.cli import main
from carelist_site.search_index import BUNDLE, UNUSED, index_site

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "pelican.conf.py"
# The pages that answer a question; nothing else (home, coverage, about, search, finder, data, 404) is indexed.
INDEXED = re.compile(r"(regions/\d{6}/([a-z0-9-]+/)?|services/[a-z0-9-]+/)index\.html")


def _digest(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _fake_pagefind(tmp_path: Path, script: str) -> Path:
    binary = tmp_path / "fake-pagefind"
    binary.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    return binary


def test_one_index_per_language_holding_only_the_pages_that_answer_a_question(search_site: Path, languages: list[dict[str, str]]) -> None:
    entry = json.loads((search_site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {lang["html_lang"].lower() for lang in languages}
    for language in languages:
        prefix = language["prefix"]
        others = tuple(lang["prefix"] for lang in languages if lang["prefix"] and lang["prefix"] != prefix)
        pages = [
            p
            for p in search_site.rglob("index.html")
            if (rel := p.relative_to(search_site).as_posix()).startswith(prefix)
            and not rel.startswith(others)
            and INDEXED.fullmatch(rel[len(prefix) :])
        ]
        assert entry["languages"][language["html_lang"].lower()]["page_count"] == len(pages) > 0


def test_indexed_pages_mark_their_content_filters_and_result_title(search_site: Path) -> None:
    for path in ("regions/440000/vaccination/", "services/vaccination/", "regions/440000/", "en/regions/440000/vaccination/"):
        soup = BeautifulSoup((search_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        body = soup.find(attrs={"data-pagefind-body": True})
        assert body is not None and body.find("h1") is not None, path
        assert body["data-title"] and body["data-context"], path
        filters = dict(el["data-pagefind-filter"].split(":", 1) for el in body.find_all(attrs={"data-pagefind-filter": True}))
        # Language-neutral values: the search page's region and category choices send codes.
        assert set(filters.values()) <= {"440000", "health"} and filters, path
    page = BeautifulSoup((search_site / "regions/440000/vaccination/index.html").read_text(encoding="utf-8"), "html.parser")
    keywords = page.find(attrs={"data-pagefind-weight": True})
    assert "打疫苗" in keywords.text.split() and keywords.get("aria-hidden") == "true"


def test_only_what_the_search_page_uses_is_published(search_site: Path) -> None:
    bundle = search_site / BUNDLE
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    assert not [name for name in UNUSED if (bundle / name).exists()]
    assert not (bundle / "playground").exists()


def test_two_indexings_of_the_same_pages_are_byte_identical(search_site: Path, tmp_path: Path) -> None:
    """Pagefind 1.5 writes filters in hash-map order; the build sorts them (see search_index.py)."""
    trees = []
    for name in ("first", "second"):
        folder = tmp_path / name
        shutil.copytree(search_site, folder, ignore=shutil.ignore_patterns(BUNDLE))
        index = index_site(folder)
        assert index.pages and not index.notes
        trees.append(_digest(folder / BUNDLE))
    assert trees[0].keys() == trees[1].keys()
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []
    assert trees[0] == _digest(search_site / BUNDLE), "the build's own index is the same too"


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("echo 'Error: something broke' >&2\nexit 3\n", "Pagefind exited with 3: Error: something broke"),
        ("echo 'Running Pagefind v1.5.2'\nexit 0\n", "not Pagefind's extended build"),
        ("echo 'Running Pagefind v1.5.2 (Extended)'\nexit 0\n", "no readable pagefind/pagefind-entry.json"),
        (None, "cannot run"),
    ],
)
def test_a_failed_index_fails_the_build_in_one_line_and_keeps_the_old_site(
    search_site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    script: str | None,
    message: str,
) -> None:
    published = tmp_path / "output"
    shutil.copytree(search_site, published)
    before = _digest(published)
    binary = _fake_pagefind(tmp_path, script) if script is not None else tmp_path / "no-such-pagefind"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))

    code = main(["build", "--settings", str(SETTINGS), "--output", str(published)])

    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "search index failed" in err and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert _digest(published) == before, "the published site, its search index included, is untouched"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("output.")], "no staging folder is left behind"
