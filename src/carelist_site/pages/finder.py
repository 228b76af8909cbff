"""The finder page: the form's choices and every word its script shows, in one language.

The script (theme/static/js/finder.js) has no text of its own: it reads the answer's sentences from
carelist.finder_messages (the table the CLI words its answers with) and the page's few own words, translated by the
catalogs, from a JSON block the template prints.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from carelist import finder_messages
from carelist.eligibility import Move
from carelist_site import open_data, urls
from carelist_site.jsonld import script_json
from carelist_site.localize import SOURCE_HTML_LANG
from carelist_site.pages import views
from carelist_site.pages.base import PageEnv, PageSpec, SiteData

RULES = open_data.RULES  # the open-data copy of the rules: one file for every language and for reusers
SCRIPTS = ("theme/js/finder-engine.js", "theme/js/finder.js")
NOSCRIPT_STYLESHEET = "theme/css/finder-noscript.css"  # hides the form and the loading notice without JavaScript


def _text(env: PageEnv) -> dict[str, Any]:
    """The page's own words (the answer's words are finder_messages' catalog)."""
    _ = env._
    return {
        "untranslated": _("(not yet translated)"),
        "regionPage": _("Everything for this region"),
        "chooseRegion": _("Choose where you live now to see the answer."),
        "failed": _("The finder could not load its rules. Use your region's page instead:"),
        "notUnderstood": _("This was not understood: write a number, for example 5 or 5 years."),
        "permitLink": _("How to get a residence permit"),
    }


def _permit_page(env: PageEnv, code: str) -> str | None:
    """The region's residence-permit page, once the site publishes those pages (one switch in finder_messages)."""
    path = finder_messages.permit_page_path(code, env.language.code)
    return env.link(f"regions/{code}/residence-permit/") if path else None


def _config(env: PageEnv) -> Markup:
    site = env.site
    return script_json(
        {
            "rules": env.link_file(RULES),
            "lang": env.language.code,
            "sourceLang": SOURCE_HTML_LANG,
            "regions": {
                c.code: {
                    "href": env.link(urls.region(c.code)),
                    "items": {item_id: env.link(urls.region_service(c.code, item_id)) for item_id in site.rules[c.code]},
                    "hotlines": [{"name": env.loc.plain(h.name), "phone": h.phone, "tel": views.tel(h.phone)} for h in c.hotlines],
                    "permitPage": _permit_page(env, c.code),
                }
                for c in site.checklists
            },
            "situations": {s.id: env.loc.plain(s.title) for s in site.baseline.situations},
            "messages": finder_messages.catalog(env.language.code),
            "text": _text(env),
        }
    )


def _used_for(env: PageEnv, situation_id: str) -> str:
    """What a situation is asked for: the national services it opens (the hint adds this to the question)."""
    titles = [env.loc.plain(i.title) for i in env.site.baseline.items if situation_id in (*i.eligibility.all_of, *i.eligibility.any_of)]
    return env._("Matters for: %(list)s") % {"list": views.join(env, titles)}


def specs(site: SiteData) -> list[PageSpec]:
    return [PageSpec("finder", urls.FINDER, "finder", context, site.any_sample)]


def context(env: PageEnv) -> dict[str, Any]:
    _, loc = env._, env.loc
    title = _("What can my child get here?")
    return {
        "title": title,
        "description": _(
            "Answer a few questions to see which services your child can get where you live now, which need more "
            "information and which may come later."
        ),
        "breadcrumbs": env.crumbs((title, None)),
        "regions": [{"code": c.code, "name": loc.text(c.name), "href": env.link(urls.region(c.code))} for c in env.site.checklists],
        "moves": [
            {"value": Move.COUNTY.value, "label": _("From another county or city (across a county boundary)")},
            {"value": Move.CITY_DISTRICTS.value, "label": _("Only between the central districts of one city")},
            {"value": Move.NONE.value, "label": _("We did not move to another county")},
            {"value": Move.NOT_SURE.value, "label": _("Not sure")},
        ],
        "situations": [
            {"id": s.id, "title": loc.text(s.title), "question": loc.text(s.question), "used_for": _used_for(env, s.id)}
            for s in env.site.baseline.situations
        ],
        "config": _config(env),
        "scripts": [env.link_file(path) for path in SCRIPTS],
        "noscript_stylesheet": env.link_file(NOSCRIPT_STYLESHEET),
    }
