"""The pre-commit hook: what pre-commit runs (its files pattern and entry), checked against real files."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def hook() -> dict:
    (found,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return found


def test_the_hook_sees_every_file_under_checklists_so_misnamed_ones_are_caught() -> None:
    files = re.compile(hook()["files"])
    for name in ("checklists/440000.yaml", "checklists/420000.YAML", "checklists/420000.yaml.txt", "checklists/湖北.docx"):
        assert files.search(name), name
    assert not files.search("schema/baseline.yaml")


def test_the_hook_shows_warnings_and_passes_file_names() -> None:
    found = hook()
    assert found["verbose"] is True and found["pass_filenames"] is True
    assert found["language"] == "python"


def test_the_hooks_command_reports_a_misnamed_file_it_is_given(cli, tmp_path) -> None:
    folder = tmp_path / "checklists"
    folder.mkdir()
    misnamed = folder / "420000.yaml.txt"
    misnamed.write_text((REPO / "tests/examples/positive/110000.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    entry = shlex.split(hook()["entry"])
    assert entry[0] == "carelist"
    result = cli(*entry[1:], misnamed)
    assert result.code == 1
    assert "file.not_checklist" in result.out and "420000.yaml" in result.out


def test_the_hook_installs_only_the_validator() -> None:
    # pre-commit installs the repository with `pip install .`: its core dependencies are the validator's alone.
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    core = pyproject.split("\ndependencies = [", 1)[1].split("]", 1)[0]
    names = sorted(re.findall(r'"([A-Za-z0-9_.-]+)', core))
    assert names == ["fastjsonschema", "jsonschema", "pyyaml"]
