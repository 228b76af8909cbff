"""Throwaway git repositories of test checklists, with fixed authors and dates, for the revision tests."""

from __future__ import annotations

import copy
import os
import subprocess
from pathlib import Path
from typing import Any

import yaml

EXAMPLE = Path(__file__).resolve().parent / "examples" / "positive" / "110000.yaml"


def git_env(day: int = 1) -> dict[str, str]:
    date = f"2026-01-{day:02d}T10:00:00+08:00"
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.cn",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.cn",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,  # nobody's own settings (signing, hooks, default branch) leak in
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def git(repo: Path, *args: str, day: int = 1) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=git_env(day), capture_output=True, text=True, check=True)
    return done.stdout


def example() -> dict[str, Any]:
    """Beijing's test checklist as data, with Zhejiang's wider age limit (under 18)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["definition"]["max_age"] = 18
    return data


def write(repo: Path, data: dict[str, Any], name: str = "110000.yaml") -> Path:
    path = repo / "checklists" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return path


def commit(repo: Path, message: str, day: int) -> str:
    git(repo, "add", "-A", day=day)
    git(repo, "commit", "-q", "-m", message, day=day)
    return git(repo, "rev-parse", "HEAD").strip()


def new_repo(tmp: Path) -> Path:
    repo = tmp / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    return repo


def revised(data: dict[str, Any], version: str, published: str, **definition: Any) -> dict[str, Any]:
    new = copy.deepcopy(data)
    new["document"].update(version=version, published=published, effective=published)
    new["definition"].update(definition)
    return new


def two_versions(tmp: Path) -> Path:
    """Version 1.0, an unversioned edit of 1.0, then 1.1 lowering the age limit 18 → 17 with an editor's note."""
    repo = new_repo(tmp)
    first = example()
    write(repo, first)
    commit(repo, "Beijing 1.0", day=1)
    first["services"]["preschool"]["cost"] = {"zh": "报名免费", "en": "Applying is free"}
    write(repo, first)
    commit(repo, "Beijing 1.0: cost wording", day=2)
    second = revised(first, "1.1", "2026-01-05", max_age=17)
    second["document"]["changes"] = {"zh": "年龄上限调整为未满17周岁。", "en": "The age limit is now under 17."}
    write(repo, second)
    commit(repo, "Beijing 1.1", day=5)
    return repo
