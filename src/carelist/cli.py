"""The `carelist` command: validate, coverage, new, finder, and the commands other packages add (the site's build, serve).

Other packages add commands through the `carelist.commands` entry point group (see carelist.commands), so this
package never imports them: `carelist build` comes from carelist_site, which depends on this package, not the reverse.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NoReturn

from carelist import changes_command, coverage_format, finder_format, report_format
from carelist.checker import available_cores, check, default_schema_dir, load_regions
from carelist.commands import plugin_commands
from carelist.coverage import coverage_matrix
from carelist.eligibility import Move, Scenario, evaluate, region_rules
from carelist.errors import CarelistError
from carelist.scaffold import new_checklist
from carelist.schema_check import close_match, suggestion

DEFAULT_CHECKLISTS = Path("checklists")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, whose own usage errors (a missing value, an unknown choice or option) are in English only."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 命令参数有误（详见 {self.prog} --help） / error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="carelist",
        description="流动儿童关爱服务清单工具 / Tools for the care-service checklists for mobile children.",
    )
    parser.add_argument("--baseline", type=Path, help="national baseline YAML (default: the bundled schema/baseline.yaml)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    v = sub.add_parser("validate", help="检查清单 / check checklists against the schema and the national baseline")
    v.add_argument("paths", nargs="*", type=Path, help="files or folders (default: checklists/)")
    v.add_argument("--format", choices=sorted(report_format.FORMATS), default="text")
    changes_command.add_since_option(v)

    c = sub.add_parser("coverage", help="覆盖情况 / the region × baseline item matrix")
    c.add_argument("paths", nargs="*", type=Path, help="files or folders (default: checklists/)")
    c.add_argument("--format", choices=sorted(coverage_format.FORMATS), default="text")

    changes_command.add_parser(sub)

    n = sub.add_parser("new", help="新建清单 / start a checklist for a region, pre-filled with every baseline item")
    n.add_argument("code", help="six-digit GB/T 2260 region code, e.g. 440000")
    n.add_argument("--output", "-o", help="where to write (default: checklists/CODE.yaml; - for standard output)")
    n.add_argument("--force", action="store_true", help="overwrite an existing file")

    f = sub.add_parser("finder", help="服务查询 / what a child can get in a region: now, later, or after more checks")
    f.add_argument("--region", metavar="CODE", help="where the family lives now: a published region code, e.g. 440000")
    f.add_argument("--age", type=_whole_number("年龄", "age"), metavar="N", help="the child's age in full years (leave out if unknown)")
    f.add_argument("--months", type=_whole_number("居住月数", "months"), metavar="N", help="months lived there (leave out if unknown)")
    f.add_argument("--move", type=_move, metavar="|".join(m.value for m in Move), help="how the family moved there")
    f.add_argument("--situation", nargs="+", action="extend", default=[], metavar="ID", help="situations that apply, e.g. disability")
    f.add_argument("--lang", choices=finder_format.LANGUAGES, default="zh", help="language of the text output (default: zh)")
    f.add_argument("--format", choices=sorted(finder_format.FORMATS), default="text")
    f.add_argument("--checklists", type=Path, default=DEFAULT_CHECKLISTS, help="checklist folder or files (default: checklists/)")

    for command in plugin_commands():
        command.register(sub)
    return parser


def _validate(args: argparse.Namespace) -> int:
    # --since compares the checklists themselves, so it needs the models, not only the (cached) report
    paths = args.paths or [DEFAULT_CHECKLISTS]
    dataset = check(paths, baseline_path=args.baseline, report_only=not args.since, workers=available_cores())
    if not changes_command.check_since(args, paths, dataset):
        return EXIT_USAGE
    sys.stdout.write(report_format.FORMATS[args.format](dataset.report))
    return EXIT_OK if dataset.report.ok else EXIT_PROBLEMS


def _coverage(args: argparse.Namespace) -> int:
    dataset = check(args.paths or [DEFAULT_CHECKLISTS], baseline_path=args.baseline, workers=available_cores())
    if dataset.baseline is None:
        sys.stdout.write(report_format.as_text(dataset.report))
        return EXIT_PROBLEMS
    matrix = coverage_matrix(dataset.checklists, dataset.baseline)
    unusable = [d for d in dataset.report.errors if d.file not in {c.file for c in dataset.checklists}]
    # Files too broken to assess are listed as such, not dropped from the table.
    not_assessed = sorted({d.file for d in unusable} - {c.file for c in dataset.checklists})
    sys.stdout.write(coverage_format.FORMATS[args.format](matrix, not_assessed))
    if unusable:
        # Files too broken to assess must not vanish from the matrix silently.
        sys.stderr.write(report_format.as_text(dataset.report))
    return EXIT_OK if matrix.ok and not unusable else EXIT_PROBLEMS


def _new(args: argparse.Namespace) -> int:
    regions = load_regions(default_schema_dir())
    if args.code not in regions:
        zh, en = suggestion(args.code, sorted(regions))
        sys.stderr.write(f"未知的地区代码 {args.code}。{zh}\nUnknown region code {args.code}. {en}\n")
        return EXIT_USAGE
    dataset = check([], baseline_path=args.baseline)
    if dataset.baseline is None:
        sys.stderr.write(report_format.as_text(dataset.report))
        return EXIT_PROBLEMS
    text = new_checklist(args.code, regions[args.code], dataset.baseline, dt.date.today())
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(args.output) if args.output else DEFAULT_CHECKLISTS / f"{args.code}.yaml"
    if target.exists() and not args.force:
        sys.stderr.write(f"{target} 已存在，未覆盖（需要覆盖请加 --force）。\n{target} exists; not overwritten (use --force).\n")
        return EXIT_USAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    sys.stdout.write(
        f"已创建 {target}：把每个 TODO 换成本地区的内容，然后运行 carelist validate {target}\n"
        f"Created {target}: replace every TODO with your region's content, then run carelist validate {target}\n"
    )
    return EXIT_OK


def _whole_number(zh: str, en: str) -> Callable[[str], int]:
    """An argparse type for ages and months: a whole number from 0 to 999, as the finder page reads them."""

    def parse(value: str) -> int:
        # At most three digits, like finder.js: int() of thousands of digits would raise an English-only error.
        if not re.fullmatch(r"[0-9]{1,3}", value):
            raise argparse.ArgumentTypeError(
                f"{zh}必须是 0 到 999 之间的整数，不能是 {value[:20]!r} / {en} must be a whole number from 0 to 999, not {value[:20]!r}"
            )
        return int(value)

    return parse


def _move(value: str) -> Move:
    """An argparse type for --move, refused in both languages."""
    try:
        return Move(value)
    except ValueError:
        allowed = ", ".join(m.value for m in Move)
        raise argparse.ArgumentTypeError(
            f"搬迁方式只能是 {allowed}，不能是 {value!r} / --move must be one of {allowed}, not {value!r}"
        ) from None


def _did_you_mean(zh: str, en: str, word: str, allowed: Iterable[str]) -> tuple[str, str]:
    """Two sentences, zh and en, each ending with a suggestion when one is close."""
    close = close_match(word, allowed)
    return (f"{zh}。是不是想写 {close}？", f"{en}. Did you mean {close}?") if close else (f"{zh}。", f"{en}.")


def _finder(args: argparse.Namespace) -> int:
    """The finder's answer for one family, from the validated checklists (the same data the site publishes)."""
    dataset = check([args.checklists], baseline_path=args.baseline)
    if dataset.baseline is None or not dataset.report.ok:
        sys.stderr.write(report_format.as_text(dataset.report))
        sys.stderr.write("清单有错误，无法查询。 / The checklists have errors, so the finder cannot answer.\n")
        return EXIT_PROBLEMS
    published = {c.code: c for c in dataset.checklists}
    codes = ", ".join(sorted(published))
    if args.region not in published:
        known = load_regions(default_schema_dir()).get(args.region or "")
        if not args.region:
            zh, en = "请用 --region 指定现在居住的地区。", "Give the region where the family lives now with --region."
        elif known:
            zh, en = f"{known.zh}（{args.region}）还没有发布清单。", f"{known.en} ({args.region}) has not published a list yet."
        else:
            zh, en = _did_you_mean(
                f"没有已发布的地区代码 {args.region}", f"No published region has the code {args.region}", args.region, published
            )
        sys.stderr.write(f"{zh}已发布的地区：{codes or '无'}\n{en} Published regions: {codes or 'none'}\n")
        return EXIT_USAGE
    allowed = [s.id for s in dataset.baseline.situations]
    for situation in args.situation:
        if situation not in allowed:
            zh, en = _did_you_mean(f"未知的情况 {situation}", f"Unknown situation {situation}", situation, allowed)
            sys.stderr.write(f"{zh}可用的有：{', '.join(allowed)}\n{en} Allowed: {', '.join(allowed)}\n")
            return EXIT_USAGE
    scenario = Scenario(args.region, args.age, args.months, args.move, frozenset(args.situation))
    rules = region_rules(published[args.region], dataset.baseline)
    sys.stdout.write(finder_format.FORMATS[args.format](evaluate(rules, scenario), scenario, rules, dataset.baseline, args.lang))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"validate": _validate, "coverage": _coverage, "new": _new, "finder": _finder}
COMMANDS["changes"] = changes_command.run


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 problems found, 2 usage or setup error)."""
    for stream in (sys.stdout, sys.stderr):
        # A GBK or ASCII console must not turn a report into a UnicodeEncodeError traceback.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    try:
        return args.run(args) if "run" in args else COMMANDS[args.command](args)
    except CarelistError as exc:
        sys.stderr.write(f"carelist: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
