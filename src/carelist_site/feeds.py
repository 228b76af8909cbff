"""The machine-readable outputs built from the page list: the sitemap, and the Atom feeds of revisions (one for the
whole country and one per region, in each language)."""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from carelist.changes import Change
from carelist.model import Checklist, Text
from carelist_site import urls
from carelist_site.i18n import Language
from carelist_site.localize import Localizer
from carelist_site.pages import revisions as revisions_page
from carelist_site.pages.base import PageSpec, SiteData

# The data has dates, not times: publications count from midnight in China.
_MIDNIGHT = "T00:00:00+08:00"


def sitemap_context(specs: list[PageSpec], languages: tuple[Language, ...], siteurl: urls.SiteURL) -> dict[str, Any]:
    """Every listed page in every language, each with its alternates (hreflang) and, where the data has one, a date."""
    entries = []
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


# URLs in one sitemap file: the protocol's limit (sitemaps.org), which Baidu and Google keep to. One list per province
# stays far below it; lists of every city and county (3,000 regions, some 170,000 pages) need an index of parts.
SITEMAP_LIMIT = 50_000


def sitemap_files(
    entries: list[dict[str, Any]], siteurl: urls.SiteURL, limit: int = SITEMAP_LIMIT
) -> list[tuple[str, str, dict[str, Any]]]:
    """(file, template, context) of each sitemap file: one list while the pages fit in it, else an index of parts."""
    if len(entries) <= limit:
        return [(urls.SITEMAP, "sitemap.xml", {"entries": entries})]
    parts = [
        (urls.sitemap_part(n + 1), "sitemap.xml", {"entries": entries[start : start + limit]})
        for n, start in enumerate(range(0, len(entries), limit))
    ]
    index = {"sitemaps": [siteurl.absolute(rel) for rel, _template, _context in parts]}
    return [(urls.SITEMAP, "sitemap_index.xml", index), *parts]


def _entries(
    site: SiteData, checklist: Checklist, language: Language, loc: Localizer, _: Callable[[str], str], siteurl: urls.SiteURL
) -> list[dict[str, Any]]:
    """One entry per version of one region's list: from git when the history is there, else the list's own record."""
    host = urlsplit(siteurl.root).hostname or "carelist"
    p = checklist.publication
    name = loc.text(checklist.name)
    page = siteurl.absolute(language.prefix + urls.revisions(checklist.code))
    region = site.history.of(checklist.code) if site.history else None
    versions: list[tuple[str, dt.date, Text | None, tuple[Change, ...], str | None]]
    if region:
        versions = [(v.version, v.published, v.note, v.changes, v.checklist.publication.number) for v in region.versions]
    else:
        versions = [(p.version, p.published, p.changes, (), p.number)]
    # Versions the list itself records (document.history) from before the repository kept them.
    known = {v[0] for v in versions}
    versions += [(h.version, h.date, h.changes, (), None) for h in p.history if h.version not in known]
    entries = []
    for version, date, note, changes, number in versions:
        entries.append(
            {
                # Tag URIs name the event, not the page, so an entry keeps its id when the site moves.
                "id": f"tag:{host},{date.isoformat()}:regions/{checklist.code}/{version}/{language.code}",
                "title": _("%(region)s: list version %(version)s") % {"region": name.text, "version": version},
                "title_lang": name.lang,
                "updated": date.isoformat() + _MIDNIGHT,
                "link": page + "#" + revisions_page.anchor(version),
                "summary": loc.text(note) if note else loc.text(p.title),
                "number": number,
                "changes": [{"text": loc.text(c.text), "effect": revisions_page.effect_label(_, c.effect)} for c in changes],
                "sort": (date.isoformat(), checklist.code, version),
            }
        )
    return entries


def feed_context(
    site: SiteData,
    language: Language,
    loc: Localizer,
    translations: gettext.NullTranslations,
    siteurl: urls.SiteURL,
    code: str | None = None,
) -> dict[str, Any]:
    """The revisions of every region's list (or of one region's, given its code), newest first."""
    _ = translations.gettext
    chosen = [c for c in site.checklists if code is None or c.code == code]
    entries = [e for checklist in chosen for e in _entries(site, checklist, language, loc, _, siteurl)]
    entries.sort(key=lambda e: e["sort"], reverse=True)
    updated = entries[0]["updated"] if entries else site.baseline.published.isoformat() + _MIDNIGHT
    feed_url = siteurl.absolute(language.prefix + (urls.revisions_feed(code) if code else urls.FEED))
    home = urls.revisions(code) if code else urls.HOME
    if code:
        title = _("%(region)s: revisions of the list") % {"region": loc.plain(chosen[0].name)}
    else:
        title = _("Care services for mobile children: published and revised lists")
    return {
        "feed_lang": language.html_lang,
        "feed_id": feed_url,
        "feed_url": feed_url,
        "home_url": siteurl.absolute(language.prefix + home),
        "feed_title": title,
        "author": _("carelist"),
        "updated": updated,
        "entries": entries,
    }
