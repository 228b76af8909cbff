"""A strict, safe YAML reader that remembers where every value came from.

PyYAML's loaders keep the last of duplicate keys, read `no` as False and `0123` as 83, and expand aliases without
limit. This reader builds the data itself from libyaml's event stream, so it can refuse anchors, aliases and tags
before anything is constructed, report duplicate keys, and resolve plain scalars by YAML 1.2 core rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from carelist.diagnostics import Diagnostic, Level, PathKey
from carelist.messages import diagnostic, diagnostic_with, translate_problem
from carelist.typing_slips import scan

MAX_BYTES = 1024 * 1024
MAX_LINE = 4000
MAX_DEPTH = 24
MAX_NODES = 200_000

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Invisible control characters: in the raw lines, and (text_check) in values a YAML escape such as "\a" produced.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
# Bidirectional controls make a line display in another order than it is read (the "Trojan Source" trick).
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# YAML 1.2 core schema, as the editors' IDE (yaml-language-server) reads it: 010 and 02787654321 are integers too.
_INT = re.compile(r"[-+]?[0-9]+")
_OCT, _HEX = re.compile(r"0o[0-7]+"), re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {".inf": "inf", ".Inf": "inf", ".INF": "inf", ".nan": "nan", ".NaN": "nan", ".NAN": "nan"}
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_ALLOWED_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class Document:
    """Data read from one YAML file, with the 1-based (line, column) of every value and key."""

    data: object
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    plain_text: dict[PathKey, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    # Every text value with its path, in document order, and every mapping holding a `zh` key: what the text checks
    # walk, collected while building so they need no second pass over the data.
    strings: list[tuple[PathKey, str]] = field(default_factory=list)
    zh_mappings: list[tuple[PathKey, dict[str, Any]]] = field(default_factory=list)

    def where(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Position of path's value (or its key), else of the nearest ancestor that has one."""
        table = self.key_positions if key else self.positions
        if path in table:
            return table[path]
        while path:
            path = path[:-1]
            if path in self.positions:
                return self.positions[path]
        return (1, 1)


class _Abort(Exception):
    def __init__(self, found: Diagnostic) -> None:
        self.found = found


def read_yaml(path: Path, display: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read path; return the document (None when unusable) and every problem found."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [diagnostic("file.too_large", display, size=size, limit=MAX_BYTES)]
        with path.open("rb") as stream:  # st_size is 0 for /dev/zero or a pipe: never read more than the limit
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, [diagnostic("file.missing", display, name=display)]
    except OSError as exc:
        return None, [diagnostic("file.unreadable", display, reason=exc.strerror or exc)]
    return parse_yaml(raw, display)


def parse_yaml(raw: bytes, display: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse bytes as one YAML mapping; return the document (None when unusable) and every problem found."""
    if len(raw) > MAX_BYTES:
        return None, [diagnostic("file.too_large", display, size=len(raw), limit=MAX_BYTES)]
    if b"\x00" in raw:
        line, column = _byte_position(raw, raw.index(b"\x00"))
        return None, [diagnostic("file.binary", display, line=line, column=column)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        near, column = _byte_position(raw, exc.start)
        return None, [diagnostic("file.encoding", display, line=near, column=column, near=near)]
    if not text.strip():
        return None, [diagnostic("file.empty", display, line=1, column=1)]
    lines = text.split("\n") if "\r" not in text else _LINE_BREAK.split(text)
    problems = _scan_lines(text, lines, display)
    if problems:
        return None, problems
    slips = [diagnostic_with(s.code, display, s.line, s.column, "", s.level, s.params) for s in scan(lines)]
    for bad in BIDI.finditer(text):  # shown at its column; the text is still read, for the other checks
        line, column = _text_position(text, bad.start())
        slips.append(diagnostic("text.bidi", display, line=line, column=column, char=f"U+{ord(bad.group()):04X}"))
    try:
        doc = _Builder(display).build(yaml.parse(text, Loader=Loader))
    except _Abort as stop:
        return None, [*slips, stop.found]
    except yaml.MarkedYAMLError as exc:
        return None, _after_slips(slips, _syntax_error(exc, display, text))
    except yaml.YAMLError as exc:  # errors without a position, e.g. from the reader
        zh, en = translate_problem(str(exc).splitlines()[0])
        return None, _after_slips(slips, diagnostic("yaml.syntax", display, line=1, column=1, problem_zh=zh, problem_en=en))
    if doc is None:
        return None, [*slips, diagnostic("file.empty", display, line=1, column=1)]
    if not isinstance(doc.data, dict):
        found_zh, found_en = ("列表", "a list") if isinstance(doc.data, list) else ("单个值", "a single value")
        line, column = doc.positions.get((), (1, 1))
        return None, [*slips, diagnostic("yaml.not_mapping", display, line=line, column=column, found=found_zh, found_en=found_en)]
    doc.lines = lines
    return doc, slips


def _after_slips(slips: list[Diagnostic], error: Diagnostic) -> list[Diagnostic]:
    """libyaml's error, unless a slip on its line or before it explains it (libyaml notices slips lines late)."""
    if any(s.level is Level.ERROR and s.line <= error.line for s in slips):
        return slips
    return [*slips, error]


def _text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, lines counted as YAML counts them."""
    before = text[:offset]
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return len(_LINE_BREAK.findall(before)) + 1, offset - start + 1


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a byte offset; the column counts the characters before it on its line."""
    start = raw.rfind(b"\n", 0, offset) + 1
    before = raw[start:offset].decode("utf-8", errors="replace")
    return raw.count(b"\n", 0, offset) + 1, len(before) + 1


def _scan_lines(text: str, lines: list[str], display: str) -> list[Diagnostic]:
    """Lines too long to show and invisible control characters: the file is not read further."""
    found: list[Diagnostic] = []
    if max(map(len, lines)) <= MAX_LINE and not CONTROL.search(text):  # nearly every file: no line to look at
        return found
    # Lines split only where YAML and editors break them: str.splitlines() also breaks at \x0b, \x1c or U+2028 and hides them.
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            found.append(diagnostic("file.long_line", display, line=number, column=MAX_LINE + 1, length=len(line), limit=MAX_LINE))
            continue
        if bad := CONTROL.search(line):
            found.append(diagnostic("file.control_char", display, line=number, column=bad.start() + 1, char=f"U+{ord(bad.group()):04X}"))
    return found


def _syntax_error(exc: yaml.MarkedYAMLError, display: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if exc.problem_mark and exc.context_mark and exc.problem_mark.index >= len(text.rstrip()):
        # An unclosed quote or bracket is noticed only at the end of the file: point at where it was opened.
        mark = exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    if "mapping values are not allowed" in problem:
        return diagnostic("yaml.colon_in_text", display, line=line, column=column)
    zh, en = translate_problem(problem)
    return diagnostic("yaml.syntax", display, line=line, column=column, problem_zh=zh, problem_en=en)


_MAYBE_NOT_TEXT = set("0123456789+-.~nNtTfF")


def _resolve_plain(value: str) -> object:
    """YAML 1.2 core schema: what the IDE shows as a number is a number here too (and the schema asks for quotes)."""
    if value and value[0] not in _MAYBE_NOT_TEXT:  # most plain scalars are text: no pattern can match
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _OCT.fullmatch(value):
        return int(value[2:], 8)
    if _HEX.fullmatch(value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    sign, rest = (value[0], value[1:]) if value[:1] in "+-" else ("", value)
    if rest in _SPECIAL_FLOATS and (sign == "" or rest.lower() == ".inf"):
        return float(sign + _SPECIAL_FLOATS[rest])
    return value


class _Builder:
    """Turns libyaml events into plain Python data, refusing what a checklist never needs."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.nodes = 0

    def _stop(self, code: str, mark: yaml.Mark, **params: object) -> _Abort:
        return _Abort(diagnostic_with(code, self.display, mark.line + 1, mark.column + 1, "", Level.ERROR, params))

    def build(self, events: object) -> Document | None:
        """One pass over the events; written for speed (a checklist has about 2,000 of them)."""
        doc = Document(data=None)
        positions, key_positions, plain_text = doc.positions, doc.key_positions, doc.plain_text
        strings, zh_mappings = doc.strings, doc.zh_mappings
        documents = nodes = 0
        # Each open container: [value, path, pending key or None (mappings only), key line map, is a mapping]
        stack: list[list[Any]] = []
        root_set = False
        scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)

        for event in events:  # type: ignore[attr-defined]
            kind = type(event)
            if kind in ends:
                stack.pop()
                continue
            if kind is not scalar and kind is not mapping_start and kind is not sequence_start:
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise self._stop("yaml.multiple_documents", event.start_mark)
                elif kind is yaml.AliasEvent:
                    raise self._stop("yaml.alias", event.start_mark)
                continue
            mark = event.start_mark
            if event.anchor is not None:
                raise self._stop("yaml.alias", mark)
            if event.tag not in _ALLOWED_TAGS:
                raise self._stop("yaml.tag", mark, tag=event.tag)
            nodes += 1
            if nodes > MAX_NODES:
                raise self._stop("yaml.too_many_nodes", mark, limit=MAX_NODES)
            pos = (mark.line + 1, mark.column + 1)
            top = stack[-1] if stack else None
            if top is not None and top[4] and top[2] is None:  # a key
                if kind is not scalar:
                    raise self._stop("yaml.complex_key", mark)
                key = event.value
                if key in top[0]:
                    raise self._stop("yaml.duplicate_key", mark, key=key, first=top[3][key])
                top[2] = key
                top[3][key] = pos[0]
                key_positions[(*top[1], key)] = pos
                if key == "zh":
                    zh_mappings.append((top[1], top[0]))
                continue
            plain: str | None = None
            if kind is scalar:
                value: Any = event.value
                if not event.style and event.tag is None and event.implicit[0]:
                    resolved = _resolve_plain(value)
                    if not isinstance(resolved, str):
                        plain, value = value, resolved
            else:
                if len(stack) >= MAX_DEPTH:
                    raise self._stop("yaml.too_deep", mark, limit=MAX_DEPTH)
                value = {} if kind is mapping_start else []
            if top is None:
                doc.data, root_set = value, True
                path: PathKey = ()
            elif top[4]:
                path = (*top[1], top[2])
                top[0][top[2]] = value
                top[2] = None
            else:
                path = (*top[1], len(top[0]))
                top[0].append(value)
            positions[path] = pos
            if plain is not None:
                plain_text[path] = plain
            elif kind is scalar:
                strings.append((path, value))
            if kind is not scalar:
                stack.append([value, path, None, {}, kind is mapping_start])
        self.nodes = nodes
        return doc if root_set and doc.data is not None else None
