"""The entitlement finder's answer for the command line: plain text in one language, or the engine's JSON.

The text says what the finder page says, in the same words: the page's strings live in the site's catalogs, which the
domain package does not read, so the few sentences are repeated here in both languages.
"""

from __future__ import annotations

from collections.abc import Callable

from carelist import site_paths
from carelist.eligibility import Answer, FinderResult, Outcome, RegionRules, Rule, Scenario, result_as_json
from carelist.export import dumps
from carelist.model import Baseline, Text

LANGUAGES = tuple(site_paths.LANGUAGE_PREFIXES)
GROUPS = (Outcome.ENTITLED, Outcome.MORE_INFO, Outcome.LATER, Outcome.NOT_ELIGIBLE)

_T: dict[str, tuple[str, str]] = {
    "heading": ("孩子在{region}可以享受的服务", "What your child can get in {region}"),
    Outcome.ENTITLED: ("现在就可以享受", "Your child can get these now"),
    Outcome.MORE_INFO: ("还需要进一步确认", "These need more information"),
    Outcome.LATER: ("以后可能可以享受", "Your child may get these later"),
    Outcome.NOT_ELIGIBLE: ("目前不适用", "Not for your child at the moment"),
    "count": ("{title}（{num} 项）", "{title} ({num})"),
    "mobile-child": ("孩子在{region}属于流动儿童。", "Your child counts as a mobile child in {region}."),
    "residence": (
        "孩子在{region}再住满 {num} 个月后就属于流动儿童。有些服务不用等。",
        "Your child will count as a mobile child in {region} after {num} more {months} living there. Some services do not wait.",
    ),
    "unknown": (
        "请回答所有问题（年龄、居住月数、怎么搬过去的），才能知道孩子在{region}是否属于流动儿童。",
        "Answer every question (age, months lived there, how you moved) to find out whether your child counts as a mobile "
        "child in {region}.",
    ),
    "too-old": (
        "{region}的清单适用于未满 {age} 周岁的儿童，您的孩子不在范围内。",
        "In {region}, the list is for children under {age}, so it does not apply to your child.",
    ),
    "not-moved": (
        "清单适用于随家人从其他县、市搬来的儿童。没有搬家的孩子，可以享受当地每个孩子都能享受的服务。",
        "The list is for children who moved from another county or city with their family. Children who did not move get "
        "the services every local child gets.",
    ),
    "city-districts": (
        "在{region}，只在同一城市中心城区的市辖区之间搬家的不算：清单适用于跨县域流动的儿童。",
        "In {region}, moving only between the central districts of one city does not count: the list is for children who "
        "moved across a county boundary.",
    ),
    "who": (
        "{region}的流动儿童范围：未满 {age} 周岁，跨县域居住满 {num} 个月；只在同一城市中心城区之间搬家的{districts}。",
        "Who counts in {region}: children under {age} who have lived there for {num} {months} or more after moving from "
        "another county or city; moves only between the central districts of one city {districts}.",
    ),
    "districts-yes": ("也算", "also count"),
    "districts-no": ("不算", "do not count"),
    "wait-residence": ("再住满 {num} 个月后", "after {num} more {months} living here"),
    "wait-age": ("满 {age} 周岁后", "from age {age}"),
    "local-conditions": ("还需符合：{conditions}", "Only if: {conditions}"),
    "more-unknown": ("取决于您没有回答的问题", "Depends on the questions you left blank"),
    "too-old-item": ("仅限未满 {age} 周岁的儿童", "Only for children under {age}"),
    "all_of": ("仅限：{list}", "Only when: {list}"),
    "any_of": ("符合以下任一情形：{list}", "When any of these applies: {list}"),
    "untranslated": ("", " (not yet translated)"),
}


def _t(key: str, lang: str, **values: object) -> str:
    zh, en = _T[key]
    return (zh if lang == "zh" else en).format(**values)


def _months(num: int) -> str:
    return "month" if num == 1 else "months"


def _join(words: list[str], lang: str, conjunction: str) -> str:
    """A list in words: 甲、乙和丙 / A, B and C ("or" for any-of)."""
    if len(words) < 2:
        return "".join(words)
    if lang == "zh":
        return "、".join(words[:-1]) + ("和" if conjunction == "and" else "或") + words[-1]
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def _text(text: Text, lang: str) -> str:
    return text.get(lang) + ("" if text.translated(lang) else _t("untranslated", lang))


def page_path(code: str, item_id: str, lang: str) -> str:
    """The region × service page of the site, as a URL path."""
    return site_paths.url_path(site_paths.region_service(code, item_id), lang)


def _reason(answer: Answer, rule: Rule, situations: dict[str, Text], lang: str, chosen: frozenset[str]) -> str:
    """Why a service is later, uncertain or closed, in the page's words."""
    if answer.reason == "residence":
        return _t("wait-residence", lang, num=answer.wait_months, months=_months(answer.wait_months or 0))
    if answer.reason == "too-young":
        return _t("wait-age", lang, age=rule.min_age)
    if answer.reason == "too-old":
        return _t("too-old-item", lang, age=rule.below_age)
    if answer.reason == "local-conditions" and rule.local_conditions:
        return _t("local-conditions", lang, conditions=_text(rule.local_conditions, lang))
    if answer.reason == "unknown":
        return _t("more-unknown", lang)
    if answer.reason == "situation":
        if rule.all_of and not set(rule.all_of) <= chosen:
            return _t("all_of", lang, list=_join([situations[s].get(lang) for s in rule.all_of], lang, "and"))
        return _t("any_of", lang, list=_join([situations[s].get(lang) for s in rule.any_of], lang, "or"))
    return ""


def as_text(result: FinderResult, scenario: Scenario, region: RegionRules, baseline: Baseline, lang: str) -> str:
    """The answer as the page shows it: whether the child counts here and why, then each group with page paths."""
    name = region.name.get(lang)
    covered = (
        _t("residence", lang, region=name, num=result.wait_months, months=_months(result.wait_months or 0))
        if result.wait_months
        else _t(result.covered_reason, lang, region=name, age=region.max_age)
    )
    who = _t(
        "who",
        lang,
        region=name,
        age=region.max_age,
        num=region.min_months,
        months=_months(region.min_months),
        districts=_t("districts-yes" if region.includes_moves_within_city_districts else "districts-no", lang),
    )
    out = [_t("heading", lang, region=name), "", covered, who]
    rules = {r.item_id: r for r in region.rules}
    titles = {s.id: s.title for s in baseline.situations}
    for outcome in GROUPS:
        answers = [a for a in result.answers if a.outcome is outcome]
        if not answers:
            continue
        out += ["", _t("count", lang, title=_t(outcome, lang), num=len(answers))]
        for a in answers:
            rule = rules[a.item_id]
            out.append(f"  {_text(rule.title, lang)}  {page_path(region.code, a.item_id, lang)}")
            if reason := _reason(a, rule, titles, lang, scenario.situations):
                out.append(f"      {reason}")
    return "\n".join(out) + "\n"


def as_json(result: FinderResult, scenario: Scenario, region: RegionRules, baseline: Baseline, lang: str) -> str:
    """Exactly result_as_json: what finder-engine.js computes for the same answers."""
    return dumps(result_as_json(result))


FORMATS: dict[str, Callable[..., str]] = {"text": as_text, "json": as_json}
