"""`carelist changes` and the `--since` check of `carelist validate`: the command-line side of revisions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from carelist import changes_format, report_format
from carelist.checker import Dataset, check, default_schema_dir
from carelist.git_files import GitUnavailable
from carelist.since import changes_since, version_rules

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_CHECKLISTS = Path("checklists")


def add_parser(sub: Any) -> None:
    c = sub.add_parser("changes", help="修订内容 / what changed since a git revision, in plain words")
    c.add_argument("paths", nargs="*", type=Path, help="files or folders (default: checklists/)")
    c.add_argument("--since", default="HEAD", metavar="REF", help="git revision to compare with (default: HEAD)")
    c.add_argument("--format", choices=sorted(changes_format.FORMATS), default="text")


def add_since_option(validate: argparse.ArgumentParser) -> None:
    validate.add_argument(
        "--since", metavar="REF", help="also refuse content changes since REF without a higher document.version, and going back"
    )


def run(args: argparse.Namespace) -> int:
    paths = args.paths or [DEFAULT_CHECKLISTS]
    dataset = check(paths, baseline_path=args.baseline)
    if dataset.baseline is None:
        sys.stderr.write(report_format.as_text(dataset.report))
        return EXIT_PROBLEMS
    try:
        result = changes_since(args.since, paths, dataset, default_schema_dir())
    except GitUnavailable as exc:
        sys.stderr.write(f"无法比较：{exc.zh} / Cannot compare: {exc.en}\n")
        return EXIT_USAGE
    sys.stdout.write(changes_format.FORMATS[args.format](result, dataset.baseline))
    if not dataset.report.ok:
        # A file that does not validate now has no changes to show: say so rather than leave it out silently.
        sys.stderr.write(report_format.as_text(dataset.report))
        return EXIT_PROBLEMS
    return EXIT_OK


def check_since(args: argparse.Namespace, paths: list[Path], dataset: Dataset) -> bool:
    """Add the version rules against args.since to dataset's report; False when git cannot answer (said on stderr)."""
    if not args.since or dataset.baseline is None:
        return True
    try:
        result = changes_since(args.since, paths, dataset, default_schema_dir())
    except GitUnavailable as exc:
        sys.stderr.write(f"无法检查版本号：{exc.zh} / Cannot check versions: {exc.en}\n")
        return False
    dataset.report.extend(version_rules(result, dataset))
    return True
