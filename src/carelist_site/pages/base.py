"""The types every page shares: the data read once (SiteData), one page (PageSpec) and what a page speaks with (PageEnv).

A leaf module: it imports the domain and the site's small helpers, never a page module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

from carelist.coverage import Cell, RegionCoverage, assess
from carelist.eligibility import Rule, region_rules
from carelist.history import History
from carelist.model import Baseline, BaselineItem, Category, Checklist, Service, Text
from carelist_site import cache, open_data, stages, urls
from carelist_site.content import AboutPage
from carelist_site.i18n import Language
from carelist_site.localize import Localizer

_T = TypeVar("_T")

DESCRIPTION_LENGTH = 160

# What a page builder returns: a dataclass view model or a mapping, each name a template reads.
Context = Mapping[str, Any] | Any


@dataclass(frozen=True)
class SiteData:
    """Everything the pages show, read once and whole: the valid dataset, the about pages, the regions, the open data."""

    baseline: Baseline
    checklists: tuple[Checklist, ...]  # sorted by region code
    coverage: dict[str, RegionCoverage]
    rules: dict[str, dict[str, Rule]]  # region code → item id → resolved eligibility
    fingerprints: dict[str, str]  # region code → digest of its checklist's model (its pages' cache keys are made from it)
    regions: dict[str, Text]  # every known region, published or not
    about_pages: tuple[AboutPage, ...]
    items: dict[str, BaselineItem]
    categories: dict[str, Category]
    schema_dir: Path  # the schema published beside the open data
    baseline_data: object  # the baseline as plain data, published as JSON
    history: History | None = None  # the revisions read from git (None: not read)
    _made: dict[object, Any] = dataclasses.field(default_factory=dict, compare=False, repr=False)  # made on first use

    @classmethod
    def build(
        cls,
        baseline: Baseline,
        checklists: list[Checklist],
        regions: dict[str, Text],
        about_pages: list[AboutPage],
        *,
        schema_dir: Path,
        baseline_data: object,
        history: History | None = None,
        timings: stages.Timings,
    ) -> SiteData:
        """The model (timed as its stage)."""
        with timings.stage(stages.MODEL):
            ordered = tuple(sorted(checklists, key=lambda c: c.code))
            # Each region's row, rules and fingerprint; in carelist serve, kept for the lists that did not change.
            coverage = {c.code: cache.made_from("coverage", (c, baseline), partial(assess, c, baseline)) for c in ordered}
            rules = {c.code: cache.made_from("rules", (c, baseline), partial(_rules_by_item, c, baseline)) for c in ordered}
            fingerprints = {c.code: cache.made_from("fingerprint", (c,), partial(cache.model_fingerprint, c)) for c in ordered}
            cache.forget_all_but([*ordered, baseline])
        return cls(
            baseline=baseline,
            checklists=ordered,
            coverage=coverage,
            rules=rules,
            fingerprints=fingerprints,
            regions=dict(sorted(regions.items())),
            about_pages=tuple(about_pages),
            items={i.id: i for i in baseline.items},
            categories={c.id: c for c in baseline.categories},
            schema_dir=schema_dir,
            baseline_data=baseline_data,
            history=history,
        )

    def data_files(self) -> tuple[open_data.DataFile, ...]:
        """The open-data files, made from this same data (once: the build writes them, the data page lists them)."""
        return self.once(
            "data_files",
            lambda: open_data.data_files(self.baseline, self.checklists, self.coverage, self.schema_dir, self.baseline_data, self.history),
        )

    @property
    def any_sample(self) -> bool:
        return any(c.sample for c in self.checklists)

    def once(self, key: object, make: Callable[[], _T]) -> _T:
        """make(), made on first use of key for this build: a value many pages show the same (key names its inputs)."""
        if key not in self._made:
            self._made[key] = make()
        value: _T = self._made[key]
        return value

    def situation_titles(self, loc: Localizer) -> dict[str, str]:
        """Each situation's title in loc's language (made once per language: most pages show some)."""
        return self.once(("situation titles", loc.language.code), lambda: {s.id: loc.plain(s.title) for s in self.baseline.situations})

    def cell(self, code: str, item_id: str) -> Cell | None:
        """How a region's entry for one item compares with the baseline (None for a local item)."""
        return next((c for c in self.coverage[code].cells if c.item_id == item_id), None)

    def services_of(self, checklist: Checklist) -> list[Service]:
        """Baseline items in baseline order, then the region's own items in its order."""
        return [checklist.services[i.id] for i in self.baseline.items if i.id in checklist.services] + list(checklist.local_items)


def _rules_by_item(checklist: Checklist, baseline: Baseline) -> dict[str, Rule]:
    return {r.item_id: r for r in region_rules(checklist, baseline).rules}


@dataclass(frozen=True)
class PageSpec:
    """One page, independent of language."""

    kind: str  # home, region, region-service, service, coverage, search, finder, data, about, not-found
    path: str  # language-neutral, see carelist.site_paths
    template: str
    build: Callable[[PageEnv], Context]
    sample: bool = False  # shows sample data: the page carries the sample notice
    in_sitemap: bool = True
    lastmod: dt.date | None = None
    reads_open_data: bool = False  # made after the open data (by the build's own process: see generator.py)
    qr_code: bool = False  # shows a QR code of its own address (made ahead with its batch's: see qr.make_ahead)
    # The one region whose checklist (and revisions) the page shows, when it reads no other: an incremental build then
    # remakes it only when that region's list or history (or what every page shares) changes. None: it may read all.
    region: str | None = None


@dataclass(frozen=True)
class PageEnv:
    """What a page builder needs to speak one language and link from one place."""

    site: SiteData
    spec: PageSpec
    language: Language
    languages: tuple[Language, ...]
    loc: Localizer
    linker: urls.Linker
    siteurl: urls.SiteURL
    _: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]

    @classmethod
    def make(
        cls,
        site: SiteData,
        spec: PageSpec,
        language: Language,
        languages: tuple[Language, ...],
        loc: Localizer,
        siteurl: urls.SiteURL,
        translations: gettext.NullTranslations,
    ) -> PageEnv:
        # The 404 page is served at whatever address was wrong, so its links start from the site root.
        root_base = siteurl.base_path if spec.kind == "not-found" else None
        return cls(
            site=site,
            spec=spec,
            language=language,
            languages=languages,
            loc=loc,
            linker=urls.Linker(language.prefix + urls.output_file(spec.path), root_base),
            siteurl=siteurl,
            _=translations.gettext,
            ngettext=translations.ngettext,
        )

    def link(self, path: str, language: Language | None = None) -> str:
        """A relative link to a page in this (or another) language."""
        return self.linker.href((language or self.language).prefix + path)

    def link_file(self, path: str) -> str:
        """A relative link to a file that has no language (stylesheet, schema)."""
        return self.linker.href(path)

    def absolute(self, path: str, language: Language | None = None) -> str:
        return self.siteurl.absolute((language or self.language).prefix + path)

    def crumbs(self, *trail: tuple[str, str | None]) -> list[dict[str, str | None]]:
        """Home, then the trail; the last entry is the current page (no link)."""
        entries = [(self._("Home"), urls.HOME), *trail]
        return [
            {"label": label, "href": self.link(path) if path is not None and n < len(entries) - 1 else None}
            for n, (label, path) in enumerate(entries)
        ]


@dataclass(frozen=True)
class Page:
    """What every page's view model has: its title (None on the home page), meta description and breadcrumbs."""

    title: str | None
    description: str
    breadcrumbs: list[dict[str, str | None]]


def shorten(text: str) -> str:
    """A meta description: one line, at most DESCRIPTION_LENGTH characters."""
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1].rstrip() + "…"


def as_mapping(context: Context) -> dict[str, Any]:
    """A page's context as the names its template reads: a view model's fields (not copied deeply) or the mapping."""
    if dataclasses.is_dataclass(context) and not isinstance(context, type):
        return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    return dict(cast(Mapping[str, Any], context))
