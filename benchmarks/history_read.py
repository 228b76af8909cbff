"""Time reading the revision history: N synthetic regions, each with V versions of C commits, one region at a time.

    .venv/bin/python benchmarks/history_read.py [N:V:C ...]      (default: 3:2:1 31:5:1 31:5:4)

Prints the commits, the versions kept, the seconds `read_history` took (git log, git cat-file, reading and checking
the last state of each version, comparing consecutive versions), the same again with the state cache filled, and
what `git log` alone takes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_speed import synthetic_checklists

from carelist.checker import check, default_schema_dir
from carelist.history import read_history

_VERSION = re.compile(r'(\n  version: )"[0-9.]+"')
_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.cn",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.cn",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=_ENV, check=True, capture_output=True)


def run(regions: int, versions: int, per_version: int) -> None:
    with tempfile.TemporaryDirectory(prefix="carelist-history-") as tmp:
        repo = Path(tmp)
        folder, schema = repo / "checklists", repo / "schema"
        folder.mkdir()
        shutil.copytree(default_schema_dir(), schema)
        synthetic_checklists(folder, schema, regions)
        git(repo, "init", "-q")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "first versions")
        commits = 1
        for v in range(1, versions):
            for path in sorted(folder.glob("*.yaml")):
                for c in range(per_version):
                    text = _VERSION.sub(lambda m, v=v: f'{m[1]}"2.{v}"', path.read_text(encoding="utf-8"), count=1)
                    path.write_text(re.sub(r"24小时(（[^）]*）)?", f"24小时（第{v}版第{c}稿）", text, count=1), encoding="utf-8")
                    git(repo, "commit", "-q", "-am", f"{path.stem} 2.{v} draft {c}")
                    commits += 1
        dataset = check([folder], schema_dir=schema)
        assert dataset.baseline is not None and dataset.checklists, dataset.report
        started = time.perf_counter()
        subprocess.run(["git", "log", "--first-parent", "--name-only", "--format=%H", "--", "checklists/"], cwd=repo, capture_output=True)
        git_only = time.perf_counter() - started
        cache = repo / "cache"
        first = read_history(folder, dataset.checklists, dataset.baseline, schema, cache)
        again = read_history(folder, dataset.checklists, dataset.baseline, schema, cache)
        assert first.available, first.notice_line()
        states = sum(len(r.versions) for r in first.regions.values())
        print(
            f"{regions} regions x {versions} versions x {per_version} commits: {commits} commits, {states} versions kept; "
            f"read_history {first.seconds:.2f} s ({first.seconds / max(commits, 1) * 1000:.1f} ms per commit), "
            f"again with the cache {again.seconds:.2f} s ({again.cached} states cached); git log alone {git_only:.2f} s"
        )


def main(argv: list[str]) -> None:
    for spec in argv or ["3:2:1", "31:5:1", "31:5:4"]:
        regions, versions, per_version = (int(x) for x in spec.split(":"))
        run(regions, versions, per_version)


if __name__ == "__main__":
    main(sys.argv[1:])
