"""What changed between two versions of one region's checklist, in plain words, and whether families gain or lose.

Direction comes from the coverage comparisons (the older version stands where the national floor stands there);
wording that only differs in whitespace or YAML layout is not a change.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from carelist.coverage import Verdict, _judge_eligibility, judge_definition, judge_floor
from carelist.model import Baseline, Checklist, Definition, Eligibility, Floor, Hotline, Service, Text


class Kind(enum.StrEnum):
    LIST_ADDED = "list-added"
    LIST_REMOVED = "list-removed"
    DEFINITION = "definition"
    ITEM_ADDED = "item-added"
    ITEM_REMOVED = "item-removed"
    VALUE = "value"  # a floor's value raised or lowered
    ELIGIBILITY = "eligibility"  # who qualifies: widened or narrowed
    DOCUMENTS = "documents"
    STEPS = "steps"
    PLACE = "place"
    PHONE = "phone"
    COST = "cost"
    TIME = "time"
    LEGAL_BASIS = "legal-basis"
    WORDING = "wording"  # who, provides, department, details and other texts
    HOTLINES = "hotlines"
    DOCUMENT = "document"  # the publishing document: title, issuer, number, in force from, source


class Effect(enum.StrEnum):
    RAISES = "raises"  # families get more, or more families get it
    LOWERS = "lowers"
    NEUTRAL = "neutral"  # no direction (a new phone number, other wording)

    @property
    def label(self) -> Text:
        return _EFFECT_LABELS[self]


_EFFECT_LABELS = {
    Effect.RAISES: Text("有利于家庭", "raises what families get"),
    Effect.LOWERS: Text("不利于家庭", "lowers what families get"),
    Effect.NEUTRAL: Text("其他变化", "other change"),
}


@dataclass(frozen=True)
class Change:
    """One change, said in both languages; item_id names the service it is about (None: the whole list)."""

    kind: Kind
    text: Text
    effect: Effect = Effect.NEUTRAL
    item_id: str | None = None
    item_title: Text | None = None
    field: str = ""  # where in the checklist, e.g. definition.max_age or services.preschool.documents

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "effect": self.effect.value,
            "item_id": self.item_id,
            "item_title": {"zh": self.item_title.zh, "en": self.item_title.en} if self.item_title else None,
            "field": self.field,
            "text": {"zh": self.text.zh, "en": self.text.en},
        }


_SPACE = re.compile(r"\s+")
_YEARS, _MONTHS = Text("岁", "years"), Text("个月", "months")


def _same(a: Text | None, b: Text | None) -> bool:
    """Equal but for whitespace: re-wrapping a folded block or re-indenting is not a change."""
    return _norm(a) == _norm(b)


def _norm(t: Text | None) -> tuple[str, str] | None:
    return (_SPACE.sub(" ", t.zh).strip(), _SPACE.sub(" ", t.en or "").strip()) if t else None


def _en(t: Text) -> str:
    return t.en or t.zh


def _number(label: Text, old: int, new: int, unit: Text, *, duration: bool = False) -> Text:
    """年龄上限从 18 岁降为 17 岁 / Age limit lowered from 18 to 17 years."""
    up = new > old
    verb_zh = ("延长为" if up else "缩短为") if duration else ("提高到" if up else "降为")
    verb_en = ("lengthened" if up else "shortened") if duration else ("raised" if up else "lowered")
    en_label = _en(label)
    return Text(
        f"{label.zh}从 {old} {unit.zh}{verb_zh} {new} {unit.zh}",
        f"{en_label[:1].upper() + en_label[1:]} {verb_en} from {old} to {new} {unit.en}",
    )


def _effect(verdict: Verdict) -> Effect:
    return {Verdict.EXCEEDS: Effect.RAISES, Verdict.BELOW: Effect.LOWERS}.get(verdict, Effect.NEUTRAL)


# --- the definition -----------------------------------------------------------------------------------------------

_DEFINITION = {
    "max_age": (Text("年龄上限", "age limit"), _YEARS, False),
    "min_residence_months": (Text("居住时间要求", "residence required"), _MONTHS, True),
    "information_update_months": (Text("信息更新周期", "information update interval"), _MONTHS, True),
}


def _definition(old: Definition, new: Definition) -> list[Change]:
    found = []
    # judge_definition with the old definition as the floor: EXCEEDS means the new one is wider.
    for finding in judge_definition(old, new).findings:
        if finding.verdict is Verdict.MEETS:
            continue
        field = f"definition.{finding.key}"
        if finding.key in _DEFINITION:
            label, unit, duration = _DEFINITION[finding.key]
            text = _number(label, getattr(old, finding.key), getattr(new, finding.key), unit, duration=duration)
        elif new.includes_moves_within_city_districts:
            text = Text("流动儿童范围现在包括在城市中心城区之间流动的儿童", "Children who moved between central city districts now count")
        else:
            text = Text(
                "流动儿童范围不再包括在城市中心城区之间流动的儿童", "Children who moved between central city districts no longer count"
            )
        found.append(Change(Kind.DEFINITION, text, _effect(finding.verdict), field=field))
    if not _same(old.text, new.text):
        found.append(
            Change(Kind.WORDING, Text("流动儿童范围的说明有修改", "The explanation of who counts was reworded"), field="definition.note")
        )
    return found


# --- one service ---------------------------------------------------------------------------------------------------


def _values(old: Service, new: Service, floors: tuple[Floor, ...], field: str) -> list[Change]:
    found = []
    for floor in floors:
        before, after = old.values.get(floor.key), new.values.get(floor.key)
        if before == after:
            continue
        where = f"{field}.values.{floor.key}"
        label = floor.label
        if floor.type in ("at-least", "at-most") and isinstance(before, int) and isinstance(after, int):
            # judge_floor with the old value as the floor: EXCEEDS means the new value is better for families.
            verdict = judge_floor(Floor(floor.key, floor.type, label, before, floor.unit), new.values).verdict
            unit = floor.unit or Text("", "")
            found.append(Change(Kind.VALUE, _number(label, before, after, unit), _effect(verdict), field=where))
        elif floor.type == "includes" and isinstance(before, list) and isinstance(after, list):
            names = {c.id: c.title for c in floor.choices}
            for ids, zh, en, effect in (
                ([v for v in after if v not in before], "增加了", "added", Effect.RAISES),
                ([v for v in before if v not in after], "不再包括", "no longer includes", Effect.LOWERS),
            ):
                if ids:
                    shown = [names.get(i, Text(i)) for i in ids]
                    text = Text(
                        f"{label.zh}：{zh}{'、'.join(t.zh for t in shown)}", f"{_en(label)}: {en} {', '.join(_en(t) for t in shown)}"
                    )
                    found.append(Change(Kind.VALUE, text, effect, field=where))
        else:
            verdict = judge_floor(floor, new.values).verdict
            if after is True:
                text, effect = Text(f"现在做到：{label.zh}", f"Now provided: {_en(label)}"), Effect.RAISES
            elif before is True:
                text, effect = Text(f"不再做到：{label.zh}", f"No longer provided: {_en(label)}"), Effect.LOWERS
            else:
                text, effect = Text(f"“{label.zh}”有变化", f"{_en(label)} changed"), _effect(verdict)
            found.append(Change(Kind.VALUE, text, effect, field=where))
    return found


def _eligibility(old: Eligibility, new: Eligibility, baseline: Baseline, field: str) -> list[Change]:
    found = []
    situations = {s.id: s.title for s in baseline.situations}

    def names(ids: Iterable[str]) -> tuple[str, str]:
        shown = [situations.get(i, Text(i)) for i in ids]
        return "、".join(t.zh for t in shown), ", ".join(_en(t) for t in shown)

    labels = {
        "min_age": (Text("最小年龄", "minimum age"), _YEARS, False),
        "below_age": (Text("年龄上限（未满）", "age limit (under)"), _YEARS, False),
        "min_residence_months": (Text("居住时间要求", "residence required"), _MONTHS, True),
    }
    national = baseline.definition
    fallback: dict[str, int] = {"min_age": 0, "below_age": national.max_age, "min_residence_months": national.min_residence_months}
    # A limit the new version leaves out falls back to the definition, as in the coverage comparison; the old rules
    # stand where the baseline's stand there, so EXCEEDS means widened.
    dropped = {key for key in labels if getattr(old, key) is not None and getattr(new, key) is None}
    filled = dataclasses.replace(new, **{key: fallback[key] for key in dropped})  # type: ignore[arg-type]
    for finding in _judge_eligibility(old, filled, national):
        where = f"{field}.eligibility.{finding.key}"
        effect = _effect(finding.verdict)
        if finding.key in labels:
            label, unit, duration = labels[finding.key]
            before = getattr(old, finding.key)
            before = fallback[finding.key] if before is None else before
            text = _number(label, before, getattr(filled, finding.key), unit, duration=duration)
            if finding.key in dropped:
                text = Text(
                    f"{text.zh}（不再单独规定，按流动儿童范围）", f"{text.en} (no rule of its own any more: the definition applies)"
                )
        elif finding.key == "all_of" and finding.verdict is Verdict.BELOW:
            zh, en = names(s for s in new.all_of if s not in old.all_of)
            text = Text(f"增加了申请条件：{zh}", f"New condition: {en}")
        elif finding.key == "all_of":
            zh, en = names(s for s in old.all_of if s not in new.all_of)
            text = Text(f"取消了申请条件：{zh}", f"Condition dropped: {en}")
        elif not new.any_of:
            zh, en = names(old.any_of)
            text = Text(f"现在面向所有流动儿童，不再限于：{zh}", f"Now open to every mobile child, not only: {en}")
        elif not old.any_of:
            zh, en = names(new.any_of)
            text = Text(f"现在只适用于：{zh}", f"Now only for: {en}")
        elif effect is Effect.LOWERS:
            zh, en = names(s for s in old.any_of if s not in new.any_of)
            text = Text(f"不再适用于：{zh}", f"No longer for: {en}")
        else:
            zh, en = names(s for s in new.any_of if s not in old.any_of)
            text = Text(f"增加了适用情形：{zh}", f"Now also for: {en}")
        found.append(Change(Kind.ELIGIBILITY, text, effect, field=where))
    if not _same(old.local_conditions, new.local_conditions):
        found.append(
            Change(
                Kind.ELIGIBILITY,
                Text("其他申请条件有修改", "Other local conditions changed"),
                field=f"{field}.eligibility.local_conditions",
            )
        )
    return found


def _list_changes(kind: Kind, old: tuple[Text, ...], new: tuple[Text, ...], label: Text, field: str) -> list[Change]:
    """Entries added and removed; the order of entries does not matter (documents, legal basis)."""
    before, after = {_norm(t): t for t in old}, {_norm(t): t for t in new}
    found = []
    added, removed = [t for k, t in after.items() if k not in before], [t for k, t in before.items() if k not in after]
    if added:
        found.append(
            Change(
                kind,
                Text(f"{label.zh}增加了：{'；'.join(t.zh for t in added)}", f"{_en(label)} added: {'; '.join(_en(t) for t in added)}"),
                field=field,
            )
        )
    if removed:
        found.append(
            Change(
                kind,
                Text(
                    f"{label.zh}去掉了：{'；'.join(t.zh for t in removed)}", f"{_en(label)} removed: {'; '.join(_en(t) for t in removed)}"
                ),
                field=field,
            )
        )
    return found


_TEXT_FIELDS: dict[str, tuple[Kind, Text]] = {
    "where": (Kind.PLACE, Text("办理地点", "Where to go")),
    "cost": (Kind.COST, Text("费用", "Cost")),
    "processing_time": (Kind.TIME, Text("办理时间", "Processing time")),
    "who": (Kind.WORDING, Text("适用对象", "Who qualifies")),
    "provides": (Kind.WORDING, Text("服务内容", "What is provided")),
    "department": (Kind.WORDING, Text("负责部门", "Responsible department")),
    "beyond_baseline": (Kind.WORDING, Text("高于国家基础清单的内容", "What goes beyond the national baseline")),
    "details": (Kind.WORDING, Text("补充说明", "Further details")),
    "title": (Kind.WORDING, Text("名称", "Title")),
    "summary": (Kind.WORDING, Text("简介", "Summary")),
}


def _service(old: Service, new: Service, floors: tuple[Floor, ...], baseline: Baseline, field: str) -> list[Change]:
    found = _values(old, new, floors, field)
    found += _eligibility(old.eligibility, new.eligibility, baseline, field)
    found += _list_changes(Kind.DOCUMENTS, old.documents, new.documents, Text("所需材料", "Documents to bring"), f"{field}.documents")
    if [_norm(t) for t in old.steps] != [_norm(t) for t in new.steps]:
        text = Text(f"办理步骤有修改（{len(old.steps)} 步 → {len(new.steps)} 步）", f"Steps changed ({len(old.steps)} → {len(new.steps)})")
        found.append(Change(Kind.STEPS, text, field=f"{field}.steps"))
    for name, (kind, label) in _TEXT_FIELDS.items():
        before, after = getattr(old, name), getattr(new, name)
        if _same(before, after):
            continue
        if after is None:
            text = Text(f"{label.zh}：已删去", f"{label.en}: removed")
        elif kind is Kind.WORDING:
            text = Text(f"{label.zh}有修改", f"{label.en} reworded")
        else:  # where to go, cost and time are short: say what they are now
            text = Text(f"{label.zh}改为：{after.zh}", f"{label.en} now: {_en(after)}")
        found.append(Change(kind, text, field=f"{field}.{name}"))
    if old.phone != new.phone:
        text = Text(
            f"咨询电话从 {old.phone or '无'} 改为 {new.phone or '无'}", f"Phone changed from {old.phone or 'none'} to {new.phone or 'none'}"
        )
        found.append(Change(Kind.PHONE, text, field=f"{field}.phone"))
    if old.url != new.url:
        found.append(
            Change(Kind.PLACE, Text(f"网上办理地址改为：{new.url or '无'}", f"Web address now: {new.url or 'none'}"), field=f"{field}.url")
        )
    found += _list_changes(Kind.LEGAL_BASIS, old.legal_basis, new.legal_basis, Text("政策依据", "Legal basis"), f"{field}.legal_basis")
    return found


# --- the whole list ------------------------------------------------------------------------------------------------


def _hotlines(old: tuple[Hotline, ...], new: tuple[Hotline, ...]) -> list[Change]:
    before, after = {h.phone: h for h in old}, {h.phone: h for h in new}
    found = []
    for phone, h in after.items():
        if phone not in before:
            found.append(
                Change(Kind.HOTLINES, Text(f"新增热线：{h.name.zh} {phone}", f"New hotline: {_en(h.name)} {phone}"), field="hotlines")
            )
        elif not (_same(h.name, before[phone].name) and _same(h.hours, before[phone].hours)):
            found.append(
                Change(Kind.HOTLINES, Text(f"热线 {phone} 的说明或时间有修改", f"Hotline {phone}: name or hours changed"), field="hotlines")
            )
    for phone, h in before.items():
        if phone not in after:
            found.append(
                Change(Kind.HOTLINES, Text(f"去掉了热线：{h.name.zh} {phone}", f"Hotline removed: {_en(h.name)} {phone}"), field="hotlines")
            )
    return found


def _document(old: Checklist, new: Checklist) -> list[Change]:
    """The publishing document; its version, dates and note describe the version itself, so they are not changes."""
    a, b = old.publication, new.publication
    found = []
    fields: list[tuple[str, Text, Callable[[Any], Text]]] = [
        ("title", Text("文件标题", "Document title"), lambda p: p.title),
        ("issuer", Text("发布部门", "Issued by"), lambda p: p.issuer),
        ("number", Text("文号", "Document number"), lambda p: Text(p.number)),
        ("source_url", Text("来源网址", "Official source"), lambda p: Text(p.source_url)),
    ]
    for name, label, show in fields:
        before, after = show(a), show(b)
        if _same(before, after):
            continue
        found.append(Change(Kind.DOCUMENT, Text(f"{label.zh}改为：{after.zh}", f"{label.en}: now {_en(after)}"), field=f"document.{name}"))
    return found


def _title(service: Service, baseline: Baseline) -> Text:
    if service.local:
        return service.title or Text(service.id)
    return next((i.title for i in baseline.items if i.id == service.id), Text(service.id))


def compare(old: Checklist, new: Checklist, baseline: Baseline) -> tuple[Change, ...]:
    """Every change from old to new, list-wide first, then service by service in baseline order."""
    found = _definition(old.definition, new.definition) + _document(old, new) + _hotlines(old.hotlines, new.hotlines)
    olds = {**old.services, **{s.id: s for s in old.local_items}}
    news = {**new.services, **{s.id: s for s in new.local_items}}
    order = [i.id for i in baseline.items] + [s.id for s in (*old.local_items, *new.local_items)]
    floors = {i.id: i.floors for i in baseline.items}
    for item_id in dict.fromkeys(i for i in order if i in olds or i in news):
        before, after = olds.get(item_id), news.get(item_id)
        section = "local_items" if (after or before).local else "services"  # type: ignore[union-attr]
        field = f"{section}.{item_id}"
        if before is None or after is None:
            present = after or before
            title = _title(present, baseline)  # type: ignore[arg-type]
            text = (
                Text(f"新增服务：{title.zh}", f"Service added: {_en(title)}")
                if after
                else Text(f"删去服务：{title.zh}", f"Service removed: {_en(title)}")
            )
            kind, effect = (Kind.ITEM_ADDED, Effect.RAISES) if after else (Kind.ITEM_REMOVED, Effect.LOWERS)
            found.append(Change(kind, text, effect, item_id, title, field))
            continue
        title = _title(after, baseline)
        for change in _service(before, after, floors.get(item_id, ()), baseline, field):
            found.append(Change(change.kind, change.text, change.effect, item_id, title, change.field))
    return tuple(found)


def added_list(checklist: Checklist) -> tuple[Change, ...]:
    name = checklist.name
    text = Text(f"首次收录{name.zh}的清单", f"First version of the list of {_en(name)} recorded")
    return (Change(Kind.LIST_ADDED, text, Effect.NEUTRAL),)


def removed_list(checklist: Checklist) -> tuple[Change, ...]:
    name = checklist.name
    return (Change(Kind.LIST_REMOVED, Text(f"{name.zh}的清单已删除", f"The list of {_en(name)} was removed"), Effect.LOWERS),)
