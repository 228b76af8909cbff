"""`carelist finder`: the page's answer on the command line, as text in either language or as the engine's JSON."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from finder_cases import CASES, ROOT, Case, by_outcome, data

from carelist import cli as cli_module
from carelist.checker import Dataset, check
from carelist.cli import main
from carelist.eligibility import evaluate, result_as_json

CJK = re.compile(r"[\u4e00-\u9fff]")
HEADINGS = {  # the group headings as the text output prints them, up to the count
    "en": {
        "entitled": "Your child can get these now (",
        "more_info": "These need more information (",
        "later": "Your child may get these later (",
        "not": "Not for your child at the moment (",
    },
    "zh": {"entitled": "现在就可以享受（", "more_info": "还需要进一步确认（", "later": "以后可能可以享受（", "not": "目前不适用（"},
}
_PATH = re.compile(r"\s(/(?:en/)?regions/(\d{6})/([a-z0-9-]+)/)$")


_CHECKED: dict[tuple[object, ...], Dataset] = {}


@pytest.fixture(autouse=True)
def checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The samples are validated once for this module rather than on every command (validation has its own tests)."""

    def cached_check(paths: list[Path], **options: object) -> Dataset:
        key = (tuple(map(str, paths)), *sorted(options.items()))
        if key not in _CHECKED:
            _CHECKED[key] = check(paths, **options)  # type: ignore[arg-type]
        return _CHECKED[key]

    monkeypatch.setattr(cli_module, "check", cached_check)


def text_groups(text: str, lang: str) -> dict[str, list[str]]:
    """The service ids under each group heading of the text output, read from their page paths."""
    groups: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        heading = next((key for key, start in HEADINGS[lang].items() if line.startswith(start)), None)
        if heading:
            current = groups.setdefault(heading, [])
        elif (m := _PATH.search(line)) and current is not None:
            assert m[1].startswith("/en/" if lang == "en" else "/regions/"), line
            current.append(m[3])
    return groups


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_json_output_is_result_as_json(cli, case: Case) -> None:
    _, regions = data()
    result = cli(*case.cli_args(), "--format", "json")
    assert result.code == 0, result.err
    assert result.json() == result_as_json(evaluate(regions[case.region], case.scenario))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_text_output_lists_the_pages_groups(cli, case: Case, lang: str) -> None:
    result = cli(*case.cli_args(), "--lang", lang)
    assert result.code == 0, result.err
    groups = text_groups(result.out, lang)
    for key in ("entitled", "more_info", "later"):
        assert sorted(groups.get(key, [])) == sorted(case.expect[key]), f"{case.id} {key}"
    for key, ids in groups.items():  # each heading counts what it lists
        assert f"{HEADINGS[lang][key]}{len(ids)}" in result.out
    assert bool(CJK.search(result.out)) == (lang == "zh")


def test_text_says_why_and_when_in_english(cli) -> None:
    out = cli("finder", "--region", "440000", "--age", "2", "--months", "4", "--move", "county", "--lang", "en").out
    assert "What your child can get in Guangdong Province" in out
    assert "Your child will count as a mobile child in Guangdong Province after 2 more months living there." in out
    assert "children under 16 who have lived there for 6 months or more" in out
    assert re.search(r"Going to kindergarten  /en/regions/440000/preschool/\n +from age 3\n", out)
    assert re.search(r"Starting primary or junior secondary school  /en/regions/440000/compulsory-education/\n +from age 6\n", out)
    assert re.search(r"Learning first aid  /en/regions/440000/first-aid-skills/\n +after 2 more months living here\n", out)
    assert re.search(r"/en/regions/440000/disability-rehabilitation/\n +Only when: Child has a disability\n", out)
    assert re.search(r"/en/regions/440000/guardianship/\n +When any of these applies: No guardian able to care, Orphan or De facto", out)


def test_text_says_why_and_when_in_chinese(cli) -> None:
    out = cli("finder", "--region", "330000", "--age", "16", "--months", "1", "--move", "city-districts").out
    assert "孩子在浙江省再住满 2 个月后就属于流动儿童。" in out
    assert "未满 18 周岁，跨县域居住满 3 个月；只在同一城市中心城区之间搬家的也算" in out
    assert re.search(r"/regions/330000/public-housing/\n +再住满 2 个月后\n", out)
    assert re.search(r"/regions/330000/compulsory-education/\n +仅限未满 16 周岁的儿童\n", out)
    assert re.search(r"/regions/330000/guardianship/\n +符合以下任一情形：监护缺失、孤儿或事实无人抚养儿童\n", out)


def test_local_conditions_are_spelled_out(cli) -> None:
    out = cli("finder", "--region", "510000", "--age", "9", "--months", "12", "--move", "county", "--lang", "en").out
    assert re.search(r"/en/regions/510000/public-housing/\n +Only if: The family meets the local housing-security criteria\n", out)


@pytest.mark.parametrize(
    ("argv", "zh", "en"),
    [
        (["--region", "440001", "--age", "3"], "是不是想写 440000？", "Did you mean 440000?"),
        (["--region", "110000"], "北京市（110000）还没有发布清单", "Beijing Municipality (110000) has not published a list yet"),
        (["--age", "3"], "请用 --region 指定", "Give the region where the family lives now with --region"),
        (["--region", "440000", "--situation", "disabilty"], "是不是想写 disability？", "Did you mean disability?"),
        (["--region", "440000", "--situation", "orphan", "rich"], "未知的情况 rich。可用的有：disability, hardship", "Allowed: disability"),
        (["--region", ""], "请用 --region 指定", "Give the region where the family lives now with --region"),
        (["--region", "440000", "--situation", ""], "未知的情况 。", "Unknown situation ."),
        (["--region", "440000", "--age", "-1"], "年龄必须是 0 到 999 之间的整数", "age must be a whole number from 0 to 999, not '-1'"),
        (["--region", "440000", "--age", ""], "年龄必须是 0 到 999 之间的整数", "age must be a whole number from 0 to 999, not ''"),
        (["--region", "440000", "--months", "3.5"], "居住月数必须是 0 到 999 之间的整数", "months must be a whole number"),
        (["--region", "440000", "--months", "1000"], "居住月数必须是 0 到 999 之间的整数", "not '1000'"),
        # Past Python's limit on converting digits to int (4300), which would otherwise raise in English only.
        (["--region", "440000", "--age", "9" * 5000], "年龄必须是 0 到 999 之间的整数", "age must be a whole number from 0 to 999"),
        (["--region", "440000", "--move", "train"], "搬迁方式只能是 county, city-districts, none", "--move must be one of"),
        (["--region", "440000", "--lang", "fr"], "命令参数有误（详见 carelist finder --help）", "invalid choice: 'fr'"),
        (["--region", "440000", "--age"], "命令参数有误", "argument --age: expected one argument"),
    ],
    ids=[
        "unknown region",
        "unpublished region",
        "no region",
        "misspelt situation",
        "unknown situation",
        "empty region",
        "empty situation",
        "negative age",
        "empty age",
        "fraction",
        "too many months",
        "huge age",
        "bad move",
        "unknown language",
        "missing value",
    ],
)
def test_bad_input_gets_a_bilingual_error_and_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], zh: str, en: str) -> None:
    capsys.readouterr()
    try:
        code = main(["finder", *argv])
    except SystemExit as exited:  # argparse reports bad option values itself
        code = exited.code
    out, err = capsys.readouterr()
    assert code == 2
    assert zh in err and en in err, err
    assert "Traceback" not in err and out == ""


@pytest.mark.parametrize(
    ("argv", "zh", "en"),
    [
        (["--region", "440001"], "是不是想写 440000？", "Published regions: 330000, 440000, 510000"),
        (["--region", "440000", "--situation", "rich"], "可用的有：disability, hardship, orphan", "Allowed: disability, hardship, orphan"),
        (["--region", "440000", "--age", "-1"], "年龄必须是 0 到 999 之间的整数", "age must be a whole number from 0 to 999"),
    ],
    ids=["unknown region", "unknown situation", "negative age"],
)
def test_errors_read_well_from_a_real_process(argv: list[str], zh: str, en: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "carelist", "finder", *argv], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert done.returncode == 2
    assert zh in done.stderr and en in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_broken_checklists_are_refused_with_exit_1(cli, tmp_path) -> None:
    (tmp_path / "440000.yaml").write_text('region:\n  code: "440000"\n', encoding="utf-8")
    result = cli("finder", "--region", "440000", "--checklists", tmp_path)
    assert result.code == 1
    assert "清单有错误，无法查询" in result.err and "The checklists have errors" in result.err
    assert result.out == ""


def test_the_json_is_the_same_whatever_the_language(cli) -> None:
    argv = ["finder", "--region", "330000", "--age", "5", "--months", "2", "--move", "county", "--format", "json"]
    assert json.loads(cli(*argv, "--lang", "en").out) == json.loads(cli(*argv, "--lang", "zh").out)
    assert by_outcome(json.loads(cli(*argv).out))["entitled"] == ["vaccination"]
