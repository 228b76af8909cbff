"""The machine-readable outputs built from the page list: the sitemap and one Atom feed per language."""

from __future__ import annotations

import gettext
from typing import Any
from urllib.parse import urlsplit

from carelist_site import urls
from carelist_site.i18n import Language
from carelist_site.localize import Localizer
from carelist_site.pages.base import PageSpec, SiteData

# The data has dates, not times: publications count from midnight in China.
_MIDNIGHT = "T00:00:00+08:00"


def sitemap_context(specs: list[PageSpec], languages: tuple[Language, ...], siteurl: urls.SiteURL) -> dict[str, Any]:
    """Every listed page in every language, each with its alternates (hreflang) and, where the data has one, a date."""
    entries: list[dict[str, Any]] = []
    for spec in specs:
        if not spec.in_sitemap:
            continue
        alternates = [{"hreflang": lang.html_lang, "href": siteurl.absolute(lang.prefix + spec.path)} for lang in languages]
        alternates.append({"hreflang": "x-default", "href": siteurl.absolute(languages[0].prefix + spec.path)})
        for lang in languages:
            entries.append(
                {
                    "loc": siteurl.absolute(lang.prefix + spec.path),
                    "lastmod": spec.lastmod.isoformat() if spec.lastmod else None,
                    "alternates": alternates,
                }
            )
    return {"entries": entries}


def feed_context(
    site: SiteData, language: Language, loc: Localizer, translations: gettext.NullTranslations, siteurl: urls.SiteURL
) -> dict[str, Any]:
    """Each publication and revision of every region's list, newest first."""
    _ = translations.gettext
    host = urlsplit(siteurl.root).hostname or "carelist"
    entries: list[dict[str, Any]] = []
    for checklist in site.checklists:
        p = checklist.publication
        name = loc.text(checklist.name)
        link = siteurl.absolute(language.prefix + urls.region(checklist.code))
        versions = [(p.version, p.published, None)] + [(h.version, h.date, h.changes) for h in p.history]
        for version, date, changes in versions:
            summary = loc.text(changes) if changes else loc.text(p.title)
            entries.append(
                {
                    # Tag URIs name the event, not the page, so an entry keeps its id when the site moves.
                    "id": f"tag:{host},{date.isoformat()}:regions/{checklist.code}/{version}/{language.code}",
                    "title": _("%(region)s: list version %(version)s") % {"region": name.text, "version": version},
                    "title_lang": name.lang,
                    "updated": date.isoformat() + _MIDNIGHT,
                    "link": link,
                    "summary": summary,
                    "number": p.number if changes is None else None,
                    "sort": (date.isoformat(), checklist.code, version),
                }
            )
    entries.sort(key=lambda e: e["sort"], reverse=True)
    updated = entries[0]["updated"] if entries else site.baseline.published.isoformat() + _MIDNIGHT
    feed_url = siteurl.absolute(language.prefix + urls.FEED)
    return {
        "feed_lang": language.html_lang,
        "feed_id": feed_url,
        "feed_url": feed_url,
        "home_url": siteurl.absolute(language.prefix + urls.HOME),
        "feed_title": _("Care services for mobile children: published and revised lists"),
        "author": _("carelist"),
        "updated": updated,
        "entries": entries,
    }
