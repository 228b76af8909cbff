"""Helpers for the browser tests: the local server, the page watcher, axe-core and screenshots.

Test modules import these directly (`from browser_helpers import ...`); conftest.py wraps them in fixtures.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

from served_site import ROOT
from served_site import ServedSite as Server

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# The flags the field notes give for Debian's Chromium in a container: no sandbox, no GPU, and nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

VIEWPORTS: dict[str, dict[str, Any]] = {
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}

INSTALL_HINT = (
    "run `make test` (it installs everything), or install by hand: `apt-get install -y chromium` (Debian), "
    "`.venv/bin/pip install -e '.[test]'` and `npm ci`; set CHROMIUM=/path/to/chromium to use another Chromium."
)


# One page of each template, by its language-neutral path.
TEMPLATES = {
    "home": "",
    "region": "regions/440000/",
    "revisions": "revisions/440000/",
    "region-service": "regions/440000/vaccination/",
    "service": "services/vaccination/",
    "coverage": "coverage/",
    "search": "search/",
    "finder": "finder/",
    "data": "data/",
    "about": "about/how-to-use/",
    "404": "no-such-page/",
}
# Each language: its path prefix and its <html lang>.
LANGUAGES = {"zh": ("", "zh-Hans"), "en": ("en/", "en")}


def page_path(url: str, server: Server) -> str:
    """A served URL as the language-prefixed path it shows, without index.html ("en/regions/440000/")."""
    assert url.startswith(server.url), url
    return re.sub(r"(^|/)index\.html$", r"\1", url[len(server.url) :].split("#")[0])


# --- watching a page for what no page may do -------------------------------------------------------------------


@dataclass
class Watch:
    """What a page did that it must not: requests outside the local server, console errors, uncaught exceptions."""

    server: Server
    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow_console_error(self, pattern: str) -> None:
        """Accept console errors matching pattern in this test (Chromium logs a 404 response as an error)."""
        self.allowed.append(re.compile(pattern))

    def route(self, route: Route) -> None:
        url = route.request.url
        if self.server.is_local(url):
            route.continue_()
        else:
            self.external.append(f"{route.request.resource_type} {url}")
            route.abort("blockedbyclient")

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            self.console_errors.append(f"{message.text} ({location.get('url', '?')}:{location.get('lineNumber', '?')})")

    def on_page_error(self, error: Any) -> None:
        self.page_errors.append(str(error))

    def attach(self, page: Page) -> None:
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)

    def problems(self) -> list[str]:
        console = [m for m in self.console_errors if not any(p.search(m) for p in self.allowed)]
        return (
            [f"requested from outside the site (blocked): {u}" for u in self.external]
            + [f"console error: {m}" for m in console]
            + [f"uncaught page error: {e}" for e in self.page_errors]
        )

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "the page misbehaved:\n  " + "\n  ".join(problems)


# --- axe-core and screenshots ----------------------------------------------------------------------------------

SERIOUS = ("serious", "critical")


def axe(page: Page, impacts: tuple[str, ...] = SERIOUS) -> list[dict[str, Any]]:
    """Run axe-core (from node_modules, never a CDN) on the page; its violations of the given impacts."""
    assert AXE.is_file(), f"axe-core is missing at {AXE}: {INSTALL_HINT}"
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => (await window.axe.run(document, {resultTypes: ['violations']})).violations")
    return [v for v in results if v.get("impact") in impacts]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """Violations as lines a person can act on: rule, impact, help, and the selectors of the failing elements."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:8]:
            target = " ".join(str(t) for t in node["target"])
            summary = [line.strip() for line in node.get("failureSummary", "").splitlines() if not line.startswith("Fix ")]
            lines.append(f"    {target}: {'; '.join(summary)[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    violations = axe(page)
    assert not violations, f"axe-core found serious/critical violations on {page.url}:\n" + describe_violations(violations)


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG in test-artifacts/screenshots/ for people to look at; returns its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
