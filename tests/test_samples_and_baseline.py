"""The data that ships: the sample checklists in checklists/, the national baseline and the schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from carelist.checker import check, load_regions
from carelist.coverage import Verdict, coverage_matrix
from served_site import FIXTURE_CHECKLISTS

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "schema"
SAMPLES = sorted((REPO / "checklists").glob("*.yaml"))
PLAN = (SCHEMA / "plan_zh-Hans.txt").read_text(encoding="utf-8")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the samples ------------------------------------------------------------------------------------------------


def test_there_are_at_least_three_samples() -> None:
    assert len(SAMPLES) >= 3


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_validates_without_errors(path, validate_json) -> None:
    code, diagnostics = validate_json(path)
    assert [f"{d['code']} {d['line']}:{d['column']} {d['path']}" for d in diagnostics if d["level"] == "error"] == []
    assert code == 0


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_meets_the_baseline(path, cli) -> None:
    result = cli("coverage", "--format", "json", path)
    (region,) = result.json()["regions"]
    assert region["code"] == path.stem
    assert region["definition"]["verdict"] in ("meets", "exceeds")
    assert {item: cell["verdict"] for item, cell in region["items"].items() if cell["verdict"] not in ("meets", "exceeds")} == {}
    assert result.code == 0


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_is_marked_and_has_the_schema_line(path, sample_data) -> None:
    assert sample_data(path.stem).get("sample") is True
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/checklist.schema.json"


def test_all_samples_together(cli) -> None:
    # One run over the folder, as CI does: no two files for one region, nothing below the baseline.
    assert cli("validate", REPO / "checklists").code == 0
    assert cli("coverage", REPO / "checklists").code == 0


def test_some_sample_exceeds_the_baseline_and_some_adds_local_items() -> None:
    dataset = check(SAMPLES)
    assert dataset.baseline is not None and len(dataset.checklists) == len(SAMPLES)
    matrix = coverage_matrix(dataset.checklists, dataset.baseline)
    assert any(c.verdict is Verdict.EXCEEDS for r in matrix.regions for c in (r.definition, *r.cells))
    assert any(checklist.local_items for checklist in dataset.checklists)


def test_sample_regions_are_real_and_distinct(sample_data) -> None:
    regions = {p.stem: sample_data(p.stem)["region"]["name"]["zh"] for p in SAMPLES}
    assert len(set(regions.values())) == len(regions)


# --- the baseline -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def baseline():
    dataset = check([])
    assert dataset.report.errors == []
    assert dataset.baseline is not None
    return dataset.baseline


def test_baseline_validates(cli, tmp_path) -> None:
    result = cli("validate", "--format", "json", tmp_path)  # an empty folder: only the baseline is checked
    report = result.json()
    assert report["files"] == []  # the baseline is checked, but the summary counts checklists (issue 9)
    assert report["diagnostics"] == []
    assert result.code == 0


def test_baseline_has_about_twenty_items_with_unique_ids(baseline) -> None:
    ids = baseline.item_ids
    assert 18 <= len(ids) <= 30
    assert len(set(ids)) == len(ids)
    categories = {c.id for c in baseline.categories}
    assert {i.category for i in baseline.items} == categories  # every category used, none unknown


def test_baseline_has_the_plans_quantified_floors(baseline) -> None:
    d = baseline.definition
    assert (d.max_age, d.min_residence_months, d.includes_moves_within_city_districts, d.information_update_months) == (16, 6, False, 6)
    assert "6个月以上" in d.text.zh and "不满十六周岁" in d.text.zh


def _paragraphs() -> dict[str, str]:
    """The plan's numbered paragraphs, （一） to （十七）, each with its text."""
    found: dict[str, str] = {}
    current = None
    for line in PLAN.splitlines():
        if m := re.match(r"\(([一二三四五六七八九十]+)\)", line):
            current = m[1]
            found[current] = ""
        elif re.match(r"[一二三四五六七八九十]+、", line):
            current = None
        if current:
            found[current] += line
    return found


def test_the_plan_has_seventeen_paragraphs() -> None:
    numbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    assert list(_paragraphs()) == numbers + [f"十{n}" for n in numbers[:7]]


def test_every_quote_is_in_the_plan_in_its_own_paragraph(baseline) -> None:
    paragraphs = {k: squeeze(v) for k, v in _paragraphs().items()}
    for item in baseline.items:
        assert item.paragraph in ("四", "五", "七", "八", "九", "十", "十一", "十二", "十三"), item.id
        assert len(item.quote) >= 10, item.id
        assert squeeze(item.quote) in paragraphs[item.paragraph], f"{item.id}: quote not in paragraph ({item.paragraph})"


def test_every_item_is_bilingual_and_names_departments(baseline) -> None:
    for item in baseline.items:
        for text in (item.title, item.summary):
            assert re.search(r"[\u4e00-\u9fff]", text.zh) and text.en and re.search(r"[A-Za-z]{3}", text.en), item.id
        assert item.departments and all(d.zh and d.en for d in item.departments), item.id
        assert item.floors, item.id


@pytest.mark.parametrize("name", ["checklist.schema.json", "baseline.schema.json"])
def test_schemas_are_valid_draft_2020_12_with_an_id_that_resolves_offline(name) -> None:
    schema = json.loads((SCHEMA / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == name  # relative: an IDE resolves it (and the baseline's refs) beside the file, offline


def test_the_regions_are_the_31_province_level_divisions() -> None:
    regions = load_regions(SCHEMA)
    assert len(regions) == 31
    assert all(re.fullmatch(r"[1-9][0-9]0000", code) for code in regions)
    assert regions["440000"].zh == "广东省"


# --- a corrupted baseline is reported, not trusted --------------------------------------------------------------


def corrupt(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = (SCHEMA / "baseline.yaml").read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path = tmp_path / "baseline.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def baseline_problems(cli, path: Path) -> tuple[int, list[dict]]:
    result = cli("--baseline", path, "validate", "--format", "json", FIXTURE_CHECKLISTS / "440000.yaml")
    return result.code, [d for d in result.json()["diagnostics"] if d["file"].endswith("baseline.yaml")]


def test_duplicate_item_id_is_reported(cli, tmp_path) -> None:
    path = corrupt(tmp_path, "  - id: compulsory-education\n", "  - id: preschool\n")
    code, problems = baseline_problems(cli, path)
    assert code == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index("  - id: preschool", lines.index("  - id: preschool") + 1) + 1  # the second one
    assert ("baseline.duplicate_id", line) in {(d["code"], d["line"]) for d in problems}
    assert "baseline.unusable" in {d["code"] for d in problems}


def test_unknown_category_is_reported(cli, tmp_path) -> None:
    path = corrupt(tmp_path, "    category: health\n", "    category: healht\n")
    code, problems = baseline_problems(cli, path)
    assert code == 1
    (d,) = [d for d in problems if d["code"] == "category.unknown"]
    assert d["path"].endswith(".category") and "healht" in d["message"]["en"]
    assert "education, health" in d["hint"]["en"]


def test_bad_floor_type_lists_the_allowed_values(cli, tmp_path) -> None:
    path = corrupt(tmp_path, "        type: required\n", "        type: mandatory\n")
    code, problems = baseline_problems(cli, path)
    assert code == 1
    (d,) = [d for d in problems if d["code"] == "schema.enum"]
    assert "mandatory" in d["message"]["en"]
    assert d["hint"]["en"] == "Allowed values: at-least, at-most, required, includes"


def test_a_quote_not_in_the_plan_is_reported(cli, tmp_path) -> None:
    path = corrupt(tmp_path, "促进流动儿童就近在普惠性幼儿园入园。", "保证每个流动儿童都上公办幼儿园。")
    code, problems = baseline_problems(cli, path)
    assert code == 1
    assert {d["code"] for d in problems} >= {"baseline.quote_not_found", "baseline.unusable"}


def test_an_unusable_baseline_stops_coverage_and_new(cli, tmp_path) -> None:
    path = corrupt(tmp_path, "  - id: compulsory-education\n", "  - id: preschool\n")
    assert cli("--baseline", path, "coverage", FIXTURE_CHECKLISTS).code == 1
    assert cli("--baseline", path, "new", "110000", "--output", tmp_path / "110000.yaml").code == 1
    assert not (tmp_path / "110000.yaml").exists()
