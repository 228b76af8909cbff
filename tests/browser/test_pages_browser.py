"""Every page template in a real browser: both languages, phone and desktop, axe-core, the language switch, the keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import zxingcpp
from browser_helpers import LANGUAGES, TEMPLATES, Server, Watch, assert_accessible, page_path, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Screenshots of one language per viewport keep the run short and still show both.
SCREENSHOT_PAIRS = {("zh", "phone"), ("en", "desktop")}
# The pages whose scripts fetch things after loading: wait for them, so their errors are seen.
SCRIPTED = {"search", "finder"}


def open_template(page: Page, watch: Watch, template: str, language: str) -> None:
    prefix, _ = LANGUAGES[language]
    if template == "404":
        watch.allow_console_error(r"status of 404")  # Chromium reports the missing page's own 404 response
    response = page.goto(prefix + TEMPLATES[template])
    assert response is not None
    assert response.status == (404 if template == "404" else 200), f"{response.status} for {response.url}"
    if template in SCRIPTED:
        page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("template", list(TEMPLATES))
def test_template_loads_cleanly_and_passes_axe(
    page: Page, watch: Watch, server: Server, viewport: str, template: str, language: str
) -> None:
    """Loads with nothing external and no console errors (the page fixture checks), fits the screen, passes axe."""
    open_template(page, watch, template, language)
    html_lang = LANGUAGES[language][1]
    assert page.locator("html").get_attribute("lang") == html_lang
    assert page.locator("main h1").first.is_visible()
    assert page.title().strip()
    # Nothing wider than the screen: a phone must not scroll sideways to read a page.
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the {viewport} screen"
    # A style that sets display must not bring back what the page hides (as .button once did to "Show more results").
    shown = page.locator("[hidden]:visible").evaluate_all("elements => elements.map(e => e.outerHTML.slice(0, 120))")
    assert not shown, f"elements marked hidden are shown: {shown}"
    # The language switch leads to this same page in the other language.
    if template != "404":
        other_prefix = LANGUAGES["en" if language == "zh" else "zh"][0]
        href = page.locator(".language-switch a[hreflang]").evaluate("a => a.href")
        assert page_path(href, server) == other_prefix + TEMPLATES[template]
    assert_accessible(page)
    if (language, viewport) in SCREENSHOT_PAIRS:
        screenshot(page, f"{template}-{language}-{viewport}")


@pytest.mark.parametrize("start", ["zh", "en"])
def test_language_switch_keeps_the_page(page: Page, server: Server, start: str) -> None:
    path = TEMPLATES["region-service"]
    other = "en" if start == "zh" else "zh"
    page.goto(LANGUAGES[start][0] + path)
    first_heading = page.locator("main h1").inner_text()
    for language in (other, start):  # there and back again
        with page.expect_navigation():
            page.locator(f".language-switch a[hreflang='{LANGUAGES[language][1]}']").click()
        assert page_path(page.url, server) == LANGUAGES[language][0] + path
        assert page.locator("html").get_attribute("lang") == LANGUAGES[language][1]
        assert page.locator(".language-switch .current").get_attribute("lang") == LANGUAGES[language][1]
    assert page.locator("main h1").inner_text() == first_heading


@pytest.mark.parametrize("template", ["home", "region-service", "search", "finder"])
def test_skip_link_is_the_first_tab_stop(page: Page, watch: Watch, template: str) -> None:
    open_template(page, watch, template, "zh")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("class") == "skip-link", f"the first Tab stop is {skip.evaluate('e => e.outerHTML')[:200]}"
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    # Let the fragment change (#main) reach the page's scripts, which must leave the focus where it is.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50)))")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # The next Tab continues from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


class _Pixels:
    """Grey pixels (one byte each) in the form zxing-cpp reads."""

    def __init__(self, side: int, grey: list[int]) -> None:
        self.__array_interface__ = {"shape": (side, side), "typestr": "|u1", "data": bytes(grey), "version": 3}


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_printed_qr_code_reads_back_as_the_pages_address(page: Page, language: str) -> None:
    """Chromium draws the page's QR code (as printed) and a scanner reads the page's own address from the drawing."""
    prefix, _ = LANGUAGES[language]
    page.goto(prefix + TEMPLATES["region-service"])
    page.emulate_media(media="print")
    assert page.locator("svg.qr-code").is_visible()
    side = 240
    grey = page.evaluate(
        """async (side) => {
            const svg = document.querySelector("svg.qr-code").cloneNode(true);
            svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
            svg.setAttribute("width", side); svg.setAttribute("height", side);
            const image = new Image();
            image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg.outerHTML);
            await image.decode();
            const canvas = document.createElement("canvas");
            canvas.width = canvas.height = side;
            const context = canvas.getContext("2d");
            context.fillStyle = "#fff"; context.fillRect(0, 0, side, side);
            context.drawImage(image, 0, 0, side, side);
            const rgba = context.getImageData(0, 0, side, side).data;
            return Array.from({length: side * side}, (_, n) => rgba[4 * n]);
        }""",
        side,
    )
    code = zxingcpp.read_barcode(_Pixels(side, grey))
    assert code is not None and code.format == zxingcpp.BarcodeFormat.QRCode
    assert code.text == page.locator("link[rel=canonical]").get_attribute("href")
