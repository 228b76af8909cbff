"""The Pelican generator: reads the dataset through the domain package and writes every page in every language."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined
from pelican.generators import Generator

from carelist.checker import Dataset, check, default_schema_dir, load_regions
from carelist.diagnostics import Report
from carelist.export import dumps
from carelist.history import read_history
from carelist.yaml_reader import read_yaml
from carelist_site import open_data, urls
from carelist_site.content import read_about_pages
from carelist_site.feeds import feed_context, sitemap_context
from carelist_site.i18n import languages_from_settings, load_translations
from carelist_site.pages.base import SiteData
from carelist_site.pages.registry import SiteBuilder

DEFAULT_SITEURL = "https://carelist.example.cn"
PUBLISHED_SCHEMAS = ("checklist.schema.json", "baseline.schema.json")


class InvalidDataError(Exception):
    """The checklists or the baseline have errors: nothing may be published."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} errors in the data")
        self.report = report


def schema_dir_from(settings: dict[str, Any]) -> Path:
    configured = settings.get("CARELIST_SCHEMA_DIR")
    return Path(configured) if configured else default_schema_dir()


def baseline_path_from(settings: dict[str, Any]) -> Path:
    configured = settings.get("CARELIST_BASELINE")
    return Path(configured) if configured else schema_dir_from(settings) / "baseline.yaml"


def load_dataset(settings: dict[str, Any]) -> Dataset:
    """The validated dataset: the one build.py already checked, or checked here when Pelican is run directly."""
    dataset = settings.get("CARELIST_DATASET")
    if dataset is None:
        checklists = Path(settings.get("CARELIST_CHECKLISTS", "checklists"))
        dataset = check([checklists], baseline_path=baseline_path_from(settings), schema_dir=schema_dir_from(settings))
    if dataset.baseline is None or not dataset.report.ok:
        raise InvalidDataError(dataset.report)
    return dataset


class CarelistGenerator(Generator):
    """Pelican calls generate_context() on every generator, then generate_output(writer)."""

    def generate_context(self) -> None:
        settings = self.settings
        self.schema_dir = schema_dir_from(settings)
        dataset = load_dataset(settings)
        assert dataset.baseline is not None  # load_dataset refuses a dataset without one
        self.languages = languages_from_settings(settings.get("CARELIST_LANGUAGES"))
        self.siteurl = urls.SiteURL(settings.get("SITEURL") or DEFAULT_SITEURL)
        about_pages = read_about_pages(Path(self.path) / "pages")
        history = settings.get("CARELIST_HISTORY") or read_history(
            Path(settings.get("CARELIST_CHECKLISTS", "checklists")), dataset.checklists, dataset.baseline, self.schema_dir
        )
        self.baseline_data = _baseline_data(baseline_path_from(settings))
        self.site = SiteData.build(
            dataset.baseline,
            dataset.checklists,
            load_regions(self.schema_dir),
            about_pages,
            schema_dir=self.schema_dir,
            baseline_data=self.baseline_data,
            history=history,
        )
        self.builder = SiteBuilder(self.site, self.languages, self.siteurl)
        self.specs = self.builder.specs()
        locales = Path(self.theme) / "locales"
        self.translations = {lang.code: load_translations(locales, lang) for lang in self.languages}
        # {% trans %} blocks are written across lines for reading; trimmed makes the catalogs hold one-line ids.
        self.env.policies["ext.i18n.trimmed"] = True
        # A template that reads a name its context lacks fails the build (see build.template_error), never prints "".
        self.env.undefined = StrictUndefined

    def generate_output(self, writer: Any) -> None:
        for language in self.languages:
            translations = self.translations[language.code]
            self.env.install_gettext_translations(translations, newstyle=True)
            for spec in self.specs:
                context = self.builder.context(spec, language, translations)
                _write(writer, language.prefix + urls.output_file(spec.path), self.get_template(spec.template), context)
            feed = feed_context(self.site, language, self.builder.localizer(language), translations, self.siteurl)
            _write(writer, language.prefix + urls.FEED, self.env.get_template("feed.atom.xml"), feed)
            for code in (c.code for c in self.site.checklists):
                feed = feed_context(self.site, language, self.builder.localizer(language), translations, self.siteurl, code)
                _write(writer, language.prefix + urls.revisions_feed(code), self.env.get_template("feed.atom.xml"), feed)
        _write(writer, urls.SITEMAP, self.env.get_template("sitemap.xml"), sitemap_context(self.specs, self.languages, self.siteurl))
        _write(writer, "robots.txt", self.env.get_template("robots.txt"), {"sitemap": self.siteurl.absolute(urls.SITEMAP)})
        self._write_schemas()
        self._write_files(self.site.data_files)

    def _write_schemas(self) -> None:
        """The JSON Schemas as they are in schema/, and the baseline as JSON, under stable URLs."""
        folder = Path(self.output_path) / "schema"
        folder.mkdir(parents=True, exist_ok=True)
        for name in PUBLISHED_SCHEMAS:
            (folder / name).write_bytes((self.schema_dir / name).read_bytes())
        (folder / "baseline.json").write_text(dumps(self.baseline_data), encoding="utf-8")

    def _write_files(self, files: tuple[open_data.DataFile, ...]) -> None:
        for f in files:
            target = Path(self.output_path) / f.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(f.content)


# The names Pelican's writer adds to the mapping it is given: a page context must leave them to it.
WRITER_NAMES = frozenset({"localsiteurl", "output_file", "SITEURL"})


def _write(writer: Any, name: str, template: Any, context: Mapping[str, Any]) -> None:
    """Write one file. The context goes in as the mapping, never as keyword arguments: write_file has parameters of its
    own (url, template_name, paginated…) that would silently take a page's names for themselves."""
    clash = WRITER_NAMES & context.keys()
    if clash:
        raise KeyError(f"{name}: the context uses names Pelican's writer sets itself: {sorted(clash)}")
    writer.write_file(name, template, context)


def _baseline_data(path: Path) -> Any:
    """The baseline as plain data, for publishing as JSON (load_dataset has already refused one that does not read)."""
    doc, _problems = read_yaml(path, path.name)
    if doc is None:
        raise InvalidDataError(Report())
    return doc.data
