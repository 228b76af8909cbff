"""The entitlement finder's engine: which services a child can get in a region, now, later, or after more checks.

Rules are resolved once into plain numbers and lists (`region_rules`), which are also exported as JSON for the
finder page's script. Each service's answer lists its conditions (met, not met, not answered, to check) and the
outcome follows from them; `evaluate` is deliberately simple so the page's script mirrors it line by line
(theme/static/js/finder-engine.js). The words are in carelist.finder_messages, shared by the CLI and the page.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from carelist.model import Baseline, BaselineItem, Checklist, Definition, Eligibility, Service, Text

# Residence permit regulation (居住证暂行条例) art. 2: half a year's residence plus a job, a home or schooling.
PERMIT_MONTHS = 6


class Move(enum.StrEnum):
    """How the family moved, as the finder asks it."""

    COUNTY = "county"  # across a county boundary
    CITY_DISTRICTS = "city-districts"  # only between the central districts of one city
    NONE = "none"  # within the same county
    NOT_SURE = "not-sure"  # answered, but the family does not know how its move counts: treated as unanswered


class Outcome(enum.StrEnum):
    ENTITLED = "entitled"
    MORE_INFO = "more-info"
    LATER = "later"
    NOT_ELIGIBLE = "not-eligible"


class Status(enum.StrEnum):
    MET = "met"
    NOT_MET = "not-met"
    UNKNOWN = "unknown"  # a question left blank (or "not sure")
    CHECK = "check"  # the finder cannot know: the family checks locally


@dataclass(frozen=True)
class Rule:
    """One service's eligibility in one region, with every default already filled in."""

    item_id: str
    title: Text
    category: str
    local: bool
    min_age: int
    below_age: int
    min_months: int
    all_of: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    local_conditions: Text | None = None
    scope: str = "moved"
    residence_permit: str | None = None
    pupils: bool = False
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegionRules:
    code: str
    name: Text
    max_age: int
    min_months: int
    includes_moves_within_city_districts: bool
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Scenario:
    """What a family tells the finder; None means not answered."""

    region: str
    age: int | None = None
    months: int | None = None
    move: Move | None = None
    situations: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Condition:
    """One condition of one service for this family; code names its sentence in finder_messages."""

    id: str  # moved | age | residence | situations | permit | local
    status: Status
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    wait_months: int | None = None
    wait_years: int | None = None
    soft: bool = False  # not met, but other routes exist: the family checks rather than waits


@dataclass(frozen=True)
class Answer:
    item_id: str
    outcome: Outcome
    reason: str  # the code of the condition that decided the outcome ("eligible" when all are met)
    wait_months: int | None = None  # for LATER: months until the child qualifies
    wait_years: int | None = None
    conditions: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class Advice:
    """What to do meanwhile, or whom to ask; code names its sentence in finder_messages."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FinderResult:
    region: str
    covered: Outcome  # is the child a mobile child here: ENTITLED, LATER (residence too short), MORE_INFO or NOT_ELIGIBLE
    covered_reason: str
    answers: tuple[Answer, ...]
    wait_months: int | None = None  # for covered LATER: months until the child counts as a mobile child here
    advice: tuple[Advice, ...] = ()

    def by_outcome(self, outcome: Outcome) -> list[str]:
        return [a.item_id for a in self.answers if a.outcome is outcome]


def rule(item_id: str, e: Eligibility, definition: Definition, *, title: Text, category: str, local: bool = False) -> Rule:
    """One service's eligibility with the defaults of its scope filled in from a definition of a mobile child."""
    return Rule(
        item_id=item_id,
        title=title,
        category=category,
        local=local,
        min_age=e.min_age or 0,
        below_age=e.default_below_age(definition.max_age),
        min_months=e.default_min_months(definition.min_residence_months),
        all_of=e.all_of,
        any_of=e.any_of,
        local_conditions=e.local_conditions,
        scope=e.scope,
        residence_permit=e.residence_permit,
        pupils=e.pupils,
        sources=e.sources,
    )


def national_rule(item: BaselineItem, baseline: Baseline) -> Rule:
    """A baseline item's rule under the national definition: what the national service page states."""
    return rule(item.id, item.eligibility, baseline.definition, title=item.title, category=item.category)


def service_rule(service: Service, checklist: Checklist, baseline: Baseline) -> Rule:
    """A region's service (baseline or local item) under the region's definition."""
    item = None if service.local else baseline.item(service.id)
    title = item.title if item else service.title or Text(service.id)
    category = item.category if item else service.category or ""
    return rule(service.id, service.eligibility, checklist.definition, title=title, category=category, local=service.local)


def region_rules(checklist: Checklist, baseline: Baseline) -> RegionRules:
    """Every service of a region as a Rule, baseline items first in baseline order, then local items."""
    d = checklist.definition
    services = [checklist.services[item.id] for item in baseline.items if item.id in checklist.services]
    rules = [service_rule(s, checklist, baseline) for s in [*services, *checklist.local_items]]
    return RegionRules(
        checklist.code, checklist.name, d.max_age, d.min_residence_months, d.includes_moves_within_city_districts, tuple(rules)
    )


def _known_move(s: Scenario) -> Move | None:
    return None if s.move is Move.NOT_SURE else s.move


def _covered(region: RegionRules, s: Scenario) -> tuple[Outcome, str, int | None]:
    """Does the region's definition of a mobile child fit: firmest no first."""
    move = _known_move(s)
    if move is Move.NONE:
        return Outcome.NOT_ELIGIBLE, "not-moved", None
    if move is Move.CITY_DISTRICTS and not region.includes_moves_within_city_districts:
        return Outcome.NOT_ELIGIBLE, "city-districts", None
    if s.age is not None and s.age >= region.max_age:
        return Outcome.NOT_ELIGIBLE, "too-old", None
    # The definition needs a minimum time lived here: a newcomer is not a mobile child yet, but will be.
    if s.months is not None and s.months < region.min_months:
        return Outcome.LATER, "residence", region.min_months - s.months
    if move is None or s.age is None or s.months is None:
        return Outcome.MORE_INFO, "unknown", None
    return Outcome.ENTITLED, "mobile-child", None


def _moved(region: RegionRules, r: Rule, s: Scenario) -> Condition | None:
    """Did the family move in a way this service counts? Not asked of services open to every child."""
    if r.scope == "everyone":
        return None
    move = _known_move(s)
    if move is None:
        return Condition("moved", Status.UNKNOWN, "moved-unknown")
    if move is Move.NONE:
        return Condition("moved", Status.NOT_MET, "moved-none")
    if move is Move.CITY_DISTRICTS and (r.scope == "moved-any" or region.includes_moves_within_city_districts):
        return Condition("moved", Status.MET, "moved-any")
    if move is Move.CITY_DISTRICTS:
        return Condition("moved", Status.NOT_MET, "moved-city-districts")
    return Condition("moved", Status.MET, "moved-county")


def _age(r: Rule, s: Scenario) -> Condition:
    ages = {"min": r.min_age, "max": r.below_age}
    if s.age is None:
        return Condition("age", Status.UNKNOWN, "age-unknown", ages)
    if s.age < r.min_age and r.pupils:
        return Condition("age", Status.NOT_MET, "age-pupils", ages)
    if s.age < r.min_age:
        return Condition("age", Status.NOT_MET, "age-young", ages, wait_years=r.min_age - s.age)
    if s.age >= r.below_age:
        return Condition("age", Status.NOT_MET, "age-old", ages)
    return Condition("age", Status.MET, "age-range" if r.min_age else "age-under", ages)


def _residence(r: Rule, s: Scenario) -> Condition | None:
    if not r.min_months:
        return None
    months = {"min": r.min_months}
    if s.months is None:
        return Condition("residence", Status.UNKNOWN, "residence-unknown", months)
    if s.months < r.min_months:
        return Condition("residence", Status.NOT_MET, "residence-wait", months, wait_months=r.min_months - s.months)
    return Condition("residence", Status.MET, "residence-met", months)


def _situations(r: Rule, s: Scenario) -> list[Condition]:
    found = []
    if r.all_of:
        met = set(r.all_of) <= s.situations
        found.append(Condition("situations", Status.MET if met else Status.NOT_MET, "all-of", {"situations": list(r.all_of)}))
    if r.any_of:
        met = bool(set(r.any_of) & s.situations)
        found.append(Condition("situations", Status.MET if met else Status.NOT_MET, "any-of", {"situations": list(r.any_of)}))
    return found


def _permit(r: Rule, s: Scenario) -> Condition | None:
    """The residence permit, for families who moved across a county boundary (or may have)."""
    if not r.residence_permit or _known_move(s) in (Move.NONE, Move.CITY_DISTRICTS):
        return None
    soft = r.residence_permit == "main-basis"
    if s.months is None:
        return Condition("permit", Status.UNKNOWN, "permit-unknown", soft=soft)
    if s.months < PERMIT_MONTHS:
        wait = PERMIT_MONTHS - s.months
        return Condition("permit", Status.NOT_MET, "permit-wait-main" if soft else "permit-wait", wait_months=wait, soft=soft)
    return Condition("permit", Status.MET, "permit-met", soft=soft)


def _conditions(region: RegionRules, r: Rule, s: Scenario) -> tuple[Condition, ...]:
    found = [_moved(region, r, s), _age(r, s), _residence(r, s), *_situations(r, s), _permit(r, s)]
    if r.local_conditions is not None:
        found.append(Condition("local", Status.CHECK, "local"))
    return tuple(c for c in found if c is not None)


def _answer(region: RegionRules, r: Rule, s: Scenario) -> Answer:
    """The outcome follows from the conditions: a firm no, then a wait, then anything left to find out."""
    conditions = _conditions(region, r, s)
    hard = [c for c in conditions if c.status is Status.NOT_MET and not c.soft]
    if never := [c for c in hard if c.wait_months is None and c.wait_years is None]:
        return Answer(r.item_id, Outcome.NOT_ELIGIBLE, never[0].code, conditions=conditions)
    if hard:
        months = max((c.wait_months for c in hard if c.wait_months), default=None)
        years = max((c.wait_years for c in hard if c.wait_years), default=None)
        return Answer(r.item_id, Outcome.LATER, hard[0].code, months, years, conditions)
    if open_ := [c for c in conditions if c.status is not Status.MET]:
        return Answer(r.item_id, Outcome.MORE_INFO, open_[0].code, conditions=conditions)
    return Answer(r.item_id, Outcome.ENTITLED, "eligible", conditions=conditions)


def _advice(covered: str, answers: tuple[Answer, ...]) -> tuple[Advice, ...]:
    """What to do meanwhile: the residence permit, what to ask about now, and whom to ask."""
    advice = []
    permits = [c for a in answers for c in a.conditions if c.id == "permit"]
    if waits := [c.wait_months for c in permits if c.wait_months]:
        advice.append(Advice("permit-after", {"num": min(waits)}))
    elif any(c.status is Status.MET for c in permits):
        advice.append(Advice("permit-now"))
    # Services that usually need the permit but have other routes: worth asking about now rather than waiting.
    asks = [a.item_id for a in answers if a.outcome is Outcome.MORE_INFO and any(_soft_gap(c) for c in a.conditions)]
    if asks:
        advice.append(Advice("ask-now", {"items": asks}))
    if covered in ("not-moved", "city-districts", "too-old") or not any(a.outcome is Outcome.ENTITLED for a in answers):
        advice.append(Advice("ask-whom"))
    return tuple(advice)


def _soft_gap(c: Condition) -> bool:
    return c.soft and c.status is Status.NOT_MET


def evaluate(region: RegionRules, scenario: Scenario) -> FinderResult:
    """The finder's answer for one family in one region: every service, even for a child outside the definition."""
    covered, why, wait = _covered(region, scenario)
    answers = tuple(_answer(region, r, scenario) for r in region.rules)
    return FinderResult(region.code, covered, why, answers, wait, _advice(why, answers))


def _text(t: Text | None) -> dict[str, str | None] | None:
    return {"zh": t.zh, "en": t.en} if t else None


def rules_as_json(region: RegionRules) -> dict[str, object]:
    """The export finder.js reads: the same resolved numbers evaluate() uses."""
    return {
        "code": region.code,
        "name": _text(region.name),
        "max_age": region.max_age,
        "min_months": region.min_months,
        "includes_moves_within_city_districts": region.includes_moves_within_city_districts,
        "rules": [
            {
                "id": r.item_id,
                "title": _text(r.title),
                "category": r.category,
                "local": r.local,
                "scope": r.scope,
                "min_age": r.min_age,
                "below_age": r.below_age,
                "min_months": r.min_months,
                "all_of": list(r.all_of),
                "any_of": list(r.any_of),
                "local_conditions": _text(r.local_conditions),
                "residence_permit": r.residence_permit,
                "pupils": r.pupils,
            }
            for r in region.rules
        ],
    }


def condition_as_json(c: Condition) -> dict[str, object]:
    return {
        "id": c.id,
        "status": c.status.value,
        "code": c.code,
        "params": c.params,
        "wait_months": c.wait_months,
        "wait_years": c.wait_years,
        "soft": c.soft,
    }


def result_as_json(result: FinderResult) -> dict[str, object]:
    """The comparable form of an answer, identical to what finder-engine.js computes."""
    return {
        "region": result.region,
        "covered": result.covered.value,
        "covered_reason": result.covered_reason,
        "wait_months": result.wait_months,
        "answers": [
            {
                "id": a.item_id,
                "outcome": a.outcome.value,
                "reason": a.reason,
                "wait_months": a.wait_months,
                "wait_years": a.wait_years,
                "conditions": [condition_as_json(c) for c in a.conditions],
            }
            for a in result.answers
        ],
        "advice": [{"code": a.code, "params": a.params} for a in result.advice],
    }
