"""The checklist schema in draft-07, generated from the 2020-12 one: the draft editors' IDEs (yaml-language-server)
fully support. The fast validity check (schema_check) converts both schemas the same way when it starts.

    python -m carelist.schema_draft07        (rewrites schema/checklist.schema.draft-07.json)

tests/test_schema_for_editors.py checks the copy is up to date and that both drafts give the same verdict on every
example in tests/examples/.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SOURCE, TARGET = "checklist.schema.json", "checklist.schema.draft-07.json"
# Keywords that mean the same in both drafts; anything else in the source stops the conversion.
_SAME = {
    "type", "enum", "const", "properties", "additionalProperties", "required", "items", "minItems", "maxItems",
    "minLength", "maxLength", "minimum", "maximum", "pattern", "propertyNames", "allOf", "anyOf", "oneOf", "not",
    "description", "title", "examples", "default", "markdownDescription", "uniqueItems", "format", "if", "then", "else",
}  # fmt: skip
_ANNOTATIONS = {"description", "title", "examples", "default", "markdownDescription"}
_CONTAINERS = {"properties", "$defs", "definitions"}  # values are maps of name -> schema


def _ref(ref: str) -> str:
    return ref.replace("#/$defs/", "#/definitions/").replace(SOURCE, TARGET)


def _convert(node: Any, *, container: bool = False, ref: Callable[[str], str] = _ref) -> Any:
    if not isinstance(node, dict):
        return [_convert(n, ref=ref) for n in node] if isinstance(node, list) else node
    if container:  # a map of names to schemas (or, like $defs.service_fields, a map of such maps)
        return {k: _convert(v, container=not _is_schema(v), ref=ref) for k, v in node.items()}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$defs":
            out["definitions"] = _convert(value, container=True, ref=ref)
        elif key == "$ref":
            out["$ref"] = ref(value)
        elif key in ("$schema", "$id", "$comment"):
            continue
        elif key in _CONTAINERS:
            out[key] = _convert(value, container=True, ref=ref)
        elif key in _SAME:
            out[key] = _convert(value, ref=ref)
        else:
            raise ValueError(f"{key!r} has no draft-07 equivalent in this converter; extend it")
    # In draft-07 a $ref ignores its siblings: keep annotations beside it, move real constraints into allOf.
    if "$ref" in out and set(out) - _ANNOTATIONS - {"$ref"}:
        reference = out.pop("$ref")
        out["allOf"] = [{"$ref": reference}, *out.get("allOf", [])]
    return out


def _is_schema(value: Any) -> bool:
    return isinstance(value, dict) and (not value or any(k in _SAME or k.startswith("$") for k in value))


def convert(schema: dict[str, Any]) -> dict[str, Any]:
    """The draft-07 equivalent of a 2020-12 schema written with the keywords carelist uses."""
    converted = _convert(schema)
    return {"$schema": DRAFT_07, "$id": TARGET, **converted}


def convert_baseline(baseline: dict[str, Any], checklist: dict[str, Any]) -> dict[str, Any]:
    """The baseline schema in draft-07 as one document, for the fast check (which reads no other file): the checklist
    schema's definitions it refers to are copied in, as definitions named checklist-…."""
    prefix = f"{SOURCE}#/$defs/"

    def inside_baseline(ref: str) -> str:
        if ref.startswith(prefix):
            return "#/definitions/checklist-" + ref.removeprefix(prefix)
        if ref.startswith("#/$defs/"):
            return ref.replace("#/$defs/", "#/definitions/")
        raise ValueError(f"{ref!r}: the baseline schema may refer to itself and to {SOURCE} only")

    def inside_checklist(ref: str) -> str:
        if ref.startswith("#/$defs/"):
            return "#/definitions/checklist-" + ref.removeprefix("#/$defs/")
        raise ValueError(f"{ref!r}: not a reference within {SOURCE}")

    converted = _convert(baseline, ref=inside_baseline)
    copied = {
        f"checklist-{name}": _convert(value, container=not _is_schema(value), ref=inside_checklist)
        for name, value in checklist["$defs"].items()
    }
    return {"$schema": DRAFT_07, **converted, "definitions": {**converted.get("definitions", {}), **copied}}


def render(schema_dir: Path) -> str:
    source = json.loads((schema_dir / SOURCE).read_text(encoding="utf-8"))
    return json.dumps(convert(source), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    schema_dir = Path(__file__).resolve().parents[2] / "schema"  # a maintainer's command: the repository's copy
    (schema_dir / TARGET).write_text(render(schema_dir), encoding="utf-8")
    sys.stdout.write(f"wrote {schema_dir / TARGET}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
