"""`carelist coverage`: each cell of the region × baseline-item matrix, built from a sample with one thing changed.

Guangdong's fixture (tests/fixtures/checklists/440000.yaml) meets or exceeds the baseline everywhere; each test copies it to a
temporary folder, changes one thing, and reads the verdict back through the command line.
"""

from __future__ import annotations

import pytest

from carelist.checker import check
from carelist.coverage import Verdict, coverage_matrix
from served_site import FIXTURE_CHECKLISTS

CODE = "440000"


@pytest.fixture
def assess(cli, write_checklist):
    """assess(data) -> (exit code, the region's row of `coverage --format json`, validate's diagnostics)."""

    def run(data):
        path = write_checklist(data)
        result = cli("coverage", "--format", "json", path)
        (region,) = result.json()["regions"]
        validated = cli("validate", "--format", "json", path)
        diagnostics = [d for d in validated.json()["diagnostics"] if d["file"].endswith(path.name)]
        assert (validated.code == 0) == region["ok"]  # validate fails exactly when coverage does
        return result.code, region, diagnostics

    return run


def reasons(cell, verdict):
    return [f"{r['zh']} / {r['en']}" for r in cell["reasons"] if r["verdict"] == verdict]


def test_unchanged_sample_meets_the_baseline(sample_data, assess) -> None:
    code, region, diagnostics = assess(sample_data(CODE))
    assert code == 0 and region["ok"]
    assert region["items"]["preschool"]["verdict"] == "meets"
    assert [d for d in diagnostics if d["level"] == "error"] == []


# --- the four cell states -----------------------------------------------------------------------------------------


def test_missing(sample_data, assess) -> None:
    _, before, _ = assess(sample_data(CODE))
    data = sample_data(CODE)
    del data["services"]["transport"]
    code, region, diagnostics = assess(data)
    assert code == 1 and not region["ok"]
    assert region["items"]["transport"]["verdict"] == "missing"
    changed = [item for item in region["items"] if region["items"][item] != before["items"][item]]
    assert changed == ["transport"]
    (d,) = [d for d in diagnostics if d["code"] == "coverage.missing"]
    assert "transport" in d["message"]["en"] and "学生公交卡" in d["message"]["zh"]
    assert d["path"] == "services" and "transport:" in d["hint"]["en"]


def test_below_a_required_floor(sample_data, assess) -> None:
    data = sample_data(CODE)
    data["services"]["preschool"]["values"]["inclusive_kindergarten_nearby"] = False
    code, region, diagnostics = assess(data)
    assert code == 1
    cell = region["items"]["preschool"]
    assert cell["verdict"] == "below"
    assert reasons(cell, "below") == [
        "未做到：流动儿童可就近在普惠性幼儿园入园 / not provided: Mobile children can attend an affordable kindergarten near home"
    ]
    (d,) = [d for d in diagnostics if d["code"] == "coverage.below"]
    assert d["path"] == "services.preschool.values.inclusive_kindergarten_nearby"
    assert "低于国家基础清单" in d["message"]["zh"] and "Below the national baseline" in d["message"]["en"]


def test_below_when_a_required_choice_is_left_out(sample_data, assess) -> None:
    data = sample_data(CODE)
    data["services"]["mental-health"]["values"]["support_types"].remove("counselling")
    code, region, diagnostics = assess(data)
    cell = region["items"]["mental-health"]
    assert code == 1 and cell["verdict"] == "below"
    (d,) = [d for d in diagnostics if d["code"] == "coverage.below"]
    assert d["path"] == "services.mental-health.values.support_types"
    (reason,) = reasons(cell, "below")
    assert "缺少 心理辅导" in reason and "missing" in reason


def test_below_when_a_value_is_not_stated(sample_data, assess) -> None:
    data = sample_data(CODE)
    del data["services"]["transport"]["values"]["student_transit_card"]
    code, region, diagnostics = assess(data)
    assert code == 1 and region["items"]["transport"]["verdict"] == "below"
    (d,) = [d for d in diagnostics if d["code"] == "coverage.value_missing"]
    assert "student_transit_card: true" in d["hint"]["en"]


def test_meets(sample_data, assess) -> None:
    data = sample_data(CODE)
    service = data["services"]["mental-health"]
    service["values"] = {"support_types": ["counselling", "emotional-support", "psychological-comfort"], "referral_channel": True}
    service.pop("beyond_baseline", None)
    service.pop("eligibility", None)
    code, region, _ = assess(data)
    cell = region["items"]["mental-health"]
    assert code == 0 and cell["verdict"] == "meets"
    assert {r["verdict"] for r in cell["reasons"]} == {"meets"}


def test_exceeds_by_offering_more_than_the_floor(sample_data, assess) -> None:
    data = sample_data(CODE)
    service = data["services"]["mental-health"]
    service["values"] = {
        "support_types": ["counselling", "emotional-support", "psychological-comfort", "school-counsellor"],
        "referral_channel": True,
    }
    service.pop("beyond_baseline", None)
    code, region, _ = assess(data)
    cell = region["items"]["mental-health"]
    assert code == 0 and cell["verdict"] == "exceeds"
    (reason,) = reasons(cell, "exceeds")
    assert "另有 学校心理老师" in reason or "also" in reason


def test_exceeds_by_saying_what_is_beyond_the_baseline(sample_data, assess) -> None:
    data = sample_data(CODE)
    data["services"]["preschool"]["beyond_baseline"] = {"zh": "学前一年免收保育教育费。", "en": "The last preschool year is free."}
    code, region, _ = assess(data)
    cell = region["items"]["preschool"]
    assert code == 0 and cell["verdict"] == "exceeds"
    assert reasons(cell, "exceeds") == ["学前一年免收保育教育费。 / The last preschool year is free."]


def test_below_wins_over_exceeds_in_one_cell(sample_data, assess) -> None:
    data = sample_data(CODE)
    service = data["services"]["preschool"]
    service["beyond_baseline"] = {"zh": "学前一年免费。", "en": "The last year is free."}
    service["values"]["open_to_mobile_children"] = False
    _, region, _ = assess(data)
    assert region["items"]["preschool"]["verdict"] == "below"


# --- the region's definition against the national one ----------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "verdict"),
    [
        ("max_age", 18, "exceeds"),  # wider: children up to 18
        ("max_age", 14, "below"),
        ("min_residence_months", 3, "exceeds"),  # wider: three months are enough
        ("min_residence_months", 12, "below"),
        ("information_update_months", 3, "exceeds"),  # updated more often
        ("information_update_months", 12, "below"),
        ("includes_moves_within_city_districts", True, "exceeds"),
    ],
)
def test_definition_wider_exceeds_narrower_is_below(sample_data, assess, field, value, verdict) -> None:
    data = sample_data(CODE)
    data["definition"][field] = value
    code, region, diagnostics = assess(data)
    cell = region["definition"]
    assert cell["verdict"] == verdict
    (changed,) = [r for r in cell["reasons"] if r["key"] == field]
    assert changed["verdict"] == verdict
    assert code == (1 if verdict == "below" else 0)
    if verdict == "below":
        (d,) = [d for d in diagnostics if d["code"] == "coverage.below"]
        assert d["path"] == f"definition.{field}"


def test_definition_equal_to_the_national_one_meets(sample_data, assess) -> None:
    _, region, _ = assess(sample_data(CODE))
    assert region["definition"]["verdict"] == "meets"


# --- eligibility per item: narrowing is below, widening exceeds ------------------------------------------------


@pytest.mark.parametrize(
    ("item", "rules", "key"),
    [
        ("preschool", {"below_age": 5}, "below_age"),  # baseline: under 6
        ("preschool", {"min_age": 4}, "min_age"),  # baseline: from 3
        ("transport", {"min_age": 7}, "min_age"),  # baseline: pupils from 6
        ("vaccination", {"min_residence_months": 6}, "min_residence_months"),  # baseline: from day one
        ("transport", {"min_residence_months": 12}, "min_residence_months"),  # baseline: no minimum
        ("transport", {"below_age": 14}, "below_age"),  # national definition: under 16
        ("student-aid", {"all_of": ["hardship", "disability"]}, "all_of"),  # adds a condition
        ("key-care-visits", {"any_of": ["hardship", "disability"]}, "any_of"),  # drops situations
        ("transport", {"any_of": ["hardship"]}, "any_of"),  # baseline: everyone, not only families in hardship
    ],
)
def test_narrower_eligibility_is_below(sample_data, assess, item, rules, key) -> None:
    data = sample_data(CODE)
    data["services"][item]["eligibility"] = rules
    code, region, diagnostics = assess(data)
    cell = region["items"][item]
    assert code == 1 and cell["verdict"] == "below", cell
    assert [r["key"] for r in cell["reasons"] if r["verdict"] == "below"] == [key]
    (d,) = [d for d in diagnostics if d["code"] == "coverage.below"]
    assert d["path"].startswith(f"services.{item}.eligibility")


@pytest.mark.parametrize(
    ("item", "rules", "key"),
    [
        ("preschool", {"below_age": 7}, "below_age"),
        ("preschool", {"min_age": 2}, "min_age"),
        ("transport", {"below_age": 18}, "below_age"),
        ("monitoring-registration", {"min_residence_months": 3}, "min_residence_months"),  # the definition's 6
        ("student-aid", {"all_of": []}, "all_of"),  # baseline: families in hardship only
        ("key-care-visits", {"any_of": ["hardship", "disability", "no-guardian", "psychological", "unattended"]}, "any_of"),
        ("key-care-visits", {"any_of": []}, "any_of"),  # every mobile child gets visits
    ],
)
def test_wider_eligibility_exceeds(sample_data, assess, item, rules, key) -> None:
    data = sample_data(CODE)
    data["services"][item].pop("beyond_baseline", None)
    data["services"][item]["eligibility"] = rules
    code, region, _ = assess(data)
    cell = region["items"][item]
    assert code == 0 and cell["verdict"] == "exceeds", cell
    assert [r["key"] for r in cell["reasons"] if r["verdict"] == "exceeds"] == [key]


def test_restating_the_baseline_rules_meets(sample_data, assess) -> None:
    data = sample_data(CODE)
    data["services"]["preschool"]["eligibility"] = {"min_age": 3, "below_age": 6}
    data["services"]["key-care-visits"]["eligibility"] = {"any_of": ["hardship", "disability", "no-guardian", "psychological"]}
    _, region, _ = assess(data)
    assert region["items"]["preschool"]["verdict"] == "meets"
    assert region["items"]["key-care-visits"]["verdict"] in ("meets", "exceeds")
    assert not reasons(region["items"]["key-care-visits"], "below")


# --- the command ------------------------------------------------------------------------------------------------


def test_one_failing_region_fails_the_run_and_markdown_says_what_to_fix(sample_data, write_checklist, cli, repo) -> None:
    broken = sample_data(CODE)
    del broken["services"]["transport"]
    broken["services"]["preschool"]["values"]["open_to_mobile_children"] = False
    path = write_checklist(broken)
    others = [FIXTURE_CHECKLISTS / "330000.yaml", FIXTURE_CHECKLISTS / "510000.yaml"]
    result = cli("coverage", "--format", "markdown", path, *others)
    assert result.code == 1
    md = result.out
    assert "| 地区 Region | 定义 Definition | ✓ | ↑ | ↓ | ✗ | 结论 Result |" in md
    assert "| 440000 广东省 | ✓ | " in md and "✗ 未达到 fails |" in md
    assert "| 330000 浙江省 |" in md and "✓ 符合 meets |" in md
    fix = md.split("**440000 广东省** 需要修改 / to fix:")[1].split("\n\n")[0]
    assert "- `transport`: 未列入本地区清单 / not in this region's list" in fix
    assert "- `preschool`: 未做到：流动儿童可以在居住地入园" in fix
    assert "**330000" not in md  # regions that meet the baseline have nothing to fix
    # The item-by-item table: a column per region, in code order.
    assert "| 项目 Item | 330000 | 440000 | 510000 |" in md
    row = next(line for line in md.splitlines() if line.startswith("| 学生公交卡 `transport` |"))
    assert [cell.strip() for cell in row.split("|")[2:5]] == ["✓", "✗", "✓"]


def test_text_format_explains_each_cell(sample_data, write_checklist, cli) -> None:
    data = sample_data(CODE)
    data["definition"]["max_age"] = 18
    del data["services"]["transport"]
    out = cli("coverage", write_checklist(data)).out
    assert (
        "↑ definition" in out and "年龄（未满）：18岁（国家基础清单为 16岁） / age (under): 18 years (national baseline: 16 years)" in out
    )
    assert "✗ transport" in out and "缺失 / missing" in out
    assert "✗ 未达到国家基础清单 does not meet the baseline" in out


def test_a_file_too_broken_to_assess_does_not_vanish(tmp_path, cli, repo) -> None:
    broken = tmp_path / "330000.yaml"
    broken.write_text("region: [\n", encoding="utf-8")
    result = cli("coverage", FIXTURE_CHECKLISTS / "440000.yaml", broken)
    assert result.code == 1
    assert "330000.yaml" in result.err and "yaml.syntax" in result.err


def test_library_matrix_matches_the_command(repo) -> None:
    dataset = check([FIXTURE_CHECKLISTS])
    assert dataset.baseline is not None
    matrix = coverage_matrix(dataset.checklists, dataset.baseline)
    assert matrix.ok
    for region in matrix.regions:
        assert [c.item_id for c in region.cells] == dataset.baseline.item_ids
        assert all(c.verdict in (Verdict.MEETS, Verdict.EXCEEDS) for c in region.cells)
