"""Checks the schema cannot express: known regions and items, file names, dates, and coverage of the baseline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from carelist.coverage import Cell, Verdict, judge_definition, judge_service
from carelist.diagnostics import Diagnostic
from carelist.messages import diagnostic
from carelist.model import Baseline, Checklist, Definition, Text
from carelist.schema_check import suggestion
from carelist.yaml_reader import Document, PathKey, format_path


class _Collector:
    def __init__(self, doc: Document, file: str) -> None:
        self.doc, self.file, self.found = doc, file, []  # type: tuple[Document, str, list[Diagnostic]]

    def add(self, code: str, path: PathKey, /, *, at_key: bool = False, **params: object) -> None:
        line, col = self.doc.where(path, key=at_key)
        self.found.append(diagnostic(code, self.file, line, col, format_path(path), **params))


def _date_paths(raw: Any) -> list[PathKey]:
    """Where a checklist holds dates: the document's, its history's, and each service's `revised`."""
    if not isinstance(raw, dict):
        return []
    paths: list[PathKey] = []
    document = raw.get("document")
    if isinstance(document, dict):
        paths += [("document", "published"), ("document", "effective")]
        history = document.get("history")
        paths += [("document", "history", i, "date") for i in range(len(history))] if isinstance(history, list) else []
    services = raw.get("services")
    paths += [("services", item_id, "revised") for item_id in services] if isinstance(services, dict) else []
    local = raw.get("local_items")
    paths += [("local_items", i, "revised") for i in range(len(local))] if isinstance(local, list) else []
    return paths


def _lookup(raw: Any, path: PathKey) -> Any:
    for part in path:
        if isinstance(raw, dict) and isinstance(part, str):
            raw = raw.get(part)
        elif isinstance(raw, list) and isinstance(part, int) and part < len(raw):
            raw = raw[part]
        else:
            return None
    return raw


def check_dates(doc: Document, file: str, raw: Any) -> list[Diagnostic]:
    """Dates the pattern accepts but the calendar does not (2025-02-30), and effective before published."""
    c = _Collector(doc, file)
    dates: dict[PathKey, dt.date] = {}
    for path in _date_paths(raw):
        value = _lookup(raw, path)
        if isinstance(value, str) and len(value) == 10:
            try:
                dates[path] = dt.date.fromisoformat(value)
            except ValueError:
                c.add("date.invalid", path, value=value)
    published, effective = dates.get(("document", "published")), dates.get(("document", "effective"))
    if published and effective and effective < published:
        c.add("date.order", ("document", "effective"), effective=effective, published=published)
    return c.found


def check_region(doc: Document, file: str, raw: dict[str, Any], regions: dict[str, Text], path: Path) -> list[Diagnostic]:
    """The region code is a known division, its name matches, and the file is named after it."""
    c = _Collector(doc, file)
    code = raw["region"]["code"]
    if code not in regions:
        zh, en = suggestion(code, sorted(regions))
        c.add("region.unknown", ("region", "code"), code=code, suggest_zh=zh, suggest_en=en)
    elif raw["region"]["name"]["zh"] != regions[code].zh:
        c.add("region.name", ("region", "name", "zh"), name=raw["region"]["name"]["zh"], code=code, expected=regions[code].zh)
    if path.stem != code:
        c.add("file.name_mismatch", ("region", "code"), name=path.name, code=code)
    return c.found


def check_references(doc: Document, file: str, raw: dict[str, Any], baseline: Baseline) -> list[Diagnostic]:
    """Item ids, value keys, choices, categories and situations all exist in the baseline."""
    c = _Collector(doc, file)
    items = {i.id: i for i in baseline.items}
    categories = [cat.id for cat in baseline.categories]
    situations = [s.id for s in baseline.situations]

    def check_eligibility(path: PathKey, rules: dict[str, Any]) -> None:
        for group in ("all_of", "any_of"):
            for index, sid in enumerate(rules.get(group, ())):
                if sid not in situations:
                    c.add("situation.unknown", (*path, "eligibility", group, index), id=sid, allowed=", ".join(situations))
        if rules.get("min_age") is not None and rules.get("below_age") is not None and rules["min_age"] >= rules["below_age"]:
            c.add("eligibility.age_order", (*path, "eligibility"), min_age=rules["min_age"], below_age=rules["below_age"])

    for item_id, entry in raw["services"].items():
        path: PathKey = ("services", item_id)
        if item_id not in items:
            zh, en = suggestion(item_id, list(items))
            c.add("item.unknown", path, at_key=True, id=item_id, suggest_zh=zh, suggest_en=en)
            continue
        floors = {f.key: f for f in items[item_id].floors}
        for key, value in entry.get("values", {}).items():
            if key not in floors:
                zh, en = suggestion(key, list(floors))
                c.add("value.unknown", (*path, "values", key), at_key=True, key=key, item=item_id, suggest_zh=zh, suggest_en=en)
            elif floors[key].choices and isinstance(value, list):
                allowed = [ch.id for ch in floors[key].choices]
                for index, v in enumerate(value):
                    if v not in allowed:
                        c.add("value.choice", (*path, "values", key, index), key=key, value=v, allowed=", ".join(allowed))
        check_eligibility(path, entry.get("eligibility", {}))

    seen: set[str] = set()
    for index, entry in enumerate(raw.get("local_items", ())):
        path = ("local_items", index)
        if entry["id"] in items:
            c.add("item.local_id_clash", (*path, "id"), id=entry["id"])
        elif entry["id"] in seen:
            c.add("item.local_id_duplicate", (*path, "id"), id=entry["id"])
        seen.add(entry["id"])
        if entry["category"] not in categories:
            c.add("category.unknown", (*path, "category"), id=entry["category"], allowed=", ".join(categories))
        check_eligibility(path, entry.get("eligibility", {}))
    return c.found


def coverage_diagnostics(doc: Document, checklist: Checklist, baseline: Baseline) -> list[Diagnostic]:
    """Missing items and values below a floor, each on the line an editor must change."""
    c = _Collector(doc, checklist.file)
    definition: Definition = baseline.definition
    cells: list[tuple[PathKey, Cell]] = [(("definition",), judge_definition(definition, checklist.definition))]
    cells += [(("services", i.id), judge_service(i, checklist.services.get(i.id), definition)) for i in baseline.items]
    for path, cell in cells:
        if cell.verdict is Verdict.MISSING:
            item = baseline.item(cell.item_id)
            c.add("coverage.missing", ("services",), at_key=True, id=item.id, title_zh=item.title.zh, title_en=item.title.en)
            continue
        for f in cell.findings:
            if f.verdict is not Verdict.BELOW:
                continue
            section = () if f.section == "definition" else (f.section,)
            target = (*path, *section, f.key) if f.key else path
            if f.section == "values" and f.key not in checklist.services[cell.item_id].values:
                floor = next(fl for fl in baseline.item(cell.item_id).floors if fl.key == f.key)
                c.add(
                    "coverage.value_missing",
                    (*path, "values"),
                    key=f.key,
                    label_zh=floor.label.zh,
                    label_en=floor.label.en,
                    example=floor.example(),
                )
            else:
                c.add("coverage.below", target, reason_zh=f.reason.zh, reason_en=f.reason.en)
    _check_residence_permit(c, checklist, baseline)
    return c.found


def _check_residence_permit(c: _Collector, checklist: Checklist, baseline: Baseline) -> None:
    """The residence permit section against the baseline's national floor (Interim Regulations on Residence Permits)."""
    floor, permit = baseline.residence_permit, checklist.residence_permit
    if floor is None or permit is None:
        return
    if permit.min_residence_months > floor.max_residence_months:
        c.add(
            "coverage.below",
            ("residence_permit", "min_residence_months"),
            reason_zh=f"申领居住证要求居住 {permit.min_residence_months} 个月，全国底线是最多 {floor.max_residence_months} 个月",
            reason_en=(
                f"the residence permit asks for {permit.min_residence_months} months of residence; "
                f"the national floor is at most {floor.max_residence_months}"
            ),
        )
    if permit.processing_days > floor.max_processing_days:
        c.add(
            "coverage.below",
            ("residence_permit", "processing_days"),
            reason_zh=f"居住证办理需要 {permit.processing_days} 日，全国底线是最多 {floor.max_processing_days} 日",
            reason_en=(
                f"the residence permit takes {permit.processing_days} days; the national floor is at most {floor.max_processing_days}"
            ),
        )
