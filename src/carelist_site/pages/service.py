"""One national baseline item across every region: what the plan says, its floors and rules, each region's entry."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from carelist.eligibility import national_rule
from carelist.model import BaselineItem
from carelist_site import jsonld, urls
from carelist_site.localize import Localized
from carelist_site.pages import views
from carelist_site.pages.base import Page, PageEnv, PageSpec, SiteData, shorten


@dataclass(frozen=True)
class ServicePage(Page):
    """One baseline item across every region."""

    heading: Localized
    category: Localized
    summary: Localized
    quote: Localized
    paragraph: str
    plan_title: Localized
    departments: list[Localized]
    floors: list[str]
    facts: list[str]
    regions: list[dict[str, Any]]
    jsonld: Markup


def specs(site: SiteData) -> list[PageSpec]:
    return [PageSpec("service", urls.service(i.id), "service", partial(context, i), site.any_sample) for i in site.baseline.items]


def context(item: BaselineItem, env: PageEnv) -> ServicePage:
    site, loc, _ = env.site, env.loc, env._
    regions = []
    for checklist in site.checklists:
        service = checklist.services.get(item.id)
        cell = site.cell(checklist.code, item.id)
        assert cell is not None  # every baseline item has a cell in every region
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
    return ServicePage(
        title=title,
        description=shorten(loc.plain(item.summary)),
        breadcrumbs=env.crumbs((title, None)),
        heading=loc.text(item.title),
        category=loc.text(category.title),
        summary=loc.text(item.summary),
        quote=loc.chinese(item.quote),
        paragraph=views.paragraph_number(env, item.paragraph),
        plan_title=loc.text(site.baseline.title),
        departments=loc.texts(item.departments),
        floors=[views.floor_text(env, f) for f in item.floors],
        facts=views.eligibility_facts(env, national_rule(item, site.baseline), site.situation_titles(loc)),
        regions=regions,
        jsonld=jsonld.script_json(
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
    )
