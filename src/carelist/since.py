"""Each checklist against its state at a git revision: what changed (`carelist changes`) and whether the version
number says so (`carelist validate --since`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from carelist.changes import Change, added_list, compare, removed_list
from carelist.checker import CHECKLIST_SUFFIXES, Dataset, discover
from carelist.diagnostics import Diagnostic, Level, display_path
from carelist.git_files import Repository
from carelist.history import checklist_from_bytes, version_key
from carelist.model import Baseline, Checklist
from carelist.yaml_reader import read_yaml


@dataclass(frozen=True)
class ListChanges:
    """One checklist that differs from its state at the revision (old None: new since; new None: removed since)."""

    file: str
    old: Checklist | None
    new: Checklist | None
    changes: tuple[Change, ...]

    @property
    def checklist(self) -> Checklist:
        return self.new or self.old  # type: ignore[return-value]

    @property
    def lowers(self) -> int:
        return sum(1 for c in self.changes if c.effect == "lowers")


@dataclass
class ChangeSet:
    """The result of comparing the working tree with a revision: the lists that changed, and files that did not read."""

    ref: str
    commit: str
    lists: list[ListChanges] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # files at the revision that are not a valid checklist today
    olds: dict[str, Checklist] = field(default_factory=dict)  # file -> the checklist at the revision


def changes_since(ref: str, paths: list[Path], dataset: Dataset, schema_dir: Path) -> ChangeSet:
    """Every valid checklist in dataset (read from paths) against the same file at ref; raises GitUnavailable."""
    baseline = dataset.baseline
    assert baseline is not None
    anchor = next((p for p in paths if p.exists()), Path("."))
    repo = Repository.containing(anchor.resolve(), shallow=True)  # a pull request's clone needs only the base revision
    commit = repo.resolve(ref)
    result = ChangeSet(ref, commit)
    current = {Path(c.file).resolve(): c for c in dataset.checklists}
    files = [p.resolve() for p, _named in discover(paths) if p.exists() and p.suffix in CHECKLIST_SUFFIXES]
    tracked = [repo.relative(p) for p in files]
    contents = repo.read([(commit, rel) for rel in tracked])
    for path, rel, content in zip(files, tracked, contents, strict=True):
        new = current.get(path)
        old = _old(content, rel, baseline, schema_dir, result)
        if old is not None:
            result.olds[display_path(path)] = old
        if new is None:
            continue  # invalid now: the validator's report says why
        changes = added_list(new) if old is None else compare(old, new, baseline)
        if changes:
            result.lists.append(ListChanges(display_path(path), old, new, changes))
    # Lists deleted since the revision, in the folders named.
    present = set(tracked)
    for folder in (p.resolve() for p in paths if p.is_dir()):
        gone = [rel for rel in repo.files_at(commit, repo.relative(folder)) if rel not in present]
        for rel, content in zip(gone, repo.read([(commit, rel) for rel in gone]), strict=True):
            old = _old(content, rel, baseline, schema_dir, result)
            if old is not None:
                result.lists.append(ListChanges(rel, old, None, removed_list(old)))
    return result


def _old(content: bytes | None, rel: str, baseline: Baseline, schema_dir: Path, result: ChangeSet) -> Checklist | None:
    if content is None:
        return None
    old = checklist_from_bytes(content, rel, baseline, schema_dir)
    if old is None:
        result.unreadable.append(rel)
    return old


def _error(file: str, where: tuple[int, int], code: str, path: str, zh: str, en: str, hint: tuple[str, str]) -> Diagnostic:
    return Diagnostic(file, where[0], where[1], Level.ERROR, code, path, zh, en, hint[0], hint[1])


def version_rules(result: ChangeSet, dataset: Dataset) -> list[Diagnostic]:
    """A content change needs a higher document.version; a version never goes down, nor a publication date back."""
    found: list[Diagnostic] = []
    for new in dataset.checklists:
        old = result.olds.get(new.file)
        if old is None:
            continue
        doc, _problems = read_yaml(Path(new.file), new.file)
        position = doc.where if doc else (lambda _path: (1, 1))
        a, b = old.publication, new.publication
        previous = f"{result.ref} ({result.commit[:7]})"
        if version_key(b.version) < version_key(a.version):
            found.append(
                _error(
                    new.file,
                    position(("document", "version")),
                    "revision.version_lower",
                    "document.version",
                    f"document.version 从 {a.version} 降为 {b.version}：版本号不能降低（{previous} 中为 {a.version}）",
                    f"document.version went down from {a.version} to {b.version}; it may never go down (it was {a.version} in {previous})",
                    (f"把版本号改为高于 {a.version} 的值", f"Set a version higher than {a.version}."),
                )
            )
        elif version_key(b.version) == version_key(a.version):
            changes = compare(old, new, dataset.baseline)  # type: ignore[arg-type]
            if changes:
                first = changes[0].text
                more_zh, more_en = (f"等 {len(changes)} 处", f" and {len(changes) - 1} more") if len(changes) > 1 else ("", "")
                found.append(
                    _error(
                        new.file,
                        position(("document", "version")),
                        "revision.version_not_raised",
                        "document.version",
                        f"内容有修改（{first.zh}{more_zh}），但 document.version 仍是 {a.version}（与 {previous} 相同）",
                        f"The content changed ({first.en}{more_en}), but document.version is still {a.version} (as in {previous})",
                        (
                            f"提高 document.version（例如改为 {_next(a.version)}），并在 document.changes 中说明修改内容",
                            f"Raise document.version (e.g. to {_next(a.version)}) and say what changed in document.changes.",
                        ),
                    )
                )
        if version_key(b.version) > version_key(a.version) and b.changes and a.changes == b.changes:
            found.append(
                Diagnostic(
                    new.file,
                    *position(("document", "changes")),
                    Level.WARNING,
                    "revision.note_unchanged",
                    "document.changes",
                    f"document.changes 与第 {a.version} 版相同：新版本 {b.version} 的编辑说明应当说明这次修改了什么",
                    f"document.changes is the same as in version {a.version}: the note of version {b.version} should say what it changes",
                    "改写 document.changes，或者删去它（carelist 会自动列出修改内容）",
                    "Rewrite document.changes, or remove it (carelist lists the changes itself).",
                )
            )
        if b.published < a.published:
            found.append(
                _error(
                    new.file,
                    position(("document", "published")),
                    "revision.published_earlier",
                    "document.published",
                    f"document.published 为 {b.published}，早于上一版的发布日期 {a.published}（{previous}）",
                    f"document.published is {b.published}, earlier than the previous version's {a.published} ({previous})",
                    (f"发布日期不能早于 {a.published}", f"The publication date cannot be earlier than {a.published}."),
                )
            )
    return found


def _next(version: str) -> str:
    parts = version.split(".")
    if len(parts) == 1:
        return f"{version}.1"
    return ".".join([*parts[:-1], str(int(parts[-1]) + 1)])
