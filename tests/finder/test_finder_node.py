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

from carelist.checker import check
from carelist.eligibility import Move, Scenario, evaluate, result_as_json
from carelist.export import dumps, rules_json
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


def run_js(node: str, rules: Path, scenarios: list[dict[str, Any]], tmp_path: Path) -> list[dict[str, Any]]:
    given = tmp_path / "scenarios.json"
    given.write_text(json.dumps(scenarios), encoding="utf-8")
    done = subprocess.run([node, str(RUNNER), str(ENGINE), str(rules), str(given)], capture_output=True, text=True, timeout=120)
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
    moves = [None, *Move]
    situations = [(), ("disability",), ("hardship", "psychological"), ("orphan",), ("no-guardian", "unattended"), ("parent-job-seeking",)]
    scenarios = [
        Scenario(code, age, month, move, frozenset(s))
        for code, age, month, move, s in itertools.product(regions, ages, months, moves, situations)
    ]
    results = run_js(node, rules_file, [as_js(s) for s in scenarios], tmp_path)
    mismatched = [s for s, r in zip(scenarios, results, strict=True) if r != result_as_json(evaluate(regions[s.region], s))]
    assert not mismatched, f"{len(mismatched)} of {len(scenarios)} differ, e.g. {mismatched[:3]}"
    assert len({json.dumps(r["covered_reason"]) for r in results}) == 6  # every kind of answer was compared


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
