"""Load and check the baseline and the checklists: one call, one Dataset with every diagnostic and the valid model."""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carelist import report_cache
from carelist.baseline_rules import check_baseline
from carelist.checklist_rules import check_dates, check_references, check_region, coverage_diagnostics
from carelist.construct import baseline_from_raw, checklist_from_raw
from carelist.diagnostics import Diagnostic, Report, display_path
from carelist.errors import CarelistError
from carelist.messages import Sink, diagnostic
from carelist.model import Baseline, Checklist, Text
from carelist.schema_check import check_schema, prepare_schema
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
    checklist = None if broken else checklist_from_raw(raw, sink.file, baseline, "\n".join(doc.lines))
    coverage_diagnostics(sink, raw, baseline, broken, checklist)
    return checklist, sink


# One checklist's diagnostics, region code (None when unusable), where the code is written, and model (None when invalid).
FileResult = tuple[list[Diagnostic], str | None, tuple[int, int], Checklist | None]
# Below this many files, starting processes costs more than it saves.
PARALLEL_FROM = 8


def available_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _file_result(path: Path, baseline: Baseline | None, schema_dir: Path, regions: dict[str, Text]) -> FileResult:
    checklist, sink = _check_checklist(path, baseline, schema_dir, regions)
    where = sink.doc.where(("region", "code")) if sink.doc else (1, 1)
    return sink.diagnostics(), checklist.code if checklist else None, where, checklist


# What the forked workers check against (set only while a pool runs): inherited, not sent with every file.
_SHARED: tuple[Baseline | None, Path, dict[str, Text]] | None = None


def _file_result_in_worker(path: Path) -> FileResult:
    assert _SHARED is not None
    return _file_result(path, *_SHARED)


def check_files(
    paths: list[Path],
    baseline: Baseline | None,
    schema_dir: Path,
    regions: dict[str, Text],
    workers: int = 1,
    meanwhile: Callable[[], object] | None = None,
) -> list[FileResult]:
    """Each checklist's result, in the order of paths; in forked worker processes when there are enough files.

    meanwhile: work for this process while the workers check (never called when there are none)."""
    global _SHARED
    if workers <= 1 or len(paths) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [_file_result(path, baseline, schema_dir, regions) for path in paths]
    prepare_schema(schema_dir)  # compiled once, here, for every worker to inherit
    _SHARED = (baseline, schema_dir, regions)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            # Every file is handed out (and every worker forked) before map returns.
            results = pool.map(_file_result_in_worker, paths, chunksize=max(1, len(paths) // (workers * 4)))
            if meanwhile is not None:
                meanwhile()
            return list(results)
    finally:
        _SHARED = None


def _cache_name(path: Path, named_as_checklist: bool, schema_dir: Path, baseline_path: Path) -> str | None:
    """The report cache's key for a regular file of readable size, else None (read afresh every time)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return report_cache.key(path.read_bytes(), path, named_as_checklist, schema_dir, baseline_path)
    except OSError:
        return None


def check(
    paths: list[Path],
    *,
    baseline_path: Path | None = None,
    schema_dir: Path | None = None,
    report_only: bool = False,
    workers: int = 1,
    meanwhile: Callable[[], object] | None = None,
) -> Dataset:
    """Check the baseline and every checklist in paths; collect every problem before anyone acts on them.

    report_only: only the report is wanted (no models in the dataset), so files seen before come from the cache.
    workers: processes to check files in, when there are enough files for it to pay. meanwhile: see check_files."""
    schema_dir = schema_dir or default_schema_dir()
    baseline_path = baseline_path or schema_dir / "baseline.yaml"
    report = Report()
    baseline = load_baseline(baseline_path, schema_dir, report)
    if baseline is None:
        report.add(diagnostic("baseline.unusable", display_path(baseline_path)))
    regions = load_regions(schema_dir)
    dataset = Dataset(baseline=baseline, report=report)
    folder = report_cache.cache_dir() if report_only and baseline is not None else None
    # First what each file is (missing, misnamed, known to the cache, to check), then the checks, then the report in
    # the files' order: the checks may run in several processes, the report never depends on which finished first.
    found: list[tuple[Path, str, Diagnostic | FileResult | None, str | None]] = []
    for path, named_as_checklist in discover(paths):
        file = display_path(path)
        if not path.exists():
            found.append((path, file, diagnostic("file.missing", file, name=file), None))
        elif named_as_checklist and (name := right_name(path)):
            found.append((path, file, diagnostic("file.not_checklist", file, name=path.name, right=name), None))
        else:
            cached = _cache_name(path, named_as_checklist, schema_dir, baseline_path) if folder else None
            entry = report_cache.load(folder, cached, file) if folder and cached else None
            found.append((path, file, (*entry, None) if entry else None, cached))
    to_check = [path for path, _file, known, _cached in found if known is None]
    checked = iter(check_files(to_check, baseline, schema_dir, regions, workers, meanwhile))
    by_code: dict[str, str] = {}
    for _path, file, known, cached in found:
        if isinstance(known, Diagnostic):
            report.add(known)
            continue
        result = known or next(checked)
        diagnostics, code, (line, col), checklist = result
        if known is None and folder and cached:
            report_cache.store(folder, cached, (diagnostics, code, (line, col)))
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
