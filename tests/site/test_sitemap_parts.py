"""A sitemap past the protocol's 50,000 URLs becomes an index of parts (lists of every city and county need it)."""

from __future__ import annotations

import runpy
import xml.etree.ElementTree as ET

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from site_helpers import ROOT, SETTINGS

from carelist_site.feeds import SITEMAP_LIMIT, sitemap_context, sitemap_files
from carelist_site.i18n import languages_from_settings
from carelist_site.pages.base import PageSpec
from carelist_site.urls import SiteURL

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = SiteURL("https://carelist.example.cn")
LANGUAGES = languages_from_settings(runpy.run_path(str(SETTINGS))["CARELIST_LANGUAGES"])
THEME = Environment(loader=FileSystemLoader(ROOT / "theme/templates"), autoescape=True, undefined=StrictUndefined)


def entries(pages: int) -> list[dict]:
    specs = [PageSpec("region", f"regions/{n}/", "region", lambda env: {}) for n in range(pages)]
    return sitemap_context(specs, LANGUAGES, SITE)["entries"]


def rendered(pages: int, limit: int) -> dict[str, ET.Element]:
    return {
        rel: ET.fromstring(THEME.get_template(template).render(context))
        for rel, template, context in sitemap_files(entries(pages), SITE, limit)
    }


def test_the_limit_is_the_protocols() -> None:
    assert SITEMAP_LIMIT == 50_000


def test_a_site_that_fits_has_one_sitemap() -> None:
    files = rendered(5, limit=10)
    assert list(files) == ["sitemap.xml"]
    assert len(files["sitemap.xml"].findall("s:url", NS)) == 10  # five pages in two languages


def test_a_larger_site_has_an_index_of_parts_that_list_every_page_once() -> None:
    files = rendered(12, limit=10)  # 24 URLs: parts of 10, 10 and 4
    index = files.pop("sitemap.xml")
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    assert [loc.text for loc in index.findall("s:sitemap/s:loc", NS)] == [SITE.absolute(rel) for rel in files]
    assert list(files) == ["sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"]
    counts = [len(part.findall("s:url", NS)) for part in files.values()]
    assert counts == [10, 10, 4]
    listed = [loc.text for part in files.values() for loc in part.findall("s:url/s:loc", NS)]
    assert sorted(listed) == sorted(e["loc"] for e in entries(12))
    assert len(set(listed)) == 24
