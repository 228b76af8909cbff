"""The entitlement finder's answer for the command line: plain text in one language, or the engine's JSON.

Every sentence comes from carelist.finder_messages, the same table the finder page renders from.
"""

from __future__ import annotations

from collections.abc import Callable

from carelist.eligibility import FinderResult, Outcome, RegionRules, Scenario, result_as_json
from carelist.export import dumps
from carelist.finder_messages import (
    LANGUAGES,
    covered_sentence,
    describe_advice,
    describe_condition,
    permit_page_path,
    render,
    who_sentence,
)
from carelist.model import Baseline, Text

__all__ = ["FORMATS", "LANGUAGES", "PREFIX", "as_json", "as_text", "page_path"]

# Where each language's pages live (carelist_site.urls.region_service under the language's prefix).
PREFIX = {"zh": "/", "en": "/en/"}
GROUPS = (Outcome.ENTITLED, Outcome.MORE_INFO, Outcome.LATER, Outcome.NOT_ELIGIBLE)


def _text(text: Text, lang: str) -> str:
    return text.get(lang) + ("" if text.translated(lang) else render(lang, "untranslated"))


def page_path(code: str, item_id: str, lang: str) -> str:
    """The region × service page of the site, as a URL path."""
    return f"{PREFIX[lang]}regions/{code}/{item_id}/"


def as_text(result: FinderResult, scenario: Scenario, region: RegionRules, baseline: Baseline, lang: str) -> str:
    """The answer as the page shows it: whether the child counts here, each group with its conditions, what to do."""
    name = region.name.get(lang)
    titles = {r.item_id: r.title.get(lang) for r in region.rules}
    permit = permit_page_path(region.code, lang)
    # Whom to ask goes with the sentence that says why, as on the page; what to do next comes after the lists.
    whom = [describe_advice(a, titles, lang, permit) for a in result.advice if a.code == "ask-whom"]
    later = [describe_advice(a, titles, lang, permit) for a in result.advice if a.code != "ask-whom"]
    out = [render(lang, "heading", region=name), "", covered_sentence(result, region, lang), *whom, who_sentence(region, lang)]
    rules = {r.item_id: r for r in region.rules}
    situations = {s.id: s.title.get(lang) for s in baseline.situations}
    for outcome in GROUPS:
        answers = [a for a in result.answers if a.outcome is outcome]
        if not answers:
            continue
        out += ["", render(lang, "count", title=render(lang, "group-" + outcome.value), num=len(answers))]
        for a in answers:
            rule = rules[a.item_id]
            out.append(f"  {_text(rule.title, lang)}  {page_path(region.code, a.item_id, lang)}")
            out += [f"      {describe_condition(c, rule, situations, lang)}" for c in a.conditions]
    if later:
        out += ["", render(lang, "advice-heading"), *(f"  - {text}" for text in later)]
    return "\n".join(out) + "\n"


def as_json(result: FinderResult, scenario: Scenario, region: RegionRules, baseline: Baseline, lang: str) -> str:
    """Exactly result_as_json: what finder-engine.js computes for the same answers."""
    return dumps(result_as_json(result))


FORMATS: dict[str, Callable[..., str]] = {"text": as_text, "json": as_json}
