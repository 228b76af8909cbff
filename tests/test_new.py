"""`carelist new CODE`: a complete template whose only problems are its clearly marked placeholders."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from carelist.checker import check

TODO_TEXT = re.compile(r'"TODO ([^"]*)"')
SCAFFOLD_DATE = re.compile(r'"\d{4}-\d\d-\d\d"  # carelist new .*')


def new_file(cli, tmp_path: Path, code: str = "110000") -> Path:
    target = tmp_path / f"{code}.yaml"
    result = cli("new", code, "--output", target)
    assert result.code == 0
    assert str(target) in result.out and "TODO" in result.out  # tells the editor what to do next, in both languages
    assert "把每个 TODO 换成" in result.out and "replace every TODO" in result.out
    return target


def errors_by_line(validate_json, path: Path) -> tuple[int, dict[int, set[str]]]:
    code, diagnostics = validate_json(path)
    found: dict[int, set[str]] = {}
    for d in diagnostics:
        if d["level"] == "error":
            found.setdefault(d["line"], set()).add(d["code"])
    return code, found


def test_new_checklist_fails_only_on_its_placeholders_and_dates(cli, validate_json, tmp_path) -> None:
    path = new_file(cli, tmp_path)
    code, diagnostics = validate_json(path)
    assert code == 1
    mine = [d for d in diagnostics if Path(d["file"]).name == path.name]
    assert {d["code"] for d in mine} == {"text.placeholder", "date.scaffold", "report.truncated"}
    assert {d["level"] for d in mine} == {"error"}


def test_placeholders_are_reported_on_their_lines_up_to_the_cap(cli, validate_json, tmp_path) -> None:
    path = new_file(cli, tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    # Where the template holds a placeholder or a scaffold date, one diagnostic for each, in line order.
    todo = sorted(
        (n, line.index(marker, start) + 1)
        for n, line in enumerate(lines, start=1)
        for marker in ('"TODO', "https://example.gov.cn/TODO")
        for start in [m.start() for m in re.finditer(re.escape(marker), line.split("  #")[0])]
    )
    dates = [n for n, line in enumerate(lines, start=1) if "# carelist new" in line]
    assert len(todo) > 200 and len(dates) == 2  # the template really has more than the cap
    _, diagnostics = validate_json(path)
    shown = [d for d in diagnostics if d["code"] != "report.truncated"]
    (more,) = [d for d in diagnostics if d["code"] == "report.truncated"]
    assert len(shown) == 200
    assert {d["line"] for d in shown if d["code"] == "date.scaffold"} == set(dates)
    expected = sorted([*todo, *((n, 14) for n in dates)])[:200]
    assert sorted((d["line"], d["column"]) for d in shown) == expected
    assert f"{len(todo) + len(dates) - 200} more" in more["message"]["en"]


def test_new_checklist_starts_at_full_coverage(cli, tmp_path) -> None:
    path = new_file(cli, tmp_path)
    dataset = check([])
    assert dataset.baseline is not None
    text = path.read_text(encoding="utf-8")
    for item in dataset.baseline.items:
        assert f"\n  {item.id}:\n" in text
        for floor in item.floors:
            assert f"      {floor.key}: {floor.example()}" in text


def fill_in(path: Path) -> None:
    """What an editor does: replace every TODO text with real text, and the placeholder link with the real one."""
    text = path.read_text(encoding="utf-8")
    text = TODO_TEXT.sub(
        lambda m: json.dumps(
            f"北京市的实际内容：{m[1]}" if re.search(r"[\u4e00-\u9fff]", m[1]) else f"Beijing: {m[1]}", ensure_ascii=False
        ),
        text,
    )
    text = text.replace("https://example.gov.cn/TODO", "https://mzj.beijing.gov.cn/")
    text = SCAFFOLD_DATE.sub('"2025-03-01"', text)
    path.write_text(text, encoding="utf-8")


def test_a_changed_date_is_no_longer_the_scaffold_date_even_with_its_comment(cli, validate_json, tmp_path) -> None:
    path = new_file(cli, tmp_path)
    fill_in(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('published: "2025-03-01"', 'published: "2025-03-01"  # carelist new 2025-03-02'), encoding="utf-8")
    assert validate_json(path)[0] == 0
    path.write_text(text.replace('published: "2025-03-01"', 'published: "2025-03-01"  # carelist new 2025-03-01'), encoding="utf-8")
    code, diagnostics = validate_json(path)
    assert code == 1
    assert [(d["code"], d["line"], d["column"]) for d in diagnostics if d["level"] == "error"] == [("date.scaffold", 14, 14)]


def test_filled_in_checklist_validates_clean_and_meets_the_baseline(cli, validate_json, tmp_path) -> None:
    path = new_file(cli, tmp_path)
    fill_in(path)
    assert "TODO" not in path.read_text(encoding="utf-8").split("\n", 4)[4]  # comments at the top mention TODO
    code, diagnostics = validate_json(path)
    assert [d for d in diagnostics if d["level"] == "error"] == []
    assert code == 0
    coverage = cli("coverage", "--format", "json", path)
    assert coverage.code == 0 and coverage.json()["regions"][0]["ok"]


def test_the_placeholder_link_is_a_placeholder_too(cli, validate_json, tmp_path) -> None:
    path = new_file(cli, tmp_path)
    fill_in(path)
    text = path.read_text(encoding="utf-8").replace("https://mzj.beijing.gov.cn/", "https://example.gov.cn/TODO")
    path.write_text(text, encoding="utf-8")
    code, diagnostics = validate_json(path)
    assert code == 1
    assert [(d["code"], d["path"]) for d in diagnostics if d["level"] == "error"] == [("text.placeholder", "document.source_url")]


def test_first_line_is_the_schema_for_the_editor(cli, tmp_path, repo) -> None:
    path = new_file(cli, tmp_path)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    # The draft-07 copy: the draft yaml-language-server fully supports (2020-12 only in part).
    assert first == "# yaml-language-server: $schema=../schema/checklist.schema.draft-07.json"
    # The relative path is right where the file belongs: checklists/CODE.yaml.
    assert (repo / "checklists" / first.split("=", 1)[1]).resolve() == (repo / "schema" / "checklist.schema.draft-07.json").resolve()


def test_default_output_is_checklists_code_yaml(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("new", "320000")
    assert result.code == 0
    created = tmp_path / "checklists" / "320000.yaml"
    assert created.is_file()
    assert '  code: "320000"' in created.read_text(encoding="utf-8")
    assert "江苏省" in created.read_text(encoding="utf-8")


def test_standard_output(cli) -> None:
    result = cli("new", "510000", "--output", "-")
    assert result.code == 0
    assert result.out.startswith("# yaml-language-server: $schema=")
    assert "四川省" in result.out


def test_refuses_to_overwrite(cli, tmp_path) -> None:
    target = tmp_path / "110000.yaml"
    target.write_text("# my work\n", encoding="utf-8")
    result = cli("new", "110000", "--output", target)
    assert result.code == 2
    assert target.read_text(encoding="utf-8") == "# my work\n"
    assert "已存在" in result.err and "--force" in result.err and "not overwritten" in result.err


def test_force_overwrites(cli, tmp_path) -> None:
    target = tmp_path / "110000.yaml"
    target.write_text("# my work\n", encoding="utf-8")
    assert cli("new", "110000", "--output", target, "--force").code == 0
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server")


@pytest.mark.parametrize(("code", "suggested"), [("440001", "440000"), ("44000", "440000"), ("guangdong", None)])
def test_unknown_region_code_exits_2_with_a_suggestion(cli, tmp_path, code, suggested) -> None:
    result = cli("new", code, "--output", tmp_path / "x.yaml")
    assert result.code == 2
    assert not (tmp_path / "x.yaml").exists()
    assert f"未知的地区代码 {code}" in result.err and f"Unknown region code {code}" in result.err
    if suggested:
        assert f"Did you mean {suggested}?" in result.err and f"是不是想写 {suggested}？" in result.err
    else:
        assert "Allowed: 110000" in result.err


@pytest.mark.parametrize("code", ["110000", "440000", "540000", "650000"])
def test_every_region_gets_a_template_that_only_lacks_its_content(cli, validate_json, tmp_path, code) -> None:
    path = new_file(cli, tmp_path, code)
    fill_in(path)
    code_, diagnostics = validate_json(path)
    assert [d for d in diagnostics if d["level"] == "error"] == [] and code_ == 0
