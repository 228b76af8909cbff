"""The about pages (content/pages/*.md): how to use the site, the plan, accessibility, for editors."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from carelist_site import urls
from carelist_site.content import AboutPage
from carelist_site.localize import Localized
from carelist_site.pages.base import Page, PageEnv, PageSpec, SiteData, shorten
from carelist_site.render import PAGE_TAGS, MarkdownRenderer


@cache
def _renderer() -> MarkdownRenderer:
    return MarkdownRenderer(PAGE_TAGS)


def about_text(env: PageEnv, page: AboutPage) -> tuple[Localized, Localized, Localized]:
    """Title, summary and body (Markdown source) in the page's language, or Chinese with a lang tag."""
    code = env.language.code
    if code in page.others:
        title, summary, body = page.others[code]
        return Localized(title), Localized(summary), Localized(body)
    return env.loc.text(page.title), env.loc.text(page.summary), env.loc.text(page.body)


@dataclass(frozen=True)
class AboutPageView(Page):
    """An about page in one language."""

    heading: Localized
    summary: Localized
    body: Localized
    siblings: list[dict[str, Any]]


def specs(site: SiteData) -> list[PageSpec]:
    return [PageSpec("about", urls.about(p.slug), "about", partial(context, p)) for p in site.about_pages]


def context(page: AboutPage, env: PageEnv) -> AboutPageView:
    title, summary, body = about_text(env, page)
    return AboutPageView(
        title=title.text,
        description=shorten(summary.text),
        breadcrumbs=env.crumbs((title.text, None)),
        heading=title,
        summary=summary,
        body=Localized(body.text, body.lang, _renderer().block(body.text), body.note),
        siblings=[
            {"label": about_text(env, p)[0].text, "href": env.link(urls.about(p.slug)), "current": p.slug == page.slug}
            for p in env.site.about_pages
        ],
    )
