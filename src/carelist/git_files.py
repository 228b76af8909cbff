"""Reading checklist files out of git with the `git` command: one `git log` and one `git cat-file --batch` per call.

The `git` command is used rather than a library: it is present wherever the repository is (the editors' machines,
CI's checkout), it is what decides what a shallow clone holds, and reading a path's history is one command, where
dulwich walks and diffs every tree in Python and pygit2 would add a compiled dependency for the same answer.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from carelist.errors import CarelistError

_TIMEOUT = 120  # seconds; a history read is well under one on repositories of this size


class GitUnavailable(CarelistError):
    """No history to read: no git, not a repository, a shallow clone, or an unknown revision."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


@dataclass(frozen=True)
class Snapshot:
    """One file as one commit left it (content None: the commit deleted it)."""

    commit: str
    date: dt.datetime
    path: str  # relative to the repository root, with /
    content: bytes | None


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    if shutil.which("git") is None:
        raise GitUnavailable("找不到 git 命令", "the git command was not found")
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitUnavailable("无法运行 git", f"git could not run: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitUnavailable("git 命令失败", f"git {args[0]} failed: {message[0] if message else done.returncode}")
    return done.stdout


@dataclass(frozen=True)
class Repository:
    root: Path

    @classmethod
    def containing(cls, path: Path, *, shallow: bool = False) -> Repository:
        """The repository that holds path (a file or folder); a shallow clone only when shallow (its history is cut
        short, but it may hold the one revision a comparison needs)."""
        folder = path if path.is_dir() else path.parent
        if shutil.which("git") is None:
            raise GitUnavailable("找不到 git 命令", "the git command was not found")
        if not folder.is_dir():
            raise GitUnavailable(f"找不到 {folder}", f"{folder} not found")
        try:
            top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
        except GitUnavailable:
            raise GitUnavailable(f"{folder} 不在 git 仓库中", f"{folder} is not in a git repository") from None
        repo = cls(Path(top))
        if not shallow and repo.is_shallow():
            raise GitUnavailable("这是浅克隆（shallow clone），历史不完整", "this is a shallow clone, so its history is incomplete")
        return repo

    def is_shallow(self) -> bool:
        return _git(self.root, "rev-parse", "--is-shallow-repository").decode().strip() == "true"

    def relative(self, path: Path) -> str:
        try:
            return PurePosixPath(path.resolve().relative_to(self.root.resolve())).as_posix()
        except ValueError:
            raise GitUnavailable(f"{path} 不在仓库 {self.root} 中", f"{path} is outside the repository {self.root}") from None

    def resolve(self, ref: str) -> str:
        """The commit ref names; an unknown ref is refused in both languages."""
        if ref.startswith("-"):
            raise GitUnavailable(f"无效的版本 {ref}", f"not a revision: {ref}")
        try:
            return _git(self.root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").decode().strip()
        except GitUnavailable:
            if self.is_shallow():
                raise GitUnavailable(
                    f"git 中没有版本 {ref}（这是浅克隆：请获取完整历史，例如 git fetch --unshallow）",
                    f"no such revision in git: {ref} (this is a shallow clone: fetch the full history, e.g. git fetch --unshallow)",
                ) from None
            raise GitUnavailable(f"git 中没有版本 {ref}", f"no such revision in git: {ref}") from None

    def has_commits(self) -> bool:
        try:
            self.resolve("HEAD")
        except GitUnavailable:
            return False
        return True

    def files_at(self, commit: str, folder: str) -> list[str]:
        """The YAML files directly in folder at commit."""
        out = _git(self.root, "ls-tree", "--name-only", "-z", commit, "--", folder.rstrip("/") + "/")
        return sorted(p for p in out.decode().split("\0") if p.endswith((".yaml", ".yml")))

    def read(self, pairs: list[tuple[str, str]]) -> list[bytes | None]:
        """The content of each (commit, path), None where the path is not in that commit; one git process for all."""
        # One request per line: a path with a line break in it cannot be asked for (and is no checklist of ours).
        asked = [(commit, path) for commit, path in pairs if "\n" not in path and "\r" not in path]
        if not asked:
            return [None] * len(pairs)
        request = b"".join(f"{commit}:{path}\n".encode() for commit, path in asked)
        out = _git(self.root, "cat-file", "--batch", stdin=request)
        by_pair: dict[tuple[str, str], bytes | None] = {}
        at = 0
        for pair in asked:
            end = out.index(b"\n", at)
            header = out[at:end].split(b" ")
            at = end + 1
            if header[-1] == b"missing" or len(header) != 3:
                by_pair[pair] = None
                continue
            size = int(header[2])
            by_pair[pair] = out[at : at + size] if header[1] == b"blob" else None
            at += size + 1
        return [by_pair.get(pair) for pair in pairs]

    def history(self, folder: str) -> list[Snapshot]:
        """Every state of each YAML file in folder along the first-parent line to HEAD, oldest first.

        First parent only: on main, a merged pull request is one step, not the commits it was made of.
        """
        if not self.has_commits():
            return []
        log = _git(
            self.root,
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--reverse",
            "--no-renames",
            "--format=%x1e%H %cI",
            "--name-only",
            "-z",
            "HEAD",
            "--",
            folder.rstrip("/") + "/",
        ).decode("utf-8", "replace")
        touched: list[tuple[str, dt.datetime, str]] = []
        prefix = folder.rstrip("/") + "/"
        for record in filter(None, log.split("\x1e")):
            # -z: "<hash> <date>\0\n<name>\0<name>\0"
            head, *names = record.split("\0")
            commit, date = head.split(" ", 1)
            when = dt.datetime.fromisoformat(date.strip())
            for name in (n.strip("\n") for n in names):
                if name.endswith((".yaml", ".yml")) and "/" not in name.removeprefix(prefix):
                    touched.append((commit, when, name))
        contents = self.read([(commit, path) for commit, _, path in touched])
        return [Snapshot(c, when, path, content) for (c, when, path), content in zip(touched, contents, strict=True)]
