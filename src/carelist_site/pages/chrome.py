"""What every page has around its content: head links, navigation, language switch, footer.

The navigation and the footer are the same on every page of a language that links from the same place: they are
made once per place (and rendered once, see template_env.FragmentCache), keyed by `chrome_key`."""

from __future__ import annotations

from typing import Any

from carelist_site import urls
from carelist_site.navigation import NAV_ITEMS
from carelist_site.pages.about import about_text
from carelist_site.pages.base import PageEnv

# What the shared part links to: language-neutral paths of pages (first) and of files without a language.
_PAGES = (urls.HOME, urls.DATA, urls.FEED, *(item.path for item in NAV_ITEMS))
_FILES = (urls.STYLESHEET, urls.ICON, urls.schema_file("checklist.schema.json"), urls.schema_file("baseline.json"))


def context(env: PageEnv, shared: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    """The page's chrome; shared holds the parts made for each place, for the pages of one build."""
    _, spec, languages = env._, env.spec, env.languages
    listed = spec.in_sitemap
    key = _place(env, shared)
    if key not in shared:
        shared[key] = _shared(env) | {"chrome_key": key}
    return shared[key] | {
        "kind": spec.kind,
        "html_lang": env.language.html_lang,
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
        "sample": spec.sample,
    }


def _place(env: PageEnv, shared: dict[Any, Any]) -> tuple[Any, ...]:
    """What the shared part depends on: the language, the current page kind and where its links start from."""
    prefixes_key = ("prefixes", env.language.code)
    if prefixes_key not in shared:
        pages = [*_PAGES, *(urls.about(p.slug) for p in env.site.about_pages)]
        targets = [urls.output_file(env.language.prefix + p).split("/") for p in pages] + [urls.output_file(f).split("/") for f in _FILES]
        shared[prefixes_key] = frozenset(tuple(parts[:n]) for parts in targets for n in range(1, len(parts) + 1))
    return (env.language.code, env.spec.kind, env.linker.place(shared[prefixes_key]))


def _shared(env: PageEnv) -> dict[str, Any]:
    _ = env._
    return {
        "site_name": _("Care services for mobile children"),
        "nav": [{"label": _(item.label), "href": env.link(item.path), "current": item.key == env.spec.kind} for item in NAV_ITEMS],
        "home_href": env.link(urls.HOME),
        "stylesheet": env.link_file(urls.STYLESHEET),
        "icon": env.link_file(urls.ICON),
        "feed": env.link(urls.FEED),
        "about_links": [{"label": about_text(env, p)[0].text, "href": env.link(urls.about(p.slug))} for p in env.site.about_pages],
        "data_links": [
            {"label": _("Open data (JSON and CSV)"), "href": env.link(urls.DATA)},
            {"label": _("Checklist format (JSON Schema)"), "href": env.link_file(urls.schema_file("checklist.schema.json"))},
            {"label": _("National baseline (JSON)"), "href": env.link_file(urls.schema_file("baseline.json"))},
            {"label": _("Updates (Atom feed)"), "href": env.link(urls.FEED)},
        ],
        "baseline_source": env.loc.text(env.site.baseline.title),
    }
