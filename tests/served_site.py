"""The fixture site, built and served by `carelist serve` itself on a free port of 127.0.0.1, once per test session.

The site, search and browser tests all read this one build: the site tests parse its files, the browser tests load
it through the same server an editor previews with. Its log (the build's output and every request) is kept for
the report of a failed test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ROOT / "pelican.conf.py"
# The tests' own data: never the published samples in checklists/, which editors may change at any time.
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_CHECKLISTS = FIXTURES / "checklists"
START_TIMEOUT = 300  # seconds: a cold build on a busy 2-core machine
_SERVING = re.compile(r"^Serving (?P<url>http://\S+/) ")


@dataclass
class ServedSite:
    """A running `carelist serve`: the folder it built, its address and its log."""

    root: Path
    url: str = ""  # "http://127.0.0.1:PORT/"
    log: list[str] = field(default_factory=list)
    process: subprocess.Popen[str] | None = None

    def __call__(self, path: str = "") -> str:
        """server("en/regions/440000/") -> the full URL of a path of the site."""
        return self.url + path.lstrip("/")

    def is_local(self, url: str) -> bool:
        return url.startswith(self.url) or url.startswith(("data:", "blob:", "about:"))

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class ServerFailed(RuntimeError):
    pass


def start(output: Path, checklists: Path = FIXTURE_CHECKLISTS) -> ServedSite:
    """Build the fixture site into output with `carelist serve --port 0` and wait until it serves (or fail with its log)."""
    site = ServedSite(root=output)
    command = [sys.executable, "-m", "carelist", "serve", "--settings", str(SETTINGS), "--checklists", str(checklists)]
    # Without git history: the expected tree must not depend on which commits a clone has (tests/site/test_site_revisions.py
    # builds revisions from a repository of its own).
    command += ["--output", str(output), "--port", "0", "--access-log", "--no-history"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    site.process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    ready = threading.Event()

    def read() -> None:
        assert site.process and site.process.stdout
        for line in site.process.stdout:
            site.log.append(line.rstrip("\n"))
            if m := _SERVING.match(line):
                site.url = m["url"]
                ready.set()
        ready.set()  # the process ended

    threading.Thread(target=read, name="carelist-serve-log", daemon=True).start()
    deadline = time.monotonic() + START_TIMEOUT
    while not ready.wait(timeout=1) and time.monotonic() < deadline:
        pass
    built = any(line.startswith("Built ") for line in site.log)
    if not site.url or not built:
        site.close()
        shown = "\n".join(site.log[-60:]) or "(no output)"
        raise ServerFailed(f"carelist serve did not build and serve the fixture site:\n{shown}")
    return site
