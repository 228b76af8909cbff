"""Commands that other installed packages add to `carelist` (entry point group `carelist.commands`).

An entry point names a function `register(subparsers)` that adds one sub-command and sets `run` on it with
`set_defaults(run=handler)`; the handler takes the parsed arguments and returns the exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

GROUP = "carelist.commands"
EXIT_USAGE = 2

Register = Callable[["argparse._SubParsersAction[Any]"], None]


@dataclass(frozen=True)
class PluginCommand:
    name: str
    register: Register


def _unavailable(name: str, reason: str) -> Register:
    """A command whose package is installed but does not load: it says so when run, and the others still work."""

    def register(sub: argparse._SubParsersAction[Any]) -> None:
        def run(_args: argparse.Namespace) -> int:
            sys.stderr.write(f"carelist: {name} 命令无法加载 / the {name} command cannot be loaded: {reason}\n")
            return EXIT_USAGE

        sub.add_parser(name, help=f"(unavailable: {reason})").set_defaults(run=run)

    return register


def plugin_commands() -> list[PluginCommand]:
    """Every installed command, sorted by name."""
    commands = []
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        try:
            register = ep.load()
        except (ImportError, AttributeError) as exc:
            register = _unavailable(ep.name, f"{type(exc).__name__}: {exc}")
        commands.append(PluginCommand(ep.name, register))
    return commands
