"""The search page: a plain GET form (q, region, category) that the site's own engine answers, in one language.

The form is there and usable at first paint: submitting it before the scripts have loaded reloads the page with
?q=…, which the script then answers. Results are services, linked to the family's region (see search_index.py and
theme/static/js/search-engine.js). Every word the script shows is prepared here, so the catalogs translate it.
"""

from __future__ import annotations

from typing import Any

from carelist_site import urls
from carelist_site.i18n import N_
from carelist_site.jsonld import script_json
from carelist_site.pages import residence_permit, views
from carelist_site.pages.base import PageEnv, PageSpec, SiteData
from carelist_site.search_index import BUNDLE

SCRIPTS = ("theme/js/search-vendor.js", "theme/js/search-engine.js", "theme/js/search.js")
PAGE_SIZE = 10
# National hotlines a family can always call: 12345 (government service hotline) and 12355 (youth service line).
HOTLINES = (
    ("12345", N_("Government service hotline: questions about any public service")),
    ("12355", N_("Youth service line: someone to talk to, and legal help")),
)
STORAGE_KEY = "carelist.region"


def _text(env: PageEnv) -> dict[str, Any]:
    """Every word the script shows, with %(name)s placeholders it fills in."""
    _ = env._
    ngettext = views.script_ngettext(env)
    return {
        "searching": _("Searching…"),
        "found": ngettext("%(num)d service for “%(query)s”", "%(num)d services for “%(query)s”"),
        "none": _("Nothing found for “%(query)s”. See below for what to try, or whom to call."),
        "interrupted": _("The search did not finish: check your connection and try again, or browse by region or by service below."),
        "failed": _(
            "Search is not available here: it needs the site to be opened from a web server. Browse by region or by service below."
        ),
        "regionQuery": _("For %(region)s, which your search names."),
        "regionForm": _("For %(region)s, the region you chose."),
        "regionDevice": _("For %(region)s, the region you chose last on this device."),
        "noList": _("%(place)s has no published list yet: these are the national pages, which link to every region."),
        "national": _("These are the national pages: choose your region to see what it provides."),
        "regionPage": _("Every service in %(region)s"),
        "eligibility": _("Check what your child can get"),
        "eligibilityIn": _("Check what your child can get in %(region)s"),
    }


def specs(site: SiteData) -> list[PageSpec]:
    return [PageSpec("search", urls.SEARCH, "search", context, site.any_sample)]


def context(env: PageEnv) -> dict[str, Any]:
    site, loc, _ = env.site, env.loc, env._
    title = _("Search")
    home = env.link(urls.HOME)
    root = home[: -len("index.html")] if home.endswith("index.html") else home
    return {
        "title": title,
        "description": _("Search every region's care services for mobile children in your own words: school, vaccines, rent, a doctor…"),
        "breadcrumbs": env.crumbs((title, None)),
        "action": env.link(urls.SEARCH),
        "regions": [{"value": c.code, "name": loc.text(c.name)} for c in site.checklists],
        "categories": [{"value": c.id, "name": loc.text(c.title)} for c in site.baseline.categories],
        # Everyday words that find something; each is in the search-quality set (tests/search/queries.yaml).
        "examples": [_("school"), _("vaccine"), _("rent"), _("medical insurance")],
        "browse": {"regions": home + "#where", "services": home + "#services"},
        "finder_href": env.link(urls.FINDER),
        "residence_permit_href": env.link(residence_permit.PATH) if site.baseline.residence_permit else None,
        "hotlines": [{"number": number, "tel": views.tel(number), "name": _(name)} for number, name in HOTLINES],
        "scripts": [env.link_file(path) for path in SCRIPTS],
        "preload": [env.link_file(f"{BUNDLE}/{env.language.code}/services.json"), env.link_file(f"{BUNDLE}/places.json")],
        "config": script_json(
            {
                "index": env.link_file(f"{BUNDLE}/places.json")[: -len("places.json")],  # the folder (a folder link would name index.html)
                "root": root,
                "lang": env.language.code,
                "finder": env.link(urls.FINDER),
                "storageKey": STORAGE_KEY,
                "pageSize": PAGE_SIZE,
                "text": _text(env),
            }
        ),
    }
