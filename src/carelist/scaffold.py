"""`carelist new`: a checklist pre-filled with every baseline item, with TODO placeholders that validate reports."""

from __future__ import annotations

import datetime as dt
import json

from carelist.checklist_rules import SCAFFOLD_DATE_MARK
from carelist.model import Baseline, Text
from carelist.text_check import PLACEHOLDER, PLACEHOLDER_URL


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _todo(zh: str, en: str) -> str:
    return f"{{zh: {_q(f'{PLACEHOLDER} {zh}')}, en: {_q(f'{PLACEHOLDER} {en}')}}}"


def new_checklist(code: str, name: Text, baseline: Baseline, today: dt.date) -> str:
    """The YAML text of a new checklist for region code."""
    day = f"{_q(today.isoformat())}  {SCAFFOLD_DATE_MARK} {today.isoformat()}"
    d = baseline.definition
    out = [
        "# yaml-language-server: $schema=../schema/checklist.schema.draft-07.json",
        f"# {name.zh} 流动儿童在居住地享有关爱服务清单 / {name.en} checklist of care services for mobile children.",
        f"# 把每个以 {PLACEHOLDER} 开头的文字换成本地区的实际内容；`carelist validate` 会列出还没填的地方。",
        f"# Replace every text starting with {PLACEHOLDER}; `carelist validate` lists what is still to fill in.",
        "",
        "region:",
        f"  code: {_q(code)}",
        f"  name: {{zh: {_q(name.zh)}, en: {_q(name.en or '')}}}",
        "",
        "document:",
        f"  title: {_todo('清单文件标题', 'title of the document')}",
        f"  issuer: {_todo('发布部门，如 省民政厅', 'issuing department, e.g. Provincial Department of Civil Affairs')}",
        f"  number: {_q(f'{PLACEHOLDER} 文号')}",
        f"  published: {day}: 改成发布日期 / the publication date",
        f"  effective: {day}: 改成施行日期 / the date it takes effect",
        '  version: "1.0"',
        f"  source_url: {PLACEHOLDER_URL}",
        "",
        "hotlines:",
        "  - name: {zh: 政务服务便民热线, en: 12345 government service hotline}",
        '    phone: "12345"',
        "",
        "# 流动儿童的定义：可以比国家标准更宽，不能更窄。 / Who counts: may be wider than the national definition, never narrower.",
        "definition:",
        f"  max_age: {d.max_age}",
        f"  min_residence_months: {d.min_residence_months}",
        f"  includes_moves_within_city_districts: {'true' if d.includes_moves_within_city_districts else 'false'}",
        f"  information_update_months: {d.information_update_months}",
        "",
        "services:",
    ]
    for item in baseline.items:
        out += [
            f"  # {item.title.zh} / {item.title.en} — 方案第（{item.paragraph}）条",
            f"  {item.id}:",
            f"    who: {_todo('哪些孩子可以享受', 'who qualifies')}",
            f"    provides: {_todo('提供什么服务', 'what is provided')}",
            "    steps:",
            f"      - {_todo('第一步', 'first step')}",
            "    documents:",
            f"      - {_todo('需要带的材料', 'a document to bring')}",
            f"    where: {_todo('去哪里办', 'where to go')}",
            f"    department: {_todo(item.departments[0].zh, item.departments[0].en or '')}",
            f"    cost: {_todo('费用', 'cost')}",
            f"    processing_time: {_todo('办理时限', 'processing time')}",
            "    legal_basis:",
            f"      - {_todo('政策依据', 'legal basis')}",
            "    values:",
        ]
        for floor in item.floors:
            out.append(f"      {floor.key}: {floor.example()}  # {floor.label.zh} / {floor.label.en}")
        out.append("")
    return "\n".join(out)
