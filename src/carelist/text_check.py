"""Checks on every piece of text: no HTML, no unsafe links, no leftover placeholders, English present."""

from __future__ import annotations

import re
from typing import Any

from carelist.diagnostics import Level, PathKey
from carelist.messages import Sink
from carelist.typing_slips import CURLY_PAIRS
from carelist.yaml_reader import BIDI, CONTROL, Document

PLACEHOLDER = "TODO"
# What editors leave where text is still to come: anywhere in a text, not only at its start. TODO, TBD and XXX
# only as words (no letter before or after). Each alternative starts with its first character (the lookbehind comes
# after it), so the regex engine skips to those five characters: seven times faster over a whole file.
PLACEHOLDERS = re.compile(r"T(?<![A-Za-z]T)(?:ODO|BD)(?![A-Za-z])|X(?<![A-Za-z]X)XX(?![A-Za-z])|待(?:补充|定|填写|完善)|××|……")
# The national baseline quotes the plan, where …… marks words left out of a quotation, never a gap to fill.
_BASELINE_PLACEHOLDERS = re.compile(PLACEHOLDERS.pattern.removesuffix("|……"))
# The link `carelist new` writes; a link still containing TODO has not been filled in either.
PLACEHOLDER_URL = f"https://example.gov.cn/{PLACEHOLDER}"
MARKDOWN_FIELDS = {"steps", "details"}
# Bilingual text objects live under these fields (lists of them too); `en` is expected on each.
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|<\s*[a-zA-Z]+\s*/?\s*$")
# A scheme only when something URL-like follows at once, so prose such as "No JavaScript: use ..." or
# "personal data: ..." is not flagged; Markdown link targets are checked separately against an allowlist.
_SCHEME = re.compile(
    r"\b(javascript|vbscript)\s*:(?=[^\s\u3000-\u9fff\uff00-\uffef])"
    r"|\b(data)\s*:\s*[a-z]+/[a-z0-9.+-]+"
    r"|\b(file)\s*:\s*//",
    re.IGNORECASE,
)
_MARKDOWN = re.compile(r"\*\*[^*]+\*\*|\[[^\]]+\]\([^)]*\)|^#{1,6}\s", re.MULTILINE)
# With PLACEHOLDERS, anything one of the rules below looks for; a text with none of it is not looked at further.
# (Two searches that each skip to a character set: one pattern with both alternations was slower than both.)
_MARKS = re.compile(r"[<:*\]#" + CONTROL.pattern[1:-1] + BIDI.pattern[1:-1] + "]")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")


def _snippet(text: str, start: int) -> str:
    return text[max(0, start - 10) : start + 30].replace("\n", " ")


def find_placeholder(text: str, *, quotes_allowed: bool = False) -> re.Match[str] | None:
    """Where a text still holds a placeholder (TODO, 待补充, 待定, XXX, …… and the like), if it does.

    With quotes_allowed (the baseline), …… is an elision in a quotation and not a placeholder.
    """
    return (_BASELINE_PLACEHOLDERS if quotes_allowed else PLACEHOLDERS).search(text)


def count_placeholders(data: Any, source: str | None = None) -> int:
    """How many texts in a checklist's plain data still hold a placeholder (all of them the editor's, while the model
    also holds texts taken from the baseline). source, the file's text: one search of it answers a file without any
    (the usual case) instead of one per text; a placeholder in a comment only costs the count."""
    if source is not None and not PLACEHOLDERS.search(source):
        return 0
    count, pending = 0, [data]
    while pending:  # a loop, not recursion: a checklist has some 1,500 values
        value = pending.pop()
        if isinstance(value, str):
            count += PLACEHOLDERS.search(value) is not None
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return count


def _in_line(doc: Document, path: PathKey, char: str) -> bool:
    line = doc.where(path)[0]
    return 0 < line <= len(doc.lines) and char in doc.lines[line - 1]


def check_text(doc: Document, sink: Sink, *, expect_english: bool = True, quotes_allowed: bool = False) -> None:
    """Problems in the file's free text; missing English is a warning."""
    placeholder_paths: set[PathKey] = set()
    for path, text in doc.strings:
        if len(text) > 2 and CURLY_PAIRS.get(text[0]) == text[-1] and not text[1:-1].isascii():
            sink.report("text.curly_quoted", path, level=Level.WARNING, open=text[0], close=text[-1])
        if not _MARKS.search(text) and not PLACEHOLDERS.search(text):  # most texts: none of the rules below can match
            continue
        markdown_ok = any(part in MARKDOWN_FIELDS for part in path)
        if m := find_placeholder(text, quotes_allowed=quotes_allowed):
            sink.report("text.placeholder", path, snippet=_snippet(text, m.start()), found=m.group())
            placeholder_paths.add(path)
            continue
        if m := CONTROL.search(text):  # written as a YAML escape ("\a", "\x1b"), so the line scan did not see it
            sink.report("file.control_char", path, char=f"U+{ord(m.group()):04X}")
        if (m := BIDI.search(text)) and not _in_line(doc, path, m.group()):  # else the line scan has shown it
            sink.report("text.bidi", path, char=f"U+{ord(m.group()):04X}")
        if m := _HTML.search(text):
            sink.report("text.html", path, snippet=_snippet(text, m.start()))
        if m := _SCHEME.search(text):
            sink.report("text.unsafe_url", path, scheme=next(g for g in m.groups() if g).lower() + ":")
        if markdown_ok:
            for target in _LINK_TARGET.findall(text):
                if target and not target.startswith(("https://", "http://", "#", "/")):
                    sink.report("text.unsafe_url", path, scheme=target.split(":", 1)[0] + ":" if ":" in target else target)
        elif m := _MARKDOWN.search(text):
            sink.report("text.markdown_not_allowed", path, level=Level.WARNING, snippet=_snippet(text, m.start()))
        if text.startswith("http://"):
            sink.report("text.http", path, level=Level.WARNING)
    if expect_english:
        for path, obj in doc.zh_mappings:
            if set(obj) == {"zh"} and (*path, "zh") not in placeholder_paths:
                sink.report("text.missing_en", path, level=Level.WARNING)
