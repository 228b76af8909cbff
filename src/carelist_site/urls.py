"""Where each page lives, and links between pages.

A page has one language-neutral path ("regions/440000/"); each language puts it under its prefix ("en/…").
Links between pages are relative and name index.html explicitly, so the site works from any folder, from a USB
stick opened with file://, and from any static host. Only what must be absolute (canonical, hreflang alternates,
the sitemap, feeds, QR codes) uses SITEURL.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from carelist.errors import CarelistError

# The layout itself lives in the domain package, which the command line shares.
from carelist.site_paths import (
    COVERAGE,
    DATA,
    FEED,
    FINDER,
    HOME,
    ICON,
    NOT_FOUND,
    SEARCH,
    SITEMAP,
    STYLESHEET,
    about,
    output_file,
    region,
    region_service,
    revisions,
    revisions_feed,
    safe_code,
    safe_id,
    schema_file,
    service,
    sitemap_part,
)

__all__ = [
    "COVERAGE",
    "DATA",
    "FEED",
    "FINDER",
    "HOME",
    "ICON",
    "NOT_FOUND",
    "SEARCH",
    "SITEMAP",
    "STYLESHEET",
    "Linker",
    "SiteURL",
    "about",
    "output_file",
    "region",
    "region_service",
    "revisions",
    "revisions_feed",
    "safe_code",
    "safe_id",
    "schema_file",
    "service",
    "sitemap_part",
]


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
        return relative(target, self.from_dir)

    def place(self, prefixes: frozenset[tuple[str, ...]]) -> tuple[object, ...]:
        """What every link to a set of targets depends on, given each prefix of their path parts: links from pages at
        the same place are the same.

        A relative link depends on how many leading parts the page's folder shares with the target, and on how deep
        the folder is (see relative()); the longest leading part of the folder that any target has decides the first."""
        folders = self.from_dir.split("/") if self.from_dir else []
        shared = 0
        while shared < len(folders) and tuple(folders[: shared + 1]) in prefixes:
            shared += 1
        return (tuple(folders[:shared]), len(folders), self.root_relative_base)


def relative(target: str, from_dir: str) -> str:
    """posixpath.relpath(target, from_dir or ".") for the site's own paths (relative, normalised, no "." or "..").

    relpath makes both paths absolute against the working directory first; with tens of links on every page, that
    was a tenth of the build.
    """
    to, start = target.split("/"), from_dir.split("/") if from_dir else []
    common = 0
    for a, b in zip(start, to, strict=False):  # stops at the shorter path
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."
