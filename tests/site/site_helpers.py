"""Helpers for the site tests: where things are, and a built site read as parsed HTML."""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from carelist_site.site_settings import read_site_settings
from served_site import FIXTURE_CHECKLISTS, ROOT, SETTINGS

__all__ = ["CHECKLISTS", "ROOT", "SETTINGS", "Site", "site_from", "tree_digest"]
CHECKLISTS = FIXTURE_CHECKLISTS  # the site tests' data (tests/fixtures/), never the published samples


@dataclass
class Site:
    """A built site: its folder, its settings, and each HTML page parsed once."""

    root: Path
    siteurl: str  # with a trailing slash
    languages: list[dict[str, str]]
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict)

    @property
    def html_files(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def soup(self, rel: str) -> BeautifulSoup:
        if rel not in self._soups:
            self._soups[rel] = BeautifulSoup((self.root / rel).read_text(encoding="utf-8"), "html.parser")
        return self._soups[rel]

    def language_of(self, rel: str) -> dict[str, str]:
        """The configured language a file belongs to (the longest matching prefix)."""
        return max((lang for lang in self.languages if rel.startswith(lang["prefix"])), key=lambda lang: len(lang["prefix"]))

    def url_to_file(self, url: str) -> str:
        """An absolute site URL to the file it is served from."""
        assert url.startswith(self.siteurl), url
        path = url[len(self.siteurl) :]
        return path + "index.html" if path == "" or path.endswith("/") else path

    def resolve(self, from_rel: str, href: str) -> str:
        """A link inside the site to the output file it reaches (folders reach their index.html)."""
        path = urlsplit(href).path
        base_path = urlsplit(self.siteurl).path
        if path.startswith("/"):
            assert path.startswith(base_path), href
            target = path[len(base_path) :]
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(from_rel), path)) if path else from_rel
        if target in ("", ".") or href.endswith("/") or (self.root / target).is_dir():
            target = posixpath.join(target, "index.html") if target not in ("", ".") else "index.html"
        return target


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under folder and a hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def site_from(folder: Path) -> Site:
    settings = read_site_settings(SETTINGS)
    return Site(folder, settings["SITEURL"].rstrip("/") + "/", list(settings["CARELIST_LANGUAGES"]))
