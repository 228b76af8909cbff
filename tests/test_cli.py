"""The `carelist` command as editors and CI use it: exit codes, and the text, json and github formats."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from carelist.cli import main
from carelist.diagnostics import display_path
from served_site import FIXTURE_CHECKLISTS

HERE = Path(__file__).parent
REPO = HERE.parent
FIXTURES = sorted(FIXTURE_CHECKLISTS.glob("*.yaml"))  # the tests' own checklists, never the published samples
NEGATIVE = HERE / "examples" / "negative"
POSITIVE = HERE / "examples" / "positive"
DIAGNOSTIC_KEYS = {"file", "line", "column", "level", "code", "path", "message", "hint"}


def run_module(*argv: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`python -m carelist ...` in a fresh interpreter, the way CI and pre-commit run it."""
    return subprocess.run(
        [sys.executable, "-m", "carelist", *map(str, argv)], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def two_broken_files(tmp_path: Path) -> list[Path]:
    a = tmp_path / "440000.yaml"
    a.write_text('region:\n  code: "440000"\n  code: "440000"\n', encoding="utf-8")
    b = tmp_path / "330000.yaml"
    b.write_text("region:\n\tcode: x\n", encoding="utf-8")
    return [a, b]


# --- exit codes -------------------------------------------------------------------------------------------------


def test_valid_checklists_validate_with_exit_0(cli) -> None:
    result = cli("validate", *FIXTURES)
    assert result.code == 0
    assert re.search(r"(全部通过|0 个错误).*/ (All good|0 errors)", result.out)


def test_default_paths_are_checklists_and_the_baseline(cli, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    result = cli("validate", "--format", "json")
    files = result.json()["files"]
    assert "schema/baseline.yaml" not in files  # checked, but the summary counts checklists
    assert {f"checklists/{p.name}" for p in (REPO / "checklists").glob("*.yaml")} <= set(files)
    assert result.code == 0


def test_warnings_alone_exit_0_and_are_a_distinct_level(cli) -> None:
    result = cli("validate", "--format", "json", POSITIVE / "120000.yaml")
    report = result.json()
    assert result.code == 0
    assert report["ok"] is True and report["errors"] == 0 and report["warnings"] > 0
    assert {d["level"] for d in report["diagnostics"]} == {"warning"}


def test_errors_exit_1(cli, tmp_path) -> None:
    assert cli("validate", *two_broken_files(tmp_path)).code == 1


def test_a_missing_path_is_an_error_not_a_crash(cli, tmp_path) -> None:
    result = cli("validate", "--format", "json", tmp_path / "nowhere.yaml")
    assert result.code == 1
    (d,) = [d for d in result.json()["diagnostics"] if d["code"] == "file.missing"]
    assert "nowhere.yaml" in d["message"]["en"]


@pytest.mark.parametrize(
    "argv",
    [[], ["validate", "--format", "xml"], ["coverage", "--format", "github"], ["frobnicate"], ["new"], ["validate", "--nope"]],
    ids=["no command", "bad format", "bad coverage format", "unknown command", "new without code", "unknown option"],
)
def test_wrong_usage_exits_2(argv, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "usage: carelist" in err and "Traceback" not in err


def test_every_problem_of_every_file_in_one_run(cli, tmp_path) -> None:
    a, b = two_broken_files(tmp_path)
    report = cli("validate", "--format", "json", a, b).json()
    found = {(Path(d["file"]).name, d["code"]) for d in report["diagnostics"]}
    assert {("440000.yaml", "yaml.duplicate_key"), ("330000.yaml", "yaml.tab")} <= found
    assert report["errors"] == 2


# --- formats ----------------------------------------------------------------------------------------------------


def test_text_format_gives_location_path_both_languages_and_hint(cli, tmp_path) -> None:
    path = tmp_path / "440000.yaml"
    path.write_text('region:\n  code: "440000"\n  name: {zh: 广东省, en: Guangdong Province}\nsample: no\n', encoding="utf-8")
    out = cli("validate", path).out
    block = next(b for b in out.split("\n\n") if "[schema.type]" in b)
    lines = block.splitlines()
    assert re.fullmatch(rf"{re.escape(display_path(path))}:4:9: 错误 error \[schema\.type\] sample", lines[0])
    assert lines[1] == "  sample 应当是true 或 false，这里写的是文本。"
    assert lines[2] == "  sample should be true or false, but it is text."
    assert lines[3].startswith("  提示：") and "true" in lines[3]
    assert lines[4].startswith("  Hint: Write true or false")
    assert re.search(r"\d+ 个错误，\d+ 个警告.* / \d+ errors?, \d+ warnings?", out.splitlines()[-1])


def test_json_format(cli, tmp_path) -> None:
    result = cli("validate", "--format", "json", *two_broken_files(tmp_path), POSITIVE / "120000.yaml")
    report = json.loads(result.out)
    assert report["ok"] is False
    assert report["errors"] == sum(d["level"] == "error" for d in report["diagnostics"]) == 2
    assert report["warnings"] == sum(d["level"] == "warning" for d in report["diagnostics"]) > 0
    for d in report["diagnostics"]:
        assert set(d) == DIAGNOSTIC_KEYS
        assert isinstance(d["line"], int) and isinstance(d["column"], int)
        assert d["level"] in ("error", "warning")
        assert d["message"]["zh"] and d["message"]["en"] and set(d["hint"]) == {"zh", "en"}
    dup = next(d for d in report["diagnostics"] if d["code"] == "yaml.duplicate_key")
    assert (Path(dup["file"]).name, dup["line"], dup["column"]) == ("440000.yaml", 3, 3)
    missing_en = next(d for d in report["diagnostics"] if d["code"] == "text.missing_en")
    assert missing_en["path"] == "services.transport.where"


_ANNOTATION = re.compile(
    r"::(error|warning) file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^:]*)::(?P<body>.*)"
)


def test_github_format_puts_each_problem_on_its_line(cli, tmp_path) -> None:
    a, b = two_broken_files(tmp_path)
    out = cli("validate", "--format", "github", a, b, POSITIVE / "120000.yaml").out
    lines = out.rstrip("\n").split("\n")
    annotations = [_ANNOTATION.fullmatch(line) for line in lines[:-1]]
    assert all(annotations), lines
    assert "errors" in lines[-1]  # the summary is plain log text
    by_code = {m["title"].split()[1]: m for m in annotations if m}
    dup = by_code["yaml.duplicate_key"]
    assert (dup.group(1), dup["file"], dup["line"], dup["col"]) == ("error", display_path(a), "3", "3")
    # Chinese, English and both hints in one annotation, the newlines between them escaped.
    assert dup["body"].count("%0A") == 3
    zh, en, hint_zh, hint_en = dup["body"].split("%0A")
    assert "重复" in zh and "appears twice" in en and hint_zh.startswith("提示：") and hint_en.startswith("Hint:")
    assert by_code["text.missing_en"].group(1) == "warning"


def test_github_format_escapes_what_would_break_the_command(cli, tmp_path) -> None:
    weird = tmp_path / "a,b%c.yaml"
    weird.write_text("region: [\n", encoding="utf-8")
    out = cli("validate", "--format", "github", weird).out
    first = out.splitlines()[0]
    assert first.startswith("::error file=")
    assert "a%2Cb%25c.yaml,line=" in first


def test_coverage_formats(cli) -> None:
    text = cli("coverage", *FIXTURES)
    assert text.code == 0
    assert "符合国家基础清单 meets the baseline" in text.out
    payload = cli("coverage", "--format", "json", *FIXTURES).json()
    assert payload["ok"] is True and {r["code"] for r in payload["regions"]} == {p.stem for p in FIXTURES}
    markdown = cli("coverage", "--format", "markdown", *FIXTURES)
    assert markdown.out.startswith("### carelist")
    assert "| 地区 Region |" in markdown.out


# --- a real process -------------------------------------------------------------------------------------------


def test_python_m_carelist_validates_valid_checklists() -> None:
    run = run_module("validate", *FIXTURES)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr


def test_python_m_carelist_reports_json_and_exit_1() -> None:
    run = run_module("validate", "--format", "json", NEGATIVE / "duplicate-key.yaml", NEGATIVE / "billion-laughs.yaml")
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    report = json.loads(run.stdout)
    codes = {(Path(d["file"]).name, d["code"], d["line"], d["column"]) for d in report["diagnostics"]}
    assert codes == {("duplicate-key.yaml", "yaml.duplicate_key", 7, 3), ("billion-laughs.yaml", "yaml.alias", 3, 4)}
    for d in report["diagnostics"]:
        assert set(d) == DIAGNOSTIC_KEYS


def test_python_m_carelist_github_format() -> None:
    run = run_module("validate", "--format", "github", NEGATIVE / "tab-indentation.yaml")
    assert run.returncode == 1
    first = run.stdout.splitlines()[0]
    assert first.startswith("::error file=tests/examples/negative/tab-indentation.yaml,line=6,col=1,title=carelist yaml.tab::")
    assert "%0A" in first


@pytest.mark.parametrize("argv", [["validate", "--format", "yaml"], ["nonsense"]])
def test_python_m_carelist_wrong_usage_exits_2(argv) -> None:
    run = run_module(*argv)
    assert run.returncode == 2
    assert "usage: carelist" in run.stderr and "Traceback" not in run.stderr


def test_python_m_carelist_from_another_directory(tmp_path) -> None:
    # The schema is found from the package, not the working directory; paths are shown as given.
    run = run_module("validate", "--format", "json", FIXTURE_CHECKLISTS / "440000.yaml", cwd=tmp_path)
    assert run.returncode == 0, run.stdout
    assert json.loads(run.stdout)["ok"] is True


# --- nothing skipped silently -----------------------------------------------------------------------------------


def test_every_file_in_a_folder_that_is_not_a_checklist_is_named_with_the_right_name(cli, tmp_path) -> None:
    folder = tmp_path / "checklists"
    folder.mkdir()
    good = (POSITIVE / "110000.yaml").read_text(encoding="utf-8")
    (folder / "110000.yaml").write_text(good, encoding="utf-8")
    for name in ("420000.YAML", "420000.yaml.txt", "430000.Yml.bak", "湖北清单.docx"):
        (folder / name).write_text(good, encoding="utf-8")
    (folder / ".gitkeep").write_text("", encoding="utf-8")  # the system's, not an editor's
    result = cli("validate", "--format", "json", folder)
    assert result.code == 1
    report = result.json()
    named = {Path(d["file"]).name: d for d in report["diagnostics"] if d["code"] == "file.not_checklist"}
    assert set(named) == {"420000.YAML", "420000.yaml.txt", "430000.Yml.bak", "湖北清单.docx"}
    assert "Rename it to 420000.yaml" in named["420000.YAML"]["hint"]["en"]
    assert "Rename it to 420000.yaml" in named["420000.yaml.txt"]["hint"]["en"]
    assert "Rename it to 430000.yaml" in named["430000.Yml.bak"]["hint"]["en"]
    assert "CODE.yaml" in named["湖北清单.docx"]["hint"]["en"]
    assert len(report["files"]) == 1  # the one checklist read; the baseline is not counted


def test_a_misnamed_file_passed_by_pre_commit_is_named_too(cli, tmp_path) -> None:
    # pre-commit passes each changed file under checklists/ by name.
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "420000.YAML").write_text((POSITIVE / "110000.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("validate", folder / "420000.YAML")
    assert result.code == 1
    assert "[file.not_checklist]" in result.out and "420000.yaml" in result.out


def test_the_summary_counts_checklists_not_the_baseline(cli) -> None:
    result = cli("validate", POSITIVE / "110000.yaml")
    assert result.code == 0
    assert "1 个文件" in result.out and "1 file checked" in result.out


# --- coverage for the pull-request comment ----------------------------------------------------------------------


def test_coverage_comment_shows_untouched_scaffolds_as_not_ready_and_broken_files_as_not_assessed(cli, tmp_path) -> None:
    from bs4 import BeautifulSoup
    from markdown import markdown

    assert cli("new", "420000", "--output", tmp_path / "420000.yaml").code == 0
    (tmp_path / "430000.yaml").write_text("region: [\n", encoding="utf-8")
    result = cli("coverage", "--format", "markdown", tmp_path, POSITIVE / "110000.yaml")
    assert result.code == 1
    table = BeautifulSoup(markdown(result.out, extensions=["tables"]), "html.parser").find("table")
    rows = {tr.find_all("td")[0].get_text(): tr.find_all("td")[-1].get_text() for tr in table.find_all("tr")[1:]}
    assert rows["110000 北京市"] == "✓ 符合 meets"
    assert rows["420000 湖北省"].startswith("… 未完成 not ready (")  # the floors are pre-filled, every text is TODO
    assert "meets" not in rows["420000 湖北省"]
    (broken,) = [name for name in rows if name.endswith("430000.yaml")]
    assert rows[broken] == "未评估 not assessed"
    report = cli("coverage", "--format", "json", tmp_path).json()
    assert not report["ok"] and report["not_assessed"] == [display_path(tmp_path / "430000.yaml")]
    (hubei,) = report["regions"]
    assert not hubei["ready"] and hubei["placeholders"] > 200


# --- the report cache -------------------------------------------------------------------------------------------


def test_the_report_cache_gives_the_same_report_and_never_a_stale_one(cli, tmp_path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CARELIST_CACHE", str(cache))
    folder = tmp_path / "checklists"
    folder.mkdir()
    good = (POSITIVE / "120000.yaml").read_text(encoding="utf-8")
    target = folder / "120000.yaml"
    target.write_text(good, encoding="utf-8")
    first = cli("validate", "--format", "json", folder)
    assert len(list(cache.glob("*.json"))) == 1
    second = cli("validate", "--format", "json", folder)
    assert second.out == first.out and second.code == first.code == 0
    monkeypatch.setenv("CARELIST_CACHE", "off")
    assert cli("validate", "--format", "json", folder).out == first.out  # the same without the cache
    monkeypatch.setenv("CARELIST_CACHE", str(cache))
    target.write_text(good.replace('code: "120000"', 'code: "120001"'), encoding="utf-8")  # one byte changed
    changed = cli("validate", "--format", "json", folder)
    assert changed.code == 1 and "region.unknown" in changed.out
    for entry in cache.glob("*.json"):  # a damaged cache is ignored, not believed
        entry.write_text("{not json", encoding="utf-8")
    assert cli("validate", "--format", "json", folder).out == changed.out
    target.rename(folder / "130000.yaml")  # the name is part of the key: file.name_mismatch depends on it
    assert "file.name_mismatch" in cli("validate", "--format", "json", folder).out


def test_build_without_the_site_extra_says_what_to_install(cli, monkeypatch) -> None:
    # The validator-only install (pre-commit, the pull-request check) has no Pelican: build says so, no traceback.
    monkeypatch.setitem(sys.modules, "zxingcpp", None)  # as if not installed: find_spec gives None, import fails
    result = cli("build")
    assert result.code == 2
    assert "zxingcpp" in result.err and "pip install 'carelist[site]'" in result.err and "生成网站需要先安装" in result.err
