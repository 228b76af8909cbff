"""The Pelican generator: reads the dataset through the domain package and writes every page in every language.

Pages are made in worker processes (forked, so they share the model the parent built) and written straight into
the output folder; the parent writes the feeds, the sitemap and the data files. With a build cache, a page whose
inputs have not changed since the published build is linked from the published folder instead of being made again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from carelist.checker import Dataset, check, load_regions
from carelist.diagnostics import Report
from carelist.export import dumps
from carelist.history import read_history
from carelist.yaml_reader import read_yaml
from carelist_site import cache, qr, stages, template_env, urls
from carelist_site.content import read_about_pages
from carelist_site.feeds import feed_context, sitemap_context, sitemap_files
from carelist_site.i18n import install_translations, languages_from_settings, load_translations
from carelist_site.pages.base import PageSpec, SiteData
from carelist_site.pages.registry import SiteBuilder
from carelist_site.site_settings import baseline_path_from, schema_dir_from, workers_from
from carelist_site.template_errors import template_error

DEFAULT_SITEURL = "https://carelist.example.cn"
PLUGIN = "carelist_site.plugin"  # the one plugin a site needs (PLUGINS in pelican.conf.py)
PUBLISHED_SCHEMAS = ("checklist.schema.json", "baseline.schema.json")
# Pages a pass of PageMaker.make goes over: enough for the pass's code to stay in the processor's caches, few enough
# that a batch's contexts and pages take little memory (one process making 168,000 pages holds one batch at a time).
BATCH = 64
# Below this many pages to make, forking workers costs more than it saves.
PARALLEL_FROM = 24


class InvalidDataError(Exception):
    """The checklists or the baseline have errors: nothing may be published."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} errors in the data")
        self.report = report


class PageError(Exception):
    """A page failed to build in a worker: the message already names the page and the template line."""


@dataclass
class BuildSession:
    """What `carelist build` hands the generator through the settings, and reads back after Pelican has run."""

    timings: stages.Timings = field(default_factory=stages.Timings)
    workers: int = 1
    cache_dir: Path | None = None  # None: no cache, every file is made
    published: Path | None = None  # the folder this build will replace: its unchanged files may be reused
    cache: cache.BuildCache | None = None
    # Work of the build's own (the search index) that this process does while the workers make the pages.
    alongside_pages: list[Callable[[], None]] = field(default_factory=list)


def load_dataset(settings: dict[str, Any]) -> Dataset:
    """The validated dataset: the one build.py already checked, or checked here when Pelican is run directly."""
    dataset = settings.get("CARELIST_DATASET")
    if dataset is None:
        checklists = Path(settings.get("CARELIST_CHECKLISTS", "checklists"))
        dataset = check([checklists], baseline_path=baseline_path_from(settings), schema_dir=schema_dir_from(settings))
    if dataset.baseline is None or not dataset.report.ok:
        raise InvalidDataError(dataset.report)
    return dataset


def bytecode_dir(settings: dict[str, Any], cache_dir: Path | None) -> Path | None:
    """Where compiled templates are kept: Jinja keys them by source only, but the code compiled from a source
    depends on the environment's options and extensions too (trim_blocks, {% cache %}…), so each set has its own."""
    if not cache_dir:
        return None
    options = cache.code_fingerprint() + json.dumps(
        [settings.get("JINJA_ENVIRONMENT"), settings.get("PLUGINS")], sort_keys=True, default=repr
    )
    folder = cache_dir / "jinja" / cache.digest(options.encode())
    if folder.parent.is_dir():  # the templates compiled for other code or options are never read again
        for other in folder.parent.iterdir():
            if other.is_dir() and other != folder:
                shutil.rmtree(other, ignore_errors=True)
            elif other.is_file():
                other.unlink(missing_ok=True)
    return folder


def compile_theme(settings: dict[str, Any], cache_dir: Path | None) -> None:
    """Compile the theme's templates into the build cache, in an environment made as Pelican makes the generator's.

    The build calls it while the workers check the checklists, so the generator finds the theme compiled. Only with
    carelist's plugin alone: another plugin may change the generator's environment, or act on a generator made here."""
    folder = bytecode_dir(settings, cache_dir)
    if folder is None or settings.get("PLUGINS") != [PLUGIN]:
        return
    try:
        made = Generator(context={}, settings=settings, path=settings["PATH"], theme=settings["THEME"], output_path=settings["OUTPUT_PATH"])
        template_env.configure(made.env, folder)
    except Exception:  # only a head start: whatever is wrong, Pelican meets it again making the generator, and says so
        return
    templates = Path(settings["THEME"]) / "templates"
    for name in sorted(path.name for path in templates.iterdir() if path.is_file()) if templates.is_dir() else []:
        try:
            made.env.get_template(name)
        except Exception:  # the generator compiles it again and reports what is wrong, and where
            continue


@dataclass(frozen=True)
class PageJob:
    language: int  # index into the languages
    spec: int  # index into the specs
    rel: str  # the output file
    key: str  # the inputs' key (see CarelistGenerator._page_key)


class CarelistGenerator(Generator):
    """Pelican calls generate_context() on every generator, then generate_output(writer)."""

    def generate_context(self) -> None:
        settings = self.settings
        self.session: BuildSession = settings.get("CARELIST_SESSION") or BuildSession(workers=workers_from(settings))
        timings = self.session.timings
        self.schema_dir = schema_dir_from(settings)
        if settings.get("CARELIST_DATASET") is None:
            with timings.stage(stages.READ):
                dataset = load_dataset(settings)
        else:
            dataset = load_dataset(settings)
        assert dataset.baseline is not None  # load_dataset refuses a dataset without one
        with timings.stage(stages.MODEL):
            self.languages = languages_from_settings(settings.get("CARELIST_LANGUAGES"))
            self.siteurl = urls.SiteURL(settings.get("SITEURL") or DEFAULT_SITEURL)
            about_pages = read_about_pages(Path(self.path) / "pages")
            self.baseline_data = _baseline_data(baseline_path_from(settings))
            regions = load_regions(self.schema_dir)
        history = settings.get("CARELIST_HISTORY")
        if history is None:  # Pelican run directly: build.py reads (and times) the history itself
            with timings.stage(stages.HISTORY):
                checklists = Path(settings.get("CARELIST_CHECKLISTS", "checklists"))
                history = read_history(checklists, dataset.checklists, dataset.baseline, self.schema_dir)
        self.site = SiteData.build(
            dataset.baseline,
            dataset.checklists,
            regions,
            about_pages,
            schema_dir=self.schema_dir,
            baseline_data=self.baseline_data,
            history=history,
            timings=timings,
        )
        with timings.stage(stages.MODEL):
            locales = Path(self.theme) / "locales"
            self.translations = {lang.code: load_translations(locales, lang) for lang in self.languages}
            self.builder = SiteBuilder(self.site, self.languages, self.siteurl, self.translations)
            self.specs = self.builder.specs()
            template_env.configure(self.env, bytecode_dir(settings, self.session.cache_dir))
            published = self.session.published
            self.cache = cache.BuildCache(self.session.cache_dir, published) if published else None
            self.session.cache = self.cache
            self._keys = self._input_keys() if self.cache else None

    # --- what a page is made from ------------------------------------------------------------------------------

    def _input_keys(self) -> tuple[str, dict[str, str], str]:
        """The shared inputs' key, each region's key (its checklist and its revisions), and the whole dataset's key."""
        folders = [Path(self.theme), Path(self.path), self.schema_dir, baseline_path_from(self.settings)]
        codes = [c.code for c in self.site.checklists]
        # The revisions pages, the region and service pages ("updated in version…") read the git history: a new
        # commit remakes the pages of the region it touched, and every page when the history becomes (un)available.
        history_shared, history_regions = cache.history_fingerprints(self.site.history, codes)
        shared = cache.digest((cache.inputs_fingerprint(folders, self.settings) + history_shared).encode())
        regions = {code: cache.digest((self.site.fingerprints[code] + history_regions[code]).encode()) for code in codes}
        everything = cache.digest("\0".join(f"{code}:{key}" for code, key in regions.items()).encode())
        return shared, regions, everything

    @property
    def shared_key(self) -> str:
        """The key of what every page reads: code, theme, about pages, schema, baseline, settings, history's state."""
        assert self._keys is not None
        return self._keys[0]

    def _page_key(self, spec: PageSpec, language_code: str) -> str:
        """A page is the same as before when its template, its language and every input it may read are.

        A page that declares the one region it shows (spec.region) depends on that region's checklist and revisions
        only; any other page may read every checklist and every region's revisions."""
        assert self._keys is not None
        shared, regions, everything = self._keys
        data = regions[spec.region] if spec.region else everything
        text = "\0".join(
            [shared, data, language_code, spec.kind, spec.path, spec.template, repr((spec.sample, spec.in_sitemap, spec.lastmod))]
        )
        return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()

    # --- output ------------------------------------------------------------------------------------------------

    def generate_output(self, writer: Any) -> None:
        timings = self.session.timings
        output = Path(self.output_path)
        jobs: list[PageJob] = []
        seen: set[str] = set()
        pages = PageMaker(self, output)
        linking = time.perf_counter()
        for li, language in enumerate(self.languages):
            for si, spec in enumerate(self.specs):
                rel = _checked(language.prefix + urls.output_file(spec.path), seen)
                key = self._page_key(spec, language.code) if self.cache else ""
                reuse = self.cache.reusable_page(rel, key) if self.cache else None
                if reuse is not None:
                    cache.place(reuse[0], output / rel, pages.folders)
                    self.cache.current[rel] = reuse[1]  # type: ignore[union-attr]
                    timings.reused += 1
                else:
                    jobs.append(PageJob(li, si, rel, key))
        timings.add(stages.LINK, time.perf_counter() - linking)
        timings.pages = len(seen)
        for name in {spec.template for spec in self.specs}:
            self.get_template(name)  # compiled once here, before the workers are forked
        started = time.perf_counter()
        # The files this process makes itself (the open data, feeds, sitemap, search index) are made while the workers
        # make the pages: on two cores, one would otherwise wait for the other. The pages that list the open data
        # are made after it, here.
        late = [job for job in jobs if self.specs[job.spec].reads_open_data]
        jobs = [job for job in jobs if not self.specs[job.spec].reads_open_data]
        workers = min(self.session.workers, max(1, len(jobs) // PARALLEL_FROM))
        timings.workers = workers
        alongside = [lambda: self._write_other_files(pages), *self.session.alongside_pages]
        for entries, seconds in [*_make_pages(pages, jobs, workers, alongside), pages.make(late)]:
            timings.merge(seconds)
            for rel, entry, written in entries:
                if self.cache is not None and entry is not None:
                    self.cache.current[rel] = entry
                timings.rendered += 1
                if written:
                    timings.written += 1
                else:
                    timings.reused += 1
        timings.pages_wall += time.perf_counter() - started

    def _write_other_files(self, pages: PageMaker) -> None:
        """The open data, the published schemas, feeds, sitemap and robots.txt."""
        timings = self.session.timings
        with timings.stage(stages.OPEN_DATA):
            for f in self.site.data_files():
                pages.emit(f.path, f.content)
            for name in PUBLISHED_SCHEMAS:
                pages.emit(f"schema/{name}", (self.schema_dir / name).read_bytes())
            pages.emit("schema/baseline.json", dumps(self.baseline_data).encode("utf-8"))
        with timings.stage(stages.RENDER):
            for language in self.languages:
                translations = self.translations[language.code]
                pages.use_language(language.code)
                feed = feed_context(self.site, language, self.builder.localizer(language), translations, self.siteurl)
                pages.emit_rendered(language.prefix + urls.FEED, "feed.atom.xml", feed)
                for code in (c.code for c in self.site.checklists):
                    feed = feed_context(self.site, language, self.builder.localizer(language), translations, self.siteurl, code)
                    pages.emit_rendered(language.prefix + urls.revisions_feed(code), "feed.atom.xml", feed)
            entries = sitemap_context(self.specs, self.languages, self.siteurl)["entries"]
            for rel, template, sitemap in sitemap_files(entries, self.siteurl):
                pages.emit_rendered(rel, template, sitemap)
            pages.emit_rendered("robots.txt", "robots.txt", {"sitemap": self.siteurl.absolute(urls.SITEMAP)})


def _checked(rel: str, seen: set[str]) -> str:
    """An output path inside the output folder, written once (as Pelican's writer insists)."""
    if rel.startswith("/") or ".." in rel.split("/") or rel in seen:
        raise PageError(f"{rel}: not a path a page may be written to (outside the output, or written twice)")
    seen.add(rel)
    return rel


# The names Pelican's writer adds to the mapping it is given: a page context must leave them to it.
WRITER_NAMES = frozenset({"localsiteurl", "output_file", "SITEURL"})


class PageMaker:
    """Makes pages in this process: context, render, write. A forked worker holds a copy of the parent's."""

    def __init__(self, generator: CarelistGenerator, output: Path) -> None:
        self.generator = generator
        self.output = output
        self._root = str(output)
        self.cache = generator.cache
        self.folders = cache.Folders()
        self._language: str | None = None

    def use_language(self, code: str) -> None:
        """Templates translate into this language from now on (switched only when it changes: pages come by language)."""
        if self._language != code:
            install_translations(self.generator.env, self.generator.translations[code])
            self._language = code

    def render(self, template: Any, context: Mapping[str, Any], name: str) -> bytes:
        """What Pelican's writer would write: the context as the mapping (never keyword arguments: write_file has
        parameters of its own, url, template_name, paginated…, that would take a page's names), plus its two names."""
        clash = WRITER_NAMES & context.keys()
        if clash:
            raise KeyError(f"{name}: the context uses names Pelican's writer sets itself: {sorted(clash)}")
        return str(template.render({**context, "localsiteurl": None, "output_file": name})).encode("utf-8")

    def emit(self, rel: str, content: bytes, key: str | None = None, context: str | None = None) -> tuple[cache.Entry | None, bool]:
        """Write a file, or link the published one when it has these very bytes; returns its cache entry (None
        without a cache) and whether it was written. Files other than pages (no key) are recorded here."""
        target = f"{self._root}/{rel}"
        if self.cache is None:
            self.folders.make(os.path.dirname(target))
            cache.write_file(target, content)
            return None, True
        content_digest = cache.digest(content)
        same = self.cache.reusable_bytes(rel, content_digest)
        if same is not None:
            cache.place(same[0], Path(target), self.folders)
            entry, written = dataclasses.replace(same[1], key=key, context=context), False
        else:
            self.folders.make(os.path.dirname(target))
            entry, written = cache.Entry.of(key, content_digest, cache.write_file(target, content), context), True
        if key is None:
            self.cache.current[rel] = entry
        return entry, written

    def context_digest(self, template: str, context: Mapping[str, Any]) -> str | None:
        """What a page is rendered from: its context, its template and what every page shares (code, theme, settings).

        A page whose inputs changed (a page of every region, when one list changed) often shows nothing new: with the
        same digest as before, the published page is reused instead of rendered. None when the context cannot be
        pickled: the page is rendered."""
        try:
            data = pickle.dumps((self.generator.shared_key, template, dict(context)), protocol=5)
        except (pickle.PicklingError, TypeError, AttributeError):
            return None
        return cache.digest(data)

    def emit_rendered(self, rel: str, template: str, context: Mapping[str, Any]) -> None:
        """A file rendered from a template (feed, sitemap): the published one is linked when rendered from the same
        context, as pages are."""
        digest = self.context_digest(template, context) if self.cache else None
        reused = self._reuse_render(rel, digest, None)
        if reused is None:
            self.emit(rel, self.render(self.generator.env.get_template(template), context, rel), context=digest)
        else:
            self.cache.current[rel] = reused  # type: ignore[union-attr]  # only reused with a cache

    def _reuse_render(self, rel: str, context_digest: str | None, key: str | None) -> cache.Entry | None:
        """The entry of the published file rendered from this same context, placed into the new folder; None if none."""
        same = self.cache.reusable_render(rel, context_digest) if self.cache and context_digest else None
        if same is None:
            return None
        cache.place(same[0], self.output / rel, self.folders)
        return dataclasses.replace(same[1], key=key)

    def make(self, jobs: Sequence[PageJob]) -> tuple[list[tuple[str, cache.Entry | None, bool]], dict[str, float]]:
        """The jobs' pages, a batch at a time (a batch's contexts and pages are held until it is written)."""
        entries: list[tuple[str, cache.Entry | None, bool]] = []
        seconds = dict.fromkeys((stages.CONTEXTS, stages.RENDER, stages.WRITE), 0.0)
        for start in range(0, len(jobs), BATCH):
            made, spent = self._make_batch(jobs[start : start + BATCH])
            entries += made
            for stage, value in spent.items():
                seconds[stage] += value
        return entries, seconds

    def _make_batch(self, jobs: Sequence[PageJob]) -> tuple[list[tuple[str, cache.Entry | None, bool]], dict[str, float]]:
        """The batch's pages in passes: their QR codes, every context, then every render, then every write. Each pass
        keeps its own code and data in the processor's caches: 9% less CPU than making each page whole (median of 10
        builds), the QR codes' pass 6% more."""
        g = self.generator
        started = time.perf_counter()
        qr.make_ahead(
            g.siteurl.absolute(g.languages[job.language].prefix + g.specs[job.spec].path) for job in jobs if g.specs[job.spec].qr_code
        )
        made: list[tuple[PageJob, PageSpec, dict[str, Any], str | None]] = []
        for job in jobs:
            spec = g.specs[job.spec]
            with _naming_page(job):
                language = g.languages[job.language]
                context = g.builder.context(spec, language, g.translations[language.code])
                # Only pages that read every region: a region's own pages are remade only when that region changed.
                digest = self.context_digest(spec.template, context) if self.cache and spec.region is None else None
            made.append((job, spec, context, digest))
        contexts_made = time.perf_counter()
        rendered: list[tuple[PageJob, str | None, bytes | cache.Entry]] = []
        for job, spec, context, digest in made:
            with _naming_page(job):
                content: bytes | cache.Entry | None = self._reuse_render(job.rel, digest, job.key)
                if content is None:
                    self.use_language(g.languages[job.language].code)
                    content = self.render(g.get_template(spec.template), context, job.rel)
            rendered.append((job, digest, content))
        pages_rendered = time.perf_counter()
        entries = []
        for job, digest, content in rendered:
            with _naming_page(job):
                if isinstance(content, bytes):
                    entry, written = self.emit(job.rel, content, job.key, digest)
                else:
                    entry, written = content, False
            entries.append((job.rel, entry, written))
        seconds = {
            stages.CONTEXTS: contexts_made - started,
            stages.RENDER: pages_rendered - contexts_made,
            stages.WRITE: time.perf_counter() - pages_rendered,
        }
        return entries, seconds


@contextlib.contextmanager
def _naming_page(job: PageJob) -> Iterator[None]:
    """Whatever goes wrong while making a page is reported as that page's error (its file, the template's line)."""
    try:
        yield
    except Exception as exc:
        raise PageError(f"{job.rel}: {template_error(exc)}") from exc


# The parent's PageMaker, for the forked workers (set only while a pool runs).
_MAKER: PageMaker | None = None


def _make_in_worker(jobs: list[PageJob]) -> tuple[list[tuple[str, cache.Entry | None, bool]], dict[str, float]]:
    assert _MAKER is not None
    return _MAKER.make(jobs)


def _make_pages(maker: PageMaker, jobs: list[PageJob], workers: int, alongside: Sequence[Callable[[], None]]) -> Iterator[Any]:
    """The pages' entries and seconds, chunk by chunk, in job order (so the build's result never depends on timing).

    alongside: work for this process, done once the workers have every page (or, in one process, after the pages)."""
    global _MAKER
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield maker.make(jobs)
        for work in alongside:
            work()
        return
    # Small chunks balance the workers (region pages cost more than others); each carries its pages' results.
    size = max(8, len(jobs) // (workers * 16))
    chunks = [jobs[n : n + size] for n in range(0, len(jobs), size)]
    _MAKER = maker
    gc.freeze()  # the model is read, never freed, by the workers: keep the collector from touching its pages
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = pool.map(_make_in_worker, chunks)  # every chunk is handed out now; results come in order
            for work in alongside:
                work()
            yield from results
    finally:
        _MAKER = None
        gc.unfreeze()


def _baseline_data(path: Path) -> Any:
    """The baseline as plain data, for publishing as JSON (load_dataset has already refused one that does not read)."""
    doc, _problems = read_yaml(path, path.name)
    if doc is None:
        raise InvalidDataError(Report())
    return doc.data
