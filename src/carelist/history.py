"""Revisions: every version of each region's checklist that git holds, grouped by document.version, newest first.

A version is the last state of the file that carried that version number; the working tree's file is the last
state of its own version, so an uncommitted edit shows as it will be published.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carelist.changes import Change, added_list, compare
from carelist.checklist_rules import check_dates
from carelist.construct import checklist_from_raw
from carelist.git_files import GitUnavailable, Repository
from carelist.model import Baseline, Checklist, Text
from carelist.schema_check import check_schema
from carelist.yaml_reader import parse_yaml

UNAVAILABLE = Text("修订历史不可用", "revision history unavailable")


@dataclass(frozen=True)
class Version:
    """One published version of one region's list, and what changed since the version before it."""

    version: str
    published: dt.date
    first_committed: dt.datetime | None  # when this version number first reached git (None: not committed yet)
    commit: str | None
    checklist: Checklist
    changes: tuple[Change, ...]  # from the previous version; for the first, one "first list" change

    @property
    def note(self) -> Text | None:
        return self.checklist.publication.changes

    @property
    def latest_for(self) -> dict[str, list[Change]]:
        """This version's changes by the service they are about."""
        by_item: dict[str, list[Change]] = {}
        for change in self.changes:
            if change.item_id:
                by_item.setdefault(change.item_id, []).append(change)
        return by_item


@dataclass(frozen=True)
class RegionHistory:
    code: str
    versions: tuple[Version, ...]  # newest first


@dataclass
class History:
    """The revisions of every region, or why there are none (notice), with the counts a build reports."""

    regions: dict[str, RegionHistory] = field(default_factory=dict)
    notice: Text | None = None  # set when git could not give the history
    reason: Text | None = None
    skipped: int = 0  # states of a file in git that do not read as a valid checklist today
    seconds: float = 0.0

    @property
    def available(self) -> bool:
        return self.notice is None

    def notice_line(self) -> str:
        """The one line a build prints when there is no history."""
        if self.notice is None:
            return ""
        why = f"（{self.reason.zh}） / {self.notice.en} ({self.reason.en})" if self.reason else f" / {self.notice.en}"
        return self.notice.zh + why

    def of(self, code: str) -> RegionHistory | None:
        return self.regions.get(code)

    def as_dict(self) -> dict[str, Any]:
        """For changes.json: every region's versions, newest first, each with its note and changes."""

        def text(t: Text | None) -> dict[str, str | None] | None:
            return {"zh": t.zh, "en": t.en} if t else None

        return {
            "available": self.available,
            "notice": text(self.notice),
            "regions": {
                code: [
                    {
                        "version": v.version,
                        "published": v.published.isoformat(),
                        "effective": v.checklist.publication.effective.isoformat(),
                        "first_committed": v.first_committed.isoformat() if v.first_committed else None,
                        "commit": v.commit,
                        "note": text(v.note),
                        "changes": [c.as_dict() for c in v.changes],
                    }
                    for v in region.versions
                ]
                for code, region in sorted(self.regions.items())
            },
        }


def version_key(version: str) -> tuple[int, ...]:
    """ "1.10" > "1.9", and "1" == "1.0"."""
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def checklist_from_bytes(raw: bytes, file: str, baseline: Baseline, schema_dir: Path) -> Checklist | None:
    """A checklist from a file's bytes (e.g. out of git), or None when it does not pass today's schema."""
    doc, problems = parse_yaml(raw, file)
    if doc is None or problems:
        return None
    if check_schema(doc, file, schema_dir, "checklist.schema.json"):
        return None
    if any(p.code == "date.invalid" for p in check_dates(doc, file, doc.data)):
        return None
    return checklist_from_raw(doc.data, file, baseline)  # type: ignore[arg-type]


def _versions(states: list[tuple[Checklist, str | None, dt.datetime | None]], baseline: Baseline) -> tuple[Version, ...]:
    """Group a file's states (oldest first) by version number; each version keeps its last state."""
    last: dict[tuple[int, ...], tuple[Checklist, str | None]] = {}
    first: dict[tuple[int, ...], dt.datetime | None] = {}
    for checklist, commit, when in states:
        key = version_key(checklist.publication.version)
        last[key] = (checklist, commit or last.get(key, (checklist, None))[1])  # the working tree keeps its version's commit
        first.setdefault(key, when)
    ordered = sorted(last)
    versions: list[Version] = []
    previous: Checklist | None = None
    for key in ordered:
        checklist, commit = last[key]
        changes = compare(previous, checklist, baseline) if previous else added_list(checklist)
        p = checklist.publication
        versions.append(Version(p.version, p.published, first[key], commit, checklist, changes))
        previous = checklist
    return tuple(reversed(versions))


def read_history(folder: Path, current: list[Checklist], baseline: Baseline, schema_dir: Path) -> History:
    """The revisions of each region in current, read from the git history of folder (checklists/).

    Without git (no command, not a repository, a shallow clone) the history holds only a notice, never an error.
    """
    started = time.perf_counter()
    history = History()
    try:
        repo = Repository.containing(folder)
        snapshots = repo.history(repo.relative(folder))
    except GitUnavailable as exc:
        history.notice, history.reason = UNAVAILABLE, Text(exc.zh, exc.en)
        return history
    by_code: dict[str, list[tuple[Checklist, str | None, dt.datetime | None]]] = {}
    for snap in snapshots:
        if snap.content is None:
            continue
        checklist = checklist_from_bytes(snap.content, snap.path, baseline, schema_dir)
        if checklist is None:
            history.skipped += 1
            continue
        by_code.setdefault(checklist.code, []).append((checklist, snap.commit, snap.date))
    for checklist in current:
        states = by_code.get(checklist.code, [])
        states.append((checklist, None, None))
        history.regions[checklist.code] = RegionHistory(checklist.code, _versions(states, baseline))
    history.seconds = time.perf_counter() - started
    return history
