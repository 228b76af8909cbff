"""Checks on every piece of text: no HTML, no unsafe links, no leftover placeholders, English present."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from carelist.diagnostics import Diagnostic, Level
from carelist.messages import diagnostic
from carelist.yaml_reader import CONTROL, Document, PathKey, format_path

PLACEHOLDER = "TODO"
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
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")


def _strings(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


def _texts(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, dict[str, Any]]]:
    """Every bilingual {zh, en} object."""
    if isinstance(data, dict):
        if "zh" in data and set(data) <= {"zh", "en"}:
            yield path, data
            return
        for key, value in data.items():
            yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*path, index))


def _snippet(text: str, start: int) -> str:
    return text[max(0, start - 10) : start + 30].replace("\n", " ")


def _is_placeholder(text: str) -> bool:
    return text.lstrip().startswith(PLACEHOLDER) or (text.startswith(("https://", "http://")) and PLACEHOLDER in text)


def check_text(doc: Document, file: str, *, expect_english: bool = True) -> list[Diagnostic]:
    """Problems in the file's free text; missing English is a warning."""
    found: list[Diagnostic] = []

    def add(code: str, path: PathKey, level: Level = Level.ERROR, **params: object) -> None:
        line, col = doc.where(path)
        found.append(diagnostic(code, file, line, col, format_path(path), level=level, **params))

    for path, text in _strings(doc.data):
        markdown_ok = any(part in MARKDOWN_FIELDS for part in path)
        if _is_placeholder(text):
            add("text.placeholder", path, snippet=_snippet(text, 0))
            continue
        if m := CONTROL.search(text):  # written as a YAML escape ("\a", "\x1b"), so the line scan did not see it
            add("file.control_char", path, char=f"U+{ord(m.group()):04X}")
        if m := _HTML.search(text):
            add("text.html", path, snippet=_snippet(text, m.start()))
        if m := _SCHEME.search(text):
            add("text.unsafe_url", path, scheme=next(g for g in m.groups() if g).lower() + ":")
        if markdown_ok:
            for target in _LINK_TARGET.findall(text):
                if target and not target.startswith(("https://", "http://", "#", "/")):
                    add("text.unsafe_url", path, scheme=target.split(":", 1)[0] + ":" if ":" in target else target)
        elif m := _MARKDOWN.search(text):
            add("text.markdown_not_allowed", path, Level.WARNING, snippet=_snippet(text, m.start()))
        if text.startswith("http://"):
            add("text.http", path, Level.WARNING)
    if expect_english:
        for path, obj in _texts(doc.data):
            if "en" not in obj and not _is_placeholder(str(obj["zh"])):
                add("text.missing_en", path, Level.WARNING)
    return found
