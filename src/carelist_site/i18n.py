"""Languages of the site and their interface catalogs (gettext via Babel, compiled in memory).

Catalogs are the .po files under theme/locales/; they are compiled when the site is built, so no .mo file is ever
committed or goes stale. Message ids are English: English needs no catalog of its own.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import Environment
from markupsafe import Markup

from carelist.errors import CarelistError

MSGID_LANGUAGE = "en"
_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]+)*$")
_PREFIX = re.compile(r"^([a-z0-9-]+/)?$")


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Language:
    """One language of the site, as configured in CARELIST_LANGUAGES."""

    code: str  # the language of the data text to show (zh, en); others fall back to zh
    html_lang: str  # BCP 47 tag for <html lang> and hreflang
    prefix: str  # where its pages live: "" (the root) or "en/"
    locale: str  # the catalog folder under theme/locales and Babel's locale for dates
    name: str  # the language's own name, shown in the language switch

    @classmethod
    def from_setting(cls, raw: Any) -> Language:
        try:
            language = cls(**{key: raw[key] for key in ("code", "html_lang", "prefix", "locale", "name")})
        except (KeyError, TypeError) as exc:
            raise CarelistError(f"CARELIST_LANGUAGES: each language needs code, html_lang, prefix, locale and name ({exc})") from exc
        if not _CODE.match(language.code) or not _PREFIX.match(language.prefix):
            raise CarelistError(
                f"CARELIST_LANGUAGES: bad code {language.code!r} or prefix {language.prefix!r} (prefix is '' or like 'en/')"
            )
        return language

    @property
    def babel_locale(self) -> Locale:
        try:
            return Locale.parse(self.locale)
        except (ValueError, UnknownLocaleError) as exc:
            raise CarelistError(f"CARELIST_LANGUAGES: unknown locale {self.locale!r}") from exc


def languages_from_settings(raw: Any) -> tuple[Language, ...]:
    """The configured languages; the first is the default (x-default), and prefixes must differ."""
    languages = tuple(Language.from_setting(entry) for entry in raw or ())
    if not languages:
        raise CarelistError("CARELIST_LANGUAGES is empty: configure at least one language")
    for attribute in ("code", "prefix", "html_lang"):
        values = [getattr(lang, attribute) for lang in languages]
        if len(set(values)) != len(values):
            raise CarelistError(f"CARELIST_LANGUAGES: two languages share the {attribute} {values}")
    return languages


def load_translations(locales_dir: Path, language: Language) -> gettext.NullTranslations:
    """The interface catalog of one language, compiled in memory from its .po file."""
    po_path = locales_dir / language.locale / "LC_MESSAGES" / "messages.po"
    if not po_path.is_file():
        if language.locale.split("_")[0] == MSGID_LANGUAGE:
            return NullTranslations()
        raise CarelistError(f"no interface catalog for {language.locale}: expected {po_path}")
    stat = po_path.stat()
    return Translations(fp=io.BytesIO(_compiled(po_path, language.locale, stat.st_mtime_ns, stat.st_size)))


@functools.cache
def _compiled(po_path: Path, locale: str, _mtime: int, _size: int) -> bytes:
    """The .po file as .mo bytes, compiled again only when it changes (carelist serve builds many times)."""
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=locale)
    compiled = io.BytesIO()
    # Fuzzy entries are guesses made by `pybabel update`: better the English than a wrong translation.
    write_mo(compiled, catalog, use_fuzzy=False)
    return compiled.getvalue()


def install_translations(env: Environment, translations: gettext.NullTranslations) -> None:
    """Jinja's new-style gettext for one language, with `_()` answered from a table instead of through Jinja's calls.

    A page calls `_()` some forty times, and Jinja's version makes three context calls each time: a tenth of the
    render time. The result is the same: the translation as Markup, formatted with the variables (escaped)."""
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]  # jinja2.ext.i18n adds it
    known: dict[str, Markup] = {}

    def translate(message: str, **variables: Any) -> Markup:
        if variables:
            return Markup(translations.gettext(message)) % variables
        if message not in known:
            known[message] = Markup(translations.gettext(message)) % {}  # "%%" is "%", as Jinja's always formats
        return known[message]

    env.globals["_"] = translate
