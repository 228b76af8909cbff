"""Revisions: every version of each region's checklist that git holds, grouped by document.version, newest first.

A version is the last state of the file that carried that version number; the working tree's file is the last
state of its own version, so an uncommitted edit shows as it will be published.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from carelist import __version__
from carelist.changes import Change, added_list, compare
from carelist.checklist_rules import check_dates
from carelist.construct import checklist_from_raw
from carelist.git_files import GitUnavailable, Repository, Snapshot
from carelist.messages import Sink
from carelist.model import Baseline, Checklist, Text
from carelist.schema_check import check_schema
from carelist.yaml_reader import Loader, parse_yaml

UNAVAILABLE = Text("修订历史不可用", "revision history unavailable")
_VERSION = re.compile(r"^[0-9]+(\.[0-9]+){0,2}$")


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
    cached: int = 0  # states whose check came from the cache
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


def valid_data(raw: bytes, file: str, schema_dir: Path) -> Any | None:
    """A file's data when it reads as a checklist that passes today's schema and calendar, else None."""
    doc, problems = parse_yaml(raw, file)
    if doc is None or problems:
        return None
    sink = Sink(file, doc)  # the problems themselves are the validator's to report; only whether the model can be built
    if check_schema(doc, sink, schema_dir, "checklist.schema.json") or check_dates(doc, sink, doc.data):
        return None
    return doc.data


def checklist_from_bytes(raw: bytes, file: str, baseline: Baseline, schema_dir: Path) -> Checklist | None:
    """A checklist from a file's bytes (e.g. out of git), or None when it does not pass today's schema."""
    data = valid_data(raw, file, schema_dir)
    return None if data is None else checklist_from_raw(data, file, baseline)


class StateCache:
    """Checked data of past file states, kept as JSON by content hash: a state is checked once, not on every build.

    The key includes the schema and carelist's version, so a new schema or reader checks every state again.
    """

    def __init__(self, folder: Path | None, schema_dir: Path) -> None:
        self.folder = folder
        schema = (schema_dir / "checklist.schema.json").read_bytes()
        self.salt = hashlib.sha256(schema + __version__.encode()).hexdigest()[:16]
        self.hits = 0

    def data(self, raw: bytes, file: str, schema_dir: Path) -> Any | None:
        if self.folder is None:
            return valid_data(raw, file, schema_dir)
        entry = self.folder / f"{self.salt}-{hashlib.sha256(raw).hexdigest()}.json"
        try:
            stored = json.loads(entry.read_text(encoding="utf-8"))
            self.hits += 1
            return stored["data"]
        except (OSError, ValueError, KeyError, TypeError):
            pass  # not cached yet, or unreadable: check the state again
        data = valid_data(raw, file, schema_dir)
        with contextlib.suppress(OSError):  # a read-only cache only costs time
            self.folder.mkdir(parents=True, exist_ok=True)
            entry.write_text(json.dumps({"data": data}, ensure_ascii=False), encoding="utf-8")
        return data


def peek_version(raw: bytes) -> str | None:
    """document.version from the first events of a file, without building it; None when not found that way.

    Grouping states by version needs only this, so only the last state of each version is read in full.
    """
    try:
        text = raw.decode("utf-8-sig")
        stack: list[list[Any]] = []  # per open container: [is_mapping, key, expecting_a_key]
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.ScalarEvent):
                if not stack:
                    return None
                top = stack[-1]
                if top[0] and top[2]:
                    top[1], top[2] = event.value, False
                    continue
                if len(stack) == 2 and stack[0][1] == "document" and top[1] == "version":
                    return str(event.value)
                top[2] = top[0]
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                stack.append([isinstance(event, yaml.MappingStartEvent), None, True])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                if len(stack) == 1 and stack[0][1] == "document":
                    return None  # the document section ended without a version
                if stack:
                    stack[-1][2] = bool(stack[-1][0])
            elif isinstance(event, yaml.AliasEvent):
                return None
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    return None


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


def read_history(folder: Path, current: list[Checklist], baseline: Baseline, schema_dir: Path, cache_dir: Path | None = None) -> History:
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
    # Group each file's states by the version they carry, then read in full only the last state of each version
    # (an earlier one if the last does not read as a valid checklist today).
    groups: dict[tuple[str, str | None], list[tuple[int, Snapshot]]] = {}
    for order, snap in enumerate(snapshots):
        if snap.content is not None:
            version = peek_version(snap.content)
            key = str(version_key(version)) if version and _VERSION.match(version) else f"?{snap.commit}"
            groups.setdefault((snap.path, key), []).append((order, snap))
    cache = StateCache(cache_dir, schema_dir)
    read: dict[bytes, Checklist | None] = {}  # by content hash: a file put back as it was is read once
    kept: dict[str, list[tuple[int, Checklist, str, dt.datetime]]] = {}
    for group in groups.values():
        for order, snap in reversed(group):
            digest = hashlib.sha1(snap.content or b"").digest()
            if digest not in read:
                data = cache.data(snap.content or b"", snap.path, schema_dir)
                try:
                    read[digest] = None if data is None else checklist_from_raw(data, snap.path, baseline)
                except (KeyError, TypeError, ValueError, AttributeError):  # a spoiled cache entry: check the state again
                    read[digest] = checklist_from_bytes(snap.content or b"", snap.path, baseline, schema_dir)
            checklist = read[digest]
            if checklist is not None:
                kept.setdefault(checklist.code, []).append((order, checklist, snap.commit, group[0][1].date))
                break
            history.skipped += 1
    by_code: dict[str, list[tuple[Checklist, str | None, dt.datetime | None]]] = {
        code: [(c, commit, first) for _order, c, commit, first in sorted(states, key=lambda state: state[0])]
        for code, states in kept.items()
    }
    for checklist in current:
        states = by_code.get(checklist.code, [])
        states.append((checklist, None, None))
        history.regions[checklist.code] = RegionHistory(checklist.code, _versions(states, baseline))
    history.cached = cache.hits
    history.seconds = time.perf_counter() - started
    return history
