"""The entitlement finder's engine: which services a child can get in a region, now, later, or after more checks.

Rules are resolved once into plain numbers and lists (`region_rules`), which are also exported as JSON for the
finder page's script; `evaluate` is deliberately simple so the page's script mirrors it line by line (theme/static/js/finder-engine.js).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from carelist.model import Baseline, Checklist, Service, Text


class Move(enum.StrEnum):
    """How the family moved, as the finder asks it."""

    COUNTY = "county"  # across a county boundary
    CITY_DISTRICTS = "city-districts"  # only between the central districts of one city
    NONE = "none"  # within the same county


class Outcome(enum.StrEnum):
    ENTITLED = "entitled"
    MORE_INFO = "more-info"
    LATER = "later"
    NOT_ELIGIBLE = "not-eligible"


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
class Answer:
    item_id: str
    outcome: Outcome
    reason: str  # a stable reason code, shared with finder.js
    wait_months: int | None = None  # for LATER: months until the child qualifies
    wait_years: int | None = None


@dataclass(frozen=True)
class FinderResult:
    region: str
    covered: Outcome  # is the child a mobile child here: ENTITLED, LATER (residence too short), MORE_INFO or NOT_ELIGIBLE
    covered_reason: str
    answers: tuple[Answer, ...]
    wait_months: int | None = None  # for covered LATER: months until the child counts as a mobile child here

    def by_outcome(self, outcome: Outcome) -> list[str]:
        return [a.item_id for a in self.answers if a.outcome is outcome]


def _rule(service: Service, title: Text, category: str, max_age: int, min_months: int) -> Rule:
    e = service.eligibility
    return Rule(
        item_id=service.id,
        title=title,
        category=category,
        local=service.local,
        min_age=e.min_age or 0,
        below_age=e.below_age if e.below_age is not None else max_age,
        min_months=e.min_residence_months if e.min_residence_months is not None else min_months,
        all_of=e.all_of,
        any_of=e.any_of,
        local_conditions=e.local_conditions,
    )


def region_rules(checklist: Checklist, baseline: Baseline) -> RegionRules:
    """Every service of a region as a Rule, baseline items first in baseline order, then local items."""
    d = checklist.definition
    rules = [
        _rule(checklist.services[item.id], item.title, item.category, d.max_age, d.min_residence_months)
        for item in baseline.items
        if item.id in checklist.services
    ]
    rules += [_rule(s, s.title or Text(s.id), s.category or "", d.max_age, d.min_residence_months) for s in checklist.local_items]
    return RegionRules(
        checklist.code, checklist.name, d.max_age, d.min_residence_months, d.includes_moves_within_city_districts, tuple(rules)
    )


def _covered(region: RegionRules, s: Scenario) -> tuple[Outcome, str, int | None]:
    """Does the region's definition of a mobile child fit: in the same order as _answer, firmest no first."""
    if s.move is Move.NONE:
        return Outcome.NOT_ELIGIBLE, "not-moved", None
    if s.move is Move.CITY_DISTRICTS and not region.includes_moves_within_city_districts:
        return Outcome.NOT_ELIGIBLE, "city-districts", None
    if s.age is not None and s.age >= region.max_age:
        return Outcome.NOT_ELIGIBLE, "too-old", None
    # The definition needs a minimum time lived here: a newcomer is not a mobile child yet, but will be.
    if s.months is not None and s.months < region.min_months:
        return Outcome.LATER, "residence", region.min_months - s.months
    if s.move is None or s.age is None or s.months is None:
        return Outcome.MORE_INFO, "unknown", None
    return Outcome.ENTITLED, "mobile-child", None


def _answer(rule: Rule, s: Scenario) -> Answer:
    """Checks run from the firmest no to the softest maybe, so the first that fails decides.

    Every service on the list is for mobile children, so an unanswered move leaves each one open, like a missing age.
    """
    if rule.all_of and not set(rule.all_of) <= s.situations:
        return Answer(rule.item_id, Outcome.NOT_ELIGIBLE, "situation")
    if rule.any_of and not set(rule.any_of) & s.situations:
        return Answer(rule.item_id, Outcome.NOT_ELIGIBLE, "situation")
    if s.age is not None and s.age >= rule.below_age:
        return Answer(rule.item_id, Outcome.NOT_ELIGIBLE, "too-old")
    if s.age is not None and s.age < rule.min_age:
        return Answer(rule.item_id, Outcome.LATER, "too-young", wait_years=rule.min_age - s.age)
    if s.months is not None and s.months < rule.min_months:
        return Answer(rule.item_id, Outcome.LATER, "residence", wait_months=rule.min_months - s.months)
    # A service with no minimum residence is open to a newcomer too, so an unanswered months question does not matter.
    if s.age is None or s.move is None or (s.months is None and rule.min_months > 0):
        return Answer(rule.item_id, Outcome.MORE_INFO, "unknown")
    if rule.local_conditions is not None:
        return Answer(rule.item_id, Outcome.MORE_INFO, "local-conditions")
    return Answer(rule.item_id, Outcome.ENTITLED, "eligible")


def evaluate(region: RegionRules, scenario: Scenario) -> FinderResult:
    """The finder's answer for one family in one region."""
    covered, why, wait = _covered(region, scenario)
    if covered is Outcome.NOT_ELIGIBLE:
        return FinderResult(region.code, covered, why, (), wait)
    return FinderResult(region.code, covered, why, tuple(_answer(rule, scenario) for rule in region.rules), wait)


def rules_as_json(region: RegionRules) -> dict[str, object]:
    """The export finder.js reads: the same resolved numbers evaluate() uses."""

    def text(t: Text | None) -> dict[str, str | None] | None:
        return {"zh": t.zh, "en": t.en} if t else None

    return {
        "code": region.code,
        "name": text(region.name),
        "max_age": region.max_age,
        "min_months": region.min_months,
        "includes_moves_within_city_districts": region.includes_moves_within_city_districts,
        "rules": [
            {
                "id": r.item_id,
                "title": text(r.title),
                "category": r.category,
                "local": r.local,
                "min_age": r.min_age,
                "below_age": r.below_age,
                "min_months": r.min_months,
                "all_of": list(r.all_of),
                "any_of": list(r.any_of),
                "local_conditions": text(r.local_conditions),
            }
            for r in region.rules
        ],
    }


def result_as_json(result: FinderResult) -> dict[str, object]:
    """The comparable form of an answer, identical to what finder-engine.js computes."""
    return {
        "region": result.region,
        "covered": result.covered.value,
        "covered_reason": result.covered_reason,
        "wait_months": result.wait_months,
        "answers": [
            {"id": a.item_id, "outcome": a.outcome.value, "reason": a.reason, "wait_months": a.wait_months, "wait_years": a.wait_years}
            for a in result.answers
        ],
    }
