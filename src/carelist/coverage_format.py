"""Render the coverage matrix as text, JSON, or a Markdown table for a pull-request comment."""

from __future__ import annotations

import json

from carelist.coverage import Cell, CoverageMatrix, RegionCoverage, Verdict

LEGEND = "✓ 达到 meets · ↑ 高于 exceeds · ↓ 低于 below the floor · ✗ 缺失 missing"


def _problems(region: RegionCoverage) -> list[tuple[str, Cell]]:
    return [(c.item_id, c) for c in (region.definition, *region.cells) if c.verdict in (Verdict.MISSING, Verdict.BELOW)]


def _reasons(cell: Cell, verdicts: tuple[Verdict, ...]) -> list[str]:
    return [f"{f.reason.zh} / {f.reason.en}" for f in cell.findings if f.verdict in verdicts]


def as_text(matrix: CoverageMatrix) -> str:
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
        out.append(
            f"  {'✓ 符合国家基础清单 meets the baseline' if region.ok else '✗ 未达到国家基础清单 does not meet the baseline'} ({counts})"
        )
        out.append("")
    if not matrix.regions:
        out.append("没有可检查的清单。 / No checklists to assess.")
    out.append(LEGEND)
    return "\n".join(out) + "\n"


def as_json(matrix: CoverageMatrix) -> str:
    def cell(c: Cell) -> dict[str, object]:
        return {
            "verdict": c.verdict.value,
            "reasons": [
                {"verdict": f.verdict.value, "key": f.key, "section": f.section, "zh": f.reason.zh, "en": f.reason.en} for f in c.findings
            ],
        }

    payload = {
        "ok": matrix.ok,
        "baseline_version": matrix.baseline.version,
        "items": matrix.baseline.item_ids,
        "regions": [
            {
                "code": r.code,
                "name": {"zh": r.name.zh, "en": r.name.en},
                "file": r.file,
                "ok": r.ok,
                "definition": cell(r.definition),
                "items": {c.item_id: cell(c) for c in r.cells},
            }
            for r in matrix.regions
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_markdown(matrix: CoverageMatrix) -> str:
    """A summary table, the region × item matrix, then what each region must fix."""
    head = "### carelist 覆盖情况 / coverage\n\n"
    if not matrix.regions:
        return head + "没有可检查的清单。 / No checklists to assess.\n"
    lines = [head.rstrip(), "", "| 地区 Region | 定义 Definition | ✓ | ↑ | ↓ | ✗ | 结论 Result |", "|---|---|---|---|---|---|---|"]
    for r in matrix.regions:
        result = "✓ 符合 meets" if r.ok else "✗ 未达到 fails"
        lines.append(
            f"| {r.code} {r.name.zh} | {r.definition.verdict.symbol} | {r.count(Verdict.MEETS)} | {r.count(Verdict.EXCEEDS)} "
            f"| {r.count(Verdict.BELOW)} | {r.count(Verdict.MISSING)} | {result} |"
        )
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
