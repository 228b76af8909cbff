"""`carelist changes` output: text for editors, Markdown for the pull-request comment, JSON for tools."""

from __future__ import annotations

import json

from carelist.changes import Change, Effect, Kind
from carelist.coverage import coverage_matrix
from carelist.coverage_format import as_markdown as coverage_markdown
from carelist.model import Baseline
from carelist.since import ChangeSet, ListChanges

MARKS = {Effect.RAISES: "↑", Effect.LOWERS: "↓", Effect.NEUTRAL: "·"}


def _heading(entry: ListChanges) -> tuple[str, str]:
    c = entry.checklist
    old = entry.old.publication.version if entry.old else "—"
    new = entry.new.publication.version if entry.new else "—"
    return f"{c.code} {c.name.zh} {c.name.en or ''}".rstrip(), f"{old} → {new}"


def _where(change: Change) -> tuple[str, str]:
    if change.item_title is None or change.kind in (Kind.ITEM_ADDED, Kind.ITEM_REMOVED):  # these name the service already
        return "", ""
    return f"{change.item_title.zh}：", f"{change.item_title.en or change.item_title.zh}: "


def as_text(result: ChangeSet, baseline: Baseline) -> str:
    lines = [f"自 {result.ref}（{result.commit[:7]}）以来的修改 / Changes since {result.ref} ({result.commit[:7]})", ""]
    if not result.lists:
        lines.append("没有内容修改。 / No content changes.")
    for entry in result.lists:
        name, versions = _heading(entry)
        lines.append(f"{entry.file}: {name}, {versions}")
        note = entry.new.publication.changes if entry.new else None
        if note:
            lines.append(f"  编辑说明 / Editor's note: {note.zh}" + (f" / {note.en}" if note.en else ""))
        for change in entry.changes:
            zh, en = _where(change)
            lines.append(f"  {MARKS[change.effect]} {zh}{change.text.zh}")
            lines.append(f"    {en}{change.text.en or change.text.zh}")
        if entry.lowers:
            lines.append(f"  其中 {entry.lowers} 项不利于家庭 / {entry.lowers} of them lower what families get")
        lines.append("")
    if result.lists:
        lines.append("↑ 有利于家庭 raises what families get · ↓ 不利于家庭 lowers what families get · · 其他 other")
    for file in result.unreadable:
        lines.append(f"{file}: {result.ref} 中的版本不符合现在的格式，无法比较 / the version in {result.ref} does not pass today's schema")
    return "\n".join(lines).rstrip() + "\n"


def as_markdown(result: ChangeSet, baseline: Baseline) -> str:
    """For the pull-request comment: per changed list its changes, lowering ones marked, then those regions' coverage."""
    lines = [f"### carelist 修订内容 / changes since `{result.ref}`", ""]
    if not result.lists:
        lines += ["没有清单内容修改。 / No checklist content changed.", ""]
    for entry in result.lists:
        name, versions = _heading(entry)
        lowers = f" · **⚠️ {entry.lowers} 项不利于家庭 / {entry.lowers} lower what families get**" if entry.lowers else ""
        lines += [f"#### {name}: {versions}{lowers}", "", f"`{entry.file}`", ""]
        note = entry.new.publication.changes if entry.new else None
        if note:
            lines += [f"> 编辑说明 / Editor's note: {_cell(note.zh)}" + (f" / {_cell(note.en)}" if note.en else ""), ""]
        for change in entry.changes:
            zh, en = _where(change)
            mark = {Effect.LOWERS: "⚠️ **不利于家庭 / lowers**: ", Effect.RAISES: "↑ "}.get(change.effect, "")
            lines.append(f"- {mark}{_cell(zh + change.text.zh)} / {_cell(en + (change.text.en or change.text.zh))}")
        lines.append("")
    for file in result.unreadable:
        lines += [f"- `{file}`: {result.ref} 中的版本无法比较 / the version in {result.ref} could not be compared", ""]
    changed = [e.new for e in result.lists if e.new]
    if changed:
        lines.append(coverage_markdown(coverage_matrix(changed, baseline)).rstrip())
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    # Editors' words go into a comment: keep them from opening HTML or breaking the list.
    return text.replace("<", "&lt;").replace("\n", " ")


def as_json(result: ChangeSet, baseline: Baseline) -> str:
    payload = {
        "since": result.ref,
        "commit": result.commit,
        "lists": [
            {
                "file": e.file,
                "code": e.checklist.code,
                "name": {"zh": e.checklist.name.zh, "en": e.checklist.name.en},
                "version": {"from": e.old.publication.version if e.old else None, "to": e.new.publication.version if e.new else None},
                "note": {"zh": note.zh, "en": note.en} if (note := e.new.publication.changes if e.new else None) else None,
                "lowers": e.lowers,
                "changes": [c.as_dict() for c in e.changes],
            }
            for e in result.lists
        ],
        "unreadable": result.unreadable,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}
