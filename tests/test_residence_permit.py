"""The checklist's residence_permit section: its shape (schema), the national floor (baseline), and the model."""

from __future__ import annotations

from pathlib import Path

from carelist.checker import check

REPO = Path(__file__).resolve().parents[1]


def errors(diagnostics: list[dict]) -> list[tuple[str, str]]:
    return [(d["code"], d["path"]) for d in diagnostics if d["level"] == "error"]


def test_every_sample_describes_the_permit_and_meets_the_floor() -> None:
    dataset = check([REPO / "checklists"])
    assert dataset.report.ok and dataset.baseline is not None
    floor = dataset.baseline.residence_permit
    assert floor is not None and floor.max_residence_months == 6 and floor.max_processing_days == 15
    assert "居住证暂行条例" in floor.legal_basis.zh and floor.title.en
    for checklist in dataset.checklists:
        permit = checklist.residence_permit
        assert permit is not None, checklist.code
        assert permit.min_residence_months <= floor.max_residence_months and permit.processing_days <= floor.max_processing_days
        assert permit.steps and permit.documents and permit.who.en and permit.where.zh


def test_a_permit_harder_to_get_than_the_floor_is_an_error_on_its_line(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    data["residence_permit"]["min_residence_months"] = 12
    data["residence_permit"]["processing_days"] = 30
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 1
    assert errors(diagnostics) == [
        ("coverage.below", "residence_permit.min_residence_months"),
        ("coverage.below", "residence_permit.processing_days"),
    ]
    assert all(d["line"] > 0 for d in diagnostics if d["level"] == "error")


def test_the_section_is_checked_against_the_schema(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("440000")
    del data["residence_permit"]["documents"]
    data["residence_permit"]["fee"] = "free"
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 1
    found = errors(diagnostics)
    assert ("schema.required", "residence_permit") in found or any(c == "schema.required" and "residence_permit" in p for c, p in found), (
        found
    )
    assert any(c == "schema.unknown_field" and p.startswith("residence_permit") for c, p in found), found


def test_a_checklist_without_the_section_is_still_valid(sample_data, write_checklist, validate_json) -> None:
    data = sample_data("510000")
    del data["residence_permit"]
    code, diagnostics = validate_json(write_checklist(data))
    assert code == 0, errors(diagnostics)
