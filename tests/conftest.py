"""Shared helpers for carelist's tests: run the command line, read and write checklists, read example expectations.

Helpers are fixtures (not imports), because tests/site/ has a conftest of its own and `import conftest` would be
ambiguous. Checklists are read with carelist's own reader, so a copy holds exactly what the validator saw.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from carelist.cli import main
from carelist.yaml_reader import read_yaml
from served_site import FIXTURE_CHECKLISTS, ServedSite, ServerFailed, start

REPO = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def assert_no_traceback(*outputs: str) -> None:
    for text in outputs:
        assert "Traceback (most recent call last)" not in text, text


def assert_bilingual(d: dict[str, Any]) -> None:
    """A diagnostic (as --format json writes it) that tells an editor what is wrong in Chinese and in English."""
    zh, en = d["message"]["zh"], d["message"]["en"]
    assert CJK.search(zh), f"no Chinese in {zh!r}"
    assert re.search(r"\b[A-Za-z]{3,}\b.*\b[A-Za-z]{3,}\b", en), f"no English in {en!r}"
    assert zh != en
    assert "{" not in zh + en, f"unfilled placeholder in {zh!r} / {en!r}"


def pytest_configure(config: pytest.Config) -> None:
    """The validator's report cache lives in a fresh folder per session: a user's cache never answers for a test."""
    if "CARELIST_CACHE" not in os.environ:
        os.environ["CARELIST_CACHE"] = tempfile.mkdtemp(prefix="carelist-test-cache-")


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The fixture site, built once for the whole session by `carelist serve`, which keeps serving it (served_site.py)."""
    try:
        site = start(tmp_path_factory.mktemp("fixture-site") / "output")
    except ServerFailed as exc:
        pytest.fail(str(exc), pytrace=False)
    yield site
    site.close()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """cli("validate", path) runs `carelist validate path` in this process and returns its exit code and output."""

    def run(*argv: str | Path) -> CliResult:
        capsys.readouterr()  # drop anything printed before
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert_no_traceback(out, err)
        return CliResult(code, out, err)

    return run


@pytest.fixture
def validate_json(cli: Callable[..., CliResult]) -> Callable[..., tuple[int, list[dict[str, Any]]]]:
    """validate_json(*paths) -> (exit code, diagnostics) from `carelist validate --format json`, each one bilingual."""

    def run(*paths: str | Path) -> tuple[int, list[dict[str, Any]]]:
        result = cli("validate", "--format", "json", *paths)
        diagnostics = result.json()["diagnostics"]
        for d in diagnostics:  # whatever the input, every message reaches the editor in both languages
            assert_bilingual(d)
        return result.code, diagnostics

    return run


def read_data(path: Path) -> dict[str, Any]:
    doc, problems = read_yaml(path, path.name)
    assert doc is not None, problems
    return doc.data  # type: ignore[return-value]


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes shared objects out in full: carelist refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)


@pytest.fixture
def sample_data() -> Callable[[str], dict[str, Any]]:
    """sample_data("440000") -> a fresh copy of the fixture tests/fixtures/checklists/440000.yaml, to change one thing in."""
    cache: dict[str, dict[str, Any]] = {}

    def load(code: str = "440000") -> dict[str, Any]:
        if code not in cache:
            cache[code] = read_data(FIXTURE_CHECKLISTS / f"{code}.yaml")
        return copy.deepcopy(cache[code])

    return load


@pytest.fixture
def write_checklist(tmp_path: Path) -> Callable[..., Path]:
    """write_checklist(data, name=None, folder="") -> tmp path of a checklist file named after its region code."""

    def write(data: dict[str, Any], name: str | None = None, folder: str = "") -> Path:
        target = tmp_path / folder / (name or f"{data['region']['code']}.yaml")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(data), encoding="utf-8")
        return target

    return write


@dataclass
class Expected:
    code: str
    line: int
    column: int
    checks: dict[str, str]  # "hint" / "message" -> text that must appear in the zh or en version


@dataclass
class Expectations:
    expected: list[Expected]
    allowed: set[str]


_EXPECT = re.compile(r"#\s*expect:\s*(?P<code>[a-z_.]+)\s+(?P<line>\d+):(?P<col>\d+)(?P<rest>.*)$")
_ALLOW = re.compile(r"#\s*allow:\s*(?P<codes>.+)$")


def read_expectations(path: Path) -> Expectations:
    """The `# expect: CODE LINE:COL | hint: text | message: text` and `# allow: CODE ...` lines of an example file.

    Expected diagnostics must be reported exactly there; any other error must have a code listed under allow.
    """
    expected: list[Expected] = []
    allowed: set[str] = set()
    for line in path.read_bytes().decode("utf-8", errors="replace").splitlines():
        if m := _EXPECT.match(line.strip()):
            checks = {}
            for part in m["rest"].split("|")[1:]:
                key, _, text = part.partition(":")
                checks[key.strip()] = text.strip()
            expected.append(Expected(m["code"], int(m["line"]), int(m["col"]), checks))
        elif m := _ALLOW.match(line.strip()):
            allowed.update(m["codes"].split())
    return Expectations(expected, allowed)


def find(diagnostics: list[dict[str, Any]], want: Expected) -> dict[str, Any]:
    """The diagnostic that meets an expectation, or a failure listing what was reported instead."""
    for d in diagnostics:
        if (d["code"], d["line"], d["column"]) == (want.code, want.line, want.column):
            return d
    reported = [f"{d['code']} {d['line']}:{d['column']}" for d in diagnostics]
    raise AssertionError(f"expected {want.code} at {want.line}:{want.column}; reported: {reported}")


def check_expected(diagnostics: list[dict[str, Any]], expectations: Expectations) -> None:
    assert expectations.expected, "an example must state what it expects (# expect: CODE LINE:COL)"
    for want in expectations.expected:
        d = find(diagnostics, want)
        assert_bilingual(d)
        for key, text in want.checks.items():
            assert text in d[key]["zh"] + "\n" + d[key]["en"], f"{key} of {want.code}: {d[key]} lacks {text!r}"
    expected_codes = {w.code for w in expectations.expected} | expectations.allowed
    unexpected = sorted({d["code"] for d in diagnostics if d["level"] == "error"} - expected_codes)
    assert not unexpected, f"errors nobody expected: {unexpected}"


@pytest.fixture
def expectations() -> Callable[[Path], Expectations]:
    return read_expectations


@pytest.fixture
def expect_diagnostics() -> Callable[[list[dict[str, Any]], Expectations], None]:
    return check_expected
