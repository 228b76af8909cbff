"""Checks on the national baseline beyond its schema: unique ids, references, and quotes true to the plan."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from carelist.diagnostics import PathKey
from carelist.messages import Sink

_SPACE = re.compile(r"\s+")


def _normalise(text: str) -> str:
    # The plan uses ASCII parentheses and commas in places where an editor may type full-width ones.
    return _SPACE.sub("", text).translate(str.maketrans("（），：；", "(),:;"))


def check_baseline(sink: Sink, raw: dict[str, Any], plan_text: str) -> None:
    """Problems the baseline schema cannot see (run only on schema-valid data)."""
    add = sink.report

    def unique(section: str) -> list[str]:
        seen: list[str] = []
        for index, entry in enumerate(raw[section]):
            if entry["id"] in seen:
                add("baseline.duplicate_id", (section, index, "id"), id=entry["id"])
            seen.append(entry["id"])
        return seen

    try:
        dt.date.fromisoformat(raw["source"]["published"])
    except ValueError:  # the schema's pattern lets 2024-02-30 through
        add("date.invalid", ("source", "published"), value=raw["source"]["published"])
    categories, situations = unique("categories"), unique("situations")
    unique("items")
    plan = _normalise(plan_text)
    for index, item in enumerate(raw["items"]):
        path: PathKey = ("items", index)
        if item["category"] not in categories:
            add("category.unknown", (*path, "category"), id=item["category"], allowed=", ".join(categories))
        for group in ("all_of", "any_of"):
            for n, sid in enumerate(item["eligibility"].get(group, ())):
                if sid not in situations:
                    add("situation.unknown", (*path, "eligibility", group, n), id=sid, allowed=", ".join(situations))
        if _normalise(item["quote"]) not in plan:
            add("baseline.quote_not_found", (*path, "quote"), snippet=item["quote"][:40])
        keys: list[str] = []
        for n, floor in enumerate(item["floors"]):
            if floor["key"] in keys:
                add("baseline.duplicate_id", (*path, "floors", n, "key"), id=floor["key"])
            keys.append(floor["key"])
            allowed = [c["id"] for c in floor.get("choices", ())]
            for v in floor.get("value", []) if floor["type"] == "includes" else ():
                if v not in allowed:
                    add("value.choice", (*path, "floors", n, "value"), key=floor["key"], value=v, allowed=", ".join(allowed))
