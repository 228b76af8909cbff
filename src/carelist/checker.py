"""Load and check the baseline and the checklists: one call, one Dataset with every diagnostic and the valid model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from carelist.baseline_rules import check_baseline
from carelist.checklist_rules import check_dates, check_references, check_region, coverage_diagnostics
from carelist.construct import baseline_from_raw, checklist_from_raw
from carelist.diagnostics import Diagnostic, Report, display_path
from carelist.errors import CarelistError
from carelist.messages import diagnostic
from carelist.model import Baseline, Checklist, Text
from carelist.schema_check import check_schema
from carelist.text_check import check_text
from carelist.yaml_reader import Document, read_yaml

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


def discover(paths: list[Path]) -> list[Path]:
    """Files named on the command line, and the YAML files inside folders named there, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in CHECKLIST_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


def load_regions(schema_dir: Path) -> dict[str, Text]:
    doc, problems = read_yaml(schema_dir / "regions.yaml", "regions.yaml")
    if doc is None or not isinstance(doc.data, dict):
        raise CarelistError(f"regions.yaml is unreadable: {problems[0].message_en if problems else ''}")
    return {r["code"]: Text(r["zh"], r["en"]) for r in doc.data["regions"]}  # type: ignore[index]


def load_baseline(baseline_path: Path, schema_dir: Path, report: Report) -> Baseline | None:
    """Read and check the baseline; None (with the reasons in report) when it is not usable."""
    file = display_path(baseline_path)
    report.files.append(file)
    doc, problems = read_yaml(baseline_path, file)
    if doc is None:
        report.extend(problems)
        return None
    problems = check_schema(doc, file, schema_dir, "baseline.schema.json")
    if not problems:
        plan = (schema_dir / "plan_zh-Hans.txt").read_text(encoding="utf-8")
        problems = check_baseline(doc, file, doc.data, plan)  # type: ignore[arg-type]
    problems += check_text(doc, file, expect_english=False)
    report.extend(problems)
    if any(p.level == "error" for p in problems):
        return None
    return baseline_from_raw(doc.data)  # type: ignore[arg-type]


def _check_checklist(
    path: Path, baseline: Baseline | None, schema_dir: Path, regions: dict[str, Text]
) -> tuple[Checklist | None, Document | None, list[Diagnostic]]:
    file = display_path(path)
    doc, problems = read_yaml(path, file)
    if doc is None:
        return None, None, problems
    schema_problems = check_schema(doc, file, schema_dir, "checklist.schema.json")
    date_problems = check_dates(doc, file, doc.data)
    problems = schema_problems + check_text(doc, file) + date_problems
    if schema_problems or any(p.code == "date.invalid" for p in date_problems):  # the model cannot hold 2025-02-30
        return None, doc, problems
    raw = doc.data
    problems += check_region(doc, file, raw, regions, path)  # type: ignore[arg-type]
    if baseline is None:
        return None, doc, problems
    problems += check_references(doc, file, raw, baseline)  # type: ignore[arg-type]
    checklist = checklist_from_raw(raw, file, baseline)  # type: ignore[arg-type]
    problems += coverage_diagnostics(doc, checklist, baseline)
    return checklist, doc, problems


def check(paths: list[Path], *, baseline_path: Path | None = None, schema_dir: Path | None = None) -> Dataset:
    """Check the baseline and every checklist in paths; collect every problem before anyone acts on them."""
    schema_dir = schema_dir or default_schema_dir()
    report = Report()
    baseline = load_baseline(baseline_path or schema_dir / "baseline.yaml", schema_dir, report)
    if baseline is None:
        report.add(diagnostic("baseline.unusable", display_path(baseline_path or schema_dir / "baseline.yaml")))
    regions = load_regions(schema_dir)
    dataset = Dataset(baseline=baseline, report=report)
    by_code: dict[str, str] = {}
    for path in discover(paths):
        if not path.exists():
            report.add(diagnostic("file.missing", display_path(path), name=display_path(path)))
            continue
        checklist, doc, problems = _check_checklist(path, baseline, schema_dir, regions)
        report.files.append(display_path(path))
        report.extend(problems)
        if checklist is None:
            continue
        if checklist.code in by_code:
            line, col = doc.where(("region", "code")) if doc else (1, 1)
            report.add(
                diagnostic(
                    "file.duplicate_region", checklist.file, line, col, "region.code", code=checklist.code, other=by_code[checklist.code]
                )
            )
            continue
        by_code[checklist.code] = checklist.file
        dataset.checklists.append(checklist)
    return dataset
