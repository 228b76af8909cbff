"""Data text and dates for one page language, falling back to Chinese (the authoritative text) where untranslated."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from babel.dates import format_date
from markupsafe import Markup

from carelist.model import Text
from carelist_site.i18n import Language
from carelist_site.render import MarkdownRenderer

# The language every checklist is written in first, and the lang tag its text carries when shown on another page.
SOURCE_CODE = "zh"
SOURCE_HTML_LANG = "zh-Hans"
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class Localized:
    """A piece of data text as one page shows it."""

    text: str
    lang: str | None = None  # set when the text is not in the page's language (shown with a "not yet translated" note)
    html: Markup | None = None  # sanitised HTML for the fields that allow Markdown

    @property
    def fallback(self) -> bool:
        return self.lang is not None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class LocalDate:
    iso: str
    text: str


class Localizer:
    """Turns model Text and dates into what one language's pages show."""

    def __init__(self, language: Language, renderer: MarkdownRenderer) -> None:
        self.language = language
        self._renderer = renderer
        self._locale = language.babel_locale

    def own(self, text: Text) -> str | None:
        """The text in this page's language, or None when there is none."""
        if self.language.code == SOURCE_CODE:
            return text.zh
        return text.en if self.language.code == "en" and text.en else None

    def text(self, text: Text) -> Localized:
        own = self.own(text)
        return Localized(own) if own is not None else Localized(text.zh, SOURCE_HTML_LANG)

    def chinese(self, value: str) -> Localized:
        """A value that exists only in Chinese (a document number, the plan's own words): tagged on other pages."""
        if self.language.code == SOURCE_CODE or not _CJK.search(value):
            return Localized(value)
        return Localized(value, SOURCE_HTML_LANG)

    def maybe(self, text: Text | None) -> Localized | None:
        return self.text(text) if text is not None else None

    def texts(self, texts: Iterable[Text]) -> list[Localized]:
        return [self.text(t) for t in texts]

    def plain(self, text: Text) -> str:
        """For places that cannot carry a lang attribute or a note (titles, attributes, JSON-LD)."""
        return self.text(text).text

    def markdown(self, text: Text, *, inline: bool = False) -> Localized:
        shown = self.text(text)
        html = self._renderer.inline(shown.text) if inline else self._renderer.block(shown.text)
        return Localized(shown.text, shown.lang, html)

    def markdown_list(self, texts: Iterable[Text]) -> list[Localized]:
        return [self.markdown(t, inline=True) for t in texts]

    def date(self, day: dt.date) -> LocalDate:
        return LocalDate(day.isoformat(), format_date(day, format="long", locale=self._locale))
