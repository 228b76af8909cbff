"""The plain-language comparison of two versions of a checklist: every kind of change, its direction, both languages,
and reformatting that is not a change. Versions are built from a copy of a test checklist, never the samples."""

from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from carelist.changes import Change, Effect, Kind, compare
from carelist.checker import check, default_schema_dir
from carelist.history import checklist_from_bytes, version_key
from carelist.model import Baseline, Checklist, Floor, Text

EXAMPLE = Path(__file__).resolve().parent / "examples" / "positive" / "110000.yaml"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def baseline() -> Baseline:
    found = check([]).baseline
    assert found is not None
    return found


@pytest.fixture
def raw() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def build(data: dict[str, Any], baseline: Baseline, **dump: Any) -> Checklist:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, **dump)
    checklist = checklist_from_bytes(text.encode(), "110000.yaml", baseline, default_schema_dir())
    assert checklist is not None, "the test checklist no longer validates"
    return checklist


def diff(old: dict[str, Any], new: dict[str, Any], baseline: Baseline) -> tuple[Change, ...]:
    changes = compare(build(old, baseline), build(new, baseline), baseline)
    for change in changes:  # whatever the change, it is said in both languages
        assert CJK.search(change.text.zh), change
        # English may quote a value that only exists in Chinese (a document number), never be the Chinese sentence.
        assert change.text.en and re.search(r"[A-Za-z]{3,}", change.text.en) and change.text.en != change.text.zh, change
    return changes


def edited(raw: dict[str, Any], edit: Any) -> dict[str, Any]:
    new = copy.deepcopy(raw)
    edit(new)
    return new


def said(changes: tuple[Change, ...]) -> list[tuple[str, str, str, str | None]]:
    return [(c.kind.value, c.effect.value, c.text.zh, c.text.en) for c in changes]


def test_the_same_list_has_no_changes(raw: dict[str, Any], baseline: Baseline) -> None:
    assert diff(raw, copy.deepcopy(raw), baseline) == ()


def test_reformatting_is_not_a_change(raw: dict[str, Any], baseline: Baseline) -> None:
    new = copy.deepcopy(raw)
    service = new["services"]["preschool"]
    service["provides"]["en"] = service["provides"]["en"].replace(" ", "\n  ", 3) + "  "  # re-wrapped
    service["documents"].reverse()  # documents are a set, not a sequence
    new["services"] = dict(reversed(list(new["services"].items())))  # key order
    new["document"] = dict(reversed(list(new["document"].items())))
    new["document"]["version"] = "1.0.0"  # the same version written longer
    old = build(raw, baseline, default_flow_style=True, width=60)
    changed = build(new, baseline, default_flow_style=False, width=200)
    assert compare(old, changed, baseline) == ()
    assert version_key("1.0.0") == version_key("1.0") == version_key("1")


def test_zhejiang_style_age_limit_lowered(raw: dict[str, Any], baseline: Baseline) -> None:
    old = edited(raw, lambda d: d["definition"].update(max_age=18))
    new = edited(raw, lambda d: d["definition"].update(max_age=17))
    assert said(diff(old, new, baseline)) == [
        ("definition", "lowers", "年龄上限从 18 岁降为 17 岁", "Age limit lowered from 18 to 17 years")
    ]


def test_definition_widened(raw: dict[str, Any], baseline: Baseline) -> None:
    def wider(d: dict[str, Any]) -> None:
        d["definition"].update(max_age=18, min_residence_months=3, includes_moves_within_city_districts=True, information_update_months=3)

    changes = diff(raw, edited(raw, wider), baseline)
    assert said(changes) == [
        ("definition", "raises", "年龄上限从 16 岁提高到 18 岁", "Age limit raised from 16 to 18 years"),
        ("definition", "raises", "居住时间要求从 6 个月缩短为 3 个月", "Residence required shortened from 6 to 3 months"),
        ("definition", "raises", "信息更新周期从 6 个月缩短为 3 个月", "Information update interval shortened from 6 to 3 months"),
        (
            "definition",
            "raises",
            "流动儿童范围现在包括在城市中心城区之间流动的儿童",
            "Children who moved between central city districts now count",
        ),
    ]
    assert [c.field for c in changes][:2] == ["definition.max_age", "definition.min_residence_months"]
    # and back again: every one of them lowers
    assert {c.effect for c in diff(edited(raw, wider), raw, baseline)} == {Effect.LOWERS}


def test_items_added_and_removed(raw: dict[str, Any], baseline: Baseline) -> None:
    local = copy.deepcopy(raw["services"]["transport"]) | {
        "id": "bj-library",
        "category": "care",
        "title": {"zh": "少儿图书馆借阅", "en": "Children's library cards"},
        "summary": {"zh": "免费办理借阅证。", "en": "A free library card."},
    }
    local.pop("values")

    def edit(d: dict[str, Any]) -> None:
        del d["services"]["transport"]
        d["local_items"] = [local]

    changes = diff(raw, edited(raw, edit), baseline)
    assert [(c.kind, c.effect, c.item_id) for c in changes] == [
        (Kind.ITEM_REMOVED, Effect.LOWERS, "transport"),
        (Kind.ITEM_ADDED, Effect.RAISES, "bj-library"),
    ]
    assert changes[1].text == Text("新增服务：少儿图书馆借阅", "Service added: Children's library cards")
    assert changes[0].field == "services.transport"
    assert changes[1].field == "local_items.bj-library"


def test_required_value_dropped_lowers_and_restored_raises(raw: dict[str, Any], baseline: Baseline) -> None:
    new = edited(raw, lambda d: d["services"]["preschool"]["values"].update(inclusive_kindergarten_nearby=False))
    lowered = diff(raw, new, baseline)
    assert [(c.kind, c.effect, c.item_id, c.field) for c in lowered] == [
        (Kind.VALUE, Effect.LOWERS, "preschool", "services.preschool.values.inclusive_kindergarten_nearby")
    ]
    assert lowered[0].text.zh.startswith("不再做到：")
    assert [c.effect for c in diff(new, raw, baseline)] == [Effect.RAISES]


def test_included_choices_added_and_dropped(raw: dict[str, Any], baseline: Baseline) -> None:
    values = raw["services"]["mental-health"]["values"]
    assert "support_types" in values, "the test checklist should list mental-health support types"
    more = edited(raw, lambda d: d["services"]["mental-health"]["values"]["support_types"].append("crisis-intervention"))
    changes = diff(raw, more, baseline)
    assert [(c.kind, c.effect) for c in changes] == [(Kind.VALUE, Effect.RAISES)]
    assert changes[0].text.zh.endswith("：增加了危机干预"), changes[0].text  # the choice's title, not its id
    assert changes[0].text.en and changes[0].text.en.endswith(": added Crisis intervention")
    fewer = edited(raw, lambda d: d["services"]["mental-health"]["values"]["support_types"].pop(0))
    assert [(c.kind, c.effect) for c in diff(raw, fewer, baseline)] == [(Kind.VALUE, Effect.LOWERS)]


def test_numeric_floor_values_raised_and_lowered(raw: dict[str, Any], baseline: Baseline) -> None:
    # The shipped baseline has no numeric floor yet: give one item an at-least and another an at-most floor.
    def with_floor(item_id: str, floor: Floor) -> Any:
        return next(dataclasses.replace(i, floors=(*i.floors, floor)) for i in baseline.items if i.id == item_id)

    at_least = Floor("places", "at-least", Text("学位数", "school places"), 10, Text("个", "places"))
    at_most = Floor("wait_days", "at-most", Text("等待时间", "waiting time"), 30, Text("天", "days"))
    items = tuple(
        with_floor(i.id, at_least) if i.id == "preschool" else with_floor(i.id, at_most) if i.id == "transport" else i
        for i in baseline.items
    )
    custom = dataclasses.replace(baseline, items=items)

    def values(places: int, wait: int) -> dict[str, Any]:
        def edit(d: dict[str, Any]) -> None:
            d["services"]["preschool"]["values"]["places"] = places
            d["services"]["transport"]["values"]["wait_days"] = wait

        return edited(raw, edit)

    changes = compare(build(values(10, 30), custom), build(values(12, 40), custom), custom)
    assert said(changes) == [
        ("value", "raises", "学位数从 10 个提高到 12 个", "School places raised from 10 to 12 places"),
        ("value", "lowers", "等待时间从 30 天提高到 40 天", "Waiting time raised from 30 to 40 days"),
    ]


def test_eligibility_widened_and_narrowed(raw: dict[str, Any], baseline: Baseline) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["services"]["compulsory-education"]["eligibility"] = {"below_age": 18, "min_residence_months": 12}
        d["services"]["transport"]["eligibility"] = {"all_of": ["hardship"]}

    changes = diff(raw, edited(raw, edit), baseline)
    assert said(changes) == [
        ("eligibility", "raises", "年龄上限（未满）从 16 岁提高到 18 岁", "Age limit (under) raised from 16 to 18 years"),
        ("eligibility", "lowers", "居住时间要求从 6 个月延长为 12 个月", "Residence required lengthened from 6 to 12 months"),
        ("eligibility", "lowers", "增加了申请条件：家庭生活困难", "New condition: Family in hardship"),
    ]
    assert [c.item_id for c in changes] == ["compulsory-education", "compulsory-education", "transport"]
    back = diff(edited(raw, edit), raw, baseline)
    assert [c.effect for c in back] == [Effect.LOWERS, Effect.RAISES, Effect.RAISES]


def test_situations_opened_to_everyone(raw: dict[str, Any], baseline: Baseline) -> None:
    item = next(i for i in baseline.items if i.eligibility.any_of)
    assert item.id in raw["services"], item.id
    opened = edited(raw, lambda d: d["services"][item.id].setdefault("eligibility", {}).update(any_of=[]))
    changes = diff(raw, opened, baseline)
    assert [(c.kind, c.effect) for c in changes] == [(Kind.ELIGIBILITY, Effect.RAISES)]
    assert changes[0].text.zh.startswith("现在面向所有流动儿童")


def test_documents_steps_places_phones_cost_time_and_legal_basis(raw: dict[str, Any], baseline: Baseline) -> None:
    def edit(d: dict[str, Any]) -> None:
        s = d["services"]["preschool"]
        s["documents"] = [s["documents"][0], {"zh": "儿童预防接种证", "en": "Vaccination certificate"}]
        s["steps"].append({"zh": "领取入园通知书。", "en": "Collect the admission notice."})
        s["where"] = {"zh": "区教育局招生窗口", "en": "The enrolment desk of the district education bureau"}
        s["phone"] = "010-12345678"
        s["cost"] = {"zh": "报名不收费", "en": "Applying is free"}
        s["processing_time"] = {"zh": "15个工作日", "en": "15 working days"}
        s["legal_basis"].append({"zh": "《中华人民共和国学前教育法》", "en": "Preschool Education Law"})
        s["who"] = {"zh": "在北京市居住的流动儿童。", "en": "Mobile children living in Beijing."}

    changes = diff(raw, edited(raw, edit), baseline)
    kinds = [(c.kind, c.effect) for c in changes]
    assert kinds == [
        (Kind.DOCUMENTS, Effect.NEUTRAL),
        (Kind.DOCUMENTS, Effect.NEUTRAL),
        (Kind.STEPS, Effect.NEUTRAL),
        (Kind.PLACE, Effect.NEUTRAL),
        (Kind.COST, Effect.NEUTRAL),
        (Kind.TIME, Effect.NEUTRAL),
        (Kind.WORDING, Effect.NEUTRAL),
        (Kind.PHONE, Effect.NEUTRAL),
        (Kind.LEGAL_BASIS, Effect.NEUTRAL),
    ]
    texts = {c.kind: c.text for c in changes}
    assert changes[0].text == Text("所需材料增加了：儿童预防接种证", "Documents to bring added: Vaccination certificate")
    assert changes[1].text.en == "Documents to bring removed: The child’s household register (hukou booklet)"
    assert texts[Kind.STEPS] == Text("办理步骤有修改（2 步 → 3 步）", "Steps changed (2 → 3)")
    assert texts[Kind.PLACE].zh == "办理地点改为：区教育局招生窗口"
    assert texts[Kind.PHONE] == Text("咨询电话从 无 改为 010-12345678", "Phone changed from none to 010-12345678")
    assert texts[Kind.COST].en == "Cost now: Applying is free"
    assert texts[Kind.TIME].zh == "办理时间改为：15个工作日"
    assert texts[Kind.LEGAL_BASIS].en == "Legal basis added: Preschool Education Law"
    assert {c.item_id for c in changes} == {"preschool"}
    assert changes[0].item_title and changes[0].item_title.zh == next(i.title.zh for i in baseline.items if i.id == "preschool")


def test_hotlines_and_the_publishing_document(raw: dict[str, Any], baseline: Baseline) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["hotlines"].append({"name": {"zh": "青少年服务台", "en": "Youth hotline"}, "phone": "12355"})
        d["hotlines"][0]["hours"] = {"zh": "工作日", "en": "Working days"}
        d["document"]["issuer"] = {"zh": "北京市人民政府", "en": "Beijing Municipal Government"}
        d["document"]["number"] = "测试〔2025〕9号"

    changes = diff(raw, edited(raw, edit), baseline)
    assert said(changes) == [
        ("document", "neutral", "发布部门改为：北京市人民政府", "Issued by: now Beijing Municipal Government"),
        ("document", "neutral", "文号改为：测试〔2025〕9号", "Document number: now 测试〔2025〕9号"),
        ("hotlines", "neutral", "热线 12345 的说明或时间有修改", "Hotline 12345: name or hours changed"),
        ("hotlines", "neutral", "新增热线：青少年服务台 12355", "New hotline: Youth hotline 12355"),
    ]
