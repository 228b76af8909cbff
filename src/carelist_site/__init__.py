"""The public site: a Pelican plugin that renders the validated checklists through theme/ (see generator.py)."""

from __future__ import annotations

from typing import Any

from pelican import signals


def get_generators(pelican: Any) -> type:
    from carelist_site.generator import CarelistGenerator

    return CarelistGenerator


def register() -> None:
    """Pelican's plugin entry point (PLUGINS = ["carelist_site"])."""
    signals.get_generators.connect(get_generators)
