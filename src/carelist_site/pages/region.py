"""A region's page: its official list, who counts as a mobile child there, hotlines, and every service by category."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from carelist.model import Checklist
from carelist_site import urls
from carelist_site.localize import Localized
from carelist_site.pages import views
from carelist_site.pages.base import Page, PageEnv, PageSpec, SiteData, shorten


@dataclass(frozen=True)
class RegionPage(Page):
    """A region's page."""

    region_name: Localized
    source: views.SourceView
    definition: dict[str, Any]
    hotlines: tuple[views.HotlineView, ...]
    revisions_href: str
    groups: list[dict[str, Any]]
    service_count: int
    beyond: list[views.ServiceCard]


def specs(site: SiteData) -> list[PageSpec]:
    return [
        PageSpec("region", urls.region(c.code), "region", partial(context, c), c.sample, lastmod=c.publication.published, region=c.code)
        for c in site.checklists
    ]


def context(checklist: Checklist, env: PageEnv) -> RegionPage:
    site, loc, _ = env.site, env.loc, env._
    coverage = site.coverage[checklist.code]
    cells = {c.item_id: c for c in coverage.cells}
    groups: list[dict[str, Any]] = []
    beyond: list[views.ServiceCard] = []
    count = 0
    for cat in site.baseline.categories:
        cards = [
            views.service_card(env, checklist, checklist.services[item.id], cells[item.id])
            if item.id in checklist.services
            else views.missing_card(env, item)
            for item in site.baseline.items
            if item.category == cat.id
        ]
        cards += [views.service_card(env, checklist, s, None) for s in checklist.local_items if s.category == cat.id]
        beyond += [card for card in cards if card.goes_beyond]
        count += sum(1 for card in cards if card.href)
        if cards:
            groups.append({"id": cat.id, "title": loc.text(cat.title), "summary": loc.text(cat.summary), "services": cards})
    name = loc.plain(checklist.name)
    return RegionPage(
        title=_("%(region)s: care services for mobile children") % {"region": name},
        description=shorten(loc.plain(checklist.publication.title)),
        breadcrumbs=env.crumbs((name, None)),
        region_name=loc.text(checklist.name),
        source=views.source(env, checklist),
        definition={
            "facts": views.definition_facts(env, checklist.definition),
            "update_months": checklist.definition.information_update_months,
            "note": loc.maybe(checklist.definition.text),
            "verdict": views.verdict(env, coverage.definition.verdict),
            "reasons": views.reasons(env, coverage.definition),
        },
        hotlines=views.hotlines(env, checklist),
        revisions_href=env.link(urls.revisions(checklist.code)),
        groups=groups,
        service_count=count,
        beyond=beyond,
    )
