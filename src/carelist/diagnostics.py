"""Diagnostics: one finding (where, what, how to fix, in Chinese and English) and the report that collects them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

PathKey = tuple[str | int, ...]


class Level(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file. Line and column are 1-based; 0 means the whole file."""

    file: str
    line: int
    column: int
    level: Level
    code: str
    path: str
    message_zh: str
    message_en: str
    hint_zh: str = ""
    hint_en: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "level": str(self.level),
            "code": self.code,
            "path": self.path,
            "message": {"zh": self.message_zh, "en": self.message_en},
            "hint": {"zh": self.hint_zh, "en": self.hint_en},
        }


@dataclass
class Report:
    """Every diagnostic of one operation, plus the files it looked at."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.diagnostics))


def display_path(path: Path) -> str:
    """A path as editors see it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def format_path(path: PathKey) -> str:
    """services.preschool.steps[0].zh"""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
