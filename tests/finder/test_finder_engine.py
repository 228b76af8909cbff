"""The Python finder engine gives the scenario table's hand-checked answers, and the table covers what it must."""

from __future__ import annotations

import pytest
from finder_cases import CASES, GROUPS, Case, by_outcome, data

from carelist.eligibility import Move, Outcome, Scenario, evaluate, result_as_json, rules_as_json


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
    if want["covered"] == "not-eligible":
        assert result["answers"] == []
    else:
        # Every service of the region is answered, in the region's order; all the others are not-eligible.
        assert [a["id"] for a in result["answers"]] == [r.item_id for r in region.rules]
        listed = {i for key in GROUPS for i in want[key]}
        assert all(a["outcome"] == "not-eligible" for a in result["answers"] if a["id"] not in listed)
    answers = {a["id"]: a for a in result["answers"]}
    for item_id, wait in want.get("waits", {}).items():
        assert (answers[item_id]["wait_years"], answers[item_id]["wait_months"]) == (wait.get("years"), wait.get("months")), item_id


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
    assert len(CASES) >= 8
    assert {c.region for c in CASES} >= {"440000", "330000", "510000"}
    assert len({c.id for c in CASES}) == len(CASES)
    covered = {(c.region, c.expect["covered"], c.expect["covered_reason"]) for c in CASES}
    # Residence: 4 months is too short in Guangdong (6) but enough in Zhejiang (3).
    assert any(c.months == 4 and c.expect["covered"] == "later" for c in _cases(region="440000"))
    assert any(c.months == 4 and c.expect["covered"] == "entitled" for c in _cases(region="330000"))
    # Age: 16 is too old in Guangdong (under 16) but covered in Zhejiang (under 18).
    assert ("440000", "not-eligible", "too-old") in covered
    assert any(c.age == 16 and c.expect["covered"] == "entitled" for c in _cases(region="330000"))
    # Moves between central districts: counted in Zhejiang only.
    assert any(c.move == "city-districts" and c.expect["covered"] == "entitled" for c in _cases(region="330000"))
    assert ("440000", "not-eligible", "city-districts") in covered
    assert ("440000", "not-eligible", "not-moved") in covered
    # Too young now, later by age; unanswered questions need more information.
    assert any(c.expect.get("waits", {}).get(i, {}).get("years") for c in CASES for i in c.expect["later"])
    assert any(c.age is None or c.months is None or c.move is None for c in CASES if c.expect["more_info"])
    # Services with no minimum residence do not wait for an unanswered months question.
    assert any(c.months is None and c.age is not None and c.move for c in CASES if c.expect["entitled"])
    # Situations open services: disability and orphan in the same family.
    assert {"disability-rehabilitation", "living-allowance"} <= {
        i for c in CASES if {"disability", "orphan"} <= set(c.situations) for i in c.expect["entitled"]
    }


def test_a_child_who_did_not_move_gets_no_list_whatever_else_is_answered() -> None:
    _, regions = data()
    result = evaluate(regions["330000"], Scenario("330000", 5, 24, Move.NONE, frozenset({"disability", "orphan"})))
    assert (result.covered, result.covered_reason, result.answers) == (Outcome.NOT_ELIGIBLE, "not-moved", ())


def test_an_unanswered_move_never_gives_a_firm_yes() -> None:
    _, regions = data()
    for code, region in regions.items():
        for age in range(0, 19):
            result = evaluate(region, Scenario(code, age, 36, None, frozenset({"disability", "hardship"})))
            assert not result.by_outcome(Outcome.ENTITLED), (code, age)


def test_a_newcomer_is_told_how_many_months_remain() -> None:
    _, regions = data()
    for code, region in regions.items():
        for months in range(region.min_months):
            result = evaluate(region, Scenario(code, 8, months, Move.COUNTY))
            assert (result.covered, result.wait_months) == (Outcome.LATER, region.min_months - months)
        assert evaluate(region, Scenario(code, 8, region.min_months, Move.COUNTY)).covered is Outcome.ENTITLED


def test_a_regions_override_replaces_only_what_it_restates() -> None:
    baseline, regions = data()
    zj = {r.item_id: r for r in regions["330000"].rules}
    national = baseline.item("student-aid").eligibility
    assert (zj["student-aid"].below_age, national.below_age) == (18, 16)  # restated by Zhejiang
    assert zj["student-aid"].all_of == national.all_of == ("hardship",)  # kept from the baseline
    assert zj["first-aid-skills"].min_months == 3  # no rule of its own: the region's definition applies


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
