"""`carelist serve`: build, serve the output on this machine only, and rebuild when a source changes."""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from carelist import report_format
from carelist.errors import CarelistError
from carelist_site.build import BuildResult, build
from carelist_site.site_settings import read_site_settings

LOOPBACK_NAMES = {"localhost"}


def require_loopback(host: str) -> None:
    """A preview server is for the person editing: it never listens on a network others can reach."""
    if host in LOOPBACK_NAMES:
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise CarelistError(f"carelist serve only listens on this machine (127.0.0.1, ::1, localhost), not {host!r}")


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with UTF-8 types, no caching, the site's own 404 page, and quiet logs (errors only)."""

    # typeshed declares extensions_map an instance attribute, so no ClassVar here.
    extensions_map = {  # noqa: RUF012
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".xml": "application/xml; charset=utf-8",
        ".json": "application/json; charset=utf-8",
        ".svg": "image/svg+xml",
        ".txt": "text/plain; charset=utf-8",
        # The search engine's WebAssembly is compiled while it streams in only when served with its own type.
        ".wasm": "application/wasm",
        ".mjs": "text/javascript; charset=utf-8",
    }
    language_prefixes: tuple[str, ...] = ("",)
    access_log = False  # log every request, not only the failed ones

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        path = self.path.lstrip("/")
        prefix = max((p for p in self.language_prefixes if path.startswith(p)), key=len, default="")
        page = Path(self.directory) / prefix / "404.html"
        return page if page.is_file() else None

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.access_log or (isinstance(code, int) and code >= 400):
            super().log_request(code, size)


class _Server6(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def _say(result: BuildResult) -> None:
    if result.built:
        extra = f"; {report_format.summary(result.report)}" if result.report.diagnostics else ""
        print(f"Built {result.pages} pages into {result.output} in {result.seconds:.1f} s{extra}", flush=True)
    else:
        sys.stdout.write(report_format.as_text(result.report))
        print("Not rebuilt: fix the errors above; the previous site is still being served.", flush=True)


def _build_and_say(run: Callable[[], BuildResult]) -> None:
    try:
        _say(run())
    except CarelistError as exc:
        print(f"carelist: {exc}", file=sys.stderr, flush=True)


def serve(
    settings_file: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    output: Path | None = None,
    checklists: Path | None = None,
    baseline: Path | None = None,
    access_log: bool = False,
    workers: int | None = None,
    use_cache: bool = True,
    history: bool = True,
) -> int:
    import watchfiles

    require_loopback(host)
    settings = read_site_settings(settings_file)
    target = (output or Path(settings["OUTPUT_PATH"])).resolve()
    # Each rebuild reuses what the previous one made from unchanged inputs (the build cache), so an edit to one
    # checklist remakes only the pages that show it and the pages that show every region.
    run = partial(
        build,
        settings_file,
        output=target,
        checklists=checklists,
        baseline=baseline,
        workers=workers,
        use_cache=use_cache,
        history=history,
        background_cleanup=True,
    )
    _build_and_say(run)

    prefixes = tuple(lang["prefix"] for lang in settings.get("CARELIST_LANGUAGES", ()))
    handler: Any = type("Handler", (SiteHandler,), {"language_prefixes": prefixes, "access_log": access_log})
    server_class = _Server6 if ":" in host else ThreadingHTTPServer
    target.mkdir(parents=True, exist_ok=True)
    try:
        server = server_class((host, port), partial(handler, directory=str(target)))
    except OSError as exc:
        raise CarelistError(f"cannot listen on {host}:{port} ({exc.strerror}); try another --port") from exc
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]  # the one the system chose when asked for port 0
    shown_host = f"[{host}]" if ":" in host else host
    print(f"Serving http://{shown_host}:{port}/ (English: http://{shown_host}:{port}/en/). Press Ctrl+C to stop.", flush=True)

    watched = [
        checklists or Path(settings.get("CARELIST_CHECKLISTS", "checklists")),
        Path(settings.get("CARELIST_SCHEMA_DIR") or "schema"),
        Path(settings["PATH"]),
        Path(settings["THEME"]),
        settings_file,
    ]
    try:
        for changes in watchfiles.watch(*(p for p in watched if p.exists())):
            names = sorted({Path(name).name for _change, name in changes})
            print(f"Changed: {', '.join(names)}; rebuilding…", flush=True)
            _build_and_say(run)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
