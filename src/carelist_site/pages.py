"""Every page of the site and the context its template needs: pure Python, no Pelican.

`SiteBuilder.specs()` lists the pages (one spec per page, language-neutral); `SiteBuilder.context(spec, language,
translations)` prepares everything that page's template prints in that language. Templates only lay it out.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from carelist.coverage import RegionCoverage, Verdict, coverage_matrix
from carelist.eligibility import Rule, region_rules
from carelist.model import Baseline, BaselineItem, Category, Checklist, Service, Text
from carelist_site import data_page, finder_page, jsonld, residence_permit_page, search_page, urls, views
from carelist_site.content import AboutPage
from carelist_site.i18n import Language
from carelist_site.localize import Localized, Localizer
from carelist_site.navigation import NAV_ITEMS
from carelist_site.open_data import DataFile
from carelist_site.qr import qr_svg
from carelist_site.render import PAGE_TAGS, MarkdownRenderer

DESCRIPTION_LENGTH = 160


@dataclass(frozen=True)
class SiteData:
    """Everything the pages show, read once: the valid dataset plus the about pages and the list of regions."""

    baseline: Baseline
    checklists: tuple[Checklist, ...]  # sorted by region code
    coverage: dict[str, RegionCoverage]
    rules: dict[str, dict[str, Rule]]  # region code → item id → resolved eligibility
    regions: dict[str, Text]  # every known region, published or not
    about_pages: tuple[AboutPage, ...]
    items: dict[str, BaselineItem]
    categories: dict[str, Category]
    data_files: tuple[DataFile, ...] = ()  # the open-data files, made by the generator from this same data

    @classmethod
    def build(cls, baseline: Baseline, checklists: list[Checklist], regions: dict[str, Text], about_pages: list[AboutPage]) -> SiteData:
        ordered = tuple(sorted(checklists, key=lambda c: c.code))
        matrix = coverage_matrix(list(ordered), baseline)
        return cls(
            baseline=baseline,
            checklists=ordered,
            coverage={r.code: r for r in matrix.regions},
            rules={c.code: {r.item_id: r for r in region_rules(c, baseline).rules} for c in ordered},
            regions=dict(sorted(regions.items())),
            about_pages=tuple(about_pages),
            items={i.id: i for i in baseline.items},
            categories={c.id: c for c in baseline.categories},
        )

    @property
    def any_sample(self) -> bool:
        return any(c.sample for c in self.checklists)

    def situation_titles(self, loc: Localizer) -> dict[str, str]:
        return {s.id: loc.plain(s.title) for s in self.baseline.situations}


@dataclass(frozen=True)
class PageSpec:
    """One page, independent of language."""

    kind: str  # home, region, region-service, service, coverage, search, finder, data, about, not-found
    path: str  # language-neutral, see urls.py
    template: str
    build: Callable[[PageEnv], dict[str, Any]]
    sample: bool = False  # shows sample data: the page carries the sample notice
    in_sitemap: bool = True
    lastmod: dt.date | None = None


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


def residence_permit_specs(site: SiteData) -> list[PageSpec]:
    """The national residence permit page and one per region that describes the permit."""
    if site.baseline.residence_permit is None:
        return []
    rp = residence_permit_page
    specs = [PageSpec("residence-permit", rp.PATH, "residence_permit", rp.context, site.any_sample)]
    for c in site.checklists:
        if c.residence_permit is not None:
            specs.append(PageSpec("residence-permit", rp.region_path(c.code), "residence_permit", partial(rp.region_context, c), c.sample))
    return specs


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1].rstrip() + "…"


class SiteBuilder:
    def __init__(self, site: SiteData, languages: tuple[Language, ...], siteurl: urls.SiteURL) -> None:
        self.site = site
        self.languages = languages
        self.siteurl = siteurl
        renderer = MarkdownRenderer()
        self._localizers = {lang.code: Localizer(lang, renderer) for lang in languages}
        self._page_renderer = MarkdownRenderer(PAGE_TAGS)

    def localizer(self, language: Language) -> Localizer:
        return self._localizers[language.code]

    # --- the pages -------------------------------------------------------------------------------------------------

    def specs(self) -> list[PageSpec]:
        site = self.site
        specs = [PageSpec("home", urls.HOME, "home", self._home, sample=site.any_sample)]
        for checklist in site.checklists:
            published = checklist.publication.published
            specs.append(
                PageSpec(
                    "region", urls.region(checklist.code), "region", partial(self._region, checklist), checklist.sample, lastmod=published
                )
            )
            for service in self._services_of(checklist):
                specs.append(
                    PageSpec(
                        "region-service",
                        urls.region_service(checklist.code, service.id),
                        "region_service",
                        partial(self._region_service, checklist, service),
                        checklist.sample,
                        lastmod=max(published, service.revised or published),
                    )
                )
        specs += [
            PageSpec("service", urls.service(i.id), "service", partial(self._service, i), site.any_sample) for i in site.baseline.items
        ]
        specs += residence_permit_specs(site)
        specs.append(PageSpec("coverage", urls.COVERAGE, "coverage", self._coverage, site.any_sample))
        specs.append(PageSpec("search", urls.SEARCH, "search", search_page.context, site.any_sample))
        specs.append(PageSpec("finder", urls.FINDER, "finder", finder_page.context, site.any_sample))
        specs.append(PageSpec("data", urls.DATA, "data", data_page.context, site.any_sample))
        specs += [PageSpec("about", urls.about(p.slug), "about", partial(self._about, p)) for p in site.about_pages]
        specs.append(PageSpec("not-found", urls.NOT_FOUND, "not_found", self._not_found, in_sitemap=False))
        return specs

    def _services_of(self, checklist: Checklist) -> list[Service]:
        """Baseline items in baseline order, then the region's own items in its order."""
        return [checklist.services[i.id] for i in self.site.baseline.items if i.id in checklist.services] + list(checklist.local_items)

    # --- context ---------------------------------------------------------------------------------------------------

    def env(self, spec: PageSpec, language: Language, translations: gettext.NullTranslations) -> PageEnv:
        root_base = self.siteurl.base_path if spec.kind == "not-found" else None
        return PageEnv(
            site=self.site,
            spec=spec,
            language=language,
            languages=self.languages,
            loc=self._localizers[language.code],
            linker=urls.Linker(language.prefix + urls.output_file(spec.path), root_base),
            siteurl=self.siteurl,
            _=translations.gettext,
            ngettext=translations.ngettext,
        )

    def context(self, spec: PageSpec, language: Language, translations: gettext.NullTranslations) -> dict[str, Any]:
        env = self.env(spec, language, translations)
        return self._chrome(env) | spec.build(env)

    def _chrome(self, env: PageEnv) -> dict[str, Any]:
        """What every page has around its content: head links, navigation, language switch, footer."""
        _, spec = env._, env.spec
        listed = spec.in_sitemap
        return {
            "kind": spec.kind,
            "html_lang": env.language.html_lang,
            "site_name": _("Care services for mobile children"),
            "canonical": env.absolute(spec.path) if listed else None,
            "alternates": (
                [{"hreflang": lang.html_lang, "href": env.absolute(spec.path, lang)} for lang in self.languages]
                + [{"hreflang": "x-default", "href": env.absolute(spec.path, self.languages[0])}]
            )
            if listed
            else [],
            "switch": [
                {"name": lang.name, "hreflang": lang.html_lang, "href": env.link(spec.path, lang), "current": lang == env.language}
                for lang in self.languages
            ],
            "nav": [{"label": _(item.label), "href": env.link(item.path), "current": item.key == spec.kind} for item in NAV_ITEMS],
            "home_href": env.link(urls.HOME),
            "stylesheet": env.link_file(urls.STYLESHEET),
            "icon": env.link_file(urls.ICON),
            "feed": env.link(urls.FEED),
            "sample": spec.sample,
            "about_links": [
                {"label": self._about_text(env, p)[0].text, "href": env.link(urls.about(p.slug))} for p in self.site.about_pages
            ],
            "data_links": [
                {"label": _("Open data (JSON and CSV)"), "href": env.link(urls.DATA)},
                {"label": _("Checklist format (JSON Schema)"), "href": env.link_file(urls.schema_file("checklist.schema.json"))},
                {"label": _("National baseline (JSON)"), "href": env.link_file(urls.schema_file("baseline.json"))},
                {"label": _("Updates (Atom feed)"), "href": env.link(urls.FEED)},
            ],
            "baseline_source": env.loc.text(self.site.baseline.title),
        }

    # --- home ------------------------------------------------------------------------------------------------------

    def _home(self, env: PageEnv) -> dict[str, Any]:
        site, loc, _ = self.site, env.loc, env._
        baseline = site.baseline
        return {
            "title": None,
            "description": _(
                "What children who moved with their family can get where they live now: school, vaccines, medical "
                "insurance and more, region by region, in plain words."
            ),
            "breadcrumbs": [],
            "regions": [{"name": loc.text(c.name), "href": env.link(urls.region(c.code)), "sample": c.sample} for c in site.checklists],
            "published_count": len(site.checklists),
            "region_count": len(site.regions),
            "coverage_href": env.link(urls.COVERAGE),
            "search_href": env.link(urls.SEARCH),
            "finder_href": env.link(urls.FINDER),
            "categories": [
                {
                    "id": cat.id,
                    "title": loc.text(cat.title),
                    "summary": loc.text(cat.summary),
                    "services": [
                        {"title": loc.text(i.title), "href": env.link(urls.service(i.id))} for i in baseline.items if i.category == cat.id
                    ],
                }
                for cat in baseline.categories
            ],
            "definition": {
                "facts": views.definition_facts(env, baseline.definition),
                "update_months": baseline.definition.information_update_months,
                "plan_text": loc.maybe(baseline.definition.text),
                "plan_title": loc.text(baseline.title),
                "about_href": env.link(urls.about("about-the-plan")) if any(p.slug == "about-the-plan" for p in site.about_pages) else None,
            },
            "hotlines": [
                {"region": loc.text(c.name), "entries": views.hotlines(env, c.hotlines), "href": env.link(urls.region(c.code))}
                for c in site.checklists
            ],
        }

    # --- region ----------------------------------------------------------------------------------------------------

    def _region(self, checklist: Checklist, env: PageEnv) -> dict[str, Any]:
        site, loc, _ = self.site, env.loc, env._
        coverage = site.coverage[checklist.code]
        cells = {c.item_id: c for c in coverage.cells}
        groups, beyond, count = [], [], 0
        for cat in site.baseline.categories:
            entries = []
            for item in (i for i in site.baseline.items if i.category == cat.id):
                if item.id in checklist.services:
                    entries.append(views.service_card(env, checklist, checklist.services[item.id], cells[item.id]))
                else:
                    entries.append(
                        {"id": item.id, "title": loc.text(item.title), "verdict": views.verdict(env, Verdict.MISSING), "href": None}
                    )
            entries += [views.service_card(env, checklist, s, None) for s in checklist.local_items if s.category == cat.id]
            count += sum(1 for e in entries if e["href"])
            beyond += [e for e in entries if e.get("local") or (e["verdict"] and e["verdict"]["key"] == Verdict.EXCEEDS.value)]
            if entries:
                groups.append({"id": cat.id, "title": loc.text(cat.title), "summary": loc.text(cat.summary), "services": entries})
        name = loc.plain(checklist.name)
        return {
            "title": _("%(region)s: care services for mobile children") % {"region": name},
            "description": _shorten(loc.plain(checklist.publication.title)),
            "breadcrumbs": env.crumbs((name, None)),
            "region_name": loc.text(checklist.name),
            "filters": {"region": checklist.code},
            "search_meta": {"title": name, "context": loc.plain(checklist.publication.title)},
            "source": views.source(env, checklist),
            "definition": {
                "facts": views.definition_facts(env, checklist.definition),
                "update_months": checklist.definition.information_update_months,
                "note": loc.maybe(checklist.definition.text),
                "verdict": views.verdict(env, coverage.definition.verdict),
                "reasons": views.reasons(env, coverage.definition),
            },
            "hotlines": views.hotlines(env, checklist.hotlines),
            "groups": groups,
            "service_count": count,
            "beyond": beyond,
        }

    # --- region × service ------------------------------------------------------------------------------------------

    def _region_service(self, checklist: Checklist, service: Service, env: PageEnv) -> dict[str, Any]:
        site, loc, _ = self.site, env.loc, env._
        item = site.items.get(service.id)
        title = item.title if item else (service.title or Text(service.id))
        category = site.categories[item.category if item else service.category or ""]
        cell = next((c for c in site.coverage[checklist.code].cells if c.item_id == service.id), None)
        rule = site.rules[checklist.code][service.id]
        name, plain_title = loc.plain(checklist.name), loc.plain(title)
        page_url = env.absolute(env.spec.path)
        publication = checklist.publication
        departments = [loc.plain(service.department)]
        return {
            "title": _("%(region)s: %(service)s") % {"region": name, "service": plain_title},
            "description": _shorten(loc.plain(service.provides)),
            "breadcrumbs": env.crumbs((name, urls.region(checklist.code)), (plain_title, None)),
            "heading": loc.text(title),
            "region_name": loc.text(checklist.name),
            "region_href": env.link(urls.region(checklist.code)),
            "category": loc.text(category.title),
            "filters": {"region": checklist.code, "category": category.id},
            "search_meta": {"title": plain_title, "context": f"{name} · {loc.plain(category.title)}"},
            "keywords": views.keywords(env, item.keywords if item else service.keywords),
            "summary": loc.maybe(item.summary if item else service.summary),
            "who": loc.text(service.who),
            "facts": views.eligibility_facts(env, rule, site.situation_titles(loc)),
            "local_conditions": loc.maybe(service.eligibility.local_conditions),
            "provides": loc.text(service.provides),
            "details": loc.markdown(service.details) if service.details else None,
            "steps": loc.markdown_list(service.steps),
            "documents": loc.texts(service.documents),
            "residence_permit_href": residence_permit_page.link_from(env, checklist, service),
            "where": loc.text(service.where),
            "department": loc.text(service.department),
            "phone": {"number": service.phone, "tel": views.tel(service.phone)} if service.phone else None,
            "url": views.web_url(service.url),
            "hotlines": views.hotlines(env, checklist.hotlines),
            "cost": loc.text(service.cost),
            "processing_time": loc.text(service.processing_time),
            "legal_basis": loc.texts(service.legal_basis),
            "comparison": {
                "local": service.local,
                "verdict": views.verdict(env, cell.verdict) if cell else None,
                "reasons": views.reasons(env, cell) if cell else [],
                "national": loc.text(item.summary) if item else None,
                "service_href": env.link(urls.service(item.id)) if item else None,
            },
            "revised": loc.date(service.revised or publication.published),
            "source": views.source(env, checklist),
            "qr": qr_svg(page_url),
            "page_url": page_url,
            "jsonld": jsonld.script_json(
                jsonld.government_service(
                    name=f"{plain_title} ({name})",
                    description=loc.plain(service.provides),
                    url=page_url,
                    language=env.language.html_lang,
                    category=loc.plain(category.title),
                    providers=departments,
                    area={"@type": "AdministrativeArea", "name": name},
                    audience=loc.plain(service.who),
                    phone=service.phone,
                    service_url=views.web_url(service.url),
                    location=loc.plain(service.where),
                    based_on=views.web_url(publication.source_url),
                )
            ),
        }

    # --- service (one baseline item, every region) -----------------------------------------------------------------

    def _service(self, item: BaselineItem, env: PageEnv) -> dict[str, Any]:
        site, loc, _ = self.site, env.loc, env._
        national = site.baseline.definition
        e = item.eligibility
        rule = Rule(
            item_id=item.id,
            title=item.title,
            category=item.category,
            local=False,
            min_age=e.min_age or 0,
            below_age=e.below_age if e.below_age is not None else national.max_age,
            min_months=e.min_residence_months if e.min_residence_months is not None else national.min_residence_months,
            all_of=e.all_of,
            any_of=e.any_of,
        )
        regions = []
        for checklist in site.checklists:
            service = checklist.services.get(item.id)
            cell = next(c for c in site.coverage[checklist.code].cells if c.item_id == item.id)
            regions.append(
                {
                    "name": loc.text(checklist.name),
                    "href": env.link(urls.region_service(checklist.code, item.id)) if service else env.link(urls.region(checklist.code)),
                    "verdict": views.verdict(env, cell.verdict),
                    "provides": loc.text(service.provides) if service else None,
                    "beyond": loc.maybe(service.beyond_baseline) if service else None,
                    "sample": checklist.sample,
                    "source": views.source(env, checklist),
                }
            )
        title, category = loc.plain(item.title), site.categories[item.category]
        page_url = env.absolute(env.spec.path)
        return {
            "title": title,
            "description": _shorten(loc.plain(item.summary)),
            "breadcrumbs": env.crumbs((title, None)),
            "heading": loc.text(item.title),
            "category": loc.text(category.title),
            "filters": {"category": category.id},
            "search_meta": {"title": title, "context": _("All regions") + " · " + loc.plain(category.title)},
            "keywords": views.keywords(env, item.keywords),
            "summary": loc.text(item.summary),
            "quote": loc.chinese(item.quote),
            "paragraph": views.paragraph_number(env, item.paragraph),
            "plan_title": loc.text(site.baseline.title),
            "departments": loc.texts(item.departments),
            "floors": [views.floor_text(env, f) for f in item.floors],
            "facts": views.eligibility_facts(env, rule, site.situation_titles(loc)),
            "regions": regions,
            "jsonld": jsonld.script_json(
                jsonld.government_service(
                    name=title,
                    description=loc.plain(item.summary),
                    url=page_url,
                    language=env.language.html_lang,
                    category=loc.plain(category.title),
                    providers=[loc.plain(d) for d in item.departments],
                    area={"@type": "Country", "name": _("China")},
                    based_on=None,
                )
            ),
        }

    # --- coverage --------------------------------------------------------------------------------------------------

    def _coverage(self, env: PageEnv) -> dict[str, Any]:
        site, loc, _ = self.site, env.loc, env._
        title = _("Which regions have published their list")
        rows = []
        for checklist in site.checklists:
            coverage = site.coverage[checklist.code]
            rows.append(
                {
                    "code": checklist.code,
                    "name": loc.text(checklist.name),
                    "href": env.link(urls.region(checklist.code)),
                    "source": views.source(env, checklist),
                    "definition": views.verdict(env, coverage.definition.verdict),
                    "counts": {v.value: coverage.count(v) for v in Verdict},
                    "local_count": len(checklist.local_items),
                    "ok": coverage.ok,
                }
            )
        categories = []
        for cat in site.baseline.categories:
            items = []
            for item in (i for i in site.baseline.items if i.category == cat.id):
                cells = []
                for checklist in site.checklists:
                    cell = next(c for c in site.coverage[checklist.code].cells if c.item_id == item.id)
                    has = item.id in checklist.services
                    cells.append(
                        {
                            "verdict": views.verdict(env, cell.verdict),
                            "href": env.link(urls.region_service(checklist.code, item.id)) if has else None,
                        }
                    )
                items.append({"title": loc.text(item.title), "href": env.link(urls.service(item.id)), "cells": cells})
            categories.append({"title": loc.text(cat.title), "services": items})
        published = {c.code for c in site.checklists}
        return {
            "title": title,
            "description": _(
                "Which regions have published their list of care services for mobile children, "
                "and how each compares with the national baseline."
            ),
            "breadcrumbs": env.crumbs((title, None)),
            "rows": rows,
            "region_columns": [{"name": loc.text(c.name), "href": env.link(urls.region(c.code))} for c in site.checklists],
            "categories": categories,
            "unpublished": [loc.text(name) for code, name in site.regions.items() if code not in published],
            "published_count": len(site.checklists),
            "region_count": len(site.regions),
            "legend": views.legend(env),
        }

    # --- about -----------------------------------------------------------------------------------------------------

    def _about_text(self, env: PageEnv, page: AboutPage) -> tuple[Localized, Localized, Localized]:
        """Title, summary and body (Markdown source) in the page's language, or Chinese with a lang tag."""
        code = env.language.code
        if code in page.others:
            title, summary, body = page.others[code]
            return Localized(title), Localized(summary), Localized(body)
        return env.loc.text(page.title), env.loc.text(page.summary), env.loc.text(page.body)

    def _about(self, page: AboutPage, env: PageEnv) -> dict[str, Any]:
        title, summary, body = self._about_text(env, page)
        return {
            "title": title.text,
            "description": _shorten(summary.text),
            "breadcrumbs": env.crumbs((title.text, None)),
            "heading": title,
            "summary": summary,
            "body": Localized(body.text, body.lang, self._page_renderer.block(body.text)),
            "siblings": [
                {"label": self._about_text(env, p)[0].text, "href": env.link(urls.about(p.slug)), "current": p.slug == page.slug}
                for p in self.site.about_pages
            ],
        }

    # --- 404 -------------------------------------------------------------------------------------------------------

    def _not_found(self, env: PageEnv) -> dict[str, Any]:
        site, loc, _ = self.site, env.loc, env._
        return {
            "title": _("Page not found"),
            "description": _("This page does not exist."),
            "breadcrumbs": [],
            "coverage_href": env.link(urls.COVERAGE),
            "regions": [{"name": loc.text(c.name), "href": env.link(urls.region(c.code))} for c in site.checklists],
            "other_languages": [
                {"name": lang.name, "hreflang": lang.html_lang, "href": env.link(urls.HOME, lang)}
                for lang in self.languages
                if lang != env.language
            ],
        }
