"""One service in one region: who can get it, what they get, how to apply, and how it compares with the baseline."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from carelist.model import Checklist, Service, Text
from carelist_site import jsonld, urls
from carelist_site.localize import LocalDate, Localized
from carelist_site.pages import residence_permit, revisions, views
from carelist_site.pages.base import Page, PageEnv, PageSpec, SiteData, shorten
from carelist_site.qr import qr_svg


@dataclass(frozen=True)
class Phone:
    number: str
    tel: str


@dataclass(frozen=True)
class Comparison:
    local: bool
    verdict: views.VerdictView | None
    reasons: list[Localized]
    national: Localized | None  # the baseline item's summary, for baseline items
    service_href: str | None  # the national service page, for baseline items


@dataclass(frozen=True)
class RegionServicePage(Page):
    heading: Localized
    region_name: Localized
    region_href: str
    update: revisions.ServiceUpdate | None  # what the latest version changed here, if anything
    category: Localized
    summary: Localized | None
    who: Localized
    facts: list[str]
    local_conditions: Localized | None
    provides: Localized
    details: Localized | None
    steps: list[Localized]
    documents: list[Localized]
    residence_permit_href: str | None  # the region's residence permit page, when a document is the permit
    where: Localized
    department: Localized
    phone: Phone | None
    website: str | None  # the service's own web address, when it has one
    hotlines: tuple[views.HotlineView, ...]
    cost: Localized
    processing_time: Localized
    legal_basis: list[Localized]
    comparison: Comparison
    revised: LocalDate
    source: views.SourceView
    qr: Markup
    page_url: str
    jsonld: Markup


def specs(site: SiteData) -> list[PageSpec]:
    specs = []
    for checklist in site.checklists:
        published = checklist.publication.published
        for service in site.services_of(checklist):
            specs.append(
                PageSpec(
                    "region-service",
                    urls.region_service(checklist.code, service.id),
                    "region_service",
                    partial(context, checklist, service),
                    checklist.sample,
                    lastmod=max(published, service.revised or published),
                    region=checklist.code,
                    qr_code=True,
                )
            )
    return specs


def context(checklist: Checklist, service: Service, env: PageEnv) -> RegionServicePage:
    site, loc, _ = env.site, env.loc, env._
    item = site.items.get(service.id)
    title = item.title if item else (service.title or Text(service.id))
    category = site.categories[item.category if item else service.category or ""]
    cell = site.cell(checklist.code, service.id)
    rule = site.rules[checklist.code][service.id]
    name, plain_title = loc.plain(checklist.name), loc.plain(title)
    page_url = env.absolute(env.spec.path)
    publication = checklist.publication
    website = views.web_url(service.url)
    return RegionServicePage(
        title=_("%(region)s: %(service)s") % {"region": name, "service": plain_title},
        description=shorten(loc.plain(service.provides)),
        breadcrumbs=env.crumbs((name, urls.region(checklist.code)), (plain_title, None)),
        heading=loc.text(title),
        region_name=loc.text(checklist.name),
        region_href=env.link(urls.region(checklist.code)),
        update=revisions.service_update(env, checklist, service.id),
        category=loc.text(category.title),
        summary=loc.maybe(item.summary if item else service.summary),
        who=loc.text(service.who),
        facts=views.eligibility_facts(env, rule, site.situation_titles(loc)),
        local_conditions=loc.maybe(service.eligibility.local_conditions),
        provides=loc.text(service.provides),
        details=loc.markdown(service.details) if service.details else None,
        steps=loc.markdown_list(service.steps),
        documents=loc.texts(service.documents),
        residence_permit_href=residence_permit.link_from(env, checklist, service),
        where=loc.text(service.where),
        department=loc.text(service.department),
        phone=Phone(service.phone, views.tel(service.phone)) if service.phone else None,
        website=website,
        hotlines=views.hotlines(env, checklist),
        cost=loc.text(service.cost),
        processing_time=loc.text(service.processing_time),
        legal_basis=loc.texts(service.legal_basis),
        comparison=Comparison(
            local=service.local,
            verdict=views.verdict(env, cell.verdict) if cell else None,
            reasons=views.reasons(env, cell) if cell else [],
            national=loc.text(item.summary) if item else None,
            service_href=env.link(urls.service(item.id)) if item else None,
        ),
        revised=loc.date(service.revised or publication.published),
        source=views.source(env, checklist),
        qr=qr_svg(page_url),
        page_url=page_url,
        jsonld=jsonld.script_json(
            jsonld.government_service(
                name=f"{plain_title} ({name})",
                description=loc.plain(service.provides),
                url=page_url,
                language=env.language.html_lang,
                category=loc.plain(category.title),
                providers=[loc.plain(service.department)],
                area={"@type": "AdministrativeArea", "name": name},
                audience=loc.plain(service.who),
                phone=service.phone,
                service_url=website,
                location=loc.plain(service.where),
                based_on=views.web_url(publication.source_url),
            )
        ),
    )
