"""The open-data folder /data/: the dataset as JSON (combined and per region), CSV per region, the eligibility rules,
the checklist schema and the baseline, and a README in both languages that documents them.

Every file is made from the validated dataset with stable serialisation, so two builds give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from carelist import __version__
from carelist.export import (
    PLAIN_FIELDS,
    SERVICE_FIELDS,
    compact_dumps,
    csv_column_docs,
    region_csv,
    region_json,
    rules_json,
)
from carelist.history import UNAVAILABLE, History
from carelist_site import cache

if TYPE_CHECKING:
    from carelist.coverage import RegionCoverage
    from carelist.model import Baseline, Checklist

FOLDER = "data/"
COMBINED = FOLDER + "carelist.json"
RULES = FOLDER + "rules.json"
SCHEMA = FOLDER + "checklist.schema.json"
BASELINE = FOLDER + "baseline.json"
README = FOLDER + "README.md"
CHANGES = FOLDER + "changes.json"

LICENCE = (
    "数据整理自各地公开发布的政府文件。依据《中华人民共和国著作权法》第五条，国家机关具有行政性质的文件及其官方正式译文"
    "不适用该法。本站整理的部分（字段结构、英文翻译、与国家基础清单的对比）以 CC BY 4.0 许可发布：可自由使用、修改和再发布，"
    "请注明来源。标为示例（sample: true）的清单不是任何地区正式发布的清单，不能作为政策依据。",
    "The data is compiled from documents that governments publish. Under Article 5 of the Copyright Law of the People's "
    "Republic of China, administrative documents of state organs and their official translations are not covered by "
    "copyright. What this site adds (the structure, the English translations, the comparison with the national "
    "baseline) is released under CC BY 4.0: use, change and republish it freely, naming the source. Lists marked as "
    "samples (sample: true) are not any region's published list and must not be relied on as policy.",
)


_JSON_ONLY = {
    "values": ("与国家基础清单下限比较的数值", "The measurable values compared with the national baseline's floors"),
    "details": ("补充说明（Markdown）", "Further details (Markdown)"),
    "verdict": ("与国家基础清单相比的结论", "The verdict against the national baseline"),
}


@dataclass(frozen=True)
class DataFile:
    """One published file: its path under the site root and its bytes."""

    path: str
    content: bytes
    region: str | None = None  # the region code, for per-region files
    version: str | None = None  # the list's version, for the file of one version

    @property
    def format(self) -> str:
        return self.path.rsplit(".", 1)[-1].upper()


def region_json_path(code: str) -> str:
    return f"{FOLDER}regions/{code}.json"


def region_csv_path(code: str) -> str:
    return f"{FOLDER}regions/{code}.csv"


def region_version_path(code: str, version: str) -> str:
    return f"{FOLDER}regions/{code}/{version}.json"


def _version_files(
    baseline: Baseline, checklists: tuple[Checklist, ...], current: dict[str, bytes], history: History | None
) -> list[DataFile]:
    """Each version of each region's list, as the region file was at that version; the current one without history."""
    files = []
    for checklist in checklists:
        region = history.of(checklist.code) if history else None
        if region is None:
            version = checklist.publication.version
            files.append(DataFile(region_version_path(checklist.code, version), current[checklist.code], checklist.code, version))
            continue
        for v in region.versions:
            content = compact_dumps(region_json(v.checklist, baseline)).encode()
            files.append(DataFile(region_version_path(checklist.code, v.version), content, checklist.code, v.version))
    return files


def _region_files(
    baseline: Baseline, checklists: tuple[Checklist, ...], coverage: Mapping[str, RegionCoverage]
) -> dict[str, tuple[str, bytes]]:
    """Region code → its JSON document (compact, no newline) and its CSV file; in carelist serve, kept between builds
    for the lists that did not change (an edit changes one region's files, not the others')."""

    def make(checklist: Checklist) -> tuple[str, bytes]:
        text = compact_dumps(region_json(checklist, baseline, coverage[checklist.code])).rstrip("\n")
        # With a byte-order mark: Excel, which many reusers open CSV files in, otherwise misreads UTF-8 Chinese.
        return text, region_csv(checklist, baseline, coverage[checklist.code]).encode("utf-8-sig")

    return {c.code: cache.made_from("region files", (c, baseline), partial(make, c)) for c in checklists}


def _combined(baseline: Baseline, regions: list[str]) -> str:
    """carelist.json from the regions' compact JSON texts: what compact_dumps(dataset_json(…)) gives, without encoding
    every region again (tested)."""
    head = compact_dumps({"baseline_version": baseline.version}).rstrip("}\n")
    tail = compact_dumps({"version": __version__}).lstrip("{")
    return f'{head},"regions":[{",".join(regions)}],{tail}'


def data_files(
    baseline: Baseline,
    checklists: tuple[Checklist, ...],
    coverage: Mapping[str, RegionCoverage],
    schema_dir: Path,
    baseline_data: object,
    history: History | None = None,
) -> tuple[DataFile, ...]:
    """Every file of /data/, README last (it lists the others); coverage: each checklist's row of the matrix."""
    regions = _region_files(baseline, checklists, coverage)
    current = {code: (text + "\n").encode() for code, (text, _csv) in regions.items()}
    files = [
        DataFile(COMBINED, _combined(baseline, [regions[code][0] for code in sorted(regions)]).encode()),
        DataFile(RULES, compact_dumps(rules_json(list(checklists), baseline)).encode()),
        DataFile(SCHEMA, (schema_dir / "checklist.schema.json").read_bytes()),
        DataFile(BASELINE, compact_dumps(baseline_data).encode()),
    ]
    for checklist in checklists:
        files.append(DataFile(region_json_path(checklist.code), current[checklist.code], checklist.code))
        files.append(DataFile(region_csv_path(checklist.code), regions[checklist.code][1], checklist.code))
    files += _version_files(baseline, checklists, current, history)
    files.append(DataFile(CHANGES, compact_dumps((history or History(notice=UNAVAILABLE)).as_dict()).encode()))
    files.append(DataFile(README, readme(baseline, checklists, files).encode()))
    return tuple(files)


def data_version(checklists: tuple[Checklist, ...]) -> str:
    """The date of the newest change in the data: lists' publication dates and entries' revision dates."""
    dates = [c.publication.published for c in checklists]
    dates += [s.revised for c in checklists for s in c.services.values() if s.revised]
    return max(dates).isoformat() if dates else ""


def size_label(content: bytes) -> str:
    return f"{len(content) / 1024:.1f} KB"


def readme(baseline: Baseline, checklists: tuple[Checklist, ...], files: list[DataFile]) -> str:
    """The bilingual README of /data/, in Markdown."""
    lines = [
        "# 流动儿童关爱服务清单：开放数据 / Care services for mobile children: open data",
        "",
        f"- 数据版本 Data version: {data_version(checklists)}",
        f"- 国家基础清单版本 National baseline version: {baseline.version}",
        f"- 生成工具 Generated by: carelist {__version__}",
        "",
        "## 许可 / Licence",
        "",
        LICENCE[0],
        "",
        LICENCE[1],
        "",
        "## 文件 / Files",
        "",
        "| 文件 File | 内容 Contents | 大小 Size |",
        "| --- | --- | --- |",
    ]
    names = {c.code: c.name for c in checklists}
    describe = {
        COMBINED: "全部地区的全部清单（JSON） / Every region's list in one file (JSON)",
        RULES: "服务查询工具使用的资格规则（JSON） / The eligibility rules the entitlement finder uses (JSON)",
        SCHEMA: "清单文件格式（JSON Schema 2020-12） / The checklist file format (JSON Schema 2020-12)",
        BASELINE: "国家基础清单（JSON） / The national baseline (JSON)",
        CHANGES: "各地区清单的历次版本及每次修改内容（JSON） / Every version of each region's list and what changed in each (JSON)",
    }
    for f in files:
        if f.region and f.version:
            name = names[f.region]
            what = f"{name.zh}的清单第 {f.version} 版（{f.format}） / {name.en or name.zh} list, version {f.version} ({f.format})"
        elif f.region:
            name = names[f.region]
            what = f"{name.zh}的清单（{f.format}） / {name.en or name.zh} list ({f.format})"
        else:
            what = describe[f.path]
        lines.append(f"| [{f.path.removeprefix(FOLDER)}]({f.path.removeprefix(FOLDER)}) | {what} | {size_label(f.content)} |")
    lines += [
        "",
        "JSON 文件使用 UTF-8 编码；CSV 文件使用带 BOM 的 UTF-8（Excel 可直接打开），多项内容在同一单元格内分行。",
        "JSON files are UTF-8; CSV files are UTF-8 with a byte-order mark (so Excel opens them correctly), "
        "with several entries in one cell separated by line breaks.",
        "",
        "## CSV 字段 / CSV columns",
        "",
        "| 字段 Column | 说明 | Description |",
        "| --- | --- | --- |",
        *(f"| `{column}` | {zh} | {en} |" for column, zh, en in csv_column_docs()),
        "",
        "## JSON 字段 / JSON fields",
        "",
        "每个地区文件（以及 carelist.json 的 regions 中的每一项）包含：code 地区代码、name 名称、sample 是否为示例数据、"
        "document 发布文件（标题、发布部门、文号、发布与生效日期、版本、来源网址、修订历史）、hotlines 热线、"
        "definition 该地区对流动儿童的界定（年龄上限、居住月数、是否包含市辖区之间的迁移、信息更新周期，及与国家基础清单的对比）、"
        "services 国家基础清单项目、local_items 地区自设项目。文字字段都是 {zh, en} 对象，en 为 null 表示尚未翻译。",
        "Each region file (and each entry of `regions` in carelist.json) holds: `code`, `name`, `sample` (true for sample "
        "data), `document` (title, issuer, number, published and effective dates, version, source URL, history), "
        "`hotlines`, `definition` (the region's definition of a mobile child: age limit, months of residence, whether "
        "moves between a city's central districts count, how often information is updated, and its verdict against the "
        "national baseline), `services` (national baseline items) and `local_items` (the region's own items). Every text "
        "field is a `{zh, en}` object; `en` is null where there is no translation yet.",
        "",
        "| 服务字段 Service field | 说明 | Description |",
        "| --- | --- | --- |",
        *(f"| `{name}` | {zh} | {en} |" for name, (zh, en) in {**SERVICE_FIELDS, **_JSON_ONLY}.items()),
        "",
        f"`verdict`: {PLAIN_FIELDS['verdict'][0]} / {PLAIN_FIELDS['verdict'][1]}.",
        "",
        "rules.json 中每条规则：min_age 最低年龄、below_age 年龄须低于、min_months 最少居住月数、all_of 须全部符合的情形、"
        "any_of 符合其一即可的情形；情形 id 见 situations。",
        "In rules.json each rule has `min_age`, `below_age` (the child must be younger), `min_months` (months of "
        "residence), `all_of` (situations that must all apply) and `any_of` (at least one must apply); situation ids are "
        "listed under `situations`.",
        "",
        "regions/<地区代码>/<版本>.json 是该版本的地区文件（字段同上）。changes.json 中 regions 按地区代码列出每个版本（新的在前）："
        "version 版本、published 发布日期、effective 生效日期、first_committed 首次收录时间、commit 对应的 git 提交、note 编辑说明、"
        "changes 与上一版相比的修改（kind 类型、effect 对家庭的影响：raises 有利 / lowers 不利 / neutral 其他、item_id 服务、"
        "field 字段、text 说明）；available 为 false 时（没有完整的 git 历史）只有 notice。",
        "`regions/<code>/<version>.json` is the region file as it was at that version (same fields as above). In "
        "changes.json, `regions` lists each region's versions, newest first: `version`, `published`, `effective`, "
        "`first_committed`, `commit` (the git commit), `note` (the editor's note) and `changes` against the version "
        "before (`kind`, `effect` on what families get: `raises`, `lowers` or `neutral`, `item_id`, `field`, `text`); "
        "when `available` is false (no full git history) there is only a `notice`.",
        "",
    ]
    return "\n".join(lines)
