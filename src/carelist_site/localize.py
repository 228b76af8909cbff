"""Data text and dates for one page language, falling back to Chinese (the authoritative text) where untranslated."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from babel.dates import format_date
from markupsafe import Markup, escape

from carelist.model import Text
from carelist_site.i18n import Language
from carelist_site.render import MarkdownRenderer

# The language every checklist is written in first, and the lang tag its text carries when shown on another page.
SOURCE_CODE = "zh"
SOURCE_HTML_LANG = "zh-Hans"
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


# How a text in another language is shown: in its language, then the note (in the page's language).
_FALLBACK = Markup('<span lang="{lang}">{body}</span> <span class="untranslated">{note}</span>')


@dataclass(frozen=True)
class Localized:
    """A piece of data text as one page shows it. In a template, {{ text }} shows it whole: its HTML (Markdown fields)
    or its escaped text, and where it is not in the page's language, wrapped with its lang and a "not yet translated"
    note. Attributes and titles take text.text."""

    text: str
    lang: str | None = None  # set when the text is not in the page's language (shown with a "not yet translated" note)
    html: Markup | None = None  # sanitised HTML for the fields that allow Markdown
    note: str = ""  # the note, in the page's language (set with lang)

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        # Markup's protocol, so templates show a text without a macro call: there were some forty on every page, a
        # fifth of its render time.
        body = self.html if self.html is not None else escape(self.text)
        return _FALLBACK.format(lang=self.lang, body=body, note=self.note) if self.lang else str(body)


@dataclass(frozen=True)
class LocalDate:
    iso: str
    text: str


class Localizer:
    """Turns model Text and dates into what one language's pages show."""

    def __init__(self, language: Language, renderer: MarkdownRenderer, untranslated: str) -> None:
        self.language = language
        self._renderer = renderer
        self._locale = language.babel_locale
        self._note = untranslated  # the note beside a text shown in Chinese, in this language
        self._dates: dict[dt.date, LocalDate] = {}  # Babel formats each day once: a few dates recur on every page

    def _fallback(self, text: str) -> Localized:
        return Localized(text, SOURCE_HTML_LANG, note=self._note)

    def own(self, text: Text) -> str | None:
        """The text in this page's language, or None when there is none."""
        if self.language.code == SOURCE_CODE:
            return text.zh
        return text.en if self.language.code == "en" and text.en else None

    def text(self, text: Text) -> Localized:
        own = self.own(text)
        return Localized(own) if own is not None else self._fallback(text.zh)

    def chinese(self, value: str) -> Localized:
        """A value that exists only in Chinese (a document number, the plan's own words): tagged on other pages."""
        if self.language.code == SOURCE_CODE or not _CJK.search(value):
            return Localized(value)
        return self._fallback(value)

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
        return Localized(shown.text, shown.lang, html, shown.note)

    def markdown_list(self, texts: Iterable[Text]) -> list[Localized]:
        return [self.markdown(t, inline=True) for t in texts]

    def date(self, day: dt.date) -> LocalDate:
        if day not in self._dates:
            self._dates[day] = LocalDate(day.isoformat(), format_date(day, format="long", locale=self._locale))
        return self._dates[day]
