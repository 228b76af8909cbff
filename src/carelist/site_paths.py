"""Where each page of the published site lives: one language-neutral path per page, under each language's prefix.

The site writes its pages here and the command line (the finder's answer) prints these paths, so both always agree.
Ids become folder names, so only safe characters pass: no id can climb out of the output folder.
"""

from __future__ import annotations

import re

from carelist.errors import CarelistError

_SAFE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_REGION_CODE = re.compile(r"^[1-9][0-9]{5}$")

# The published site: Chinese at the root, English under en/ (pelican.conf.py's CARELIST_LANGUAGES use these).
LANGUAGE_PREFIXES = {"zh": "", "en": "en/"}

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


def safe_id(value: str) -> str:
    if not _SAFE_ID.match(value):
        raise CarelistError(f"refusing to use {value!r} in a URL: ids must match {_SAFE_ID.pattern}")
    return value


def safe_code(value: str) -> str:
    if not _REGION_CODE.match(value):
        raise CarelistError(f"refusing to use {value!r} in a URL: region codes are six digits")
    return value


def region(code: str) -> str:
    return f"regions/{safe_code(code)}/"


def region_service(code: str, item_id: str) -> str:
    return f"regions/{safe_code(code)}/{safe_id(item_id)}/"


def revisions(code: str) -> str:
    """A region's revisions page: outside regions/<code>/, where a local item id could take any name."""
    return f"revisions/{safe_code(code)}/"


def revisions_feed(code: str) -> str:
    return f"feeds/regions/{safe_code(code)}.atom.xml"


def sitemap_part(number: int) -> str:
    """One part of a sitemap too long for one file (sitemap.xml is then their index)."""
    return f"sitemaps/{number}.xml"


def service(item_id: str) -> str:
    return f"services/{safe_id(item_id)}/"


def about(slug: str) -> str:
    return f"about/{safe_id(slug)}/"


def schema_file(name: str) -> str:
    return f"schema/{name}"


def output_file(path: str) -> str:
    """The file a path is written to: folders get their index.html."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def url_path(path: str, lang: str) -> str:
    """A page's path from the site root in one language of the published site, e.g. /en/regions/440000/."""
    return "/" + LANGUAGE_PREFIXES[lang] + path
