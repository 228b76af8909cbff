"""Render the coverage matrix as text, JSON, or a Markdown table for a pull-request comment."""

from __future__ import annotations

import json
from collections.abc import Sequence

from carelist.coverage import Cell, CoverageMatrix, RegionCoverage, Verdict

LEGEND = "✓ 达到 meets · ↑ 高于 exceeds · ↓ 低于 below the floor · ✗ 缺失 missing"
NOT_ASSESSED = "未评估 not assessed"
NOT_ASSESSED_WHY = "文件有错误，无法评估（见 carelist validate） / the file has errors and could not be assessed (see carelist validate)"


def _result(region: RegionCoverage) -> str:
    """A region's verdict: meets, fails, or not ready while its texts still hold placeholders."""
    if not region.ready:
        return f"… 未完成 not ready ({region.placeholders} 处占位 placeholders)"
    return "✓ 符合 meets" if region.ok else "✗ 未达到 fails"


def _problems(region: RegionCoverage) -> list[tuple[str, Cell]]:
    return [(c.item_id, c) for c in (region.definition, *region.cells) if c.verdict in (Verdict.MISSING, Verdict.BELOW)]


def _reasons(cell: Cell, verdicts: tuple[Verdict, ...]) -> list[str]:
    return [f"{f.reason.zh} / {f.reason.en}" for f in cell.findings if f.verdict in verdicts]


def as_text(matrix: CoverageMatrix, not_assessed: Sequence[str] = ()) -> str:
    """One block per region: the definition, a line per item, and why anything is below or above."""
    out: list[str] = []
    for region in matrix.regions:
        out.append(f"{region.code} {region.name.zh} / {region.name.en or region.name.zh}  ({region.file})")
        for cell in (region.definition, *region.cells):
            title = "流动儿童定义 definition" if cell.item_id == "definition" else matrix.baseline.item(cell.item_id).title.zh
            out.append(f"  {cell.verdict.symbol} {cell.item_id:<34} {cell.verdict.label.zh} / {cell.verdict.label.en}  {title}")
            for reason in _reasons(cell, (Verdict.BELOW, Verdict.EXCEEDS)):
                out.append(f"      {reason}")
        counts = ", ".join(f"{v.value} {region.count(v)}" for v in Verdict)
        if not region.ready:
            verdict = f"… 未完成：还有 {region.placeholders} 处占位内容 not ready: {region.placeholders} placeholders left"
        else:
            verdict = "✓ 符合国家基础清单 meets the baseline" if region.ok else "✗ 未达到国家基础清单 does not meet the baseline"
        out.append(f"  {verdict} ({counts})")
        out.append("")
    for file in not_assessed:
        out += [f"{file}: {NOT_ASSESSED} — {NOT_ASSESSED_WHY}", ""]
    if not matrix.regions and not not_assessed:
        out.append("没有可检查的清单。 / No checklists to assess.")
    out.append(LEGEND)
    return "\n".join(out) + "\n"


def as_json(matrix: CoverageMatrix, not_assessed: Sequence[str] = ()) -> str:
    def cell(c: Cell) -> dict[str, object]:
        return {
            "verdict": c.verdict.value,
            "reasons": [
                {"verdict": f.verdict.value, "key": f.key, "section": f.section, "zh": f.reason.zh, "en": f.reason.en} for f in c.findings
            ],
        }

    payload = {
        "ok": matrix.ok and not not_assessed,
        "baseline_version": matrix.baseline.version,
        "items": matrix.baseline.item_ids,
        "regions": [
            {
                "code": r.code,
                "name": {"zh": r.name.zh, "en": r.name.en},
                "file": r.file,
                "ok": r.ok,
                "ready": r.ready,
                "placeholders": r.placeholders,
                "definition": cell(r.definition),
                "items": {c.item_id: cell(c) for c in r.cells},
            }
            for r in matrix.regions
        ],
        "not_assessed": list(not_assessed),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(matrix: CoverageMatrix, not_assessed: Sequence[str] = ()) -> str:
    """A summary table (files too broken to assess included), the region × item matrix, then what each region must fix."""
    head = "### carelist 覆盖情况 / coverage\n\n"
    if not matrix.regions and not not_assessed:
        return head + "没有可检查的清单。 / No checklists to assess.\n"
    lines = [head.rstrip(), "", "| 地区 Region | 定义 Definition | ✓ | ↑ | ↓ | ✗ | 结论 Result |", "|---|---|---|---|---|---|---|"]
    for r in matrix.regions:
        lines.append(
            f"| {r.code} {r.name.zh} | {r.definition.verdict.symbol} | {r.count(Verdict.MEETS)} | {r.count(Verdict.EXCEEDS)} "
            f"| {r.count(Verdict.BELOW)} | {r.count(Verdict.MISSING)} | {_result(r)} |"
        )
    for file in not_assessed:
        lines.append(f"| `{_cell(file)}` | — | — | — | — | — | {NOT_ASSESSED} |")
    if not_assessed:
        lines += ["", NOT_ASSESSED_WHY]
    if not matrix.regions:
        return "\n".join([*lines, "", LEGEND]) + "\n"
    lines += ["", "<details><summary>逐项 Item by item</summary>", ""]
    lines.append("| 项目 Item | " + " | ".join(r.code for r in matrix.regions) + " |")
    lines.append("|---|" + "---|" * len(matrix.regions))
    for index, item in enumerate(matrix.baseline.items):
        row = " | ".join(r.cells[index].verdict.symbol for r in matrix.regions)
        lines.append(f"| {item.title.zh} `{item.id}` | {row} |")
    lines += ["", "</details>", ""]
    for r in matrix.regions:
        problems = _problems(r)
        if problems:
            lines.append(f"**{r.code} {r.name.zh}** 需要修改 / to fix:")
            for item_id, cell in problems:
                for reason in _reasons(cell, (Verdict.MISSING, Verdict.BELOW)):
                    lines.append(f"- `{item_id}`: {reason}")
            lines.append("")
    lines.append(LEGEND)
    return "\n".join(lines) + "\n"


FORMATS = {"text": as_text, "json": as_json, "markdown": as_markdown}
