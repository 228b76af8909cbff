"""What the settings file (pelican.conf.py) says: read whole by Pelican, or only carelist's own names, without it.

Pelican leaves the CARELIST_* names as they are written, so they can be read before Pelican is even imported: the
build starts checking the checklists with them, and reads Pelican's settings while the checks run.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

from carelist.checker import available_cores, default_schema_dir
from carelist.errors import CarelistError

DEFAULT_SETTINGS = Path("pelican.conf.py")


def read_site_settings(settings_file: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every setting, as Pelican reads it (its defaults filled in, its paths made absolute)."""
    from pelican.settings import read_settings

    _must_exist(settings_file)
    try:
        settings = read_settings(str(settings_file))
    except Exception as exc:  # the settings file is Python: any error in it is the user's to fix, shown in one line
        raise _unreadable(settings_file, exc) from exc
    settings.update(overrides or {})
    return settings


def read_carelist_settings(settings_file: Path) -> dict[str, Any]:
    """Only the CARELIST_* settings, read without Pelican (they are the same in what Pelican reads)."""
    _must_exist(settings_file)
    try:
        names = runpy.run_path(str(settings_file))
    except Exception as exc:  # as above: whichever reads the file first says what is wrong with it
        raise _unreadable(settings_file, exc) from exc
    return {name: value for name, value in names.items() if name.startswith("CARELIST_")}


def _must_exist(settings_file: Path) -> None:
    if not settings_file.is_file():
        raise CarelistError(
            f"{settings_file} not found: run carelist from the repository root, or pass --settings "
            f"/ 找不到 {settings_file}：请在仓库根目录运行，或用 --settings 指定"
        )


def _unreadable(settings_file: Path, exc: Exception) -> CarelistError:
    return CarelistError(f"{settings_file}: {type(exc).__name__}: {exc}")


def schema_dir_from(settings: dict[str, Any]) -> Path:
    configured = settings.get("CARELIST_SCHEMA_DIR")
    return Path(configured) if configured else default_schema_dir()


def baseline_path_from(settings: dict[str, Any]) -> Path:
    configured = settings.get("CARELIST_BASELINE")
    return Path(configured) if configured else schema_dir_from(settings) / "baseline.yaml"


def workers_from(settings: dict[str, Any]) -> int:
    """CARELIST_WORKERS, or one per core this process may use."""
    configured = settings.get("CARELIST_WORKERS")
    if configured:
        return max(1, int(configured))
    return available_cores()
