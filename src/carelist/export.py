"""Open data: the whole dataset as JSON (combined and per region), CSV per region, the rules, and a README."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from carelist import __version__
from carelist.coverage import assess
from carelist.eligibility import region_rules, rules_as_json
from carelist.model import Baseline, Checklist, Service, Text

CSV_COLUMNS = (
    "region_code",
    "item_id",
    "local",
    "category",
    "title_zh",
    "title_en",
    "verdict",
    "who_zh",
    "who_en",
    "provides_zh",
    "provides_en",
    "steps_zh",
    "steps_en",
    "documents_zh",
    "documents_en",
    "where_zh",
    "where_en",
    "department_zh",
    "department_en",
    "phone",
    "url",
    "cost_zh",
    "cost_en",
    "processing_time_zh",
    "processing_time_en",
    "legal_basis_zh",
    "legal_basis_en",
    "beyond_baseline_zh",
    "beyond_baseline_en",
    "revised",
)


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


def region_json(checklist: Checklist, baseline: Baseline) -> dict[str, Any]:
    """One region's checklist, with each item's coverage verdict."""
    p = checklist.publication
    coverage = assess(checklist, baseline)
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


def region_csv(checklist: Checklist, baseline: Baseline) -> str:
    """One row per service (baseline items, then local items); lists joined with newlines."""
    verdicts = {c.item_id: c.verdict.value for c in assess(checklist, baseline).cells}
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


def dataset_json(checklists: list[Checklist], baseline: Baseline) -> dict[str, Any]:
    """Everything in one document."""
    return {
        "version": __version__,
        "baseline_version": baseline.version,
        "regions": [region_json(c, baseline) for c in sorted(checklists, key=lambda c: c.code)],
    }


def dumps(data: Any) -> str:
    """Stable JSON: the same data always gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
