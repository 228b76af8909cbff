"""The 404 page: served at any wrong address, so its links start from the site root."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from carelist_site import urls
from carelist_site.pages.base import Page, PageEnv, PageSpec, SiteData


@dataclass(frozen=True)
class NotFoundPage(Page):
    """The 404 page."""

    coverage_href: str
    regions: list[dict[str, Any]]
    other_languages: list[dict[str, str]]


def specs(site: SiteData) -> list[PageSpec]:
    return [PageSpec("not-found", urls.NOT_FOUND, "not_found", context, in_sitemap=False)]


def context(env: PageEnv) -> NotFoundPage:
    loc, _ = env.loc, env._
    return NotFoundPage(
        title=_("Page not found"),
        description=_("This page does not exist."),
        breadcrumbs=[],
        coverage_href=env.link(urls.COVERAGE),
        regions=[{"name": loc.text(c.name), "href": env.link(urls.region(c.code))} for c in env.site.checklists],
        other_languages=[
            {"name": lang.name, "hreflang": lang.html_lang, "href": env.link(urls.HOME, lang)}
            for lang in env.languages
            if lang != env.language
        ],
    )
