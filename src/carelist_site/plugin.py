"""The Pelican plugin: `register()` connects the carelist generator (generator.py) to Pelican's signals."""

from __future__ import annotations

from typing import Any

from pelican import signals

from carelist_site.generator import CarelistGenerator


def get_generators(pelican: Any) -> type:
    return CarelistGenerator


def register() -> None:
    """Pelican's plugin entry point (PLUGINS = ["carelist_site.plugin"] in pelican.conf.py)."""
    signals.get_generators.connect(get_generators)
