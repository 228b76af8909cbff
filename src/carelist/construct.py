"""Build model objects from data that has passed the schema (so every key the schema requires is there)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from carelist.model import (
    Baseline,
    BaselineItem,
    Category,
    Checklist,
    Choice,
    Definition,
    Eligibility,
    Floor,
    Hotline,
    Publication,
    ResidencePermit,
    ResidencePermitFloor,
    Revision,
    Service,
    Situation,
    Text,
    texts,
)
from carelist.text_check import count_placeholders


def _date(raw: str | None) -> dt.date | None:
    return dt.date.fromisoformat(raw) if raw else None


def _keywords(raw: Any) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(words) for lang, words in (raw or {}).items()}


def _floor(raw: dict[str, Any]) -> Floor:
    value = raw.get("value")
    return Floor(
        key=raw["key"],
        type=raw["type"],
        label=Text.of(raw["label"]),
        value=tuple(value) if isinstance(value, list) else value,
        unit=Text.maybe(raw.get("unit")),
        choices=tuple(Choice(c["id"], Text.of(c["title"])) for c in raw.get("choices", ())),
    )


def _permit_floor(raw: dict[str, Any] | None) -> ResidencePermitFloor | None:
    if not raw:
        return None
    return ResidencePermitFloor(
        title=Text.of(raw["title"]),
        summary=Text.of(raw["summary"]),
        who=Text.of(raw["who"]),
        documents=texts(raw["documents"]),
        keywords=_keywords(raw["keywords"]),
        legal_basis=Text.of(raw["legal_basis"]),
        max_residence_months=raw["max_residence_months"],
        max_processing_days=raw["max_processing_days"],
    )


def _permit(raw: dict[str, Any] | None) -> ResidencePermit | None:
    if not raw:
        return None
    return ResidencePermit(
        who=Text.of(raw["who"]),
        min_residence_months=raw["min_residence_months"],
        where=Text.of(raw["where"]),
        steps=texts(raw["steps"]),
        documents=texts(raw["documents"]),
        processing_days=raw["processing_days"],
        processing_time=Text.of(raw["processing_time"]),
        cost=Text.of(raw["cost"]),
        legal_basis=texts(raw["legal_basis"]),
        renewal=Text.maybe(raw.get("renewal")),
        phone=raw.get("phone"),
        url=raw.get("url"),
    )


def baseline_from_raw(raw: dict[str, Any]) -> Baseline:
    """The national baseline from its schema-valid YAML data."""
    source = raw["source"]
    return Baseline(
        version=raw["version"],
        title=Text.of(source["title"]),
        issuer=Text.of(source["issuer"]),
        published=dt.date.fromisoformat(source["published"]),
        definition=Definition.of(raw["definition"], "text"),
        categories=tuple(Category(c["id"], Text.of(c["title"]), Text.of(c["summary"])) for c in raw["categories"]),
        situations=tuple(Situation(s["id"], Text.of(s["title"]), Text.of(s["question"])) for s in raw["situations"]),
        items=tuple(
            BaselineItem(
                id=i["id"],
                category=i["category"],
                paragraph=i["paragraph"],
                title=Text.of(i["title"]),
                summary=Text.of(i["summary"]),
                quote=i["quote"],
                departments=texts(i["departments"]),
                keywords=_keywords(i["keywords"]),
                eligibility=Eligibility.of(i["eligibility"]),
                floors=tuple(_floor(f) for f in i["floors"]),
            )
            for i in raw["items"]
        ),
        residence_permit=_permit_floor(raw.get("residence_permit")),
    )


def _service(item_id: str, raw: dict[str, Any], base: Eligibility, local: bool) -> Service:
    return Service(
        id=item_id,
        who=Text.of(raw["who"]),
        provides=Text.of(raw["provides"]),
        steps=texts(raw["steps"]),
        documents=texts(raw["documents"]),
        where=Text.of(raw["where"]),
        department=Text.of(raw["department"]),
        cost=Text.of(raw["cost"]),
        processing_time=Text.of(raw["processing_time"]),
        legal_basis=texts(raw["legal_basis"]),
        eligibility=base.overridden_by(Eligibility.of(raw.get("eligibility")), raw.get("eligibility")),
        values=dict(raw.get("values", {})),
        phone=raw.get("phone"),
        url=raw.get("url"),
        beyond_baseline=Text.maybe(raw.get("beyond_baseline")),
        details=Text.maybe(raw.get("details")),
        revised=_date(raw.get("revised")),
        local=local,
        category=raw.get("category"),
        title=Text.maybe(raw.get("title")),
        summary=Text.maybe(raw.get("summary")),
        keywords=_keywords(raw.get("keywords")),
    )


def service_from_raw(item_id: str, raw: dict[str, Any], base: Eligibility) -> Service:
    """One baseline item's entry of a checklist, from its schema-valid data (the rest of the file may be broken)."""
    return _service(item_id, raw, base, local=False)


def checklist_from_raw(raw: dict[str, Any], file: str, baseline: Baseline, source: str | None = None) -> Checklist:
    """A region's checklist from its schema-valid YAML data; services for unknown ids are left out.

    source: the file's text, when at hand (it makes counting placeholders quicker)."""
    doc = raw["document"]
    known = {i.id: i for i in baseline.items}
    return Checklist(
        file=file,
        sample=bool(raw.get("sample", False)),
        code=raw["region"]["code"],
        name=Text.of(raw["region"]["name"]),
        publication=Publication(
            title=Text.of(doc["title"]),
            issuer=Text.of(doc["issuer"]),
            number=doc["number"],
            published=dt.date.fromisoformat(doc["published"]),
            effective=dt.date.fromisoformat(doc["effective"]),
            version=doc["version"],
            source_url=doc["source_url"],
            history=tuple(Revision(h["version"], dt.date.fromisoformat(h["date"]), Text.of(h["changes"])) for h in doc.get("history", ())),
            changes=Text.maybe(doc.get("changes")),
        ),
        hotlines=tuple(Hotline(Text.of(h["name"]), h["phone"], Text.maybe(h.get("hours"))) for h in raw["hotlines"]),
        definition=Definition.of(raw["definition"], "note"),
        services={
            item_id: _service(item_id, entry, known[item_id].eligibility, local=False)
            for item_id, entry in raw["services"].items()
            if item_id in known
        },
        local_items=tuple(_service(e["id"], e, Eligibility(), local=True) for e in raw.get("local_items", ())),
        residence_permit=_permit(raw.get("residence_permit")),
        placeholders=count_placeholders(raw, source),
    )
