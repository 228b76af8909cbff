"""Render a validation Report as text for a terminal, JSON for tools, or GitHub workflow annotations."""

from __future__ import annotations

import json

from carelist.diagnostics import Diagnostic, Level, Report


def _where(d: Diagnostic) -> str:
    return f"{d.file}:{d.line}:{d.column}" if d.line else d.file


def summary(report: Report) -> str:
    errors, warnings, files = len(report.errors), len(report.warnings), len(report.files)
    en_files = _plural(files, "file")
    if not report.diagnostics:
        return f"✓ 全部通过：{files} 个文件没有问题。 / All good: {en_files} checked, no problems."
    return (
        f"{errors} 个错误，{warnings} 个警告（检查了 {files} 个文件）。 / "
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {en_files} checked."
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def as_text(report: Report) -> str:
    """One block per diagnostic: location, path, then Chinese and English message and hint."""
    blocks = []
    for d in report.sorted():
        label = "错误 error" if d.level is Level.ERROR else "警告 warning"
        lines = [f"{_where(d)}: {label} [{d.code}]" + (f" {d.path}" if d.path else ""), f"  {d.message_zh}", f"  {d.message_en}"]
        if d.hint_zh or d.hint_en:
            lines += [f"  提示：{d.hint_zh}", f"  Hint: {d.hint_en}"]
        blocks.append("\n".join(lines))
    blocks.append(summary(report))
    return "\n\n".join(blocks) + "\n"


def as_json(report: Report) -> str:
    payload = {
        "ok": report.ok,
        "files": report.files,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "diagnostics": [d.as_dict() for d in report.sorted()],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(report: Report) -> str:
    """GitHub Actions workflow commands: each diagnostic shows on its line in the pull request."""
    out = []
    for d in report.sorted():
        props = [f"file={_escape_property(d.file)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={_escape_property(f'carelist {d.code} {d.path}'.strip())}")
        body = f"{d.message_zh}\n{d.message_en}"
        if d.hint_zh or d.hint_en:
            body += f"\n提示：{d.hint_zh}\nHint: {d.hint_en}"
        out.append(f"::{'error' if d.level is Level.ERROR else 'warning'} {','.join(props)}::{_escape_data(body)}")
    out.append(summary(report))
    return "\n".join(out) + "\n"


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
