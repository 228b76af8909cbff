"""The schema as editors' IDEs use it: bilingual descriptions on every field, the baseline item ids listed for
autocompletion, a draft-07 copy (what yaml-language-server fully supports) that agrees with the 2020-12 original,
and check-jsonschema giving the same verdict as carelist on every example both can read."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import pytest
from referencing import Registry, Resource

from carelist.checker import check
from carelist.schema_draft07 import TARGET, convert_baseline, render
from carelist.yaml_reader import read_yaml

REPO = Path(__file__).resolve().parents[1]
SCHEMA_DIR = REPO / "schema"
ORIGINAL = json.loads((SCHEMA_DIR / "checklist.schema.json").read_text(encoding="utf-8"))
DRAFT_07 = json.loads((SCHEMA_DIR / TARGET).read_text(encoding="utf-8"))
EXAMPLES = sorted((REPO / "tests" / "examples").rglob("*.yaml")) + sorted((REPO / "tests" / "fixtures" / "checklists").glob("*.yaml"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_draft_07_copy_is_generated_from_the_original() -> None:
    # Regenerate with `python -m carelist.schema_draft07` after changing schema/checklist.schema.json.
    assert (SCHEMA_DIR / TARGET).read_text(encoding="utf-8") == render(SCHEMA_DIR)
    jsonschema.Draft7Validator.check_schema(DRAFT_07)
    assert DRAFT_07["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(DRAFT_07)


def _fields(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every field schema (a value of `properties`), every definition and every service field, with its path."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("properties", "$defs") and isinstance(value, dict):
                for name, sub in value.items():
                    if name == "service_fields":
                        found += [(f"{path}.{name}.{k}", v) for k, v in sub.items()]
                    elif isinstance(sub, dict):
                        found.append((f"{path}.{name}", sub))
            if isinstance(value, (dict, list)):
                found += _fields(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _fields(value, f"{path}[{index}]")
    return found


def _target(ref: str) -> dict[str, Any]:
    node: Any = ORIGINAL
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node  # type: ignore[no-any-return]


def _description(schema: dict[str, Any]) -> str:
    while "description" not in schema and "$ref" in schema:
        schema = _target(schema["$ref"])
    return str(schema.get("description", ""))


@pytest.mark.parametrize(("path", "schema"), _fields(ORIGINAL), ids=lambda v: v if isinstance(v, str) else "")
def test_every_field_is_described_in_chinese_and_english(path, schema) -> None:
    description = _description(schema)
    assert " / " in description, f"{path}: {description!r}"
    zh, en = description.split(" / ", 1)
    assert CJK.search(zh), f"{path}: no Chinese in {zh!r}"
    assert re.search(r"[A-Za-z]{3,}.*[A-Za-z]{3,}", en), f"{path}: no English in {en!r}"


def test_the_ids_of_the_baseline_items_are_listed_for_autocompletion() -> None:
    baseline = check([]).baseline
    assert baseline is not None
    services = ORIGINAL["properties"]["services"]
    assert list(services["properties"]) == [item.id for item in baseline.items]  # kept in sync with baseline.yaml
    for item in baseline.items:
        assert item.title.zh in services["properties"][item.id]["description"]
    assert services["additionalProperties"] is False  # a misspelt id is flagged in the IDE too
    local_id = ORIGINAL["$defs"]["local_item"]["properties"]["id"]
    assert _target(local_id["$ref"])["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"  # local items: any id of that shape


def _readable() -> list[tuple[Path, Any]]:
    found = []
    for path in EXAMPLES:
        doc, _problems = read_yaml(path, path.name)
        if doc is not None:
            found.append((path, doc.data))
    return found


READABLE = _readable()


def test_most_examples_can_be_read_for_the_comparison() -> None:
    # The rest are refused before the schema (syntax, aliases, typing slips): there is nothing to compare.
    assert len(READABLE) >= 20, [p.name for p, _ in READABLE]


@pytest.mark.parametrize(("path", "data"), READABLE, ids=lambda v: v.name if isinstance(v, Path) else "")
def test_both_drafts_and_the_fast_check_agree(path, data) -> None:
    registry = Registry().with_resources(
        (name, Resource.from_contents(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))))
        for name in ("checklist.schema.json", "baseline.schema.json")
    )
    original = not list(jsonschema.Draft202012Validator(ORIGINAL, registry=registry).iter_errors(data))
    draft_07 = not list(jsonschema.Draft7Validator(DRAFT_07).iter_errors(data))
    try:
        fastjsonschema.compile(DRAFT_07)(data)
        fast = True
    except fastjsonschema.JsonSchemaException:
        fast = False
    assert original == draft_07 == fast, (original, draft_07, fast)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    return [path] + [p for key, child in children for p in _paths(child, (*path, key))]


_REMOVED = object()


def _changed(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    *parents, last = path
    holder = copy
    for key in parents:
        holder = holder[key]
    if value is _REMOVED:
        del holder[last]
    else:
        holder[last] = value
    return copy


def test_the_fast_baseline_check_agrees_with_jsonschema_on_the_baseline_changed_in_many_ways() -> None:
    """The baseline's fast check (draft-07, the checklist schema's definitions copied in) against the 2020-12
    original, on the baseline and on 300 copies each changed in one place: a field removed, or a value replaced by
    one of another type or an empty one (chosen at random, the same every run)."""
    import random

    doc, _ = read_yaml(SCHEMA_DIR / "baseline.yaml", "baseline.yaml")
    assert doc is not None
    registry = Registry().with_resources(
        (name, Resource.from_contents(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))))
        for name in ("checklist.schema.json", "baseline.schema.json")
    )
    original = jsonschema.Draft202012Validator(
        json.loads((SCHEMA_DIR / "baseline.schema.json").read_text(encoding="utf-8")), registry=registry
    )
    fast_schema = convert_baseline(json.loads((SCHEMA_DIR / "baseline.schema.json").read_text(encoding="utf-8")), ORIGINAL)
    jsonschema.Draft7Validator.check_schema(fast_schema)
    fast = fastjsonschema.compile(fast_schema)

    def fast_verdict(data: Any) -> bool:
        try:
            fast(data)
            return True
        except fastjsonschema.JsonSchemaException:
            return False

    assert original.is_valid(doc.data) and fast_verdict(doc.data)
    values = [_REMOVED, None, 0, -1, 1.5, "", "x", "2024-13-01", [], {}, True, {"zh": ""}]
    rng = random.Random(20261201)
    changes = rng.sample([(path, value) for path in _paths(doc.data)[1:] for value in values], 300)
    verdicts = []
    for path, value in changes:
        changed = _changed(doc.data, path, value)
        verdicts.append(original.is_valid(changed))
        assert fast_verdict(changed) == verdicts[-1], (path, value)
    assert 100 < verdicts.count(False) < 300, "most changes break the baseline, and some are still valid"


def test_a_schema_edited_while_the_process_runs_is_read_again(tmp_path: Path) -> None:
    """`carelist serve` checks again after every edit, in one process: an edited schema must count at once."""
    import shutil

    schema = tmp_path / "schema"
    shutil.copytree(SCHEMA_DIR, schema)
    checklist = REPO / "tests" / "fixtures" / "checklists" / "440000.yaml"
    assert check([checklist], schema_dir=schema).report.ok
    edited = json.loads((schema / "checklist.schema.json").read_text(encoding="utf-8"))
    edited["required"] = [*edited["required"], "added_while_running"]
    (schema / "checklist.schema.json").write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    # Required but not allowed (additionalProperties is false): the fast check refuses such a schema; jsonschema reads it.
    assert [(d.code, "added_while_running" in d.message_en) for d in check([checklist], schema_dir=schema).report.errors] == [
        ("schema.required", True)
    ]
    edited["properties"]["added_while_running"] = {"type": "string"}
    (schema / "checklist.schema.json").write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    again = check([checklist], schema_dir=schema)
    assert [(d.code, "added_while_running" in d.message_en) for d in again.report.errors] == [("schema.required", True)]


def test_check_jsonschema_gives_carelists_schema_verdict_on_every_example_both_read(validate_json) -> None:
    files = [p for p, _ in READABLE]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(SCHEMA_DIR / "checklist.schema.json"),
            "-o",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    result = json.loads(done.stdout)
    failed = {Path(e["filename"]).resolve() for e in result["errors"]}
    unreadable = {Path(e["filename"]).resolve() for e in result.get("parse_errors", [])}
    disagree = []
    for path in files:
        _code, diagnostics = validate_json(path)
        carelist_ok = not [d for d in diagnostics if d["code"].startswith("schema.") and Path(d["file"]).resolve() == path.resolve()]
        if path.resolve() in unreadable:
            continue  # ruamel refuses what carelist's reader read: listed below if it ever happens
        if carelist_ok != (path.resolve() not in failed):
            disagree.append(path.name)
    assert disagree == []
    assert not unreadable, sorted(p.name for p in unreadable)
