"""Browser tests: the fixture site built and served once by `carelist serve` on 127.0.0.1, driven by Debian's Chromium.

Fixtures (every test in tests/browser/ is marked `browser`; deselect with `-m "not browser"`):

- `built_site` (session): Path of the fixture site (search index included), the one every test of the session reads.
- `server` (session): the running `carelist serve` (tests/served_site.py); `server("en/search/")` is a full URL,
  `server.log` its log lines: the build's output and every request (printed in the report of a failed test).
- `browser` (session): one headless Chromium (`/usr/bin/chromium`, or the CHROMIUM environment variable); Playwright
  never downloads a browser. A missing Chromium fails the test with install instructions; it never skips.
- `viewport` (parametrized "phone" | "desktop"): phone is 360×740, mobile, touch, scale 2; desktop is 1280×900.
- `page`: a fresh page at `viewport` whose base URL is the server, so `page.goto("regions/440000/")` works. The test
  fails when the page requests anything outside the server (the request is aborted), logs a console error or throws.
  `watch.allow_console_error(regex)` accepts an expected console error (e.g. the 404 response of a missing page).
- `nojs_page`: the same with JavaScript disabled (`java_script_enabled=False`).
- `new_page(viewport="phone", javascript=True)`: more pages in the same test, each watched the same way.
- `watch`: the `browser_helpers.Watch` of the test's pages.
- `axe(page)`: serious/critical axe-core violations (axe from node_modules); `assert_accessible(page)` fails with
  the rules and selectors. `screenshot(page, name)`: a full-page PNG in test-artifacts/screenshots/.
  The last two are plain functions too: `from browser_helpers import assert_accessible, screenshot`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser_helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    INSTALL_HINT,
    VIEWPORTS,
    Server,
    Watch,
)
from browser_helpers import axe as run_axe
from browser_helpers import screenshot as take_screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

HERE = Path(__file__).resolve().parent
_WATCH = pytest.StashKey[Watch]()
_LOG_START = pytest.StashKey[int]()
_servers: list[Server] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    item.stash[_LOG_START] = len(_servers[0].log) if _servers else 0


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    # Checked here rather than in the fixture's teardown, so a misbehaving page fails the test itself.
    result = yield
    if _WATCH in item.stash:
        item.stash[_WATCH].assert_clean()
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    report: pytest.TestReport = yield
    if report.failed and HERE in item.path.parents:
        if _servers:
            lines = _servers[0].log[item.stash.get(_LOG_START, 0) :]
            report.sections.append(("server log", "\n".join(lines) or "(no requests)"))
        if _WATCH in item.stash and (problems := item.stash[_WATCH].problems()):
            report.sections.append(("page problems", "\n".join(problems)))
    return report


@pytest.fixture(scope="session")
def built_site(served_site: Server) -> Path:
    return served_site.root


@pytest.fixture(scope="session")
def server(served_site: Server) -> Iterator[Server]:
    """`carelist serve` itself, serving the session's fixture site (tests/served_site.py)."""
    _servers.append(served_site)
    yield served_site
    _servers.remove(served_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: {INSTALL_HINT}", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the Python package playwright is not installed: {INSTALL_HINT}", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def watch(request: pytest.FixtureRequest, server: Server) -> Watch:
    request.node.stash[_WATCH] = Watch(server)
    return request.node.stash[_WATCH]


@pytest.fixture
def new_page(browser: Browser, server: Server, watch: Watch) -> Iterator[Callable[..., Page]]:
    contexts = []

    def open_page(viewport: str = "phone", javascript: bool = True) -> Page:
        context = browser.new_context(**VIEWPORTS[viewport], base_url=server.url, java_script_enabled=javascript, service_workers="block")
        contexts.append(context)
        context.route("**/*", watch.route)
        page = context.new_page()
        page.set_default_timeout(10_000)
        watch.attach(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page], viewport: str) -> Page:
    return new_page(viewport)


@pytest.fixture
def nojs_page(new_page: Callable[..., Page], viewport: str) -> Page:
    return new_page(viewport, javascript=False)


@pytest.fixture
def axe() -> Callable[[Page], list[dict[str, Any]]]:
    return run_axe


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    return take_screenshot
