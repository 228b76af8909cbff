"""Checks the schema cannot express: known regions and items, file names, dates, and coverage of the baseline."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from carelist.construct import service_from_raw
from carelist.coverage import Cell, Verdict, judge_definition, judge_service
from carelist.diagnostics import PathKey
from carelist.messages import Sink
from carelist.model import Baseline, Checklist, Definition, Text
from carelist.schema_check import suggestion
from carelist.yaml_reader import Document

# `carelist new` writes today's date with this comment; the date is flagged until an editor changes it.
SCAFFOLD_DATE_MARK = "# carelist new"
_SCAFFOLD_DATE = re.compile(r'"(\d{4}-\d\d-\d\d)"\s*# carelist new (\d{4}-\d\d-\d\d)')


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


def is_broken(path: PathKey, broken: set[PathKey]) -> bool:
    """Whether path lies in (or holds) a subtree the schema found broken."""
    return any(path[: len(b)] == b or b[: len(path)] == path for b in broken)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def check_dates(doc: Document, sink: Sink, raw: Any) -> set[PathKey]:
    """Dates the pattern accepts but the calendar does not (2025-02-30), scaffold dates, effective before published.

    Returns the paths of the dates that are not real (the model cannot hold 2025-02-30)."""
    dates: dict[PathKey, dt.date] = {}
    unreal: set[PathKey] = set()
    for path in _date_paths(raw):
        value = _lookup(raw, path)
        if isinstance(value, str) and len(value) == 10:
            try:
                dates[path] = dt.date.fromisoformat(value)
            except ValueError:
                sink.report("date.invalid", path, value=value)
                unreal.add(path)
                continue
            line = doc.where(path)[0]
            m = _SCAFFOLD_DATE.search(doc.lines[line - 1]) if 0 < line <= len(doc.lines) else None
            if m and m[1] == m[2]:
                sink.report("date.scaffold", path, value=value)
    published, effective = dates.get(("document", "published")), dates.get(("document", "effective"))
    if published and effective and effective < published:
        sink.report("date.order", ("document", "effective"), effective=effective, published=published)
    return unreal


def check_region(sink: Sink, raw: dict[str, Any], regions: dict[str, Text], path: Path, broken: set[PathKey]) -> None:
    """The region code is a known division, its name matches, and the file is named after it."""
    region = _dict(raw.get("region"))
    code = region.get("code")
    if not isinstance(code, str) or is_broken(("region", "code"), broken):
        return  # the schema has said what is wrong
    name = _dict(region.get("name")).get("zh")
    if code not in regions:
        zh, en = suggestion(code, sorted(regions))
        sink.report("region.unknown", ("region", "code"), code=code, suggest_zh=zh, suggest_en=en)
    elif isinstance(name, str) and name != regions[code].zh:
        sink.report("region.name", ("region", "name", "zh"), name=name, code=code, expected=regions[code].zh)
    if path.stem != code:
        sink.report("file.name_mismatch", ("region", "code"), name=path.name, code=code)


def check_references(sink: Sink, raw: dict[str, Any], baseline: Baseline, broken: set[PathKey] = frozenset()) -> None:  # type: ignore[assignment]
    """Item ids, value keys, choices, categories and situations all exist in the baseline (where the schema let them through)."""
    items = {i.id: i for i in baseline.items}
    categories = [cat.id for cat in baseline.categories]
    situations = [s.id for s in baseline.situations]

    def check_eligibility(path: PathKey, rules: dict[str, Any]) -> None:
        for group in ("all_of", "any_of"):
            for index, sid in enumerate(_list(rules.get(group))):
                if isinstance(sid, str) and sid not in situations:
                    sink.report("situation.unknown", (*path, "eligibility", group, index), id=sid, allowed=", ".join(situations))
        low, high = rules.get("min_age"), rules.get("below_age")
        if isinstance(low, int) and isinstance(high, int) and low >= high:
            sink.report("eligibility.age_order", (*path, "eligibility"), min_age=low, below_age=high)

    for item_id, entry in _dict(raw.get("services")).items():
        path: PathKey = ("services", item_id)
        if item_id not in items:
            if path in broken:  # the schema, which lists the baseline ids, has named it already
                continue
            zh, en = suggestion(item_id, list(items))
            sink.report("item.unknown", path, at_key=True, id=item_id, suggest_zh=zh, suggest_en=en)
            continue
        floors = {f.key: f for f in items[item_id].floors}
        for key, value in _dict(_dict(entry).get("values")).items():
            if key not in floors:
                zh, en = suggestion(key, list(floors))
                sink.report("value.unknown", (*path, "values", key), at_key=True, key=key, item=item_id, suggest_zh=zh, suggest_en=en)
            elif floors[key].choices and isinstance(value, list):
                allowed = [ch.id for ch in floors[key].choices]
                for index, v in enumerate(value):
                    if v not in allowed:
                        sink.report("value.choice", (*path, "values", key, index), key=key, value=v, allowed=", ".join(allowed))
        check_eligibility(path, _dict(_dict(entry).get("eligibility")))

    seen: set[str] = set()
    for index, entry in enumerate(_list(raw.get("local_items"))):
        path = ("local_items", index)
        entry = _dict(entry)
        local_id, category = entry.get("id"), entry.get("category")
        if isinstance(local_id, str):
            if local_id in items:
                sink.report("item.local_id_clash", (*path, "id"), id=local_id)
            elif local_id in seen:
                sink.report("item.local_id_duplicate", (*path, "id"), id=local_id)
            seen.add(local_id)
        if isinstance(category, str) and category not in categories:
            sink.report("category.unknown", (*path, "category"), id=category, allowed=", ".join(categories))
        check_eligibility(path, _dict(entry.get("eligibility")))


def coverage_diagnostics(
    sink: Sink, raw: dict[str, Any], baseline: Baseline, broken: set[PathKey], checklist: Checklist | None = None
) -> None:
    """Missing items and values below a floor, each on the line an editor must change; broken parts are not judged.

    checklist is the model when the whole file could be built (its services are then not built a second time)."""
    definition: Definition = baseline.definition
    cells: list[tuple[PathKey, Cell]] = []
    if checklist is not None:
        cells.append((("definition",), judge_definition(definition, checklist.definition)))
    elif not is_broken(("definition",), broken) and isinstance(raw.get("definition"), dict):
        cells.append((("definition",), judge_definition(definition, Definition.of(raw["definition"], "note"))))
    services = raw.get("services")
    if not isinstance(services, dict) or ("services",) in broken:
        services = {}
        broken = {*broken, ("services",)}
    judged: dict[str, Any] = {}
    for item in baseline.items:
        path: PathKey = ("services", item.id)
        if is_broken(path, broken):
            continue
        entry = services.get(item.id)
        if checklist is not None:
            service = checklist.services.get(item.id)
        else:
            service = service_from_raw(item.id, entry, item.eligibility) if entry is not None else None
        judged[item.id] = entry
        cells.append((path, judge_service(item, service, definition)))
    for path, cell in cells:
        if cell.verdict is Verdict.MISSING:
            item = baseline.item(cell.item_id)
            sink.report("coverage.missing", ("services",), at_key=True, id=item.id, title_zh=item.title.zh, title_en=item.title.en)
            continue
        for f in cell.findings:
            if f.verdict is not Verdict.BELOW:
                continue
            section = () if f.section == "definition" else (f.section,)
            target = (*path, *section, f.key) if f.key else path
            if f.section == "values" and f.key not in _dict(_dict(judged.get(cell.item_id)).get("values")):
                floor = next(fl for fl in baseline.item(cell.item_id).floors if fl.key == f.key)
                sink.report(
                    "coverage.value_missing",
                    (*path, "values"),
                    key=f.key,
                    label_zh=floor.label.zh,
                    label_en=floor.label.en,
                    example=floor.example(),
                )
            else:
                sink.report("coverage.below", target, reason_zh=f.reason.zh, reason_en=f.reason.en)
    _check_residence_permit(sink, raw, baseline, broken)


def _check_residence_permit(sink: Sink, raw: dict[str, Any], baseline: Baseline, broken: set[PathKey]) -> None:
    """The residence permit section against the baseline's national floor (Interim Regulations on Residence Permits)."""
    floor, permit = baseline.residence_permit, raw.get("residence_permit")
    if floor is None or not isinstance(permit, dict) or is_broken(("residence_permit",), broken):
        return
    months, days = permit.get("min_residence_months"), permit.get("processing_days")
    if isinstance(months, int) and not isinstance(months, bool) and months > floor.max_residence_months:
        sink.report(
            "coverage.below",
            ("residence_permit", "min_residence_months"),
            reason_zh=f"申领居住证要求居住 {months} 个月，全国底线是最多 {floor.max_residence_months} 个月",
            reason_en=(
                f"the residence permit asks for {months} months of residence; the national floor is at most {floor.max_residence_months}"
            ),
        )
    if isinstance(days, int) and not isinstance(days, bool) and days > floor.max_processing_days:
        sink.report(
            "coverage.below",
            ("residence_permit", "processing_days"),
            reason_zh=f"居住证办理需要 {days} 日，全国底线是最多 {floor.max_processing_days} 日",
            reason_en=f"the residence permit takes {days} days; the national floor is at most {floor.max_processing_days}",
        )
