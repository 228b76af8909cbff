"""Check data against the JSON Schemas and turn each schema error into a plain-language, located diagnostic."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from carelist import schema_draft07
from carelist.diagnostics import PathKey, format_path
from carelist.messages import Sink
from carelist.yaml_reader import Document

if TYPE_CHECKING:
    import jsonschema

SCHEMA_FILES = ("checklist.schema.json", "baseline.schema.json")

# Fix hints for the schema's patterns: (zh, en).
PATTERN_HINTS: dict[str, tuple[str, str]] = {
    "^[1-9][0-9]{5}$": ('地区代码是 6 位数字，加英文引号，如 "440000"。', 'A region code is six digits in quotes, e.g. "440000".'),
    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$": (
        '日期写作 "YYYY-MM-DD"，如 "2025-01-01"。',
        'Write dates as "YYYY-MM-DD", e.g. "2025-01-01".',
    ),
    "^[0-9]+(\\.[0-9]+){0,2}$": ('版本号写作加引号的数字，如 "1.0"。', 'Write the version as numbers in quotes, e.g. "1.0".'),
    '^https?://[^\\s<>"]+$': ("链接必须以 https:// 开头，且不含空格。", "A link must start with https:// and contain no spaces."),
    "^[0-9][0-9 -]{2,19}$": (
        '电话号码只含数字、空格和连字符，加引号，如 "020-12345678"。',
        'A phone number has only digits, spaces and hyphens, in quotes, e.g. "020-12345678".',
    ),
    "^[a-z0-9]+(-[a-z0-9]+)*$": (
        'id 只用小写字母、数字和连字符，如 "gd-summer-care"。',
        'An id uses lowercase letters, digits and hyphens, e.g. "gd-summer-care".',
    ),
    "^[a-z][a-z0-9_]*$": ("指标名只用小写字母、数字和下划线。", "A value key uses lowercase letters, digits and underscores."),
}

_TYPE_NAMES = {
    "string": ("文本", "text"),
    "integer": ("整数", "a whole number"),
    "number": ("数字", "a number"),
    "boolean": ("true 或 false", "true or false"),
    "array": ("列表（每项以 - 开头）", "a list (each entry starting with -)"),
    "object": ("一组字段", "a group of fields"),
    "null": ("空值", "empty"),
}


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _stamp(schema_dir: Path) -> tuple[tuple[int, int], ...]:
    """When and how large the schema files are: what is compiled from them is kept per stamp, so a schema edited
    while `carelist serve` runs is read again."""
    stamps = []
    for name in SCHEMA_FILES:
        try:
            info = (schema_dir / name).stat()
            stamps.append((info.st_mtime_ns, info.st_size))
        except OSError:
            stamps.append((0, -1))
    return tuple(stamps)


def _validators(schema_dir: Path) -> dict[str, jsonschema.Draft202012Validator]:
    return _compiled_validators(schema_dir, _stamp(schema_dir))


@cache
def _compiled_validators(schema_dir: Path, _stamp: object) -> dict[str, jsonschema.Draft202012Validator]:
    """The validators that explain errors. jsonschema is imported only when a file has some: it takes longer to import
    than the fast check takes to compile and run."""
    import jsonschema
    from referencing import Registry, Resource

    schemas = {name: _schema(schema_dir, name) for name in SCHEMA_FILES}
    # The $ids are the file names, so an editor's IDE resolves the baseline schema's refs beside it, offline.
    registry = Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in schemas.items())
    return {name: jsonschema.Draft202012Validator(schema, registry=registry) for name, schema in schemas.items()}


def _schema(schema_dir: Path, name: str) -> Any:
    return json.loads((schema_dir / name).read_text(encoding="utf-8"))


def _fast_check(schema_dir: Path, schema_name: str) -> Callable[[Any], Any] | None:
    return _compiled_fast_check(schema_dir, schema_name, _stamp(schema_dir))


@cache
def _compiled_fast_check(schema_dir: Path, schema_name: str, _stamp: object) -> Callable[[Any], Any] | None:
    """The schema in draft-07 compiled to Python: about twenty times faster than jsonschema, but it stops at the first
    error and explains nothing, so it only says whether jsonschema needs to run (tests check both agree). None when
    the schema uses what the draft-07 converter does not know, or is one fastjsonschema refuses (a field both
    required and not allowed): jsonschema then checks every file."""
    checklist = _schema(schema_dir, "checklist.schema.json")
    try:
        if schema_name == "checklist.schema.json":
            schema = schema_draft07.convert(checklist)
        else:
            schema = schema_draft07.convert_baseline(_schema(schema_dir, schema_name), checklist)
        # Without detailed exceptions the generated code is an eighth of the size and compiles in a fifth of the time.
        validate: Callable[[Any], Any] = fastjsonschema.compile(schema, detailed_exceptions=False)
    except (ValueError, fastjsonschema.JsonSchemaDefinitionException):
        return None
    return validate


def prepare_schema(schema_dir: Path) -> None:
    """Compile the fast checks now (before forking worker processes, which then share them)."""
    for name in SCHEMA_FILES:
        _fast_check(schema_dir, name)


def close_match(word: str, allowed: Iterable[str]) -> str | None:
    """The allowed word a misspelt one was most likely meant to be, if any is close."""
    close = difflib.get_close_matches(word, list(allowed), n=1, cutoff=0.6)
    return close[0] if close else None


def suggestion(word: str, allowed: list[str]) -> tuple[str, str]:
    """A did-you-mean hint, or the list of allowed words when nothing is close."""
    if close := close_match(word, allowed):
        return f"是不是想写 {close}？", f"Did you mean {close}?"
    listed = ", ".join(allowed)
    return f"可用的有：{listed}", f"Allowed: {listed}"


def check_schema(doc: Document, sink: Sink, schema_dir: Path, schema_name: str) -> set[PathKey]:
    """Report every schema error in doc, located and explained; return the paths of the broken subtrees."""
    fast = _fast_check(schema_dir, schema_name)
    if fast is not None:
        try:
            fast(doc.data)
            return set()
        except fastjsonschema.JsonSchemaException:
            pass  # find and explain every error below
    validator = _validators(schema_dir)[schema_name]
    broken: set[PathKey] = set()
    for error in validator.iter_errors(doc.data):
        path = tuple(error.absolute_path)
        broken |= _broken_by(error, path)
        _explain(error, path, doc, sink)
    return broken


def _broken_by(error: jsonschema.ValidationError, path: PathKey) -> set[PathKey]:
    """The subtrees an error breaks: a missing, unknown or misnamed field breaks only itself, not its neighbours."""
    value: Any = error.instance
    expected: Any = error.validator_value
    schema: Any = error.schema
    if error.validator == "required" and isinstance(value, dict):
        return {(*path, f) for f in expected if f not in value}
    if error.validator == "additionalProperties" and isinstance(value, dict):
        allowed = schema.get("properties", {})
        return {(*path, k) for k in value if k not in allowed}
    if "propertyNames" in error.schema_path:
        return {(*path, value)}
    return {path}


def _explain(error: jsonschema.ValidationError, path: PathKey, doc: Document, sink: Sink) -> None:
    name = format_path(path) or "(top level)"
    kind = error.validator
    value: Any = error.instance
    schema: Any = error.schema
    expected_value: Any = error.validator_value

    if kind == "required":
        for missing in (f for f in expected_value if f not in value):
            sink.report("schema.required", path, field=missing)
    elif kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        for extra in (k for k in value if k not in allowed):
            zh, en = suggestion(extra, allowed)
            sink.report("schema.unknown_field", (*path, extra), at_key=True, field=extra, suggest_zh=zh, suggest_en=en)
    elif kind == "type":
        expected = expected_value if isinstance(expected_value, str) else expected_value[0]
        found = _type_of(value)
        fix_zh, fix_en = _type_fix(expected, value, doc.plain_text.get(path))
        sink.report(
            "schema.type",
            path,
            field=name,
            expected_zh=_TYPE_NAMES[expected][0],
            expected_en=_TYPE_NAMES[expected][1],
            found_zh=_TYPE_NAMES[found][0],
            found_en=_TYPE_NAMES[found][1],
            fix_zh=fix_zh,
            fix_en=fix_en,
        )
    elif kind == "enum":
        sink.report("schema.enum", path, field=name, value=value, allowed=", ".join(str(v) for v in expected_value))
    elif kind == "pattern":
        fix_zh, fix_en = PATTERN_HINTS.get(expected_value, ("", ""))
        if "propertyNames" in error.schema_path:  # the offending value is a field name
            sink.report("schema.pattern", (*path, value), at_key=True, field=name, value=value, fix_zh=fix_zh, fix_en=fix_en)
        else:
            sink.report("schema.pattern", path, field=name, value=value, fix_zh=fix_zh, fix_en=fix_en)
    elif kind in ("minLength", "minItems"):
        sink.report("schema.too_short", path, field=name)
    elif kind in ("maxLength", "maxItems"):
        sink.report("schema.too_long", path, field=name, limit=expected_value)
    elif kind in ("minimum", "maximum"):
        bounds = f"{schema.get('minimum', '')}–{schema.get('maximum', '')}"
        sink.report("schema.range", path, field=name, value=value, bounds=bounds)
    else:
        sink.report("schema.invalid", path, field=name, detail=error.message)


def _type_fix(expected: str, value: Any, plain: str | None) -> tuple[str, str]:
    if expected == "string" and plain is not None:
        if plain.lstrip("+-").startswith("0") and plain.lstrip("+-") != "0" and not isinstance(value, float):
            # YAML 1.2, and the editors' IDE, read 02787654321 or 010 as an integer: the leading zero would be lost.
            return (
                f'YAML 1.2（以及编辑器）把它读作整数 {value}，开头的 0 会丢失；加上英文引号："{plain}"',
                f'YAML 1.2 (and your editor) reads it as the integer {value}, losing the leading zero; put it in quotes: "{plain}"',
            )
        return f'加上英文引号："{plain}"', f'Put it in quotes: "{plain}"'
    if expected == "boolean" and isinstance(value, str) and value.lower() in {"yes", "no", "on", "off", "y", "n"}:
        return "写 true 或 false（YAML 中的 yes/no/on/off 容易被误读）。", "Write true or false (yes/no/on/off are ambiguous in YAML)."
    if expected == "object" and isinstance(value, str):
        return "文本字段写成两行：`zh: 中文` 和 `en: English`。", "Write text fields as `zh: 中文` and `en: English` on two indented lines."
    if expected == "array" and not isinstance(value, list):
        return "写成列表，每一项以 `- ` 开头。", "Write a list, each entry on its own line starting with `- `."
    if expected == "integer" and isinstance(value, str):
        return "写成不加引号的整数，如 6。", "Write a whole number without quotes, e.g. 6."
    return "", ""
