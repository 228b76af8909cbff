"""What every page has around its content: head links, navigation, language switch, footer."""

from __future__ import annotations

from typing import Any

from carelist_site import urls
from carelist_site.navigation import NAV_ITEMS
from carelist_site.pages.about import about_text
from carelist_site.pages.base import PageEnv


def context(env: PageEnv) -> dict[str, Any]:
    _, spec, languages = env._, env.spec, env.languages
    listed = spec.in_sitemap
    return {
        "kind": spec.kind,
        "html_lang": env.language.html_lang,
        "site_name": _("Care services for mobile children"),
        "canonical": env.absolute(spec.path) if listed else None,
        "alternates": (
            [{"hreflang": lang.html_lang, "href": env.absolute(spec.path, lang)} for lang in languages]
            + [{"hreflang": "x-default", "href": env.absolute(spec.path, languages[0])}]
        )
        if listed
        else [],
        "switch": [
            {"name": lang.name, "hreflang": lang.html_lang, "href": env.link(spec.path, lang), "current": lang == env.language}
            for lang in languages
        ],
        "nav": [{"label": _(item.label), "href": env.link(item.path), "current": item.key == spec.kind} for item in NAV_ITEMS],
        "home_href": env.link(urls.HOME),
        "stylesheet": env.link_file(urls.STYLESHEET),
        "icon": env.link_file(urls.ICON),
        "feed": env.link(urls.FEED),
        "sample": spec.sample,
        "about_links": [{"label": about_text(env, p)[0].text, "href": env.link(urls.about(p.slug))} for p in env.site.about_pages],
        "data_links": [
            {"label": _("Open data (JSON and CSV)"), "href": env.link(urls.DATA)},
            {"label": _("Checklist format (JSON Schema)"), "href": env.link_file(urls.schema_file("checklist.schema.json"))},
            {"label": _("National baseline (JSON)"), "href": env.link_file(urls.schema_file("baseline.json"))},
            {"label": _("Updates (Atom feed)"), "href": env.link(urls.FEED)},
        ],
        "baseline_source": env.loc.text(env.site.baseline.title),
    }
