"""The Python finder engine gives the scenario table's hand-checked answers, and the table covers what it must."""

from __future__ import annotations

import itertools

import pytest
from finder_cases import CASES, GROUPS, Case, by_outcome, data

from carelist.eligibility import Move, Outcome, Scenario, Status, evaluate, national_rule, result_as_json, rules_as_json
from carelist.model import SCOPES


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_scenario_gives_the_expected_answer(case: Case) -> None:
    _, regions = data()
    region = regions[case.region]
    result = result_as_json(evaluate(region, case.scenario))
    want = case.expect
    assert (result["covered"], result["covered_reason"]) == (want["covered"], want["covered_reason"]), case.about
    assert result["wait_months"] == want.get("covered_wait_months")
    got = by_outcome(result)
    for key in GROUPS:
        assert sorted(got[key]) == sorted(want[key]), (
            f"{case.id} {key}: missing {set(want[key]) - set(got[key])}, extra {set(got[key]) - set(want[key])}"
        )
    # Every service of the region is answered, in the region's order, even for a child outside the definition;
    # all the others are not-eligible.
    assert [a["id"] for a in result["answers"]] == [r.item_id for r in region.rules]
    listed = {i for key in GROUPS for i in want[key]}
    assert all(a["outcome"] == "not-eligible" for a in result["answers"] if a["id"] not in listed)
    answers = {a["id"]: a for a in result["answers"]}
    for item_id, wait in want.get("waits", {}).items():
        assert (answers[item_id]["wait_years"], answers[item_id]["wait_months"]) == (wait.get("years"), wait.get("months")), item_id
    for item_id, conditions in want.get("conditions", {}).items():
        assert [[c["code"], c["status"]] for c in answers[item_id]["conditions"]] == conditions, item_id
    if "advice" in want:
        assert [a["code"] for a in result["advice"]] == want["advice"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_expectations_name_real_services_once(case: Case) -> None:
    """A typo in the table must fail loudly, not quietly expect nothing."""
    _, regions = data()
    ids = {r.item_id for r in regions[case.region].rules}
    listed = [i for key in GROUPS for i in case.expect[key]]
    assert len(listed) == len(set(listed)), f"{case.id}: a service is listed twice"
    assert set(listed) <= ids, f"{case.id}: not services of {case.region}: {set(listed) - ids}"
    assert set(case.expect.get("waits", {})) <= set(case.expect["later"])


def _cases(**where: object) -> list[Case]:
    return [c for c in CASES if all(getattr(c, k) == v for k, v in where.items())]


def test_the_table_covers_what_the_finder_must_get_right() -> None:
    assert len(CASES) >= 60
    assert {c.region for c in CASES} >= {"440000", "330000", "510000"}
    assert len({c.id for c in CASES}) == len(CASES)
    assert all(c.source.strip() for c in CASES)
    covered = {(c.region, c.expect["covered"], c.expect["covered_reason"]) for c in CASES}
    # Every age boundary of the rules, newborns and newcomers of every month before the permit.
    assert {0, 3, 6, 12, 15, 16, 17, 18} <= {c.age for c in CASES}
    assert {0, 1, 2, 3, 4, 5} <= {c.months for c in CASES}
    assert any(c.age == 0 and c.months == 0 for c in CASES)
    # Residence: 4 months is too short in Guangdong (6) but enough in Zhejiang (3).
    assert any(c.months == 4 and c.expect["covered"] == "later" for c in _cases(region="510000"))
    assert any(c.months == 4 and c.expect["covered"] == "entitled" for c in _cases(region="330000"))
    # Age: 16 is too old in Guangdong (under 16) but covered in Zhejiang (under 18).
    assert ("440000", "not-eligible", "too-old") in covered
    assert any(c.age == 16 and c.expect["covered"] == "entitled" for c in _cases(region="330000"))
    # Moves: between central districts counted in Zhejiang only; not moved; not sure; unanswered.
    assert any(c.move == "city-districts" and c.expect["covered"] == "entitled" for c in _cases(region="330000"))
    assert {("440000", "not-eligible", "city-districts"), ("440000", "not-eligible", "not-moved")} <= covered
    assert {"not-sure", None} <= {c.move for c in CASES}
    # Every situation, and the local items of every region.
    assert {s for c in CASES for s in c.situations} == {s.id for s in data()[0].situations}
    _, regions = data()
    local = {r.item_id for region in regions.values() for r in region.rules if r.local}
    assert local <= {i for c in CASES for key in GROUPS for i in c.expect[key]}
    # No dead end: a child outside the definition still gets an answer.
    out = [c for c in CASES if c.expect["covered"] == "not-eligible"]
    assert out and all(c.expect["entitled"] or c.expect["more_info"] for c in out)


def test_a_child_who_did_not_move_gets_what_every_child_there_gets_and_nothing_that_needs_a_move() -> None:
    _, regions = data()
    for code, region in regions.items():
        for age in range(0, 19):
            result = evaluate(region, Scenario(code, age, 24, Move.NONE, frozenset({"disability", "orphan", "hardship"})))
            assert (result.covered, result.covered_reason) == (Outcome.NOT_ELIGIBLE, "not-moved")
            rules = {r.item_id: r for r in region.rules}
            open_ = [a.item_id for a in result.answers if a.outcome is not Outcome.NOT_ELIGIBLE]
            assert all(rules[i].scope == "everyone" for i in open_), (code, age, open_)
            if age < 18:
                assert {"vaccination", "medical-insurance", "temporary-assistance"} <= set(result.by_outcome(Outcome.ENTITLED))
            assert "ask-whom" in [a.code for a in result.advice]


def test_an_unanswered_move_never_gives_a_firm_yes_for_a_service_that_needs_a_move() -> None:
    _, regions = data()
    for code, region in regions.items():
        needs_move = {r.item_id for r in region.rules if r.scope != "everyone"}
        for move in (None, Move.NOT_SURE):
            for age in range(0, 19):
                result = evaluate(region, Scenario(code, age, 36, move, frozenset({"disability", "hardship"})))
                assert not set(result.by_outcome(Outcome.ENTITLED)) & needs_move, (code, age)


def test_a_newcomer_is_told_how_many_months_remain() -> None:
    _, regions = data()
    for code, region in regions.items():
        for months in range(region.min_months):
            result = evaluate(region, Scenario(code, 8, months, Move.COUNTY))
            assert (result.covered, result.wait_months) == (Outcome.LATER, region.min_months - months)
        assert evaluate(region, Scenario(code, 8, region.min_months, Move.COUNTY)).covered is Outcome.ENTITLED


def test_time_is_the_only_gap_of_a_later_service_and_its_wait_is_stated() -> None:
    _, regions = data()
    for code, region in regions.items():
        for age, months in itertools.product(range(0, 19), range(0, 8)):
            for a in evaluate(region, Scenario(code, age, months, Move.COUNTY)).answers:
                if a.outcome is Outcome.LATER:
                    assert a.wait_months or a.wait_years, (code, age, months, a)
                    gaps = [c for c in a.conditions if c.status is Status.NOT_MET and not c.soft]
                    assert all(c.wait_months or c.wait_years for c in gaps), (code, a.item_id)


def test_a_regions_override_replaces_only_what_it_restates() -> None:
    baseline, regions = data()
    zj = {r.item_id: r for r in regions["330000"].rules}
    national = baseline.item("student-aid").eligibility
    assert (zj["student-aid"].below_age, national.below_age) == (18, 16)  # restated by Zhejiang
    assert zj["student-aid"].all_of == national.all_of == ("hardship",)  # kept from the baseline
    # Registration follows the definition (6 months nationally); every sample registers newcomers (months 0).
    assert national_rule(baseline.item("monitoring-registration"), baseline).min_months == 6
    assert all({r.item_id: r for r in region.rules}["monitoring-registration"].min_months == 0 for region in regions.values())
    # A service for every child takes the minors' age, not the list's.
    assert {r.item_id: r for r in regions["440000"].rules}["vaccination"].below_age == 18


def test_every_baseline_rule_says_whom_it_is_for_and_cites_its_source() -> None:
    baseline, _ = data()
    for item in baseline.items:
        e = item.eligibility
        assert e.scope in SCOPES and e.sources, item.id
        # The (四) definition is used only where the plan's text uses it: monitoring and registration.
        assert (e.scope == "definition") == (item.id == "monitoring-registration"), item.id


def test_the_export_holds_exactly_the_numbers_the_engine_uses() -> None:
    _, regions = data()
    for region in regions.values():
        exported = rules_as_json(region)
        assert (exported["max_age"], exported["min_months"]) == (region.max_age, region.min_months)
        for rule, raw in zip(region.rules, exported["rules"], strict=True):
            assert (raw["id"], raw["min_age"], raw["below_age"], raw["min_months"]) == (
                rule.item_id,
                rule.min_age,
                rule.below_age,
                rule.min_months,
            )
            assert (tuple(raw["all_of"]), tuple(raw["any_of"]), raw["local_conditions"] is None) == (
                rule.all_of,
                rule.any_of,
                rule.local_conditions is None,
            )
