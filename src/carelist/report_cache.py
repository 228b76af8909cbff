"""A cache of each checklist's diagnostics, keyed by what they depend on: the file's bytes and name, carelist's own
code, the schema folder and the baseline. A file validated before costs a hash and a small JSON read.

Only `carelist validate` uses it (the site and coverage need the model, which is always built afresh). It lives in
$XDG_CACHE_HOME/carelist (~/.cache/carelist); CARELIST_CACHE=off turns it off, CARELIST_CACHE=DIR moves it.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

from carelist.diagnostics import Diagnostic, Level

_VERSION = "1"  # bump when the stored shape changes


def cache_dir() -> Path | None:
    setting = os.environ.get("CARELIST_CACHE", "")
    if setting.lower() in ("0", "off", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "carelist" / "validate"


@cache
def fingerprint(schema_dir: Path, baseline_path: Path) -> str:
    """A hash of everything besides the file that decides its diagnostics."""
    digest = hashlib.sha256(_VERSION.encode())
    package = Path(__file__).resolve().parent
    for path in [*sorted(package.glob("*.py")), *sorted(schema_dir.iterdir()), baseline_path]:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(raw: bytes, path: Path, named_as_checklist: bool, schema_dir: Path, baseline_path: Path) -> str:
    digest = hashlib.sha256(fingerprint(schema_dir, baseline_path).encode())
    digest.update(f"{path.name}\0{path.parent.name}\0{named_as_checklist}\0".encode() + raw)
    return digest.hexdigest()


Entry = tuple[list[Diagnostic], str | None, tuple[int, int]]


def load(folder: Path, name: str, file: str) -> Entry | None:
    """The diagnostics stored under name (shown for file), the region code of a usable checklist and where it is
    written; None when not there or unreadable."""
    try:
        stored = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        found = [Diagnostic(file=file, **{**d, "level": Level(d["level"])}) for d in stored["diagnostics"]]
        line, column = stored["where"]
        return found, stored["code"], (int(line), int(column))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(folder: Path, name: str, entry: Entry) -> None:
    """Keep the diagnostics; a cache that cannot be written is only slower, never an error."""
    diagnostics, code, where = entry
    fields = ("line", "column", "level", "code", "path", "message_zh", "message_en", "hint_zh", "hint_en")
    payload = {
        "code": code,
        "where": list(where),
        "diagnostics": [{f: str(getattr(d, f)) if f == "level" else getattr(d, f) for f in fields} for d in diagnostics],
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f"{name}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        temporary.replace(folder / f"{name}.json")
    except OSError:
        pass
