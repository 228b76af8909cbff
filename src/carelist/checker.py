"""Load and check the baseline and the checklists: one call, one Dataset with every diagnostic and the valid model."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carelist import report_cache
from carelist.baseline_rules import check_baseline
from carelist.checklist_rules import check_dates, check_references, check_region, coverage_diagnostics
from carelist.construct import baseline_from_raw, checklist_from_raw
from carelist.diagnostics import Report, display_path
from carelist.errors import CarelistError
from carelist.messages import Sink, diagnostic
from carelist.model import Baseline, Checklist, Text
from carelist.schema_check import check_schema
from carelist.text_check import check_text
from carelist.yaml_reader import MAX_BYTES, read_yaml

CHECKLIST_SUFFIXES = (".yaml", ".yml")


def default_schema_dir() -> Path:
    """The schema folder shipped inside the package, or the repository's own when running from a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schema", here.parents[1] / "schema"):
        if (candidate / "checklist.schema.json").is_file():
            return candidate
    raise CarelistError("schema/ not found: reinstall carelist / 找不到 schema/ 目录，请重新安装 carelist")


@dataclass
class Dataset:
    """Everything read: the baseline and the checklists that are valid enough to use, and the report."""

    baseline: Baseline | None
    checklists: list[Checklist] = field(default_factory=list)
    report: Report = field(default_factory=Report)


def discover(paths: list[Path]) -> list[tuple[Path, bool]]:
    """Files named on the command line, and every file inside folders named there, in a stable order.

    Each comes with whether it must be named as a checklist: so it must inside a folder, or in one called checklists/
    (pre-commit names each changed file), while a file named on its own elsewhere is read whatever its name."""
    found: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            # Dot files (.gitkeep, .DS_Store) are the system's, not an editor's; everything else is looked at.
            found += sorted((p, True) for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        else:
            found.append((path, path.parent.name == "checklists"))
    return found


_CODE_PREFIX = re.compile(r"^([1-9][0-9]{5})")


def right_name(path: Path) -> str | None:
    """The name a file should have to be read as a checklist, or None when it already has it."""
    if path.suffix in CHECKLIST_SUFFIXES:
        return None
    name = path.name
    lowered = name.lower()
    for suffix in CHECKLIST_SUFFIXES:
        if suffix in lowered:  # 420000.YAML, 420000.yaml.txt, 420000.Yml.bak
            return name[: lowered.index(suffix)] + ".yaml"
    m = _CODE_PREFIX.match(name)
    return f"{m[1]}.yaml" if m else "CODE.yaml"


def load_regions(schema_dir: Path) -> dict[str, Text]:
    doc, problems = read_yaml(schema_dir / "regions.yaml", "regions.yaml")
    if doc is None or not isinstance(doc.data, dict):
        raise CarelistError(f"regions.yaml is unreadable: {problems[0].message_en if problems else ''}")
    return {r["code"]: Text(r["zh"], r["en"]) for r in doc.data["regions"]}


def load_baseline(baseline_path: Path, schema_dir: Path, report: Report) -> Baseline | None:
    """Read and check the baseline; None (with the reasons in report) when it is not usable."""
    sink = Sink(display_path(baseline_path))
    doc, problems = read_yaml(baseline_path, sink.file)
    sink.extend(problems)
    if doc is not None:
        sink.doc = doc
        broken = check_schema(doc, sink, schema_dir, "baseline.schema.json")
        if not broken:
            check_baseline(sink, doc.data, (schema_dir / "plan_zh-Hans.txt").read_text(encoding="utf-8"))  # type: ignore[arg-type]
        check_text(doc, sink, expect_english=False, quotes_allowed=True)
    report.extend(sink.diagnostics())
    if doc is None or sink.has_errors:
        return None
    return baseline_from_raw(doc.data)  # type: ignore[arg-type]


def _check_checklist(path: Path, baseline: Baseline | None, schema_dir: Path, regions: dict[str, Text]) -> tuple[Checklist | None, Sink]:
    """Every problem of one checklist; the model too when the schema and the calendar let it be built."""
    sink = Sink(display_path(path))
    doc, problems = read_yaml(path, sink.file)
    sink.extend(problems)
    if doc is None:
        return None, sink
    sink.doc = doc
    raw: dict[str, Any] = doc.data  # type: ignore[assignment]
    # Each check looks past the subtrees the schema found broken, so one mistake does not hide the others.
    broken = check_schema(doc, sink, schema_dir, "checklist.schema.json")
    check_text(doc, sink)
    broken |= check_dates(doc, sink, raw)
    check_region(sink, raw, regions, path, broken)
    if baseline is None:
        return None, sink
    check_references(sink, raw, baseline, broken)
    checklist = None if broken else checklist_from_raw(raw, sink.file, baseline)
    coverage_diagnostics(sink, raw, baseline, broken, checklist)
    return checklist, sink


def _cache_name(path: Path, named_as_checklist: bool, schema_dir: Path, baseline_path: Path) -> str | None:
    """The report cache's key for a regular file of readable size, else None (read afresh every time)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return report_cache.key(path.read_bytes(), path, named_as_checklist, schema_dir, baseline_path)
    except OSError:
        return None


def check(paths: list[Path], *, baseline_path: Path | None = None, schema_dir: Path | None = None, report_only: bool = False) -> Dataset:
    """Check the baseline and every checklist in paths; collect every problem before anyone acts on them.

    report_only: only the report is wanted (no models in the dataset), so files seen before come from the cache."""
    schema_dir = schema_dir or default_schema_dir()
    baseline_path = baseline_path or schema_dir / "baseline.yaml"
    report = Report()
    baseline = load_baseline(baseline_path, schema_dir, report)
    if baseline is None:
        report.add(diagnostic("baseline.unusable", display_path(baseline_path)))
    regions = load_regions(schema_dir)
    dataset = Dataset(baseline=baseline, report=report)
    folder = report_cache.cache_dir() if report_only and baseline is not None else None
    by_code: dict[str, str] = {}
    for path, named_as_checklist in discover(paths):
        file = display_path(path)
        if not path.exists():
            report.add(diagnostic("file.missing", file, name=file))
            continue
        if named_as_checklist and (name := right_name(path)):
            report.add(diagnostic("file.not_checklist", file, name=path.name, right=name))
            continue
        cached = _cache_name(path, named_as_checklist, schema_dir, baseline_path) if folder else None
        entry = report_cache.load(folder, cached, file) if folder and cached else None
        checklist = None
        if entry is None:
            checklist, sink = _check_checklist(path, baseline, schema_dir, regions)
            where = sink.doc.where(("region", "code")) if sink.doc else (1, 1)
            entry = (sink.diagnostics(), checklist.code if checklist else None, where)
            if folder and cached:
                report_cache.store(folder, cached, entry)
        diagnostics, code, (line, col) = entry
        report.files.append(file)
        report.extend(diagnostics)
        if code is None:
            continue
        if code in by_code:
            report.add(diagnostic("file.duplicate_region", file, line, col, "region.code", code=code, other=by_code[code]))
            continue
        by_code[code] = file
        if checklist is not None and not report_only:
            dataset.checklists.append(checklist)
    return dataset
