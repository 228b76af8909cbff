"""Slips a Chinese keyboard or Word makes in YAML syntax, found line by line and named at their own column.

libyaml notices a full-width colon, a pasted bullet or a U+3000 indent only lines later, as "did not find expected
key". This scan looks at the lines as an editor typed them, before parsing, and names the character itself.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from carelist.diagnostics import Level

# Characters that look like a space but are not one YAML accepts in indentation.
SPACE_LIKE = {
    "\u3000": ("全角空格", "an ideographic (full-width) space"),
    "\u00a0": ("不换行空格", "a no-break space"),
    "\u200b": ("零宽空格", "a zero-width space"),
    "\u200c": ("零宽非连接符", "a zero-width non-joiner"),
    "\u200d": ("零宽连接符", "a zero-width joiner"),
    "\u2060": ("零宽不换行符", "a word joiner"),
    "\ufeff": ("零宽不换行空格（BOM）", "a zero-width no-break space (BOM)"),
    "\u2002": ("半角空格（En space）", "an en space"),
    "\u2003": ("全角空格（Em space）", "an em space"),
    "\u2009": ("窄空格", "a thin space"),
    "\t": ("制表符（Tab）", "a tab"),
}
# List markers pasted from Word or typed on a Chinese keyboard instead of "- ".
BULLETS = {
    "•": ("项目符号", "a bullet"),
    "·": ("中间点", "a middle dot"),
    "●": ("实心圆点", "a black circle"),
    "○": ("空心圆点", "a white circle"),
    "▪": ("方块符号", "a small square"),
    "■": ("方块符号", "a black square"),
    "◆": ("菱形符号", "a black diamond"),
    "–": ("短破折号（en dash）", "an en dash"),
    "—": ("破折号（em dash）", "an em dash"),
    "－": ("全角减号", "a full-width hyphen-minus"),
    "‐": ("连字符（Unicode hyphen）", "a Unicode hyphen"),
    "‑": ("不换行连字符", "a non-breaking hyphen"),
    "−": ("数学减号", "a minus sign"),
    "﹣": ("小型减号", "a small hyphen-minus"),
    "➢": ("箭头符号", "an arrowhead"),
    "►": ("三角符号", "a pointer"),
}
FULL_WIDTH = {"：": ("全角冒号", "a full-width colon"), "，": ("全角逗号", "a full-width comma")}
CURLY_PAIRS = {"“": "”", "‘": "’", "”": "”", "’": "’", "＂": "＂", "「": "」", "『": "』"}

_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_FULLWIDTH_COLON_KEY = re.compile(rf"({_KEY})[ \u3000]*(：)")
_KEY_LINE = re.compile(rf"\s*(- +)?{_KEY}\s*:(\s|$)|\s*- ")
_BLOCK_SCALAR = re.compile(r"(^|[:\-?]\s)\s*[|>][-+0-9]*\s*(#.*)?$")
_VALUE_START = re.compile(rf"(- +)?({_KEY}\s*:\s+)?")
_SPACES = "".join(SPACE_LIKE)
_BULLET_CHARS = "".join(BULLETS)
_CURLY = "".join(CURLY_PAIRS)
# Only a line with one of these can hold a slip (or start a block scalar, whose lines are skipped): a space-like
# character, " #", a full-width colon after a letter or a space, a full-width comma after a letter, digit, _ or - or
# before a field name, or | and > ending a line. Two searches over the whole text, each condition inside the pattern:
# Chinese text is full of ， and ：, and looking at each in Python cost more than the rest of the scan. Each pattern
# starts with one character set, which the regex engine skips to; then one condition per character (an alternation
# of whole patterns is tried at every character instead: three times slower). Runs are possessive where giving
# back can never lead to a match.
_CHARS = re.compile(
    rf"[{_SPACES}#：，|>](?:(?<=[{_SPACES}])|(?<= #)|(?<=[A-Za-z0-9_ \u3000-]：)|(?<=[A-Za-z0-9_-]，)"
    rf"|(?<=，)(?=\s*{_KEY}\s*[:：])|(?<=[|>])(?=[-+0-9]*[ ]*(?:#.*)?$))",
    re.MULTILINE,
)
_LINE_START = re.compile(rf"\n[ ]*+(?:- +)?+(?:[A-Za-z_][A-Za-z0-9_-]*+\s*+:[ ]++)?+[\"'{_CURLY}{_BULLET_CHARS}]")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"?|(?:(?<=[ \[{,])|^)\'(?:[^\']|\'\')*\'?')
_INVISIBLE = re.compile(rf"[{_SPACES}]")
_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
_PLAIN_SPECIAL = re.compile(r"^-?[0-9.]+$|^(true|false|null|~)$", re.IGNORECASE)


@dataclass(frozen=True)
class Slip:
    code: str
    line: int
    column: int
    level: Level
    params: Mapping[str, object]


def describe(char: str) -> dict[str, str]:
    """The parameters every slip message uses: the character, its code point and its names."""
    zh, en = SPACE_LIKE.get(char) or BULLETS.get(char) or FULL_WIDTH.get(char) or ("字符", unicodedata.name(char, "a character").lower())
    return {
        "char": char if char.isprintable() and char not in SPACE_LIKE else "",
        "codepoint": f"U+{ord(char):04X}",
        "name_zh": zh,
        "name_en": en,
    }


def _mask_quoted(line: str) -> str:
    """The line with the inside of "..." strings (and of '...' starting a value) blanked, columns kept."""
    if '"' not in line and "'" not in line:
        return line
    return _QUOTED.sub(lambda m: m[0][0] + " " * (len(m[0]) - 1), line)


def _value_start(line: str, start: int) -> int | None:
    """Where the value of a `key: value` or `- value` line starts (0-based), if it has one on this line."""
    m = _VALUE_START.match(line, start)
    end = m.end() if m else start
    return end if end < len(line) and end > start else None


def _suspects(lines: list[str]) -> list[int]:
    """The 0-based numbers of the lines that may hold a slip."""
    text = "\n" + "\n".join(lines)
    starts = [1]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    hits = [m.start() + 1 for m in _LINE_START.finditer(text)] + [m.start() for m in _CHARS.finditer(text)]
    return sorted({bisect.bisect_right(starts, at) - 1 for at in hits})


def scan(lines: list[str], *, every_line: bool = False) -> Iterator[Slip]:
    """Every slip in the lines, in order. Block-scalar bodies (after | or >) are text, and are not looked at.

    Only the lines the two searches point at are looked at; every_line looks at each (what they must agree with)."""
    block_end = -1
    for index in range(len(lines)) if every_line else _suspects(lines):
        if index < block_end:
            continue
        line = lines[index]
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped.strip() or stripped.startswith("#"):
            continue
        yield from _scan_line(line, index + 1, indent, lines, index + 1)
        if ("|" in line or ">" in line) and _BLOCK_SCALAR.search(_mask_quoted(line)):
            block_end = index + 1
            while block_end < len(lines) and (
                not lines[block_end].strip() or len(lines[block_end]) - len(lines[block_end].lstrip(" ")) > indent
            ):
                block_end += 1


def _scan_line(line: str, number: int, indent: int, lines: list[str], next_index: int) -> Iterator[Slip]:
    # Space-like characters at the start of the line, or between the spaces of the indentation.
    pos = indent
    while pos < len(line) and (line[pos] in SPACE_LIKE or line[pos] == " "):
        if line[pos] == "\t":
            yield Slip("yaml.tab", number, pos + 1, Level.ERROR, describe(line[pos]))
        elif line[pos] != " ":
            yield Slip("yaml.indent_char", number, pos + 1, Level.ERROR, describe(line[pos]))
        pos += 1
    body = pos
    if body < len(line) and line[body] in BULLETS and (body + 1 == len(line) or line[body + 1] in " \u3000"):
        yield Slip("yaml.bullet", number, body + 1, Level.ERROR, describe(line[body]))
        body += 2
    masked = _mask_quoted(line)
    # A field name followed by a full-width colon: at the start of the line, after "- ", or inside { }.
    for m in _FULLWIDTH_COLON_KEY.finditer(masked, body):
        before = masked[body : m.start()].rstrip(" ")
        if before in ("", "-") or before.endswith(("{", ",", "，")):
            yield Slip("yaml.fullwidth_colon", number, m.start(2) + 1, Level.ERROR, {**describe("："), "key": m[1]})
    # A full-width comma separating the entries of a { } or [ ] on this line.
    if "{" in masked or "[" in masked:
        for m in re.finditer("，", masked):
            after, before = masked[m.end() :], masked[: m.start()]
            opened = before.rfind("{") > before.rfind("}") or before.rfind("[") > before.rfind("]")
            if opened and (re.match(rf"\s*{_KEY}\s*[:：]", after) or re.search(r"[A-Za-z0-9_-]$", before)):
                yield Slip("yaml.fullwidth_comma", number, m.start() + 1, Level.ERROR, describe("，"))
    # A space-like character inside a field name.
    key = re.match(r"(- +)?([^:#\"'{\[]+?):(\s|$)", line[body:])
    if key:
        for offset, ch in enumerate(key[2]):
            if ch in SPACE_LIKE:
                column = body + key.start(2) + offset + 1
                yield Slip("yaml.key_char", number, column, Level.ERROR, {**describe(ch), "key": _INVISIBLE.sub("", key[2]).strip()})
                break
    start = _value_start(line, body)
    if start is None:
        return
    value = line[start:]
    yield from _scan_value(value, number, start, indent, masked, lines, next_index)


def _scan_value(value: str, number: int, start: int, indent: int, masked: str, lines: list[str], next_index: int) -> Iterator[Slip]:
    first = value[0]
    if first in "\"'":
        closed = _closes(value, first)
        following = next((r for r in lines[next_index : next_index + 50] if r.strip() and not r.lstrip().startswith("#")), "")
        # A quoted text may go on over more lines, indented deeper; a field at this line's depth or less means it ended.
        shallower = len(following) - len(following.lstrip(" ")) <= indent
        if not closed and shallower and _KEY_LINE.match(following):
            yield Slip("yaml.unclosed_quote", number, start + 1, Level.ERROR, {"char": first})
        return
    if first in CURLY_PAIRS:
        text = value.split(" #", 1)[0].rstrip()
        if len(text) >= 2 and text[-1] == CURLY_PAIRS[first]:
            inner = text[1:-1]
            # A code, date, version or link: meant as a YAML quote. (Quotes around a text: text_check warns.)
            if inner.isascii() and inner:
                yield Slip("yaml.curly_quotes", number, start + 1, Level.ERROR, {"open": first, "close": text[-1], "inner": inner[:40]})
    if first in "{[|>&*!%@`":
        return
    hash_at = masked.find(" #", start)
    if hash_at >= 0:
        before = value[: hash_at - start].strip()
        after = masked[hash_at + 2 : hash_at + 3]
        # `value  # note` is a comment on purpose; `鄂民政发 #8号` or `广东省 #注` is text cut short.
        cut_short = (after and not after.isspace()) or (masked[hash_at - 1] != " " and _CJK.search(before))
        if before and cut_short and not _PLAIN_SPECIAL.match(before):
            lost = masked[hash_at + 1 :].strip()
            yield Slip("text.hash_comment", number, hash_at + 2, Level.WARNING, {"kept": before[:40], "lost": lost[:40]})


def _closes(value: str, quote: str) -> bool:
    i = 1
    while i < len(value):
        if value[i] == quote:
            if quote == "'" and i + 1 < len(value) and value[i + 1] == "'":
                i += 2
                continue
            return True
        if value[i] == "\\" and quote == '"':
            i += 2
            continue
        i += 1
    return False
