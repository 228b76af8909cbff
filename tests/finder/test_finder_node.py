"""finder-engine.js, run in Node on the rules the build exports, answers exactly as the Python engine does."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from finder_cases import CASES, HERE, ROOT, by_outcome, data

from carelist import finder_messages
from carelist.checker import check
from carelist.eligibility import FinderResult, Move, RegionRules, Scenario, evaluate, result_as_json
from carelist.export import dumps, rules_json
from carelist.model import Baseline
from served_site import FIXTURE_CHECKLISTS

ENGINE = ROOT / "theme" / "static" / "js" / "finder-engine.js"
RUNNER = HERE / "run_engine.js"


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if not found:
        pytest.fail("Node.js is needed to run finder-engine.js: `apt-get install -y nodejs` (make test installs it)", pytrace=False)
    return found


@pytest.fixture(scope="module")
def rules_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rules exactly as the build writes data/rules.json."""
    dataset = check([FIXTURE_CHECKLISTS])
    assert dataset.baseline is not None and dataset.report.ok
    path = tmp_path_factory.mktemp("finder") / "rules.json"
    path.write_text(dumps(rules_json(dataset.checklists, dataset.baseline)), encoding="utf-8")
    return path


def run_js(node: str, rules: Path, scenarios: list[dict[str, Any]], tmp_path: Path, words: Any = None) -> list[dict[str, Any]]:
    given = tmp_path / "scenarios.json"
    given.write_text(json.dumps(scenarios), encoding="utf-8")
    args = [node, str(RUNNER), str(ENGINE), str(rules), str(given)]
    if words is not None:
        (tmp_path / "words.json").write_text(json.dumps(words), encoding="utf-8")
        args.append(str(tmp_path / "words.json"))
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def as_js(s: Scenario) -> dict[str, Any]:
    return {
        "region": s.region,
        "age": s.age,
        "months": s.months,
        "move": s.move.value if s.move else None,
        "situations": sorted(s.situations),
    }


def test_every_scenario_of_the_table_gives_identical_json(node: str, rules_file: Path, tmp_path: Path) -> None:
    _, regions = data()
    results = run_js(node, rules_file, [c.as_js() for c in CASES], tmp_path)
    for case, from_js in zip(CASES, results, strict=True):
        from_python = result_as_json(evaluate(regions[case.region], case.scenario))
        assert from_js == from_python, case.id
        assert {k: sorted(v) for k, v in by_outcome(from_js).items()} == {k: sorted(case.expect[k]) for k in by_outcome(from_js)}, case.id


def test_a_grid_of_every_kind_of_answer_gives_identical_json(node: str, rules_file: Path, tmp_path: Path) -> None:
    """Ages and residence around every boundary in the data, every move, unanswered questions and several situations."""
    _, regions = data()
    ages = [None, 0, 2, 3, 5, 6, 11, 12, 13, 15, 16, 17, 18]
    months = [None, 0, 1, 2, 3, 5, 6, 24]
    moves = [None, *Move]  # not-sure included
    situations = [(), ("disability",), ("hardship", "psychological"), ("orphan",), ("no-guardian", "unattended"), ("parent-job-seeking",)]
    scenarios = [
        Scenario(code, age, month, move, frozenset(s))
        for code, age, month, move, s in itertools.product(regions, ages, months, moves, situations)
    ]
    results = run_js(node, rules_file, [as_js(s) for s in scenarios], tmp_path)
    mismatched = [s for s, r in zip(scenarios, results, strict=True) if r != result_as_json(evaluate(regions[s.region], s))]
    assert not mismatched, f"{len(mismatched)} of {len(scenarios)} differ, e.g. {mismatched[:3]}"
    assert len({json.dumps(r["covered_reason"]) for r in results}) == 6  # every kind of answer was compared


def python_sentences(result: FinderResult, region: RegionRules, baseline: Baseline, lang: str) -> list[str]:
    """The answer's sentences as the CLI words them, in the order run_engine.js lists them."""
    situations = {s.id: s.title.get(lang) for s in baseline.situations}
    titles = {r.item_id: r.title.get(lang) for r in region.rules}
    rules = {r.item_id: r for r in region.rules}
    out = [finder_messages.covered_sentence(result, region, lang), finder_messages.who_sentence(region, lang)]
    out += [finder_messages.describe_condition(c, rules[a.item_id], situations, lang) for a in result.answers for c in a.conditions]
    out += [finder_messages.describe_advice(a, titles, lang, PERMIT_PATH) for a in result.advice]
    return out


PERMIT_PATH = "/regions/440000/residence-permit/"  # any path: both sides must append it the same way


def test_the_page_and_the_cli_word_every_scenario_identically(node: str, rules_file: Path, tmp_path: Path) -> None:
    """One message table: rendered by finder-engine.js from catalog(lang) and by Python, the sentences are equal."""
    baseline, regions = data()
    words = {
        lang: {
            "messages": finder_messages.catalog(lang),
            "situations": {s.id: s.title.get(lang) for s in baseline.situations},
            "permit": PERMIT_PATH,
        }
        for lang in finder_messages.LANGUAGES
    }
    results = run_js(node, rules_file, [c.as_js() for c in CASES], tmp_path, words)
    for case, from_js in zip(CASES, results, strict=True):
        result = evaluate(regions[case.region], case.scenario)
        for lang in finder_messages.LANGUAGES:
            assert from_js["sentences"][lang] == python_sentences(result, regions[case.region], baseline, lang), (case.id, lang)
            assert all(s.strip() and "{" not in s and "undefined" not in s for s in from_js["sentences"][lang]), case.id


def test_in_a_browser_the_engine_is_a_global_and_nothing_else(node: str) -> None:
    """Loaded by a <script> tag (no `module`), the engine defines window.CarelistFinder and no other global."""
    script = (
        "const vm = require('vm'); const sandbox = {}; sandbox.window = sandbox;"
        f"vm.runInNewContext(require('fs').readFileSync({json.dumps(str(ENGINE))}, 'utf8'), sandbox);"
        "console.log(JSON.stringify(Object.keys(sandbox).sort().concat([typeof sandbox.CarelistFinder.evaluate])));"
    )
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["CarelistFinder", "window", "function"]


# What a parent may type for the age (years) and the months lived there, and what the form must read.
AMOUNTS = [
    ("5", "years", 5),
    ("五岁", "years", 5),
    ("五岁半", "years", 5),
    ("5岁多", "years", 5),
    ("十二岁", "years", 12),
    ("一岁半", "years", 1),
    ("3个月", "years", 0),
    ("１２", "years", 12),
    ("5.5", "years", 5),
    ("3个月", "months", 3),
    ("三个月", "months", 3),
    ("三个多月", "months", 3),
    ("两个半月", "months", 2),
    ("一年半", "months", 18),
    ("1.5年", "months", 18),
    ("半年", "months", 6),
    ("两年零三个月", "months", 27),
    ("1年，3个月", "months", 15),
    ("二十五个月", "months", 25),
    ("一百二十", "months", 120),
    ("1 year 6 months", "months", 18),
    ("2 years", "months", 24),
    ("", "months", None),
    ("  ", "years", None),
]
NOT_UNDERSTOOD = [("abc", "years"), ("-1", "years"), ("1000", "months"), ("五只猫", "years"), ("岁", "years"), ("3 apples", "months")]


def test_the_form_reads_ages_and_months_in_words(node: str) -> None:
    cases = [[text, unit] for text, unit, _ in AMOUNTS] + [[text, unit] for text, unit in NOT_UNDERSTOOD]
    script = (
        f"const F = require({json.dumps(str(ENGINE))});"
        f"const r = {json.dumps(cases)}.map(([t, u]) => {{ const v = F.readAmount(t, u); return v !== v ? 'NaN' : v; }});"
        "console.log(JSON.stringify(r));"
    )
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    want = [value for _, _, value in AMOUNTS] + ["NaN"] * len(NOT_UNDERSTOOD)
    assert dict(zip(map(tuple, cases), got, strict=True)) == dict(zip(map(tuple, cases), want, strict=True))
