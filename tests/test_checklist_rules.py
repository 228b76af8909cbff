"""Rules beyond the schema, each shown on a real sample with one thing changed: so the error is the only one."""

from __future__ import annotations

from pathlib import Path

import pytest

from carelist.diagnostics import display_path
from carelist.text_check import find_placeholder


def errors(diagnostics: list[dict], path: Path | None = None) -> list[tuple[str, str]]:
    return [
        (d["code"], d["path"])
        for d in diagnostics
        if d["level"] == "error" and (path is None or Path(d["file"]).resolve() == path.resolve())
    ]


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def test_file_named_after_another_region(sample_data, write_checklist, validate_json) -> None:
    path = write_checklist(sample_data("440000"), name="330000.yaml")
    code, diagnostics = validate_json(path)
    assert code == 1
    assert errors(diagnostics) == [("file.name_mismatch", "region.code")]
    (d,) = [d for d in diagnostics if d["code"] == "file.name_mismatch"]
    assert d["line"] == line_of(path, "code: '440000'")
    assert d["hint"]["en"] == "Rename the file to 440000.yaml, or correct region.code."
    assert "330000.yaml" in d["message"]["zh"] and "440000" in d["message"]["zh"]


def test_two_files_for_one_region_in_two_folders(sample_data, write_checklist, validate_json) -> None:
    first = write_checklist(sample_data("440000"), folder="a")
    second = write_checklist(sample_data("440000"), folder="b")
    code, diagnostics = validate_json(first, second)
    assert code == 1
    assert errors(diagnostics) == [("file.duplicate_region", "region.code")]
    (d,) = [d for d in diagnostics if d["code"] == "file.duplicate_region"]
    assert Path(d["file"]).resolve() == second.resolve()
    assert d["line"] == line_of(second, "code: '440000'")
    assert display_path(first) in d["message"]["en"] and "440000" in d["message"]["zh"]


def test_two_files_for_one_region_in_one_folder(sample_data, write_checklist, validate_json, tmp_path) -> None:
    write_checklist(sample_data("440000"))
    (tmp_path / "440000.yml").write_text((tmp_path / "440000.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, diagnostics = validate_json(tmp_path)
    assert code == 1
    assert errors(diagnostics) == [("file.duplicate_region", "region.code")]


def test_unknown_region_code(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    data["region"]["code"] = "440100"  # Guangzhou: a prefecture, not (yet) a region with its own list
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 1
    assert errors(diagnostics) == [("region.unknown", "region.code")]
    (d,) = [d for d in diagnostics if d["code"] == "region.unknown"]
    assert d["hint"]["en"] == "Did you mean 440000?"


def test_region_name_that_does_not_match_the_code(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    data["region"]["name"]["zh"] = "广州市"
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 1
    assert errors(diagnostics) == [("region.name", "region.name.zh")]


def test_local_item_cannot_reuse_a_baseline_id_or_its_own(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    first, second = data["local_items"][0], data["local_items"][1]
    first["id"] = "transport"
    second["id"] = "transport"
    data["local_items"].append(dict(data["local_items"][1], id="gd-extra"))
    data["local_items"].append(dict(data["local_items"][1], id="gd-extra"))
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 1
    assert errors(diagnostics) == [
        ("item.local_id_clash", "local_items[0].id"),
        ("item.local_id_clash", "local_items[1].id"),
        ("item.local_id_duplicate", "local_items[3].id"),
    ]


def test_min_age_must_be_below_the_age_limit(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    data["local_items"][0]["eligibility"] = {"min_age": 12, "below_age": 6}
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 1
    assert errors(diagnostics) == [("eligibility.age_order", "local_items[0].eligibility")]


def test_missing_english_is_a_warning_not_an_error(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    del data["services"]["preschool"]["who"]["en"]
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 0
    assert ("text.missing_en", "services.preschool.who", "warning") in {(d["code"], d["path"], d["level"]) for d in diagnostics}


def test_markdown_is_for_steps_and_details_only(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    service = data["services"]["preschool"]
    service["steps"][0]["zh"] = "在[招生网站](https://www.gdedu.gov.cn/)**在线报名**。"
    service["details"] = {"zh": "## 说明\n\n- 第一条\n- 第二条", "en": "## Notes\n\n- one\n- two"}
    service["provides"]["zh"] = "**免费**入园"
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 0
    flagged = {(d["code"], d["path"], d["level"]) for d in diagnostics if d["code"].startswith("text.")}
    assert ("text.markdown_not_allowed", "services.preschool.provides.zh", "warning") in flagged
    assert not [f for f in flagged if f[1].startswith(("services.preschool.steps", "services.preschool.details"))]


def test_markdown_links_go_only_to_the_web(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    data["services"]["preschool"]["steps"][0]["zh"] = "见[附件](file:///C:/清单.docx)和[邮件](mailto:a@b.cn)"
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 1
    assert {e[0] for e in errors(diagnostics)} == {"text.unsafe_url"}


def test_ordinary_words_that_look_like_schemes_are_fine(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    provides = data["services"]["preschool"]["provides"]
    provides["en"] = (
        "Personal data: only what enrolment needs. File: your application. Data: kept two years. "
        "No JavaScript: the online form also works without it."
    )
    code, diagnostics = validate_json(write_checklist(data))
    assert errors(diagnostics) == []
    assert code == 0


def test_raw_html_is_refused_even_where_markdown_is_allowed(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    data["services"]["preschool"]["details"] = {"zh": '说明<img src=x onerror="alert(1)">', "en": "Notes"}
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 1
    assert errors(diagnostics) == [("text.html", "services.preschool.details.zh")]


def test_a_placeholder_left_in_a_finished_list(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    data["services"]["preschool"]["cost"]["zh"] = "TODO 费用"
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 1
    assert errors(diagnostics) == [("text.placeholder", "services.preschool.cost.zh")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("TODO", "TODO"),
        ("(TBD)", "TBD"),
        ("费用TODO", "TODO"),
        ("see XXX.", "XXX"),
        ("1TODO2", "TODO"),
        ("待补充", "待补充"),
        ("鄂民发〔2025〕待定号", "待定"),
        ("××街道", "××"),
        ("热线……", "……"),
        ("MASTODON", None),
        ("TODOs", None),
        ("XXXL", None),
        ("aTBD", None),
        ("等待", None),
        ("待遇", None),
        ("…", None),
    ],
)
def test_placeholders_are_whole_words(text, found) -> None:
    match = find_placeholder(text)
    assert (match.group() if match else None) == found


def test_an_impossible_revision_date_in_a_service(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    data["services"]["transport"]["revised"] = "2025-02-29"  # 2025 is not a leap year
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 1
    assert errors(diagnostics) == [("date.invalid", "services.transport.revised")]
