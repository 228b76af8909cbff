"""The coverage page: which regions have published their list, and each item against the national baseline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from carelist.coverage import Verdict
from carelist_site import urls
from carelist_site.localize import Localized
from carelist_site.pages import views
from carelist_site.pages.base import Page, PageEnv, PageSpec, SiteData


@dataclass(frozen=True)
class CoveragePage(Page):
    """Which regions have published, and each item against the baseline."""

    rows: list[dict[str, Any]]
    region_columns: list[dict[str, Any]]
    categories: list[dict[str, Any]]
    unpublished: list[Localized]
    published_count: int
    region_count: int
    legend: list[views.VerdictView]


def specs(site: SiteData) -> list[PageSpec]:
    return [PageSpec("coverage", urls.COVERAGE, "coverage", context, site.any_sample)]


def context(env: PageEnv) -> CoveragePage:
    site, loc, _ = env.site, env.loc, env._
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
                cell = site.cell(checklist.code, item.id)
                assert cell is not None  # every baseline item has a cell in every region
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
    return CoveragePage(
        title=title,
        description=_(
            "Which regions have published their list of care services for mobile children, "
            "and how each compares with the national baseline."
        ),
        breadcrumbs=env.crumbs((title, None)),
        rows=rows,
        region_columns=[{"name": loc.text(c.name), "href": env.link(urls.region(c.code))} for c in site.checklists],
        categories=categories,
        unpublished=[loc.text(name) for code, name in site.regions.items() if code not in published],
        published_count=len(site.checklists),
        region_count=len(site.regions),
        legend=views.legend(env),
    )
