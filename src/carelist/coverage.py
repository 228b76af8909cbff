"""Coverage: each region's definition and each baseline item judged missing, below the floor, meets or exceeds."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from carelist.model import Baseline, BaselineItem, Checklist, Definition, Eligibility, Floor, Service, Text


class Verdict(enum.StrEnum):
    MISSING = "missing"
    BELOW = "below"
    MEETS = "meets"
    EXCEEDS = "exceeds"

    @property
    def label(self) -> Text:
        return _LABELS[self]

    @property
    def symbol(self) -> str:
        """One character for tables, beside the label (never instead of it)."""
        return _SYMBOLS[self]


_SYMBOLS = {"missing": "✗", "below": "↓", "meets": "✓", "exceeds": "↑"}
_LABELS = {
    Verdict.MISSING: Text("缺失", "missing"),
    Verdict.BELOW: Text("低于基础清单", "below the floor"),
    Verdict.MEETS: Text("达到基础清单", "meets"),
    Verdict.EXCEEDS: Text("高于基础清单", "exceeds"),
}


@dataclass(frozen=True)
class Finding:
    """Why a cell got its verdict; key names the value (or eligibility field) it is about, if any."""

    verdict: Verdict
    reason: Text
    key: str = ""
    section: str = "values"  # values | eligibility | beyond_baseline | definition


@dataclass(frozen=True)
class Cell:
    item_id: str
    verdict: Verdict
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class RegionCoverage:
    code: str
    name: Text
    file: str
    definition: Cell
    cells: tuple[Cell, ...]
    # Texts still holding TODO, 待补充 and the like: an untouched scaffold has the floors' values but no content.
    placeholders: int = 0

    @property
    def ready(self) -> bool:
        return self.placeholders == 0

    @property
    def ok(self) -> bool:
        return self.ready and all(c.verdict in (Verdict.MEETS, Verdict.EXCEEDS) for c in (self.definition, *self.cells))

    def count(self, verdict: Verdict) -> int:
        return sum(1 for c in self.cells if c.verdict is verdict)


@dataclass(frozen=True)
class CoverageMatrix:
    baseline: Baseline
    regions: tuple[RegionCoverage, ...]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.regions)


def _verdict(findings: list[Finding]) -> Verdict:
    if any(f.verdict is Verdict.BELOW for f in findings):
        return Verdict.BELOW
    return Verdict.EXCEEDS if any(f.verdict is Verdict.EXCEEDS for f in findings) else Verdict.MEETS


def _compare_number(key: str, label: Text, actual: int, floor: int, higher_is_better: bool, unit: Text | None) -> Finding:
    u_zh, u_en = (unit.zh, " " + (unit.en or "")) if unit else ("", "")
    if actual == floor:
        return Finding(Verdict.MEETS, Text(f"{label.zh}：{actual}{u_zh}", f"{label.en}: {actual}{u_en}"), key)
    better = actual > floor if higher_is_better else actual < floor
    if better:
        return Finding(
            Verdict.EXCEEDS,
            Text(
                f"{label.zh}：{actual}{u_zh}（国家基础清单为 {floor}{u_zh}）",
                f"{label.en}: {actual}{u_en} (national baseline: {floor}{u_en})",
            ),
            key,
        )
    return Finding(
        Verdict.BELOW,
        Text(
            f"{label.zh}：{actual}{u_zh}，低于国家基础清单的 {floor}{u_zh}",
            f"{label.en}: {actual}{u_en}, below the national baseline of {floor}{u_en}",
        ),
        key,
    )


def judge_floor(floor: Floor, values: dict[str, Any]) -> Finding:
    """Compare one value of a region's service with the baseline floor."""
    label = floor.label
    if floor.key not in values:
        return Finding(Verdict.BELOW, Text(f"未填写“{label.zh}”", f"not stated: {label.en}"), floor.key)
    actual = values[floor.key]
    if floor.type == "required":
        if actual is True:
            return Finding(Verdict.MEETS, label, floor.key)
        return Finding(Verdict.BELOW, Text(f"未做到：{label.zh}", f"not provided: {label.en}"), floor.key)
    if floor.type in ("at-least", "at-most"):
        if isinstance(actual, bool) or not isinstance(actual, int):
            return Finding(Verdict.BELOW, Text(f"“{label.zh}”应当是整数", f"{label.en} must be a whole number"), floor.key)
        limit = floor.value if isinstance(floor.value, int) else 0
        return _compare_number(floor.key, label, actual, limit, floor.type == "at-least", floor.unit)
    # includes
    if not isinstance(actual, list):
        return Finding(Verdict.BELOW, Text(f"“{label.zh}”应当是列表", f"{label.en} must be a list"), floor.key)
    names = {c.id: c.title for c in floor.choices}
    missing = [v for v in floor.value or () if v not in actual]  # type: ignore[union-attr]
    extra = [v for v in actual if v not in (floor.value or ())]  # type: ignore[operator]
    if missing:
        zh = "、".join(names[m].zh if m in names else m for m in missing)
        en = ", ".join((names[m].en or m) if m in names else m for m in missing)
        return Finding(Verdict.BELOW, Text(f"{label.zh}：缺少 {zh}", f"{label.en}: missing {en}"), floor.key)
    if extra:
        zh = "、".join(names[e].zh if e in names else e for e in extra)
        en = ", ".join((names[e].en or e) if e in names else e for e in extra)
        return Finding(Verdict.EXCEEDS, Text(f"{label.zh}：另有 {zh}", f"{label.en}: also {en}"), floor.key)
    return Finding(Verdict.MEETS, label, floor.key)


def _judge_eligibility(base: Eligibility, own: Eligibility, national: Definition) -> list[Finding]:
    """A region may widen who qualifies for an item, never narrow it. Unset limits fall back to the item's scope (age: 0)."""
    found: list[Finding] = []

    years, months = Text("岁", "years"), Text("个月", "months")

    def number(key: str, label: Text, actual: int | None, floor: int | None, higher_is_better: bool, unit: Text) -> None:
        if actual is None or floor is None or actual == floor:
            return
        f = _compare_number(key, label, actual, floor, higher_is_better, unit)
        found.append(Finding(f.verdict, f.reason, key, "eligibility"))

    number("min_age", Text("最小年龄", "minimum age"), own.min_age, _or(base.min_age, 0), False, years)
    number("below_age", Text("年龄上限（未满）", "age limit (under)"), own.below_age, base.default_below_age(national.max_age), True, years)
    residence = base.default_min_months(national.min_residence_months)  # none unless the item follows the definition
    number("min_residence_months", Text("居住时间要求", "residence required"), own.min_residence_months, residence, False, months)

    def situations(verdict: Verdict, key: str, zh: str, en: str, ids: list[str]) -> None:
        found.append(Finding(verdict, Text(f"{zh}：{'、'.join(ids)}", f"{en}: {', '.join(ids)}"), key, "eligibility"))

    if added := [s for s in own.all_of if s not in base.all_of]:
        situations(Verdict.BELOW, "all_of", "增加了申请条件", "adds conditions", added)
    if removed := [s for s in base.all_of if s not in own.all_of]:
        situations(Verdict.EXCEEDS, "all_of", "取消了申请条件", "drops conditions", removed)
    if base.any_of and own.any_of and (dropped := [s for s in base.any_of if s not in own.any_of]):
        situations(Verdict.BELOW, "any_of", "缩小了适用情形", "drops situations", dropped)
    elif own.any_of and not base.any_of:  # the baseline item is for every mobile child, not only in these situations
        situations(Verdict.BELOW, "any_of", "只适用于部分情形", "only for some situations", list(own.any_of))
    elif base.any_of and not own.any_of:
        situations(
            Verdict.EXCEEDS, "any_of", "面向所有流动儿童，而不只是这些情形", "open to every mobile child, not only", list(base.any_of)
        )
    elif widened := [s for s in own.any_of if s not in base.any_of]:
        situations(Verdict.EXCEEDS, "any_of", "增加了适用情形", "adds situations", widened)
    return found


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def judge_service(item: BaselineItem, service: Service | None, national: Definition) -> Cell:
    """The verdict for one baseline item in one region."""
    if service is None:
        return Cell(item.id, Verdict.MISSING, (Finding(Verdict.MISSING, Text("未列入本地区清单", "not in this region's list")),))
    findings = [judge_floor(floor, service.values) for floor in item.floors]
    findings += _judge_eligibility(item.eligibility, service.eligibility, national)
    if service.beyond_baseline:
        findings.append(Finding(Verdict.EXCEEDS, service.beyond_baseline, section="beyond_baseline"))
    return Cell(item.id, _verdict(findings), tuple(findings))


def judge_definition(national: Definition, own: Definition) -> Cell:
    """A region's definition of a mobile child against the national one."""
    findings = [
        _compare_number("max_age", Text("年龄（未满）", "age (under)"), own.max_age, national.max_age, True, Text("岁", "years")),
        _compare_number(
            "min_residence_months",
            Text("居住时间", "residence"),
            own.min_residence_months,
            national.min_residence_months,
            False,
            Text("个月", "months"),
        ),
        _compare_number(
            "information_update_months",
            Text("信息更新周期", "information updated every"),
            own.information_update_months,
            national.information_update_months,
            False,
            Text("个月", "months"),
        ),
    ]
    if own.includes_moves_within_city_districts != national.includes_moves_within_city_districts:
        wider = own.includes_moves_within_city_districts
        findings.append(
            Finding(
                Verdict.EXCEEDS if wider else Verdict.BELOW,
                Text("包括在城市中心城区之间流动的儿童", "includes children who moved between central city districts")
                if wider
                else Text("不包括在城市中心城区之间流动的儿童", "excludes children who moved between central city districts"),
                "includes_moves_within_city_districts",
            )
        )
    findings = [Finding(f.verdict, f.reason, f.key, "definition") for f in findings]
    return Cell("definition", _verdict(findings), tuple(findings))


def assess(checklist: Checklist, baseline: Baseline) -> RegionCoverage:
    """One region's row of the coverage matrix."""
    return RegionCoverage(
        code=checklist.code,
        name=checklist.name,
        file=checklist.file,
        definition=judge_definition(baseline.definition, checklist.definition),
        cells=tuple(judge_service(item, checklist.services.get(item.id), baseline.definition) for item in baseline.items),
        placeholders=checklist.placeholders,
    )


def coverage_matrix(checklists: list[Checklist], baseline: Baseline) -> CoverageMatrix:
    return CoverageMatrix(baseline, tuple(assess(c, baseline) for c in sorted(checklists, key=lambda c: c.code)))
