"""`carelist build`: validate, build into a fresh folder beside the output, then swap it in.

Invalid data never reaches the public folder: validation runs first, and the site is written to a temporary folder
that replaces the output only once it is complete. Whatever goes wrong, the previous output stays as it was.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carelist.checker import Dataset, load_regions
from carelist.diagnostics import Report
from carelist.errors import CarelistError
from carelist.history import UNAVAILABLE, History, read_history
from carelist.model import Text
from carelist_site import stages
from carelist_site.cache import check_with_cache
from carelist_site.search_index import SearchIndex, write_index
from carelist_site.site_settings import DEFAULT_SETTINGS, read_carelist_settings, read_site_settings, schema_dir_from, workers_from
from carelist_site.template_errors import template_error


@dataclass
class BuildResult:
    report: Report
    output: Path
    built: bool = False
    pages: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)  # what Pelican logged as warnings
    notices: list[str] = field(default_factory=list)  # e.g. that the revision history was unavailable
    search: SearchIndex | None = None
    timings: stages.Timings = field(default_factory=stages.Timings)


class _PelicanLog(logging.Handler):
    """Collects what Pelican logs, so an error fails the build (Pelican itself only logs some failures)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(record.getMessage())


@contextlib.contextmanager
def _quiet_pelican() -> Iterator[_PelicanLog]:
    from pelican.log import console

    logger = logging.getLogger("pelican")
    handler = _PelicanLog()
    saved = (logger.propagate, logger.level, console.quiet)
    logger.addHandler(handler)
    logger.propagate, console.quiet = False, True
    logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate, console.quiet = saved[0], saved[2]
        logger.setLevel(saved[1])


def swap_in(new: Path, target: Path, *, background: bool = False) -> None:
    """Replace target with new: rename the old folder away, rename the new one in, then delete the old one (in a
    thread of its own when background: deleting thousands of folders takes seconds on a busy disk)."""
    if target.exists() and not target.is_dir():
        raise CarelistError(f"{target} exists and is not a folder: not replacing it")
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{target.name}.old-", dir=target.parent))
        os.replace(target, old)  # on POSIX this replaces the empty folder mkdtemp made
    try:
        os.replace(new, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None and background:
        threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, name="carelist-old-output").start()
    elif old is not None:
        shutil.rmtree(old, ignore_errors=True)


def render(settings: dict[str, Any], dataset: Dataset, folder: Path, session: Any = None) -> list[str]:
    """Run Pelican on an already validated dataset, writing into folder; returns what Pelican warned about."""
    from pelican import Pelican

    with _quiet_pelican() as log:
        Pelican({**settings, "OUTPUT_PATH": str(folder), "CARELIST_DATASET": dataset, "CARELIST_SESSION": session}).run()
    if log.errors:
        raise CarelistError("the site build reported errors:\n  " + "\n  ".join(log.errors))
    if not (folder / "index.html").is_file():
        raise CarelistError("no pages were written: is carelist_site.plugin in PLUGINS in pelican.conf.py?")
    return log.warnings


# CPython's collector thresholds (700, 10, 10) suit programs that make and drop small objects. A build makes the model,
# then batch after batch of page views that live until their batch is written, and the collector walked them again and
# again: a tenth of a 31-region build's CPU (wall 3.29 → 2.89 s, median of 8 builds). Walked less often, the same
# garbage is collected; at 300 regions the page workers' peak memory grew by 5%.
_BUILD_GC_THRESHOLDS = (20_000, 50, 100)


@contextlib.contextmanager
def _collecting_less() -> Iterator[None]:
    """The build's collector thresholds while it runs (the workers it forks inherit them), the caller's after."""
    before = gc.get_threshold()
    gc.set_threshold(*_BUILD_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@_collecting_less()
def build(
    settings_file: Path = DEFAULT_SETTINGS,
    *,
    output: Path | None = None,
    checklists: Path | None = None,
    baseline: Path | None = None,
    history: bool = True,
    workers: int | None = None,
    use_cache: bool = True,
    search: bool = True,
    background_cleanup: bool = False,
) -> BuildResult:
    """Validate, then build. When the data has errors, returns their report and touches nothing.

    history=False builds without reading git (the revisions pages then say the history is unavailable): for a site
    that must not depend on which commits a clone has, such as the tests' expected output. workers: processes that
    make the pages (default CARELIST_WORKERS, else one per core). use_cache: reuse what the published build made
    from unchanged inputs (CARELIST_CACHE_DIR). search: make the search index. background_cleanup: delete the
    replaced folder in a thread (the preview server does not wait for it)."""
    started = time.perf_counter()
    timings = stages.Timings()
    own = read_carelist_settings(settings_file)
    sources = (checklists or Path(own.get("CARELIST_CHECKLISTS", "checklists"))).resolve()
    cache_dir = own.get("CARELIST_CACHE_DIR") if use_cache else None
    cache_root = Path(cache_dir).resolve() if cache_dir else None
    workers = workers or workers_from(own)
    schema_dir = schema_dir_from(own)
    settings: dict[str, Any] = {}

    def read_pelican_settings() -> None:
        # Done while the workers check the checklists: importing Pelican and the page code, and compiling the theme,
        # take tenths of a second each.
        settings.update(read_site_settings(settings_file))
        importlib.import_module("carelist_site.generator").compile_theme(settings, cache_root)

    saves: list[Callable[[], None]] = []

    def save_results() -> None:  # once: while the page workers run, else as the build ends
        while saves:
            saves.pop()()

    with timings.stage(stages.READ):
        # Unchanged files keep their last result (model and diagnostics); see cache.check_with_cache.
        dataset = check_with_cache(
            sources,
            baseline_path=baseline,
            schema_dir=schema_dir,
            root=cache_root,
            workers=workers,
            meanwhile=read_pelican_settings,
            save_later=saves,
        )
    from carelist_site.generator import BuildSession, InvalidDataError, PageError
    from carelist_site.i18n import languages_from_settings

    target = (output or Path(settings["OUTPUT_PATH"])).resolve()
    result = BuildResult(report=dataset.report, output=target, timings=timings)
    if dataset.baseline is None or not dataset.report.ok:
        save_results()
        return result

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{target.name}.build-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the published folder must be readable by a web server
    with timings.stage(stages.HISTORY):
        cache = Path(settings["CACHE_PATH"]) / "carelist-revisions" if settings.get("CACHE_PATH") else None
        revisions = (
            read_history(sources, dataset.checklists, dataset.baseline, schema_dir, cache)
            if history
            else History(notice=UNAVAILABLE, reason=Text("构建时未读取 git 历史", "not read for this build"))
        )
    result.notices += [revisions.notice_line()] if not revisions.available else []
    settings.update(CARELIST_CHECKLISTS=str(sources), CARELIST_BASELINE=baseline, CARELIST_HISTORY=revisions)
    session = BuildSession(
        timings=timings,
        workers=workers,
        cache_dir=cache_root,
        published=target,
    )
    if search:

        def index() -> None:
            with timings.stage(stages.SEARCH):
                result.search = write_index(  # before the swap: a failed index keeps the old site, index and all
                    staging,
                    dataset.baseline,
                    dataset.checklists,
                    load_regions(schema_dir),
                    languages_from_settings(settings.get("CARELIST_LANGUAGES")),
                )

        session.alongside_pages.append(index)  # made while the page workers run
    session.alongside_pages.append(save_results)
    try:
        result.warnings = render(settings, dataset, staging, session)
        result.pages = timings.pages
        with timings.stage(stages.SWAP):
            swap_in(staging, target, background=background_cleanup)
        if session.cache is not None:
            session.cache.save()
    except InvalidDataError as exc:  # the generator re-checks what it is given; kept for Pelican run directly
        result.report = exc.report
        return result
    except CarelistError:
        raise
    except PageError as exc:  # made in a worker process: the message already names the page and template line
        raise CarelistError(f"the site build failed: {exc}") from exc
    except Exception as exc:
        # A broken template or theme: one clear line; the previous output is untouched.
        raise CarelistError(f"the site build failed: {template_error(exc)}") from exc
    finally:
        save_results()
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    result.built = True
    result.seconds = time.perf_counter() - started
    return result
