"""The residence permit (居住证) pages: a national one (residence-permit/) and one per region that describes it.

School, kindergarten and medical-insurance pages list the permit as a document: `link_from` gives those pages the
link to the permit page of their region. The content comes from the checklists' `residence_permit` section and the
baseline's national floor (schema/baseline.yaml).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from carelist.model import Checklist, Service
from carelist_site import urls
from carelist_site.pages import views
from carelist_site.pages.base import PageEnv, PageSpec, SiteData

PATH = "residence-permit/"
MARKER = "居住证"  # a document whose Chinese text names the permit gets the link


def region_path(code: str) -> str:
    return f"{urls.region(code)}residence-permit/"


def link_from(env: PageEnv, checklist: Checklist, service: Service) -> str | None:
    """The link a service page shows under its documents when one of them is the residence permit, else None."""
    if not any(MARKER in document.zh for document in service.documents):
        return None
    return env.link(region_path(checklist.code) if checklist.residence_permit else PATH)


def specs(site: SiteData) -> list[PageSpec]:
    """The national page and one per region that describes the permit (none without the baseline's section)."""
    if site.baseline.residence_permit is None:
        return []
    pages = [PageSpec("residence-permit", PATH, "residence_permit", context, site.any_sample)]
    for c in site.checklists:
        if c.residence_permit is not None:
            spec = PageSpec(
                "residence-permit", region_path(c.code), "residence_permit", partial(region_context, c), c.sample, region=c.code
            )
            pages.append(spec)
    return pages


def context(env: PageEnv) -> dict[str, Any]:
    """The national page: what the permit is, who may apply, the floor, and every region's page."""
    site, loc, _ = env.site, env.loc, env._
    permit = site.baseline.residence_permit
    assert permit is not None  # the page is listed only when the baseline has the section
    title = loc.plain(permit.title)
    return {
        "title": title,
        "description": loc.plain(permit.summary),
        "breadcrumbs": env.crumbs((title, None)),
        "heading": loc.text(permit.title),
        "summary": loc.text(permit.summary),
        "who": loc.text(permit.who),
        "documents": loc.texts(permit.documents),
        "floor": [
            _("You can apply after at most %(months)d months of living there.") % {"months": permit.max_residence_months},
            _("The permit is issued within %(days)d days of a complete application.") % {"days": permit.max_processing_days},
        ],
        "legal_basis": [loc.text(permit.legal_basis)],
        "regions": [
            {"name": loc.text(c.name), "href": env.link(region_path(c.code))} for c in site.checklists if c.residence_permit is not None
        ],
        "region": None,
    }


def region_context(checklist: Checklist, env: PageEnv) -> dict[str, Any]:
    """One region's page: how to get the permit there."""
    site, loc, _ = env.site, env.loc, env._
    permit, floor = checklist.residence_permit, site.baseline.residence_permit
    assert permit is not None and floor is not None
    name = loc.plain(checklist.name)
    title = _("%(region)s: %(service)s") % {"region": name, "service": loc.plain(floor.title)}
    return {
        "title": title,
        "description": loc.plain(floor.summary),
        "breadcrumbs": env.crumbs((name, urls.region(checklist.code)), (loc.plain(floor.title), None)),
        "heading": loc.text(floor.title),
        "summary": loc.text(floor.summary),
        "who": loc.text(permit.who),
        "documents": loc.texts(permit.documents),
        "floor": [
            _("You can apply after %(months)d months of living here (national floor: at most %(floor)d).")
            % {"months": permit.min_residence_months, "floor": floor.max_residence_months},
            _("It takes at most %(days)d days (national floor: at most %(floor)d).")
            % {"days": permit.processing_days, "floor": floor.max_processing_days},
        ],
        "legal_basis": loc.texts(permit.legal_basis),
        "regions": [],
        "region": {
            "name": loc.text(checklist.name),
            "href": env.link(urls.region(checklist.code)),
            "where": loc.text(permit.where),
            "steps": loc.markdown_list(permit.steps),
            "processing_time": loc.text(permit.processing_time),
            "cost": loc.text(permit.cost),
            "renewal": loc.maybe(permit.renewal),
            "phone": {"number": permit.phone, "tel": views.tel(permit.phone)} if permit.phone else None,
            "url": views.web_url(permit.url),
            "hotlines": views.hotlines(env, checklist),
            "national_href": env.link(PATH),
            "source": views.source(env, checklist),
        },
    }
