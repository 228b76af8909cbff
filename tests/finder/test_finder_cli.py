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
from served_site import FIXTURE_CHECKLISTS

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

# The tests' own checklists (tests/fixtures/), never the published samples.
FIXTURES = ("--checklists", str(FIXTURE_CHECKLISTS))


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
        elif (m := _PATH.search(line)) and current is not None and m[3] != "residence-permit":  # the permit's page, not a service
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
    out = cli("finder", *FIXTURES, "--region", "440000", "--age", "2", "--months", "4", "--move", "county", "--lang", "en").out
    assert "What your child can get in Guangdong Province" in out
    assert "Your child will count as a mobile child in Guangdong Province after 2 more months living there." in out
    assert "children under 16 who have lived there for 6 months or more" in out
    moved = "Met: Moved here from another county or city with the family"
    assert re.search(rf"Going to kindergarten  /en/regions/440000/preschool/\n +{moved}\n +Not met: From age 3 \(in 1 year\)\n", out)
    # Both gaps of school are listed: the age and the residence permit.
    assert re.search(
        r"/en/regions/440000/compulsory-education/\n +Not met: From age 6 \(in 4 years\)\n"
        r" +Not met: Usually based on the residence permit, which you can apply for after 2 more months here;",
        out,
    )
    assert re.search(r"Learning first aid  /en/regions/440000/first-aid-skills/\n +Met: Under 18\n", out)
    assert re.search(r"/en/regions/440000/disability-rehabilitation/\n.*\n.*\n +Not met: Only when: Child has a disability\n", out)
    assert "Not met: When any of these applies: No guardian able to care, Orphan or De facto unattended child" in out
    assert "To check: The family meets the local housing-security criteria" in out
    assert "What you can do next\n  - Apply for a residence permit after 2 more months here" in out


def test_text_says_why_and_when_in_chinese(cli) -> None:
    out = cli("finder", *FIXTURES, "--region", "330000", "--age", "16", "--months", "1", "--move", "city-districts").out
    assert "孩子在浙江省再住满 2 个月后就属于流动儿童。" in out
    assert "未满 18 周岁，跨县域居住满 3 个月；只在同一城市中心城区之间搬家的也算" in out
    assert re.search(r"/regions/330000/public-housing/\n +符合：随家人从其他乡镇、街道搬来\n", out)
    assert re.search(r"/regions/330000/compulsory-education/\n +不符合：仅限未满 16 周岁的孩子\n", out)
    assert "不符合：仅限以下任一情形：监护缺失、孤儿或事实无人抚养儿童" in out
    assert "待确认：家庭符合当地住房保障条件" in out


def test_the_issues_cases_get_a_right_and_explained_answer(cli) -> None:
    """The done-when of issue 11, through the command line."""
    argv = ["finder", *FIXTURES, "--region", "440000", "--format", "json"]
    newcomer = {a["id"]: a for a in json.loads(cli(*argv, "--age", "8", "--months", "2", "--move", "county").out)["answers"]}
    school = newcomer["compulsory-education"]
    assert school["outcome"] in ("entitled", "more-info") and school["conditions"]
    for extra in (["--age", "16", "--months", "24", "--move", "county"], ["--age", "8", "--months", "24", "--move", "none"]):
        answers = json.loads(cli(*argv, *extra).out)["answers"]
        assert any(a["outcome"] == "entitled" for a in answers), extra
    baby = {a["id"]: a for a in json.loads(cli(*argv, "--age", "1", "--months", "12", "--move", "county").out)["answers"]}
    assert baby["transport"]["outcome"] == "not-eligible"
    zj = ["finder", *FIXTURES, "--region", "330000", "--age", "17", "--months", "24", "--move", "county", "--format", "json"]
    exams = next(a for a in json.loads(cli(*zj).out)["answers"] if a["id"] == "local-exams")
    assert exams["outcome"] != "not-eligible" and all(c["status"] == "met" for c in exams["conditions"] if c["id"] == "age")


def test_out_of_scope_text_says_why_and_whom_to_ask(cli) -> None:
    out = cli("finder", *FIXTURES, "--region", "440000", "--age", "16", "--months", "24", "--move", "county", "--lang", "en").out
    assert "the list is for mobile children under 16, so most of it does not apply to your child" in out
    assert {"vaccination", "medical-insurance"} <= set(text_groups(out, "en")["entitled"])
    assert "call the 12345 government service hotline or the 12355 youth service hotline" in out


def test_local_conditions_are_spelled_out(cli) -> None:
    out = cli("finder", *FIXTURES, "--region", "510000", "--age", "9", "--months", "12", "--move", "county", "--lang", "en").out
    assert re.search(r"/en/regions/510000/public-housing/\n.*\n.*\n +To check: The family meets the local housing-security criteria\n", out)


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
        (["--region", "440000", "--move", "train"], "搬迁方式只能是 county, city-districts, none, not-sure", "--move must be one of"),
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
        code = main(["finder", *FIXTURES, *argv])
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
        [sys.executable, "-m", "carelist", "finder", *FIXTURES, *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
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
    argv = ["finder", *FIXTURES, "--region", "330000", "--age", "5", "--months", "2", "--move", "county", "--format", "json"]
    assert json.loads(cli(*argv, "--lang", "en").out) == json.loads(cli(*argv, "--lang", "zh").out)
    # Zhejiang's 3-month floor is not met, yet vaccination, day care... do not wait (no minimum residence).
    assert by_outcome(json.loads(cli(*argv).out))["entitled"][:3] == ["preschool", "vaccination", "first-aid-skills"]
