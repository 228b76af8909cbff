"""The build cache under cache/: what the previous build wrote, so the next one reuses the files that did not change.

The cache holds one manifest per output folder: for every file the build wrote, the key of the inputs it was made
from (pages), a digest of its bytes, and the file's size, mtime and inode as written. A later build links a file
from the published folder into its new folder, instead of making it again, only when the key (or the bytes) match
and the published file is still the very file the manifest describes. Anything else — no manifest, a manifest of
another version, a file edited or replaced by hand — means the file is made again. So the cache may be deleted at
any time, and a build with it gives the same bytes as one without it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from carelist.history import History

FORMAT = 4  # bump when the manifest's layout or the meaning of a key changes
STALE_DAYS = 14  # manifests of folders not built for this long (test runs' temporary folders) are removed
# The libraries whose version can change a page's bytes.
LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown", "nh3", "babel", "zxing-cpp")


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _hash_tree(h: Any, folder: Path, suffixes: tuple[str, ...] | None = None) -> None:
    if not folder.exists():
        h.update(b"missing:" + str(folder).encode())
        return
    files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        if suffixes and path.suffix not in suffixes:
            continue
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" if path != folder else b"\0")
        h.update(digest(path.read_bytes()).encode())


@functools.cache
def code_fingerprint() -> str:
    """The source of both packages and the versions of the libraries that shape the output.

    Once per process: the code that runs is the code imported at its start, whatever happens on disk since."""
    import carelist
    import carelist_site

    h = hashlib.blake2b(digest_size=20)
    h.update(sys.version.encode())
    for package in (carelist, carelist_site):
        _hash_tree(h, Path(str(package.__file__)).resolve().parent, (".py", ".json", ".yaml", ".txt"))
    for name in LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none".encode())
    return h.hexdigest()


def inputs_fingerprint(folders: Iterable[Path], settings: dict[str, Any]) -> str:
    """Everything but the checklists that a page may read: code, theme, about pages, schema folder, baseline, settings."""
    h = hashlib.blake2b(digest_size=20)
    h.update(code_fingerprint().encode())
    for folder in folders:
        _hash_tree(h, folder)
    h.update(_settings_text(settings).encode())
    return h.hexdigest()


# Settings that change nothing in the output (or are the build's own plumbing).
# CARELIST_HISTORY is keyed by history_fingerprints, region by region.
_UNRELATED_SETTINGS = frozenset(
    {"OUTPUT_PATH", "CARELIST_DATASET", "CARELIST_SESSION", "CARELIST_WORKERS", "CARELIST_CACHE_DIR", "CARELIST_HISTORY"}
)


def _settings_text(settings: dict[str, Any]) -> str:
    """The settings as text; values that are not plain data (functions, compiled patterns) count by type only."""
    plain = {k: v for k, v in settings.items() if k.isupper() and k not in _UNRELATED_SETTINGS}
    return json.dumps(plain, sort_keys=True, default=lambda value: f"<{type(value).__name__}>", ensure_ascii=False)


T = TypeVar("T")

# Values made from model objects, kept between the builds of one process (carelist serve): the checklists that did
# not change are the very same objects (see _STORE), so what was made from them still holds. Keyed by identity, with
# the objects kept alive so that an identity is never reused while its entry exists.
_MADE_FROM: dict[tuple[str, tuple[int, ...]], tuple[tuple[object, ...], Any]] = {}


def made_from(name: str, models: tuple[object, ...], make: Callable[[], T]) -> T:
    """make(), or what it gave for these same (immutable) model objects before."""
    key = (name, tuple(map(id, models)))
    kept = _MADE_FROM.get(key)
    if kept is not None and all(a is b for a, b in zip(kept[0], models, strict=True)):
        value: T = kept[1]
        return value
    value = make()
    _MADE_FROM[key] = (models, value)
    return value


def forget_all_but(models: Iterable[object]) -> None:
    """Drop what was made from models no longer in use (a list that has since been edited)."""
    alive = {id(m) for m in models}
    for key in [k for k in _MADE_FROM if not alive.issuperset(k[1])]:
        del _MADE_FROM[key]


def model_fingerprint(value: object) -> str:
    """A digest of a model object (a checklist): the same data gives the same digest (the model holds no sets)."""
    return digest(pickle.dumps(value, protocol=5))


def history_fingerprints(history: History | None, codes: Iterable[str]) -> tuple[str, dict[str, str]]:
    """The history's shared part (whether git gave it, and why not) and, per region, its versions: each one's number,
    dates, commit, list as it was and changes. Not the history's counts and seconds, which differ from run to run."""
    if history is None:
        return digest(b"no history"), {code: digest(b"no history") for code in codes}
    shared = model_fingerprint((history.available, history.notice, history.reason))
    return shared, {code: model_fingerprint(history.of(code)) for code in codes}


@dataclass(frozen=True)
class Entry:
    key: str | None  # the inputs' key, for pages; None for files compared by their bytes
    digest: str
    size: int
    mtime_ns: int
    inode: int
    context: str | None = None  # for pages: the digest of the context the page was rendered from

    @classmethod
    def of(cls, key: str | None, content_digest: str, st: os.stat_result, context: str | None = None) -> Entry:
        """The entry of a file just written, from its stat (see write_file)."""
        return cls(key, content_digest, st.st_size, st.st_mtime_ns, st.st_ino, context)


class BuildCache:
    """The manifest of one output folder: read at the start of a build, replaced once the new folder is in place."""

    def __init__(self, root: Path | None, published: Path) -> None:
        self.published = published
        self.file = root / "outputs" / (digest(str(published).encode()) + ".json") if root else None
        self.previous: dict[str, Entry] = self._load()
        self.current: dict[str, Entry] = {}

    def _load(self) -> dict[str, Entry]:
        if self.file is None or not self.published.is_dir():
            return {}
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return {}
            return {rel: Entry(*values) for rel, values in data["files"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}  # unreadable or from another version: build everything, as if there were no cache

    def _unchanged(self, rel: str, entry: Entry) -> Path | None:
        """The published file, when it is still the one the manifest describes."""
        path = self.published / rel
        try:
            st = path.stat()
        except OSError:
            return None
        return path if (st.st_size, st.st_mtime_ns, st.st_ino) == (entry.size, entry.mtime_ns, entry.inode) else None

    def _reusable(self, rel: str, field: str, value: str) -> tuple[Path, Entry] | None:
        entry = self.previous.get(rel)
        if entry is None or getattr(entry, field) != value:
            return None
        path = self._unchanged(rel, entry)
        return (path, entry) if path else None

    def reusable_page(self, rel: str, key: str) -> tuple[Path, Entry] | None:
        """The published copy of a page whose inputs have not changed, if there is one."""
        return self._reusable(rel, "key", key)

    def reusable_render(self, rel: str, context_digest: str) -> tuple[Path, Entry] | None:
        """The published copy of a page rendered from this very context (by the same code and theme), if there is one."""
        return self._reusable(rel, "context", context_digest)

    def reusable_bytes(self, rel: str, content_digest: str) -> tuple[Path, Entry] | None:
        """The published copy of a file with these very bytes, if there is one."""
        return self._reusable(rel, "digest", content_digest)

    def save(self) -> None:
        """Record what is now published (call after the new folder has replaced the old one)."""
        if self.file is None:
            return
        data = {"format": FORMAT, "files": {rel: list(vars(e).values()) for rel, e in sorted(self.current.items())}}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.file.parent, delete=False, suffix=".tmp") as f:
                json.dump(data, f, separators=(",", ":"))
            os.replace(f.name, self.file)
            cutoff = time.time() - STALE_DAYS * 86400
            for other in self.file.parent.glob("*.json"):
                if other.stat().st_mtime < cutoff:
                    other.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only makes the next build a full one


class Folders:
    """Makes the folders of the new output, each once (a build puts thousands of files into a few thousand folders)."""

    def __init__(self) -> None:
        self.made: set[str] = set()

    def make(self, folder: str | Path) -> None:
        name = os.fspath(folder)
        if name not in self.made:
            os.makedirs(name, exist_ok=True)
            self.made.add(name)


def write_file(target: str, content: bytes) -> os.stat_result:
    """Write a file of the new output and return its stat. Plain os calls: through pathlib, writing a page took
    60 µs more than this (its folder made, written, stat'ed: 100 µs on tmpfs)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
        return os.fstat(fd)
    finally:
        os.close(fd)


def place(source: Path, target: Path, folders: Folders) -> None:
    """Put an unchanged file into the new folder: a hard link (no bytes copied), or a copy where links do not work."""
    folders.make(target.parent)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


# --- validation ------------------------------------------------------------------------------------------------


def check_with_cache(
    sources: Path,
    *,
    baseline_path: Path | None,
    schema_dir: Path,
    root: Path | None,
    workers: int = 1,
    meanwhile: Callable[[], object] | None = None,
    save_later: list[Callable[[], None]] | None = None,
) -> Any:
    """carelist.checker.check over one folder, reusing each unchanged file's result from the previous build.

    A file's result (its model and diagnostics) depends on its bytes and name and on what every file shares: the
    code, the schema folder and the baseline, whose change starts a fresh cache. The one check across files, two
    files for one region, is left to check() itself: when codes repeat, everything is checked again.
    meanwhile: work for this process, done while worker processes check, else after the checks; always once.
    save_later: when given, saving the results is appended to it, for the caller to run when it suits (the build:
    while the page workers run, instead of while the other core waits)."""
    pending = [meanwhile] if meanwhile else []

    def once() -> None:
        while pending:
            pending.pop()()

    saves = save_later if save_later is not None else []
    dataset = _check_with_cache(sources, baseline_path, schema_dir, root, workers, once, saves)
    once()
    if save_later is None:
        for save in saves:
            save()
    return dataset


def _check_with_cache(
    sources: Path,
    baseline_path: Path | None,
    schema_dir: Path,
    root: Path | None,
    workers: int,
    meanwhile: Callable[[], None],
    saves: list[Callable[[], None]],
) -> Any:
    from carelist.checker import Dataset, check, check_files, discover, load_regions, right_name
    from carelist.diagnostics import Report, display_path

    def checked(paths: list[Path]) -> Dataset:
        return check(paths, baseline_path=baseline_path, schema_dir=schema_dir, workers=workers, meanwhile=meanwhile)

    if root is None:
        return checked([sources])
    baseline_file = baseline_path or schema_dir / "baseline.yaml"
    h = hashlib.blake2b(digest_size=20)
    h.update(code_fingerprint().encode())
    _hash_tree(h, schema_dir)
    _hash_tree(h, baseline_file)
    h.update(str(Path.cwd()).encode())  # diagnostics name files relative to it
    store_file = root / "validation" / f"{h.hexdigest()}.pickle"
    store = _load_store(store_file)
    found = discover([sources])
    if any(right_name(path) is not None for path, _named in found):
        return checked([sources])  # files not named as checklists
    paths = [path for path, _named in found]
    keys = {}
    for path in paths:
        try:
            keys[path] = digest(display_path(path).encode() + b"\0" + str(path.resolve()).encode() + b"\0" + path.read_bytes())
        except OSError:
            return checked([sources])  # let check() say what is wrong
    missing = [p for p in paths if keys[p] not in store]
    if missing and "baseline" in store:
        # The baseline is the one stored (the store's name covers its bytes): only the new files need checking.
        results = check_files(missing, store["baseline"][0], schema_dir, load_regions(schema_dir), workers, meanwhile)
        for path, (problems, _code, _where, model) in zip(missing, results, strict=True):
            store[keys[path]] = (display_path(path), True, model, problems)
    elif "baseline" not in store:
        fresh = checked(missing)
        if fresh.baseline is None:
            return checked([sources])
        shown_missing = {display_path(p) for p in missing}
        by_file: dict[str, list[Any]] = {}
        for d in fresh.report.diagnostics:
            if d.code != "file.duplicate_region":  # across files: this cache leaves it to check() (see below)
                by_file.setdefault(d.file if d.file in shown_missing else "", []).append(d)
        models = {c.file: c for c in fresh.checklists}
        # What check() reports beyond the checklists (the baseline's file and problems) is the same every time.
        store["baseline"] = (fresh.baseline, [f for f in fresh.report.files if f not in shown_missing], by_file.get("", []))
        for path in missing:
            shown = display_path(path)
            store[keys[path]] = (shown, shown in fresh.report.files, models.get(shown), by_file.get(shown, []))
    baseline, baseline_files, baseline_problems = store["baseline"]
    report = Report(diagnostics=list(baseline_problems), files=list(baseline_files))
    dataset = Dataset(baseline=baseline, report=report)
    codes: set[str] = set()
    for path in paths:
        shown, listed, checklist, problems = store[keys[path]]
        if listed:
            report.files.append(shown)
        report.extend(problems)
        if checklist is not None:
            if checklist.code in codes:
                return checked([sources])
            codes.add(checklist.code)
            dataset.checklists.append(checklist)
    kept = {keys[p] for p in paths} | {"baseline"}
    if missing or kept != store.keys():
        saves.append(functools.partial(_save_store, store_file, {k: v for k, v in store.items() if k in kept}))
    return dataset


# The validation store this process last read or wrote, with the file's mtime then: `carelist serve` rebuilds after
# every edit and need not unpickle every model again. The models are frozen dataclasses, safe to share between builds.
_STORE: dict[Path, tuple[int, dict[str, Any]]] = {}


def _load_store(file: Path) -> dict[str, Any]:
    try:
        mtime = file.stat().st_mtime_ns
        if file in _STORE and _STORE[file][0] == mtime:
            return dict(_STORE[file][1])
        store = pickle.loads(file.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    _STORE[file] = (mtime, store)
    return dict(store)


def _save_store(file: Path, store: dict[str, Any]) -> None:
    _save_pickle(file, store)
    _STORE.clear()
    with contextlib.suppress(OSError):
        _STORE[file] = (file.stat().st_mtime_ns, store)


def _save_pickle(file: Path, value: object) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        for other in file.parent.glob("*.pickle"):  # results for other code, schema or baseline: never read again
            if other != file:
                other.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=file.parent, delete=False, suffix=".tmp") as f:
            pickle.dump(value, f, protocol=5)
        os.replace(f.name, file)
    except OSError:
        pass
