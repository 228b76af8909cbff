"""Search in the browser: a parent types their words and opens the right page; the search-quality set ranks as in Node."""

from __future__ import annotations

import importlib.util
import sys
from typing import TYPE_CHECKING, Any

import pytest
from browser_helpers import LANGUAGES, ROOT, Server, page_path
from playwright.sync_api import expect

if TYPE_CHECKING:
    from types import ModuleType

    from playwright.sync_api import Page


def _quality() -> ModuleType:
    """tests/search/quality.py, the search helper's reader of queries.yaml (not on sys.path when only this folder runs)."""
    name = "search_quality_set"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "search" / "quality.py")
        assert spec is not None and spec.loader is not None
        sys.modules[name] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules[name]


quality = _quality()
TARGET = "regions/440000/vaccination/"


def open_search(page: Page, language: str) -> None:
    page.goto(LANGUAGES[language][0] + "search/")
    # The form appears once the script has loaded Pagefind.
    expect(page.locator("#search-form")).to_be_visible()


@pytest.mark.parametrize(("language", "query"), [("zh", "打疫苗"), ("en", "vaccine")])
def test_typed_query_opens_the_region_service_page(page: Page, server: Server, language: str, query: str) -> None:
    open_search(page, language)
    page.locator("#search-region").select_option("440000")
    box = page.locator("#search-q")
    box.press_sequentially(query)
    box.press("Enter")
    expect(page.locator("#search-status")).not_to_be_empty()  # the live region announces the count
    links = page.locator("#search-results li h2 a")
    expect(links.first).to_be_visible()
    top = [page_path(href, server) for href in links.evaluate_all("links => links.slice(0, 3).map(a => a.href)")]
    wanted = LANGUAGES[language][0] + TARGET
    assert wanted in top, f"{query!r} in region 440000: top 3 are {top}"
    with page.expect_navigation():
        links.nth(top.index(wanted)).click()
    assert page_path(page.url, server) == wanted
    expect(page.locator("main h1")).to_be_visible()
    # The address kept the search: Back shows the same results again.
    page.go_back()
    expect(page.locator("#search-q")).to_have_value(query)
    expect(page.locator("#search-results li h2 a").first).to_be_visible()


_RUN_SET = """async ({queries, top}) => {
  const config = JSON.parse(document.getElementById("search-config").textContent);
  // The same module instance the page's script loaded and configured.
  const pagefind = await import(new URL(config.pagefind, document.baseURI).href);
  const out = [];
  for (const {q, region} of queries) {
    const found = await pagefind.search(q, {filters: region ? {region} : {}});
    const hits = await Promise.all(found.results.slice(0, top).map((r) => r.data()));
    const urls = hits.map((d) => ({url: new URL(d.url, document.baseURI).href, title: d.meta?.title ?? ""}));
    out.push({count: found.results.length, hits: urls});
  }
  return out;
}"""


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)  # ranking does not depend on the screen
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_search_quality_set_in_the_browser(page: Page, server: Server, language: str) -> None:
    queries = quality.load_queries()[language]
    open_search(page, language)
    results: list[dict[str, Any]] = page.evaluate(
        _RUN_SET, {"queries": [{"q": q.q, "region": q.region} for q in queries], "top": quality.TOP}
    )
    prefix = LANGUAGES[language][0]
    outcomes = []
    for query, result in zip(queries, results, strict=True):
        paths = [page_path(hit["url"], server) for hit in result["hits"]]
        assert all(p.startswith(prefix) for p in paths), f"{query.label}: results from another language: {paths}"
        neutral = tuple(p[len(prefix) :] for p in paths)
        outcomes.append(quality.Outcome(query, neutral, tuple(hit["title"] for hit in result["hits"]), result["count"]))
    misses = [o.describe() for o in outcomes if not o.hit]
    rate = quality.hit_rate(outcomes)
    print(f"search quality in the browser ({language}): {rate:.0%} of {len(outcomes)} queries in the top {quality.TOP}")
    assert not misses, f"{len(misses)} of {len(outcomes)} queries missed (hit rate {rate:.0%}):\n  " + "\n  ".join(misses)
