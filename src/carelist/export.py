"""Open data: the whole dataset as JSON (combined and per region), CSV per region, the rules, and a README."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from carelist import __version__
from carelist.coverage import RegionCoverage, assess
from carelist.eligibility import region_rules, rules_as_json
from carelist.model import Baseline, Checklist, Service, Text

# What each exported service field means (zh, en): the /data/ README documents the files from this table.
SERVICE_FIELDS: dict[str, tuple[str, str]] = {
    "title": ("服务名称", "Service name"),
    "who": ("适用对象", "Who qualifies"),
    "provides": ("服务内容", "What is provided"),
    "steps": ("办理步骤，每步一行（可含 Markdown）", "How to apply, one step per line (may contain Markdown)"),
    "documents": ("需要携带的材料，每项一行", "Documents to bring, one per line"),
    "where": ("办理地点", "Where to go"),
    "department": ("负责部门", "Responsible department"),
    "cost": ("费用", "Cost"),
    "processing_time": ("办理时限", "Processing time"),
    "legal_basis": ("政策依据，每项一行", "Legal basis, one per line"),
    "beyond_baseline": ("高于国家基础清单之处", "Where it goes beyond the national baseline"),
}
PLAIN_FIELDS: dict[str, tuple[str, str]] = {
    "region_code": ("地区代码（GB/T 2260 六位行政区划代码）", "Region code (GB/T 2260 six-digit administrative division code)"),
    "item_id": (
        "服务项目 id：国家基础清单项目 id，或地区自设项目 id",
        "Service id: a national baseline item id, or the region's own item id",
    ),
    "local": ("是否为地区自设项目（true / false）", "true for the region's own extra items"),
    "category": ("服务类别 id", "Service category id"),
    "verdict": (
        "与国家基础清单相比：missing 缺少、below 低于、meets 符合、exceeds 高于；地区自设项目为 local",
        "Compared with the national baseline: missing, below, meets or exceeds; local for the region's own items",
    ),
    "phone": ("咨询电话", "Phone number"),
    "url": ("办理或说明网址", "Web address to apply or read more"),
    "revised": ("该项最近修订日期（YYYY-MM-DD）", "When this entry was last revised (YYYY-MM-DD)"),
}
_CSV_ORDER = ("region_code", "item_id", "local", "category", "title", "verdict", *list(SERVICE_FIELDS)[1:], "phone", "url", "revised")
CSV_COLUMNS = tuple(column for name in _CSV_ORDER for column in ((f"{name}_zh", f"{name}_en") if name in SERVICE_FIELDS else (name,)))


def csv_column_docs() -> list[tuple[str, str, str]]:
    """(column, zh, en) for every CSV column, in order."""
    docs = []
    for column in CSV_COLUMNS:
        name, _, lang = column.rpartition("_")
        if name in SERVICE_FIELDS:
            zh, en = SERVICE_FIELDS[name]
            docs.append(
                (column, f"{zh}（中文）", f"{en} (Chinese)")
                if lang == "zh"
                else (column, f"{zh}（英文，未翻译时为空）", f"{en} (English; empty until translated)")
            )
        else:
            docs.append((column, *PLAIN_FIELDS[column]))
    return docs


def _text(t: Text | None) -> dict[str, str | None] | None:
    return {"zh": t.zh, "en": t.en} if t else None


def _service(s: Service) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": s.id,
        "local": s.local,
        "who": _text(s.who),
        "provides": _text(s.provides),
        "steps": [_text(t) for t in s.steps],
        "documents": [_text(t) for t in s.documents],
        "where": _text(s.where),
        "department": _text(s.department),
        "phone": s.phone,
        "url": s.url,
        "cost": _text(s.cost),
        "processing_time": _text(s.processing_time),
        "legal_basis": [_text(t) for t in s.legal_basis],
        "values": s.values,
        "beyond_baseline": _text(s.beyond_baseline),
        "details": _text(s.details),
        "revised": s.revised.isoformat() if s.revised else None,
    }
    if s.local:
        out |= {"category": s.category, "title": _text(s.title), "summary": _text(s.summary)}
    return out


def region_json(checklist: Checklist, baseline: Baseline, coverage: RegionCoverage | None = None) -> dict[str, Any]:
    """One region's checklist, with each item's coverage verdict (coverage: its row of the matrix, when known)."""
    p = checklist.publication
    coverage = coverage or assess(checklist, baseline)
    return {
        "code": checklist.code,
        "name": _text(checklist.name),
        "sample": checklist.sample,
        "document": {
            "title": _text(p.title),
            "issuer": _text(p.issuer),
            "number": p.number,
            "published": p.published.isoformat(),
            "effective": p.effective.isoformat(),
            "version": p.version,
            "source_url": p.source_url,
            "history": [{"version": h.version, "date": h.date.isoformat(), "changes": _text(h.changes)} for h in p.history],
            "changes": _text(p.changes),
        },
        "hotlines": [{"name": _text(h.name), "phone": h.phone, "hours": _text(h.hours)} for h in checklist.hotlines],
        "definition": {
            "max_age": checklist.definition.max_age,
            "min_residence_months": checklist.definition.min_residence_months,
            "includes_moves_within_city_districts": checklist.definition.includes_moves_within_city_districts,
            "information_update_months": checklist.definition.information_update_months,
            "verdict": coverage.definition.verdict.value,
        },
        "services": [
            _service(checklist.services[c.item_id]) | {"verdict": c.verdict.value}
            for c in coverage.cells
            if c.item_id in checklist.services
        ],
        "local_items": [_service(s) for s in checklist.local_items],
    }


def region_csv(checklist: Checklist, baseline: Baseline, coverage: RegionCoverage | None = None) -> str:
    """One row per service (baseline items, then local items); lists joined with newlines."""
    verdicts = {c.item_id: c.verdict.value for c in (coverage or assess(checklist, baseline)).cells}
    titles = {i.id: (i.title, i.category) for i in baseline.items}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in [checklist.services[i.id] for i in baseline.items if i.id in checklist.services] + list(checklist.local_items):
        title, category = (s.title, s.category) if s.local else titles[s.id]
        row: dict[str, object] = {
            "region_code": checklist.code,
            "item_id": s.id,
            "local": "true" if s.local else "false",
            "category": category,
            "verdict": "local" if s.local else verdicts[s.id],
            "phone": s.phone or "",
            "url": s.url or "",
            "revised": s.revised.isoformat() if s.revised else "",
        }
        fields: dict[str, Text | tuple[Text, ...] | None] = {
            "title": title,
            "who": s.who,
            "provides": s.provides,
            "steps": s.steps,
            "documents": s.documents,
            "where": s.where,
            "department": s.department,
            "cost": s.cost,
            "processing_time": s.processing_time,
            "legal_basis": s.legal_basis,
            "beyond_baseline": s.beyond_baseline,
        }
        for name, value in fields.items():
            for lang in ("zh", "en"):
                parts = value if isinstance(value, tuple) else ((value,) if value else ())
                row[f"{name}_{lang}"] = "\n".join((getattr(t, lang) or "") for t in parts)
        writer.writerow([row[c] for c in CSV_COLUMNS])
    return buffer.getvalue()


def rules_json(checklists: list[Checklist], baseline: Baseline) -> dict[str, Any]:
    """Eligibility rules of every region, as the finder page and the Python engine use them."""
    return {
        "version": __version__,
        "baseline_version": baseline.version,
        "situations": [{"id": s.id, "title": _text(s.title), "question": _text(s.question)} for s in baseline.situations],
        "regions": [rules_as_json(region_rules(c, baseline)) for c in sorted(checklists, key=lambda c: c.code)],
    }


def dataset_json(regions: list[dict[str, Any]], baseline: Baseline) -> dict[str, Any]:
    """Everything in one document: the regions' region_json, ordered by code."""
    return {"version": __version__, "baseline_version": baseline.version, "regions": sorted(regions, key=lambda r: str(r["code"]))}


def dumps(data: Any) -> str:
    """Stable JSON for people to read (the command line): the same data always gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def compact_dumps(data: Any) -> str:
    """Stable JSON for downloads: no indentation, which is smaller and lets Python encode it in C (indent cannot)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
