"""The finder page: the form's choices and every word its script shows, in one language.

The script (theme/static/js/finder.js) has no text of its own: it reads the strings below from a JSON block the
template prints, so the catalogs translate them like any other interface string.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from carelist.eligibility import Move
from carelist_site import open_data, urls
from carelist_site.jsonld import script_json
from carelist_site.localize import SOURCE_HTML_LANG
from carelist_site.pages import views
from carelist_site.pages.base import PageEnv, PageSpec, SiteData

RULES = open_data.RULES  # the open-data copy of the rules: one file for every language and for reusers
SCRIPTS = ("theme/js/finder-engine.js", "theme/js/finder.js")


def _text(env: PageEnv) -> dict[str, Any]:
    """What the script shows, with %(name)s placeholders it fills in."""
    _, ngettext = env._, views.script_ngettext(env)

    return {
        "heading": _("What your child can get in %(region)s"),
        "groups": {
            "entitled": _("Your child can get these now"),
            "more-info": _("These need more information"),
            "later": _("Your child may get these later"),
            "not-eligible": _("Not for your child at the moment"),
        },
        "covered": {
            "mobile-child": _("Your child counts as a mobile child in %(region)s."),
            "residence": ngettext(
                "Your child will count as a mobile child in %(region)s after %(num)d more month living there. Some services do not wait.",
                "Your child will count as a mobile child in %(region)s after %(num)d more months living there. Some services do not wait.",
            ),
            "unknown": _("Answer every question above to find out whether your child counts as a mobile child in %(region)s."),
            "too-old": _("In %(region)s, the list is for children under %(age)d, so it does not apply to your child."),
            "not-moved": _(
                "The list is for children who moved from another county or city with their family. Children who did not move "
                "get the services every local child gets."
            ),
            "city-districts": _(
                "In %(region)s, moving only between the central districts of one city does not count: the list is for "
                "children who moved across a county boundary."
            ),
        },
        "whoCounts": _("Who counts as a mobile child in %(region)s:"),
        "count": _("%(title)s (%(num)d)"),
        "reasons": {
            "residence": ngettext("after %(num)d more month living here", "after %(num)d more months living here"),
            "too-young": _("from age %(age)d"),
            "local-conditions": _("Only if: %(conditions)s"),
            "unknown": _("Depends on the questions you left blank"),
            "too-old": _("Only for children under %(age)d"),
            "all_of": _("Only when: %(list)s"),
            "any_of": _("When any of these applies: %(list)s"),
        },
        "untranslated": _("(not yet translated)"),
        "regionPage": _("Everything for this region"),
        "chooseRegion": _("Choose where you live now to see the answer."),
        "failed": _("The finder could not load its rules. Use your region's page instead:"),
    }


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
                    "facts": views.definition_facts(env, c.definition),
                    "items": {item_id: env.link(urls.region_service(c.code, item_id)) for item_id in site.rules[c.code]},
                }
                for c in site.checklists
            },
            "situations": {s.id: env.loc.plain(s.title) for s in site.baseline.situations},
            "text": _text(env),
        }
    )


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
        ],
        "situations": [{"id": s.id, "title": loc.text(s.title), "question": loc.text(s.question)} for s in env.site.baseline.situations],
        "config": _config(env),
        "scripts": [env.link_file(path) for path in SCRIPTS],
    }
