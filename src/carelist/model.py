"""The validated model: baseline and checklists as immutable objects built from schema-valid data."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("zh", "en")

# YAML's folded blocks (>-) join lines with a space, which is wrong between two Chinese characters.
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \n]+(?=[\u3000-\u9fff\uff00-\uffef])")


@dataclass(frozen=True)
class Text:
    """Text in Simplified Chinese, with an English translation when the author gave one."""

    zh: str
    en: str | None = None

    def get(self, lang: str) -> str:
        """The text in lang, falling back to Chinese (the authoritative language)."""
        return self.en if lang == "en" and self.en else self.zh

    def translated(self, lang: str) -> bool:
        return lang == "zh" or bool(self.en)

    @classmethod
    def of(cls, raw: Any) -> Text:
        zh = raw["zh"]
        if " " in zh or "\n" in zh:  # rarely: the regex alone looks behind every character
            zh = _CJK_GAP.sub("", zh)
        return cls(zh=zh, en=raw.get("en"))

    @classmethod
    def maybe(cls, raw: Any) -> Text | None:
        return cls.of(raw) if raw else None


def texts(raw: Any) -> tuple[Text, ...]:
    return tuple(Text.of(t) for t in raw or ())


# Whom a service is for, before age, residence and situations (schema/baseline.yaml records each item's choice):
#   everyone   every child living there, whether or not the family moved (a law gives it to every child there);
#   moved      children who moved here with their family across a county boundary (and, where the region's
#              definition counts them, between the central districts of one city): the list's audience;
#   moved-any  any move across a township or sub-district, central city districts included (plan (五));
#   definition the mobile-child definition of plan (四) in full, including its minimum time lived here.
SCOPES = ("everyone", "moved", "moved-any", "definition")
# How a service needs the residence permit (居住证): required (no permit, no service) or main-basis (the usual
# document, but other routes exist, so a family without one yet is asked to check rather than told to wait).
PERMIT_NEEDS = ("required", "main-basis")


@dataclass(frozen=True)
class Eligibility:
    """Who a service is for. None means: no rule of its own (the scope's default applies)."""

    min_age: int | None = None
    below_age: int | None = None
    min_residence_months: int | None = None
    all_of: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    local_conditions: Text | None = None
    scope: str = "moved"
    residence_permit: str | None = None  # one of PERMIT_NEEDS
    pupils: bool = False  # for children at school: younger children are not eligible rather than "later"
    sources: tuple[str, ...] = ()

    @classmethod
    def of(cls, raw: Any) -> Eligibility:
        raw = raw or {}
        return cls(
            min_age=raw.get("min_age"),
            below_age=raw.get("below_age"),
            min_residence_months=raw.get("min_residence_months"),
            all_of=tuple(raw.get("all_of", ())),
            any_of=tuple(raw.get("any_of", ())),
            local_conditions=Text.maybe(raw.get("local_conditions")),
            scope=raw.get("scope", "moved"),
            residence_permit=raw.get("residence_permit"),
            pupils=bool(raw.get("pupils", False)),
            sources=tuple(raw.get("sources", ())),
        )

    def overridden_by(self, override: Eligibility, raw_override: Any) -> Eligibility:
        """These rules with the fields a region restated replacing the baseline's."""
        given = set(raw_override or {})
        return Eligibility(
            **{
                name: getattr(override if name in given else self, name)
                for name in (
                    "min_age",
                    "below_age",
                    "min_residence_months",
                    "all_of",
                    "any_of",
                    "local_conditions",
                    "scope",
                    "residence_permit",
                    "pupils",
                    "sources",
                )
            }
        )

    def default_below_age(self, max_age: int) -> int:
        """Without an age limit of its own: the list's (its definition's) for mobile children, 18 (minors) for everyone."""
        return self.below_age if self.below_age is not None else (ADULT_AGE if self.scope == "everyone" else max_age)

    def default_min_months(self, min_months: int) -> int:
        """Without a residence rule of its own: the definition's months where the scope is the definition, else none."""
        if self.min_residence_months is not None:
            return self.min_residence_months
        return min_months if self.scope == "definition" else 0


ADULT_AGE = 18  # Law on the Protection of Minors, art. 2: minors are citizens under 18


@dataclass(frozen=True)
class Choice:
    id: str
    title: Text


@dataclass(frozen=True)
class Floor:
    """A machine-checkable minimum of a baseline item."""

    key: str
    type: str  # at-least | at-most | required | includes
    label: Text
    value: int | tuple[str, ...] | None = None
    unit: Text | None = None
    choices: tuple[Choice, ...] = ()

    def example(self) -> str:
        """A value that meets this floor, as YAML."""
        if self.type == "required":
            return "true"
        if self.type == "includes":
            return "[" + ", ".join(self.value or ()) + "]"  # type: ignore[arg-type]
        return str(self.value)


@dataclass(frozen=True)
class Category:
    id: str
    title: Text
    summary: Text


@dataclass(frozen=True)
class Situation:
    id: str
    title: Text
    question: Text


@dataclass(frozen=True)
class Definition:
    """Who counts as a mobile child: the national one, or a region's (which may be wider)."""

    max_age: int
    min_residence_months: int
    includes_moves_within_city_districts: bool
    information_update_months: int
    text: Text | None = None

    @classmethod
    def of(cls, raw: Any, text_key: str) -> Definition:
        return cls(
            max_age=raw["max_age"],
            min_residence_months=raw["min_residence_months"],
            includes_moves_within_city_districts=raw["includes_moves_within_city_districts"],
            information_update_months=raw["information_update_months"],
            text=Text.maybe(raw.get(text_key)),
        )


@dataclass(frozen=True)
class BaselineItem:
    id: str
    category: str
    paragraph: str
    title: Text
    summary: Text
    quote: str
    departments: tuple[Text, ...]
    keywords: dict[str, tuple[str, ...]]
    eligibility: Eligibility
    floors: tuple[Floor, ...]


@dataclass(frozen=True)
class ResidencePermitFloor:
    """The baseline's residence permit (居住证): what it is, who may apply, and the floor every region must meet."""

    title: Text
    summary: Text
    who: Text
    documents: tuple[Text, ...]
    keywords: dict[str, tuple[str, ...]]
    legal_basis: Text
    max_residence_months: int
    max_processing_days: int


@dataclass(frozen=True)
class Baseline:
    version: str
    title: Text
    issuer: Text
    published: dt.date
    definition: Definition
    categories: tuple[Category, ...]
    situations: tuple[Situation, ...]
    items: tuple[BaselineItem, ...]
    residence_permit: ResidencePermitFloor | None = None

    def item(self, item_id: str) -> BaselineItem:
        return next(i for i in self.items if i.id == item_id)

    @property
    def item_ids(self) -> list[str]:
        return [i.id for i in self.items]


@dataclass(frozen=True)
class Hotline:
    name: Text
    phone: str
    hours: Text | None = None


@dataclass(frozen=True)
class Revision:
    version: str
    date: dt.date
    changes: Text


@dataclass(frozen=True)
class Publication:
    """The official document that publishes a region's list."""

    title: Text
    issuer: Text
    number: str
    published: dt.date
    effective: dt.date
    version: str
    source_url: str
    history: tuple[Revision, ...] = ()
    changes: Text | None = None  # the editor's note on what this version changes


@dataclass(frozen=True)
class Service:
    """How one region delivers one service: a baseline item, or a local item the region adds."""

    id: str
    who: Text
    provides: Text
    steps: tuple[Text, ...]
    documents: tuple[Text, ...]
    where: Text
    department: Text
    cost: Text
    processing_time: Text
    legal_basis: tuple[Text, ...]
    eligibility: Eligibility
    values: dict[str, Any] = field(default_factory=dict)
    phone: str | None = None
    url: str | None = None
    beyond_baseline: Text | None = None
    details: Text | None = None
    revised: dt.date | None = None
    # Set for local items only; baseline items take these from the baseline.
    local: bool = False
    category: str | None = None
    title: Text | None = None
    summary: Text | None = None
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ResidencePermit:
    """How a region issues the residence permit (居住证)."""

    who: Text
    min_residence_months: int
    where: Text
    steps: tuple[Text, ...]
    documents: tuple[Text, ...]
    processing_days: int
    processing_time: Text
    cost: Text
    legal_basis: tuple[Text, ...]
    renewal: Text | None = None
    phone: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Checklist:
    """One region's published list, validated."""

    file: str
    sample: bool
    code: str
    name: Text
    publication: Publication
    hotlines: tuple[Hotline, ...]
    definition: Definition
    services: dict[str, Service]
    local_items: tuple[Service, ...]
    residence_permit: ResidencePermit | None = None
    placeholders: int = 0  # how many of the texts the editor wrote still hold a placeholder (TODO, 待补充…)
