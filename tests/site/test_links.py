"""Relative links between the site's pages: the fast path must agree with posixpath.relpath on every site path."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from carelist_site.urls import Linker, relative

SEGMENTS = ("", "en", "regions", "440000", "services", "childcare", "index.html", "data", "regions.json")
# Every directory and file the layout can produce up to four levels deep, from the same few segments.
DIRS = ["/".join(p) for n in range(4) for p in itertools.product(SEGMENTS[1:6], repeat=n)]
FILES = [d + "/" + name if d else name for d in DIRS[:60] for name in ("index.html", "regions.json")]


@pytest.mark.parametrize("from_dir", DIRS[:80])
def test_relative_agrees_with_relpath(from_dir: str) -> None:
    for target in FILES:
        assert relative(target, from_dir) == posixpath.relpath(target, from_dir or "."), (target, from_dir)


def test_linker_links_from_a_page_to_another() -> None:
    linker = Linker("en/regions/440000/services/childcare/index.html")
    assert linker.href("en/regions/440000/") == "../../index.html"
    assert linker.href("regions/440000/") == "../../../../../regions/440000/index.html"
    assert linker.href("en/regions/440000/services/childcare/") == "index.html"
    assert Linker("index.html").href("en/") == "en/index.html"
    assert Linker("404.html", "/site/").href("regions/") == "/site/regions/index.html"
