"""The home page: where to start, every region, every service by category, the definition and the hotlines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from carelist_site import urls
from carelist_site.pages import views
from carelist_site.pages.base import Page, PageEnv, PageSpec, SiteData


@dataclass(frozen=True)
class HomePage(Page):
    """The home page: where to start, every region, every service."""

    regions: list[dict[str, Any]]
    published_count: int
    region_count: int
    coverage_href: str
    search_href: str
    finder_href: str
    categories: list[dict[str, Any]]
    definition: dict[str, Any]
    hotlines: list[dict[str, Any]]


def specs(site: SiteData) -> list[PageSpec]:
    return [PageSpec("home", urls.HOME, "home", context, sample=site.any_sample)]


def context(env: PageEnv) -> HomePage:
    site, loc, _ = env.site, env.loc, env._
    baseline = site.baseline
    return HomePage(
        title=None,
        description=_(
            "What children who moved with their family can get where they live now: school, vaccines, medical "
            "insurance and more, region by region, in plain words."
        ),
        breadcrumbs=[],
        regions=[{"name": loc.text(c.name), "href": env.link(urls.region(c.code)), "sample": c.sample} for c in site.checklists],
        published_count=len(site.checklists),
        region_count=len(site.regions),
        coverage_href=env.link(urls.COVERAGE),
        search_href=env.link(urls.SEARCH),
        finder_href=env.link(urls.FINDER),
        categories=[
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
        definition={
            "facts": views.definition_facts(env, baseline.definition),
            "update_months": baseline.definition.information_update_months,
            "plan_text": loc.maybe(baseline.definition.text),
            "plan_title": loc.text(baseline.title),
            "about_href": env.link(urls.about("about-the-plan")) if any(p.slug == "about-the-plan" for p in site.about_pages) else None,
        },
        hotlines=[
            {"region": loc.text(c.name), "entries": views.hotlines(env, c), "href": env.link(urls.region(c.code))} for c in site.checklists
        ],
    )
