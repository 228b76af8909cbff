"""The search index: Pagefind run over a built site, one index per `<html lang>`, in the site's `pagefind/` folder.

The build calls `index_site` on the staging folder before it is swapped in, so a failure here leaves the published
site as it was. It runs the binary of the `pagefind[extended]` package (the extended build segments Chinese; the
plain one finds no Chinese word inside a sentence) — the same binary `python -m pagefind` runs. Its Python API
drives that binary too, through an asyncio service, and writes the same files; a plain subprocess is simpler.

Pagefind 1.5.2 writes filter values and the list of filters in hash-map order, which changes from run to run
(upstream issue #638 made the fragment files stable, not these). `_reproducible` puts them in sorted order, as
later Pagefind versions do, and renames the files by their new content with Pagefind's own hash, so two builds of
the same sources stay byte-identical.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cbor2

from carelist.errors import CarelistError

BUNDLE = "pagefind"
TIMEOUT_SECONDS = 600
ENTRY = "pagefind-entry.json"
_MAGIC = b"pagefind_dcd"  # every compressed Pagefind file starts with this, inside the gzip stream
# Pagefind's ready-made interfaces: the site's search page uses its own small script over pagefind.js instead.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class SearchIndex:
    pages: dict[str, int]  # Pagefind's language code (lower case, "zh-hans") → pages indexed
    files: int
    bytes: int
    seconds: float
    notes: tuple[str, ...] = ()  # things worth telling whoever runs the build


def _fail(reason: str) -> CarelistError:
    return CarelistError(f"the search index failed: {reason} / 搜索索引生成失败")


def executable() -> Path:
    """Pagefind's extended binary (or the one PAGEFIND_BINARY_PATH names, as the pagefind package allows)."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise _fail("the pagefind package is not installed (pip install 'pagefind[extended]')") from exc
    binary = get_executable()
    if binary is None:
        raise _fail("no Pagefind binary found (pip install 'pagefind[extended]')")
    return binary


def _last_line(*outputs: str) -> str:
    for output in outputs:
        lines = [line.strip() for line in _ANSI.sub("", output).splitlines() if line.strip()]
        if lines:
            return lines[-1]
    return "no output"


def index_site(folder: Path) -> SearchIndex:
    """Index folder's pages into folder/pagefind/; raises CarelistError with one clear line when that fails."""
    started = time.perf_counter()
    binary = executable()
    # Pagefind also reads PAGEFIND_* variables and a pagefind.yml in its working directory: the staging folder has
    # none, and the variables are left out, so only the pages decide what is indexed.
    env = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    try:
        run = subprocess.run(
            [str(binary), "--site", "."],
            cwd=folder,
            env=env,
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise _fail(f"Pagefind took longer than {TIMEOUT_SECONDS} s") from exc
    except OSError as exc:
        raise _fail(f"cannot run {binary}: {exc.strerror or exc}") from exc
    if run.returncode != 0:
        raise _fail(f"Pagefind exited with {run.returncode}: {_last_line(run.stderr, run.stdout)}")
    if "(Extended)" not in run.stdout:
        raise _fail(f"{binary} is not Pagefind's extended build, which Chinese needs (pip install 'pagefind[extended]')")
    bundle = folder / BUNDLE
    try:
        languages = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))["languages"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise _fail(f"Pagefind wrote no readable {BUNDLE}/{ENTRY}") from exc
    if not languages or not all(info.get("page_count") for info in languages.values()):
        raise _fail("Pagefind indexed no pages: do the pages still mark their content with data-pagefind-body?")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    notes = _reproducible(bundle)
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return SearchIndex(
        pages={language: info["page_count"] for language, info in sorted(languages.items())},
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        seconds=time.perf_counter() - started,
        notes=notes,
    )


# --- reproducible output ---------------------------------------------------------------------------------------


class _Unexpected(Exception):
    """The bundle is not laid out the way Pagefind 1.5 writes it."""


def _full_hash(data: bytes) -> str:
    # Pagefind's own file hash: SHA-1, each byte written with `{:x?}`, so without a leading zero.
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_MAGIC):
        raise _Unexpected(f"{path.name} is not a Pagefind file")
    payload = data[len(_MAGIC) :]
    value = cbor2.loads(payload)
    if cbor2.dumps(value) != payload:  # the rewrite must change only what it sorts
        raise _Unexpected(f"{path.name} does not re-encode to the same bytes")
    return value


def _pack(value: Any) -> tuple[bytes, bytes]:
    """The CBOR payload (what Pagefind hashes) and the file content (gzip with no timestamp)."""
    payload = cbor2.dumps(value)
    return payload, gzip.compress(_MAGIC + payload, compresslevel=9, mtime=0)


def _entry_json(entry: dict[str, Any]) -> str:
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


def _plan_language(bundle: Path, language: str, meta_hash: str) -> tuple[str, dict[Path, bytes], set[Path]]:
    """Sorted filters and metadata for one language: the new metadata hash, files to write, files to remove."""
    writes: dict[Path, bytes] = {}
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
        raise _Unexpected(f"{meta_path.name} has no list of filters where Pagefind 1.5 puts it")
    filters, taken, old_files = [], set(), {meta_path}
    for name, old_hash in sorted(meta[3]):
        old_path = bundle / "filter" / f"{old_hash}.pf_filter"
        old_files.add(old_path)
        filter_name, values = _read(old_path)
        payload, content = _pack([filter_name, sorted(values, key=lambda v: v[0].encode("utf-8"))])
        full, length = f"{language}_{_full_hash(payload)}", len(language) + 8  # Pagefind: 7 hex digits, longer on a clash
        while full[:length] in taken:
            length += 1
        taken.add(full[:length])
        filters.append([name, full[:length]])
        writes[bundle / "filter" / f"{full[:length]}.pf_filter"] = content
    meta[3] = filters
    payload, content = _pack(meta)
    new_hash = f"{language}_{_full_hash(payload)[: len(language) + 8]}"
    writes[bundle / f"pagefind.{new_hash}.pf_meta"] = content
    return new_hash, writes, old_files


def _reproducible(bundle: Path) -> tuple[str, ...]:
    """Rewrite the files Pagefind writes in random order; returns a note instead when the layout is not understood."""
    entry_path = bundle / ENTRY
    try:
        raw = entry_path.read_text(encoding="utf-8")
        entry = json.loads(raw)
        if _entry_json(entry) != raw:
            raise _Unexpected(f"{ENTRY} is not written the way Pagefind 1.5 writes it")
        writes: dict[Path, bytes] = {}
        removes: set[Path] = set()
        for language, info in entry["languages"].items():
            info["hash"], language_writes, language_removes = _plan_language(bundle, language, info["hash"])
            writes |= language_writes
            removes |= language_removes
        entry["languages"] = dict(sorted(entry["languages"].items()))
    except (_Unexpected, cbor2.CBORError, OSError, ValueError, KeyError, TypeError, EOFError, gzip.BadGzipFile) as exc:
        # Search still works; only the byte-for-byte repeatability of the build is lost. Say so, do not fail.
        return (f"search index left as Pagefind wrote it, so two builds may differ in {BUNDLE}/: {exc}",)
    # Everything is computed before anything is touched: a half-rewritten bundle would break search.
    for path in removes - writes.keys():
        path.unlink()
    for path, content in writes.items():
        path.write_bytes(content)
    entry_path.write_text(_entry_json(entry), encoding="utf-8")
    return ()
