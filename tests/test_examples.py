"""Every file in tests/examples/ checked through `carelist validate`, as check-jsonschema does with its examples.

negative/*.yaml must fail: each `# expect: CODE LINE:COL` diagnostic reported exactly there, in Chinese and English,
any other error listed under `# allow:` (file.name_mismatch always is: an example is named after its mistake, not its
region), exit code 1, no traceback. positive/*.yaml must pass (exit 0, no errors);
the warnings they list under `# expect:` must be reported where stated. Adding a file adds a test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent / "examples"
NEGATIVE = sorted((EXAMPLES / "negative").glob("*.yaml"))
POSITIVE = sorted((EXAMPLES / "positive").glob("*.yaml"))


def test_the_examples_are_there() -> None:
    # A glob that finds nothing would make the parametrised tests below vanish silently.
    assert len(NEGATIVE) >= 25
    assert len(POSITIVE) >= 2


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_negative_example_fails_with_located_bilingual_errors(path, validate_json, expectations, expect_diagnostics) -> None:
    code, diagnostics = validate_json(path)
    assert code == 1
    mine = [d for d in diagnostics if Path(d["file"]).resolve() == path.resolve()]
    assert mine, f"nothing reported for {path.name}: {diagnostics}"
    stated = expectations(path)
    stated.allowed.add("file.name_mismatch")
    expect_diagnostics(mine, stated)
    for d in mine:
        assert d["level"] in ("error", "warning")


@pytest.mark.parametrize("path", POSITIVE, ids=lambda p: p.stem)
def test_positive_example_passes(path, validate_json, expectations) -> None:
    code, diagnostics = validate_json(path)
    errors = [f"{d['code']} {d['line']}:{d['column']} {d['path']}" for d in diagnostics if d["level"] == "error"]
    assert errors == []
    assert code == 0
    warnings = {(d["code"], d["line"], d["column"]) for d in diagnostics if d["level"] == "warning"}
    stated = {(w.code, w.line, w.column) for w in expectations(path).expected}
    assert warnings == stated


@pytest.mark.parametrize("path", POSITIVE, ids=lambda p: p.stem)
def test_positive_example_meets_the_baseline(path, cli) -> None:
    result = cli("coverage", "--format", "json", path)
    assert result.code == 0
    (region,) = result.json()["regions"]
    assert region["ok"]
    assert {cell["verdict"] for cell in region["items"].values()} <= {"meets", "exceeds"}


def test_checking_in_several_processes_reports_the_same_as_one() -> None:
    """`carelist validate` and the build check files in one process per core: the report (order included) and the
    models must not depend on it."""
    from carelist.checker import PARALLEL_FROM, check

    files = NEGATIVE + POSITIVE
    assert len(files) >= PARALLEL_FROM  # enough files for the workers to start
    one, two = check(files, workers=1), check(files, workers=2)
    assert two.report.files == one.report.files
    assert [d.as_dict() for d in two.report.diagnostics] == [d.as_dict() for d in one.report.diagnostics]
    assert two.checklists == one.checklists
    assert one.checklists  # the positive examples give models
