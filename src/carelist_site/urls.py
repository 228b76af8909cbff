"""Where each page lives, and links between pages.

A page has one language-neutral path ("regions/440000/"); each language puts it under its prefix ("en/…").
Links between pages are relative and name index.html explicitly, so the site works from any folder, from a USB
stick opened with file://, and from any static host. Only what must be absolute (canonical, hreflang alternates,
the sitemap, feeds, QR codes) uses SITEURL.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from carelist.errors import CarelistError

# Ids become folder names: only these characters, so no id can climb out of the output folder.
_SAFE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_REGION_CODE = re.compile(r"^[1-9][0-9]{5}$")


def safe_id(value: str) -> str:
    if not _SAFE_ID.match(value):
        raise CarelistError(f"refusing to use {value!r} in a URL: ids must match {_SAFE_ID.pattern}")
    return value


def safe_code(value: str) -> str:
    if not _REGION_CODE.match(value):
        raise CarelistError(f"refusing to use {value!r} in a URL: region codes are six digits")
    return value


HOME = ""
COVERAGE = "coverage/"
SEARCH = "search/"
FINDER = "finder/"
DATA = "data/"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
FEED = "feeds/checklists.atom.xml"
STYLESHEET = "theme/css/site.css"
ICON = "theme/img/icon.svg"


def region(code: str) -> str:
    return f"regions/{safe_code(code)}/"


def region_service(code: str, item_id: str) -> str:
    return f"regions/{safe_code(code)}/{safe_id(item_id)}/"


def revisions(code: str) -> str:
    """A region's revisions page: outside regions/<code>/, where a local item id could take any name."""
    return f"revisions/{safe_code(code)}/"


def revisions_feed(code: str) -> str:
    return f"feeds/regions/{safe_code(code)}.atom.xml"


def service(item_id: str) -> str:
    return f"services/{safe_id(item_id)}/"


def about(slug: str) -> str:
    return f"about/{safe_id(slug)}/"


def schema_file(name: str) -> str:
    return f"schema/{name}"


def output_file(path: str) -> str:
    """The file a path is written to: folders get their index.html."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def localized(prefix: str, path: str) -> str:
    return prefix + path


class SiteURL:
    """The site's public address, for the few places that need absolute URLs."""

    def __init__(self, siteurl: str) -> None:
        parts = urlsplit(siteurl)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise CarelistError(f"SITEURL must be an absolute http(s) address without query or fragment, not {siteurl!r}")
        self.root = siteurl.rstrip("/") + "/"
        # The path the site is served under, for the 404 page (which is served at any depth).
        self.base_path = parts.path.rstrip("/") + "/"

    def absolute(self, localized_path: str) -> str:
        return self.root + localized_path


class Linker:
    """Links from one page to the others."""

    def __init__(self, from_file: str, root_relative_base: str | None = None) -> None:
        self.from_dir = posixpath.dirname(from_file)
        # The 404 page is served at whatever address was wrong, so its links start from the site root instead.
        self.root_relative_base = root_relative_base

    def href(self, localized_path: str) -> str:
        target = output_file(localized_path)
        if self.root_relative_base is not None:
            return self.root_relative_base + target
        return posixpath.relpath(target, self.from_dir or ".")
