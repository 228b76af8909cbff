"""Every page of the site, in order, and the context each page's template gets in one language."""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from typing import Any

from carelist_site import urls
from carelist_site.i18n import N_, Language
from carelist_site.localize import Localizer
from carelist_site.pages import (
    about,
    chrome,
    coverage,
    data,
    finder,
    home,
    not_found,
    region,
    region_service,
    residence_permit,
    revisions,
    search,
    service,
)
from carelist_site.pages.base import PageEnv, PageSpec, SiteData, as_mapping
from carelist_site.render import MarkdownRenderer

UNTRANSLATED = N_("(not yet translated)")  # beside a text shown in Chinese on another language's page
# The order pages are written in (and listed in the sitemap).
PAGE_MODULES = (home, region, revisions, region_service, service, residence_permit, coverage, search, finder, data, about, not_found)


class SiteBuilder:
    """The pages of one SiteData, and each page's context in each language."""

    def __init__(
        self,
        site: SiteData,
        languages: tuple[Language, ...],
        siteurl: urls.SiteURL,
        translations: Mapping[str, gettext.NullTranslations],
    ) -> None:
        self.site = site
        self.languages = languages
        self.siteurl = siteurl
        renderer = MarkdownRenderer()
        self._localizers = {lang.code: Localizer(lang, renderer, translations[lang.code].gettext(UNTRANSLATED)) for lang in languages}
        self._chrome: dict[Any, Any] = {}  # the navigation and footer made for each place (see chrome.py)

    def localizer(self, language: Language) -> Localizer:
        return self._localizers[language.code]

    def specs(self) -> list[PageSpec]:
        return [spec for module in PAGE_MODULES for spec in module.specs(self.site)]

    def env(self, spec: PageSpec, language: Language, translations: gettext.NullTranslations) -> PageEnv:
        return PageEnv.make(self.site, spec, language, self.languages, self.localizer(language), self.siteurl, translations)

    def context(self, spec: PageSpec, language: Language, translations: gettext.NullTranslations) -> dict[str, Any]:
        """The chrome and the page's own names; a page may not redefine a chrome name."""
        env = self.env(spec, language, translations)
        frame, page = chrome.context(env, self._chrome), as_mapping(spec.build(env))
        clash = frame.keys() & page.keys()
        if clash:
            raise KeyError(f"{spec.kind} page context redefines chrome names: {sorted(clash)}")
        return frame | page
