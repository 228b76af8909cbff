"""Revisions from git: versions grouped by document.version, `carelist changes`, `carelist validate --since`, and
clones or folders without a usable history. Every repository here is a throwaway one in a temporary folder."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from carelist.changes import Effect, Kind
from carelist.checker import check, default_schema_dir
from carelist.history import History, peek_version, read_history
from revisions_helpers import commit, example, git, new_repo, revised, two_versions, write


def history_of(folder: Path) -> History:
    dataset = check([folder])
    assert dataset.baseline is not None and dataset.report.ok, dataset.report
    return read_history(folder, dataset.checklists, dataset.baseline, default_schema_dir())


def test_versions_are_grouped_by_document_version_newest_first(tmp_path: Path) -> None:
    repo = two_versions(tmp_path)
    history = history_of(repo / "checklists")
    assert history.available and history.notice_line() == ""
    versions = history.regions["110000"].versions
    assert [(v.version, v.published.isoformat()) for v in versions] == [("1.1", "2026-01-05"), ("1.0", "2025-03-01")]
    newest, first = versions
    assert newest.commit == git(repo, "rev-parse", "HEAD").strip()
    assert first.commit == git(repo, "rev-parse", "HEAD~1").strip()  # 1.0's last state, after its unversioned edit
    assert first.first_committed and first.first_committed.isoformat() == "2026-01-01T10:00:00+08:00"
    assert newest.note and newest.note.en == "The age limit is now under 17."
    assert [c.kind for c in first.changes] == [Kind.LIST_ADDED]
    # 1.1 against 1.0's last state: the cost edit belongs to 1.0, so only the age limit changed.
    assert [(c.kind, c.effect, c.text.zh) for c in newest.changes] == [(Kind.DEFINITION, Effect.LOWERS, "年龄上限从 18 岁降为 17 岁")]


def test_the_working_tree_is_the_newest_state_of_its_version(tmp_path: Path) -> None:
    repo = two_versions(tmp_path)
    data = revised(example(), "1.2", "2026-02-01", max_age=17, min_residence_months=3)
    write(repo, data)  # not committed
    versions = history_of(repo / "checklists").regions["110000"].versions
    assert [v.version for v in versions] == ["1.2", "1.1", "1.0"]
    assert versions[0].commit is None and versions[0].first_committed is None
    # example() has the original cost wording, which 1.0's last state had changed
    assert [c.text.en for c in versions[0].changes] == ["Residence required shortened from 6 to 3 months", "Cost now: Free"]


def test_a_merged_branch_is_one_step_of_main(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    write(repo, example())
    commit(repo, "1.0", day=1)
    git(repo, "checkout", "-q", "-b", "edit")
    write(repo, revised(example(), "1.1", "2026-01-03", max_age=17))
    commit(repo, "work in progress", day=2)
    write(repo, revised(example(), "1.1", "2026-01-03", max_age=16))
    commit(repo, "1.1 as reviewed", day=3)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge edit", "edit", day=4)
    versions = history_of(repo / "checklists").regions["110000"].versions
    assert [v.version for v in versions] == ["1.1", "1.0"]
    assert [c.text.zh for c in versions[0].changes] == ["年龄上限从 18 岁降为 16 岁"]
    assert versions[0].first_committed and versions[0].first_committed.day == 4  # when it reached main, not the branch


def test_a_state_that_no_longer_validates_is_skipped(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    (repo / "checklists").mkdir()
    (repo / "checklists" / "110000.yaml").write_text("region: [this is not a checklist\n", encoding="utf-8")
    commit(repo, "broken", day=1)
    write(repo, example())
    commit(repo, "fixed", day=2)
    history = history_of(repo / "checklists")
    assert history.skipped == 1
    assert [v.version for v in history.regions["110000"].versions] == ["1.0"]


def test_a_shallow_clone_gives_a_notice_not_an_error(tmp_path: Path) -> None:
    repo = two_versions(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(clone)], check=True, capture_output=True)
    history = history_of(clone / "checklists")
    assert not history.available and history.regions == {}
    line = history.notice_line()
    assert "\n" not in line
    assert line.startswith("修订历史不可用") and "revision history unavailable" in line and "shallow" in line


def test_a_folder_outside_git_or_without_the_git_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plain" / "checklists"
    write(folder.parent, example())
    assert subprocess.run(["git", "rev-parse"], cwd=folder, capture_output=True).returncode != 0, "tmp is inside a git repo"
    history = history_of(folder)
    assert not history.available and "not in a git repository" in history.notice_line()
    repo = two_versions(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert "git command was not found" in history_of(repo / "checklists").notice_line()


# --- carelist changes ----------------------------------------------------------------------------------------------


@pytest.fixture
def zhejiang_edit(tmp_path: Path) -> Path:
    """The issue's scenario: 1.0 committed, then the age limit 18 → 17 with version 1.1 committed."""
    repo = new_repo(tmp_path)
    write(repo, example())
    commit(repo, "1.0", day=1)
    write(repo, revised(example(), "1.1", "2026-01-05", max_age=17))
    commit(repo, "1.1", day=5)
    return repo


def test_changes_since_the_previous_commit(zhejiang_edit: Path, cli: Callable[..., Any]) -> None:
    folder = zhejiang_edit / "checklists"
    result = cli("changes", "--since", "HEAD~1", folder)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "  ↓ 年龄上限从 18 岁降为 17 岁" in lines
    assert "    Age limit lowered from 18 to 17 years" in lines
    assert any("1.0 → 1.1" in line for line in lines)
    assert "  其中 1 项不利于家庭 / 1 of them lower what families get" in lines
    data = cli("changes", "--since", "HEAD~1", "--format", "json", folder).json()
    [entry] = data["lists"]
    assert entry["version"] == {"from": "1.0", "to": "1.1"} and entry["lowers"] == 1
    assert entry["changes"] == [
        {
            "kind": "definition",
            "effect": "lowers",
            "item_id": None,
            "item_title": None,
            "field": "definition.max_age",
            "text": {"zh": "年龄上限从 18 岁降为 17 岁", "en": "Age limit lowered from 18 to 17 years"},
        }
    ]
    # Against HEAD (the default) nothing has changed.
    assert "没有内容修改。 / No content changes." in cli("changes", folder).out


def test_changes_markdown_for_the_pull_request_comment(zhejiang_edit: Path, cli: Callable[..., Any]) -> None:
    folder = zhejiang_edit / "checklists"
    data = revised(example(), "1.2", "2026-01-06", max_age=17)
    data["services"]["preschool"]["documents"].append({"zh": "<b>照片</b>", "en": "A photo"})
    del data["services"]["transport"]
    write(zhejiang_edit, data)
    out = cli("changes", "--since", "HEAD~1", "--format", "markdown", folder).out
    lines = out.splitlines()
    assert lines[0] == "### carelist 修订内容 / changes since `HEAD~1`"
    heading = next(line for line in lines if line.startswith("#### "))
    assert heading.startswith("#### 110000 北京市 Beijing Municipality: 1.0 → 1.2")
    assert "⚠️ 2 项不利于家庭" in heading
    assert "- ⚠️ **不利于家庭 / lowers**: 年龄上限从 18 岁降为 17 岁 / Age limit lowered from 18 to 17 years" in lines
    assert any(line.startswith("- ⚠️ **不利于家庭 / lowers**: 删去服务") for line in lines)
    assert any("&lt;b>照片" in line for line in lines) and "<b>" not in out  # editors' text cannot open HTML
    # then the coverage of the changed regions only
    assert "### carelist 覆盖情况 / coverage" in lines
    assert out.index("覆盖情况") > out.index("年龄上限")
    assert any(line.startswith("| 110000 北京市 |") for line in lines)


def test_a_new_and_a_removed_list(zhejiang_edit: Path, cli: Callable[..., Any]) -> None:
    folder = zhejiang_edit / "checklists"
    tianjin = example() | {"region": {"code": "120000", "name": {"zh": "天津市", "en": "Tianjin Municipality"}}}
    write(zhejiang_edit, tianjin, "120000.yaml")
    (folder / "110000.yaml").unlink()
    data = cli("changes", "--format", "json", folder).json()
    assert [(e["code"], e["changes"][0]["kind"], e["changes"][0]["effect"]) for e in data["lists"]] == [
        ("120000", "list-added", "neutral"),
        ("110000", "list-removed", "lowers"),
    ]


def test_changes_without_git_or_with_an_unknown_revision(zhejiang_edit: Path, tmp_path: Path, cli: Callable[..., Any]) -> None:
    result = cli("changes", "--since", "no-such-branch", zhejiang_edit / "checklists")
    assert result.code == 2 and result.out == ""
    assert result.err == "无法比较：git 中没有版本 no-such-branch / Cannot compare: no such revision in git: no-such-branch\n"
    assert cli("changes", "--since=--output=x", zhejiang_edit / "checklists").code == 2  # never passed to git as an option
    plain = tmp_path / "plain"
    write(plain, example())
    result = cli("changes", plain / "checklists")
    assert result.code == 2 and "is not in a git repository" in result.err and "不在 git 仓库中" in result.err


# --- carelist validate --since -------------------------------------------------------------------------------------


def since_errors(cli: Callable[..., Any], folder: Path, ref: str = "HEAD") -> tuple[int, list[dict[str, Any]]]:
    result = cli("validate", "--since", ref, "--format", "json", folder)
    return result.code, [d for d in json.loads(result.out)["diagnostics"] if d["code"].startswith("revision.")]


def test_a_content_change_needs_a_higher_version(zhejiang_edit: Path, cli: Callable[..., Any]) -> None:
    folder = zhejiang_edit / "checklists"
    assert since_errors(cli, folder) == (0, [])
    write(zhejiang_edit, revised(example(), "1.1", "2026-01-05", max_age=16))  # content changed, version kept
    code, errors = since_errors(cli, folder)
    assert code == 1
    [error] = errors
    assert (error["code"], error["path"], error["level"]) == ("revision.version_not_raised", "document.version", "error")
    assert error["line"] > 1
    assert "1.1" in error["message"]["zh"] and "年龄上限从 17 岁提高到 16 岁" not in error["message"]["zh"]
    assert "年龄上限从 17 岁降为 16 岁" in error["message"]["zh"]
    assert "document.version is still 1.1" in error["message"]["en"] and "1.2" in error["hint"]["en"]
    write(zhejiang_edit, revised(example(), "1.2", "2026-01-05", max_age=16))
    assert since_errors(cli, folder) == (0, [])


def test_a_version_never_goes_down_nor_the_date_back(zhejiang_edit: Path, cli: Callable[..., Any]) -> None:
    folder = zhejiang_edit / "checklists"
    write(zhejiang_edit, revised(example(), "1.0.9", "2026-01-04", max_age=16))
    code, errors = since_errors(cli, folder)
    assert code == 1
    by_code = {e["code"]: e for e in errors}
    assert {(e["code"], e["path"]) for e in errors} == {
        ("revision.version_lower", "document.version"),
        ("revision.published_earlier", "document.published"),
    }
    lower, earlier = by_code["revision.version_lower"], by_code["revision.published_earlier"]
    assert "1.1" in lower["message"]["en"] and "1.0.9" in lower["message"]["en"]
    assert "2026-01-05" in earlier["message"]["zh"] and "2026-01-04" in earlier["message"]["en"]
    # plain validate (no --since) knows nothing of history
    assert cli("validate", folder).code == 0


def test_validate_since_without_git_is_a_usage_error(tmp_path: Path, cli: Callable[..., Any]) -> None:
    plain = tmp_path / "plain"
    write(plain, example())
    result = cli("validate", "--since", "HEAD", plain / "checklists")
    assert result.code == 2
    assert result.err.startswith("无法检查版本号：") and "Cannot check versions" in result.err


def test_the_version_is_peeked_without_reading_the_whole_file() -> None:
    block = b'region: {code: "110000"}\ndocument:\n  title: {zh: x}\n  history:\n    - version: "0.9"\n  version: "1.2"\n'
    assert peek_version(block) == "1.2"  # not history's version
    assert peek_version(b'document: {number: "1", version: "2.0", published: "2025-01-01"}\n') == "2.0"
    assert peek_version(b"document:\n  title: x\nversion: 3\n") is None  # a top-level version is not document's
    assert peek_version(b"document: &d\n  version: '1'\nother: *d\n") == "1"
    assert peek_version(b"document: *undefined\n") is None
    assert peek_version(b"\xff\xfe not text") is None and peek_version(b"[1, 2") is None


def test_checked_states_are_cached_by_content(tmp_path: Path) -> None:
    repo = two_versions(tmp_path)
    folder, cache = repo / "checklists", tmp_path / "cache"
    dataset = check([folder])
    assert dataset.baseline is not None
    first = read_history(folder, dataset.checklists, dataset.baseline, default_schema_dir(), cache)
    again = read_history(folder, dataset.checklists, dataset.baseline, default_schema_dir(), cache)
    assert (first.cached, again.cached) == (0, 2)  # the last state of 1.0 and of 1.1
    assert [(v.version, v.changes) for v in again.regions["110000"].versions] == [
        (v.version, v.changes) for v in first.regions["110000"].versions
    ]
    for entry in cache.iterdir():  # a spoiled cache is checked again, never trusted into a crash
        entry.write_text('{"data": {"region": 1}}', encoding="utf-8")
    spoiled = read_history(folder, dataset.checklists, dataset.baseline, default_schema_dir(), cache)
    assert spoiled.skipped == 0
    assert [v.changes for v in spoiled.regions["110000"].versions] == [v.changes for v in first.regions["110000"].versions]


def test_a_new_version_with_the_previous_note_is_warned_about(zhejiang_edit: Path, cli: Callable[..., Any]) -> None:
    note = {"zh": "年龄上限调整为未满17周岁。", "en": "The age limit is now under 17."}
    data = revised(example(), "1.1", "2026-01-05", max_age=17)
    data["document"]["changes"] = note
    write(zhejiang_edit, data)
    commit(zhejiang_edit, "1.1 with a note", day=6)
    data = revised(example(), "1.2", "2026-01-07", max_age=16)
    data["document"]["changes"] = note  # forgotten
    write(zhejiang_edit, data)
    result = cli("validate", "--since", "HEAD", "--format", "json", zhejiang_edit / "checklists")
    assert result.code == 0  # a warning, not an error
    [warning] = [d for d in result.json()["diagnostics"] if d["code"].startswith("revision.")]
    assert (warning["code"], warning["level"], warning["path"]) == ("revision.note_unchanged", "warning", "document.changes")
    assert "version 1.1" in warning["message"]["en"] and "1.2" in warning["message"]["zh"]


def test_changes_in_a_shallow_clone_need_only_the_revision(zhejiang_edit: Path, tmp_path: Path, cli: Callable[..., Any]) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", zhejiang_edit.as_uri(), str(clone)], check=True, capture_output=True)
    write(clone, revised(example(), "1.2", "2026-01-06", max_age=16))
    result = cli("changes", "--since", "HEAD", clone / "checklists")
    assert result.code == 0 and "年龄上限从 17 岁降为 16 岁" in result.out
    result = cli("changes", "--since", "HEAD~1", clone / "checklists")
    assert result.code == 2 and "shallow clone" in result.err and "git fetch --unshallow" in result.err


def test_a_file_name_with_a_line_break_is_not_asked_of_git(zhejiang_edit: Path, cli: Callable[..., Any]) -> None:
    folder = zhejiang_edit / "checklists"
    (folder / "110000\n.yaml").write_text((folder / "110000.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("changes", "--format", "json", folder)
    assert result.code == 1 and "110000" in result.err  # two files for one region: the validator says so
    # the odd name sorts first and stands for the region; git was never asked for it, so it is a list new since HEAD
    [entry] = result.json()["lists"]
    assert entry["file"].endswith("110000\n.yaml") and entry["version"] == {"from": None, "to": "1.1"}
