"""The search page: a plain GET form (q, region, category) that a small script answers with Pagefind, in one language.

Why not Pagefind's Default UI (pagefind-ui.js): checked in 1.5.2, its input has only a placeholder and a title for a
label, nothing announces the results to a screen reader (no live region: WCAG 4.1.3), its form posts to
`javascript:void(0)`, it shows filter values as stored (our region codes), and it weighs 134 KB. The script here
(theme/static/js/search.js) is a few KB over `pagefind/pagefind.js`, reads `?q=` so the home page's box is an
ordinary form, and shows only the words below, so the catalogs translate the whole interface.
"""

from __future__ import annotations

from typing import Any

from carelist_site import urls
from carelist_site.jsonld import script_json
from carelist_site.pages import views
from carelist_site.pages.base import PageEnv, PageSpec, SiteData
from carelist_site.search_index import BUNDLE

SCRIPT = "theme/js/search.js"
PAGEFIND = f"{BUNDLE}/pagefind.js"
# Pagefind's ranking options, used by the page and by the search-quality tests alike (tests/search/quality.py).
# Pagefind 1.5 also searches metadata, but does not segment Chinese there: a title is one long "word", and the
# prefix match of "临时" (临时救助, temporary assistance) on 临时监护和长期监护 put guardianship first. Weight 1
# keeps titles useful for region names ("广东"). "context" (region · category) and "summary" (the page's description,
# shown instead of Pagefind's excerpt, which would often be the hidden keywords) are only shown, never searched.
PAGEFIND_OPTIONS: dict[str, Any] = {"ranking": {"metaWeights": {"title": 1.0, "context": 0.0, "summary": 0.0}}}
PAGE_SIZE = 10


def _text(env: PageEnv) -> dict[str, Any]:
    """Every word the script shows, with %(name)s placeholders it fills in."""
    _ = env._

    ngettext = views.script_ngettext(env)

    return {
        "searching": _("Searching…"),
        "found": ngettext("%(num)d result for “%(query)s”", "%(num)d results for “%(query)s”"),
        "filtered": ngettext("%(num)d page matches the chosen filters", "%(num)d pages match the chosen filters"),
        "none": _("Nothing found for “%(query)s”. Try a shorter or more everyday word, or browse by region or by service below."),
        "interrupted": _("The search did not finish: check your connection and try again, or browse by region or by service below."),
        "failed": _(
            "Search is not available here: it needs the site to be opened from a web server. Browse by region or by service below."
        ),
    }


def specs(site: SiteData) -> list[PageSpec]:
    return [PageSpec("search", urls.SEARCH, "search", context, site.any_sample)]


def context(env: PageEnv) -> dict[str, Any]:
    site, loc, _ = env.site, env.loc, env._
    title = _("Search")
    home = env.link(urls.HOME)
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
        "script": env.link_file(SCRIPT),
        "config": script_json(
            {"pagefind": env.link_file(PAGEFIND), "options": PAGEFIND_OPTIONS, "pageSize": PAGE_SIZE, "text": _text(env)}
        ),
    }
