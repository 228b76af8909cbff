"""`carelist build` and `carelist serve`, added to the carelist command through the `carelist.commands` entry points.

Pelican is imported only when one of them runs, so the other commands start fast and need no site dependencies.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from carelist import report_format

EXIT_OK, EXIT_PROBLEMS = 0, 1
SITE_EXTRA_HINT = "pip install 'carelist[site]'"


def _require_site_packages() -> None:
    """The validator-only install (pre-commit, the pull-request check) has no Pelican: say how to get it."""
    from importlib.util import find_spec

    from carelist.errors import CarelistError

    missing = [name for name in ("pelican", "markdown", "nh3", "babel", "zxingcpp") if find_spec(name) is None]
    if missing:
        raise CarelistError(f"building the site needs {', '.join(missing)}: {SITE_EXTRA_HINT} / 生成网站需要先安装：{SITE_EXTRA_HINT}")


def _site_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--settings", type=Path, default=Path("pelican.conf.py"), help="Pelican settings (default: pelican.conf.py)")
    options.add_argument("--checklists", type=Path, help="checklist folder (default: CARELIST_CHECKLISTS, i.e. checklists/)")
    options.add_argument("--output", "-o", type=Path, help="site folder (default: OUTPUT_PATH, i.e. output/)")
    options.add_argument("--workers", type=_positive, help="processes that make the pages (default: CARELIST_WORKERS, else one per core)")
    options.add_argument("--no-cache", action="store_true", help="make every file anew instead of reusing unchanged ones from cache/")
    options.add_argument(
        "--no-history", dest="history", action="store_false", help="do not read the revisions from git (the revisions pages say so)"
    )
    return options


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {text!r} / 须为不小于 1 的整数")
    return value


def register_build(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "build", parents=[_site_options()], help="生成网站 / validate, then build the site; invalid data leaves the old site untouched"
    )
    p.add_argument("--timings", action="store_true", help="print the seconds each stage of the build took")
    p.set_defaults(run=_build)


def register_serve(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("serve", parents=[_site_options()], help="预览网站 / build, serve on this machine and rebuild on changes")
    p.add_argument("--host", default="127.0.0.1", help="loopback address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one and prints it)")
    p.add_argument("--access-log", action="store_true", help="log every request, not only failed ones")
    p.set_defaults(run=_serve)


def _build(args: argparse.Namespace) -> int:
    _require_site_packages()
    from carelist_site.build import build

    result = build(
        args.settings,
        output=args.output,
        checklists=args.checklists,
        baseline=args.baseline,
        workers=args.workers,
        use_cache=not args.no_cache,
        history=args.history,
    )
    if not result.built:
        sys.stdout.write(report_format.as_text(result.report))
        sys.stderr.write(f"网站未生成，{result.output} 保持不变。 / Site not built; {result.output} is unchanged.\n")
        return EXIT_PROBLEMS
    if result.report.diagnostics:
        sys.stdout.write(report_format.summary(result.report) + " (carelist validate)\n")
    for warning in result.warnings:
        sys.stderr.write(f"pelican: {warning}\n")
    for notice in result.notices:
        sys.stderr.write(notice + "\n")
    sys.stdout.write(f"已生成 {result.pages} 个页面 / Built {result.pages} pages into {result.output} in {result.seconds:.1f} s\n")
    if result.search:
        indexed = sum(result.search.pages.values())
        sys.stdout.write(
            f"搜索索引收录 {indexed} 项服务，{result.search.files} 个文件 / Search index: {indexed} services in "
            f"{result.search.files} files, {result.search.bytes / 1e6:.1f} MB, {result.search.seconds:.1f} s\n"
        )
        for note in result.search.notes:
            sys.stderr.write(f"search: {note}\n")
    if args.timings:
        sys.stdout.write("各阶段用时 / Time per stage:\n" + "\n".join(result.timings.lines()) + "\n")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    _require_site_packages()
    from carelist_site.serve import serve

    return serve(
        args.settings,
        host=args.host,
        port=args.port,
        output=args.output,
        checklists=args.checklists,
        baseline=args.baseline,
        access_log=args.access_log,
        workers=args.workers,
        use_cache=not args.no_cache,
        history=args.history,
    )
