"""With JavaScript turned off the site still reads, navigates, and says plainly what needs JavaScript."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from browser_helpers import LANGUAGES, TEMPLATES, Server, page_path

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Where each script-driven page explains itself to a browser without JavaScript.
EXPLANATIONS = {"search": "main noscript .notice", "finder": "#finder-fallback"}


def visible_text(page: Page) -> str:
    return page.locator("main").inner_text().strip()


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("template", ["home", "region-service"])
def test_content_pages_read_without_javascript(nojs_page: Page, template: str, language: str) -> None:
    nojs_page.goto(LANGUAGES[language][0] + TEMPLATES[template])
    assert nojs_page.locator("main h1").is_visible()
    assert len(visible_text(nojs_page)) > 200, visible_text(nojs_page)
    assert nojs_page.locator("main a:visible").count() > 0


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("template", list(EXPLANATIONS))
def test_scripted_pages_explain_themselves_without_javascript(nojs_page: Page, server: Server, template: str, language: str) -> None:
    prefix = LANGUAGES[language][0]
    nojs_page.goto(prefix + TEMPLATES[template])
    explanation = nojs_page.locator(EXPLANATIONS[template]).first
    assert explanation.is_visible(), f"no visible explanation ({EXPLANATIONS[template]}) on {nojs_page.url}"
    assert len(explanation.inner_text().strip()) > 20
    # No dead controls: a form that needs the script must not be offered without it.
    assert nojs_page.locator("main form:visible").count() == 0, "a form that cannot work without JavaScript is shown"
    # And a way on: the first link it offers leads to a page listing the regions' pages.
    with nojs_page.expect_navigation():
        nojs_page.locator("main a:visible").first.click()
    assert page_path(nojs_page.url, server).startswith(prefix)
    hrefs = nojs_page.locator("main a:visible").evaluate_all("links => links.map(a => a.href)")
    assert any("/regions/" in href for href in hrefs), f"no links to region pages on {nojs_page.url}"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_navigation_works_without_javascript(nojs_page: Page, server: Server, language: str) -> None:
    prefix = LANGUAGES[language][0]
    nojs_page.goto(prefix)
    region_link = nojs_page.locator(f"main a[href$='{TEMPLATES['region']}index.html']").first
    name = region_link.inner_text().split()[0]
    with nojs_page.expect_navigation():
        region_link.click()
    assert page_path(nojs_page.url, server) == prefix + TEMPLATES["region"]
    assert name in nojs_page.locator("main h1").inner_text()
