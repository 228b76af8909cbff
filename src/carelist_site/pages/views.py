"""Small view models shared by several pages: verdicts, sources, eligibility facts, hotlines, service cards.

Each takes the page's PageEnv and returns plain values (strings, Localized, dicts) that templates only print.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from babel.lists import format_list

from carelist.coverage import Cell, Finding, Verdict
from carelist.eligibility import Rule
from carelist.model import BaselineItem, Checklist, Definition, Floor, Service
from carelist_site import urls
from carelist_site.i18n import N_
from carelist_site.localize import LocalDate, Localized
from carelist_site.pages.base import PageEnv

VERDICT_LABELS = {
    Verdict.MISSING: N_("Not in this region's list"),
    Verdict.BELOW: N_("Below the national baseline"),
    Verdict.MEETS: N_("Meets the national baseline"),
    Verdict.EXCEEDS: N_("Goes beyond the national baseline"),
}
VERDICT_SHORT = {
    Verdict.MISSING: N_("missing"),
    Verdict.BELOW: N_("below"),
    Verdict.MEETS: N_("meets"),
    Verdict.EXCEEDS: N_("exceeds"),
}
# Whom a service is open to (the baseline's `scope`), said the way the finder says it.
SCOPE_FACTS = {
    "everyone": N_("Open to every child living here, whether or not they count as a mobile child"),
    "moved": N_("For children who moved here with their family"),
    "moved-any": N_("For children who moved with their family, including moves between the townships or sub-districts of one county"),
    "definition": N_("For children counted as mobile children here"),
}
PERMIT_FACTS = {
    "required": N_("Needs a residence permit"),
    "main-basis": N_("Usually applied for with a residence permit; ask about other ways if you have none yet"),
}
_TEL_DROP = re.compile(r"[^0-9+-]")
_UNSAFE_IN_URL = re.compile(r"[\s<>\"']")


@dataclass(frozen=True)
class VerdictView:
    """A verdict as text, short word and symbol; its key (the CSS class) only adds colour, never the only signal."""

    key: str
    label: str
    short: str
    symbol: str


def verdict(env: PageEnv, value: Verdict) -> VerdictView:
    return VerdictView(value.value, env._(VERDICT_LABELS[value]), env._(VERDICT_SHORT[value]), value.symbol)


def legend(env: PageEnv) -> list[VerdictView]:
    return [verdict(env, v) for v in (Verdict.MEETS, Verdict.EXCEEDS, Verdict.BELOW, Verdict.MISSING)]


def reasons(env: PageEnv, cell: Cell) -> list[Any]:
    """Why a cell is above or below the baseline (a plain 'meets' needs no reason)."""
    return [env.loc.text(f.reason) for f in cell.findings if _explains(f)]


def _explains(finding: Finding) -> bool:
    return finding.verdict in (Verdict.EXCEEDS, Verdict.BELOW, Verdict.MISSING)


def web_url(url: str | None) -> str | None:
    """An http(s) address to link to, or None. The schema already requires this; the site does not rely on it."""
    return url if url and urlsplit(url).scheme in ("http", "https") and not _UNSAFE_IN_URL.search(url) else None


_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def paragraph_number(env: PageEnv, numeral: str) -> str:
    """The plan numbers its paragraphs 一…十七; pages in other languages show 1…17."""
    if env.language.code == "zh":
        return numeral
    tens, _sep, units = numeral.rpartition("十")
    if "十" not in numeral:
        return str(_CHINESE_DIGITS.get(numeral, numeral))
    return (
        str(_CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(units, 0))
        if all(c in _CHINESE_DIGITS for c in tens + units)
        else numeral
    )


def tel(phone: str) -> str:
    return "tel:" + _TEL_DROP.sub("", phone)


@dataclass(frozen=True)
class HotlineView:
    name: Localized
    phone: str
    tel: str
    hours: Localized | None


@dataclass(frozen=True)
class RevisionView:
    version: str
    date: LocalDate
    changes: Localized


@dataclass(frozen=True)
class SourceView:
    """Where a region's list comes from."""

    region: Localized
    title: Localized
    issuer: Localized
    number: Localized
    version: str
    published: LocalDate
    effective: LocalDate
    url: str | None
    sample: bool
    history: tuple[RevisionView, ...]


# Both are the same on every page of a region in one language, so they are made once for it. They are frozen
# (hashable): the macros that show them render them once per value too (see FragmentCache).
def hotlines(env: PageEnv, checklist: Checklist) -> tuple[HotlineView, ...]:
    """The region's hotlines, as its pages list them."""
    loc = env.loc
    return env.site.once(
        ("hotlines", checklist.code, env.language.code),
        lambda: tuple(HotlineView(loc.text(h.name), h.phone, tel(h.phone), loc.maybe(h.hours)) for h in checklist.hotlines),
    )


def source(env: PageEnv, checklist: Checklist) -> SourceView:
    """Where a region's list comes from: shown on every page that shows its content."""
    return env.site.once(("source", checklist.code, env.language.code), lambda: _source(env, checklist))


def _source(env: PageEnv, checklist: Checklist) -> SourceView:
    loc, p = env.loc, checklist.publication
    return SourceView(
        region=loc.text(checklist.name),
        title=loc.text(p.title),
        issuer=loc.text(p.issuer),
        number=loc.chinese(p.number),
        version=p.version,
        published=loc.date(p.published),
        effective=loc.date(p.effective),
        url=web_url(p.source_url),
        sample=checklist.sample,
        history=tuple(RevisionView(h.version, loc.date(h.date), loc.text(h.changes)) for h in p.history),
    )


def join(env: PageEnv, items: list[str]) -> str:
    return format_list(items, locale=env.language.babel_locale) if items else ""


def script_ngettext(env: PageEnv) -> Callable[[str, str], dict[str, str]]:
    """An ngettext for a page's script: both forms of a counted string, for the script to pick by Intl.PluralRules.

    Call the result `ngettext` so that `make catalog` extracts its strings as plurals.
    """

    def ngettext(singular: str, plural: str) -> dict[str, str]:
        return {"one": env.ngettext(singular, plural, 1), "other": env.ngettext(singular, plural, 2)}

    return ngettext


def definition_facts(env: PageEnv, definition: Definition) -> list[str]:
    """Who counts as a mobile child (nationally or in one region), one short sentence per condition."""
    _ = env._
    return [
        _("Under %(age)d years old") % {"age": definition.max_age},
        _("Moved with one or both parents (or other guardians) away from the place of household registration (hukou)"),
        env.ngettext(
            "Has lived in another county or city for %(num)d month or more",
            "Has lived in another county or city for %(num)d months or more",
            definition.min_residence_months,
        )
        % {"num": definition.min_residence_months},
        _("Moves only between the central districts of one city also count")
        if definition.includes_moves_within_city_districts
        else _("Moves only between the central districts of one city do not count"),
    ]


def eligibility_facts(env: PageEnv, rule: Rule, situation_titles: dict[str, str]) -> list[str]:
    """Who qualifies, as short sentences built from the same resolved numbers the entitlement finder uses."""
    _, ngettext = env._, env.ngettext
    facts = []
    if rule.min_age:
        facts.append(_("Children aged %(min)d to under %(max)d") % {"min": rule.min_age, "max": rule.below_age})
    else:
        facts.append(_("Children under %(max)d") % {"max": rule.below_age})
    if rule.min_months:
        facts.append(
            ngettext("Living here for at least %(num)d month", "Living here for at least %(num)d months", rule.min_months)
            % {"num": rule.min_months}
        )
    else:
        facts.append(_("No minimum time living here"))
    if rule.all_of:
        facts.append(_("Only when: %(list)s") % {"list": join(env, [situation_titles[s] for s in rule.all_of])})
    if rule.any_of:
        facts.append(_("When any of these applies: %(list)s") % {"list": join(env, [situation_titles[s] for s in rule.any_of])})
    if scope := SCOPE_FACTS.get(rule.scope):
        facts.append(_(scope))
    if rule.pupils:
        facts.append(_("For children at school"))
    if permit := PERMIT_FACTS.get(rule.residence_permit or ""):
        facts.append(_(permit))
    return facts


def floor_text(env: PageEnv, floor: Floor) -> str:
    """One national minimum in words."""
    label = env.loc.plain(floor.label)
    unit = env.loc.plain(floor.unit) if floor.unit else ""
    if floor.type == "at-least":
        return env._("%(label)s: at least %(value)s %(unit)s") % {"label": label, "value": floor.value, "unit": unit}
    if floor.type == "at-most":
        return env._("%(label)s: at most %(value)s %(unit)s") % {"label": label, "value": floor.value, "unit": unit}
    return label


@dataclass(frozen=True)
class ServiceCard:
    """A region's service in a list: what it is, what you get, how it compares, where to read more.

    A baseline item the region's list lacks is a card too, with no page to link to (href None).
    """

    id: str
    title: Localized
    provides: Localized | None
    beyond: Localized | None
    local: bool
    verdict: VerdictView | None  # None for the region's own items, which the baseline does not have
    href: str | None

    @property
    def goes_beyond(self) -> bool:
        return self.local or (self.verdict is not None and self.verdict.key == Verdict.EXCEEDS.value)


def service_card(env: PageEnv, checklist: Checklist, service: Service, cell: Cell | None) -> ServiceCard:
    item = env.site.items.get(service.id)
    title = item.title if item else service.title
    return ServiceCard(
        id=service.id,
        title=env.loc.text(title) if title else env.loc.text(service.provides),
        provides=env.loc.text(service.provides),
        beyond=env.loc.maybe(service.beyond_baseline),
        local=service.local,
        verdict=verdict(env, cell.verdict) if cell else None,
        href=env.link(urls.region_service(checklist.code, service.id)),
    )


def missing_card(env: PageEnv, item: BaselineItem) -> ServiceCard:
    return ServiceCard(item.id, env.loc.text(item.title), None, None, False, verdict(env, Verdict.MISSING), None)
