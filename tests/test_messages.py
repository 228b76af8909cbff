"""The message table: every code has Chinese and English, every code the source uses exists, every placeholder is filled."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from carelist.messages import MESSAGES, Message, diagnostic

SRC = Path(__file__).resolve().parents[1] / "src"
CJK = re.compile(r"[\u4e00-\u9fff]")


def placeholders(message: Message) -> set[str]:
    return {
        name
        for text in (message.zh, message.en, message.hint_zh, message.hint_en)
        for _, name, _, _ in string.Formatter().parse(text)
        if name
    }


# diagnostic(), the sink's report() and the local helpers that call them with a code first; a Slip carries its
# parameters in a dict (checked by rendering each slip in test_typing_slips).
REPORTERS = {"diagnostic", "add", "at", "_stop", "report", "Slip"}


def _reports(call: ast.Call) -> bool:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name in REPORTERS


def uses() -> list[tuple[str, str, int, set[str] | None]]:
    """(code, file, line, keyword names or None when **params are passed on) for each call naming a message code."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and _reports(node):
                value = node.args[0].value
                if isinstance(value, str):
                    names = {k.arg for k in node.keywords}
                    unknown = None in names or getattr(node.func, "id", "") == "Slip"
                    found.append((value, path.name, node.lineno, None if unknown else names))  # type: ignore[arg-type]
    return found


USES = uses()


def test_the_source_scan_finds_the_calls() -> None:
    assert len(USES) >= 40
    assert ("yaml.duplicate_key", "yaml_reader.py") in {(code, file) for code, file, _, _ in USES}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_message_has_chinese_and_english(code) -> None:
    m = MESSAGES[code]
    assert CJK.search(m.zh), m.zh
    assert re.search(r"[A-Za-z]{3}", m.en) and not CJK.search(m.en), m.en
    assert bool(m.hint_zh) == bool(m.hint_en), "a hint in one language only"
    if m.hint_zh and not m.hint_zh.startswith("{"):
        assert CJK.search(m.hint_zh) and re.search(r"[A-Za-z]{3}", m.hint_en)


@pytest.mark.parametrize(("code", "file", "line", "names"), USES, ids=lambda v: v if isinstance(v, str) else "")
def test_every_code_used_in_the_source_exists_with_its_placeholders_filled(code, file, line, names) -> None:
    assert code in MESSAGES, f"{file}:{line} uses {code}, which messages.MESSAGES does not have"
    if names is not None:
        missing = placeholders(MESSAGES[code]) - names
        assert not missing, f"{file}:{line} gives {code} no value for {missing}"


def test_every_message_is_used() -> None:
    assert set(MESSAGES) == {code for code, _, _, _ in USES}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_renders_with_its_placeholders(code) -> None:
    params = {name: f"<{name}>" for name in placeholders(MESSAGES[code])}
    d = diagnostic(code, "x.yaml", 3, 4, "a.b", **params)
    for text in (d.message_zh, d.message_en, d.hint_zh, d.hint_en):
        assert "{" not in text and "}" not in text
    assert all(f"<{name}>" in d.message_zh + d.message_en + d.hint_zh + d.hint_en for name in params)


def test_a_message_may_use_code_and_file_as_placeholders() -> None:
    # diagnostic(code, file, ...) takes both positionally, so a message can say {code} (a region code) freely.
    d = diagnostic("file.name_mismatch", "guangdong.yaml", 2, 9, "region.code", name="guangdong.yaml", code="440000")
    assert d.code == "file.name_mismatch" and d.file == "guangdong.yaml"
    assert d.message_en == "The file name guangdong.yaml does not match the region code 440000."
    assert d.hint_en == "Rename the file to 440000.yaml, or correct region.code."


BROKEN_YAML = [
    "a: [1, 2\n",
    "a: {b: 1\n",
    "a: {b: 1 c: 2}\n",
    "a:\n  - b\n  c: d\n",
    "a: @x\n",
    "a: `x`\n",
    'a: "\\q"\n',
    'a: "\\x4"\n',
    "a: 1\n b: 2\n",
    "a: |0\n  x\n",
    "a: &\n",
    "a: *\n",
    "a: !<x\n",
    "%FOO bar\n---\na: 1\n",
    "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    "a: x\n- b\n",
    "- a\nb: c\n",
    "a: 'x\n",
    'a: "x\n',
    "a: b\n--- c\n...\nd\n",
    "{a: 1}}\n",
    "[a]]\n",
    "a:\n  b: 1\n c: 2\n",
    "a: >x\n  y\n",
]


@pytest.mark.parametrize("text", BROKEN_YAML, ids=repr)
def test_every_libyaml_problem_is_said_in_chinese_with_no_english_in_it(text) -> None:
    from carelist.yaml_reader import parse_yaml

    doc, problems = parse_yaml(text.encode(), "x.yaml")
    assert doc is None and problems, text
    for d in problems:
        words = [w for w in re.findall(r"[A-Za-z]{3,}", d.message_zh + d.hint_zh) if w != "YAML"]
        assert not words, f"{d.code}: English inside the Chinese message: {d.message_zh} / {d.hint_zh}"
        assert CJK.search(d.message_zh) and re.search(r"[A-Za-z]{3}", d.message_en)
    syntax = [d for d in problems if d.code == "yaml.syntax"]
    for d in syntax:  # a translated problem, not the catch-all
        assert "文件不符合 YAML 格式" not in d.message_zh, d.message_en
