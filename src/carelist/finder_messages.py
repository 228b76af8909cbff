"""Every sentence of the finder's answer, in both languages: the one table the CLI and the finder page both read.

The engine returns stable codes with parameters (carelist.eligibility); `render` turns a code into words here, and
finder-engine.js's `render` does the same with `catalog(lang)`, which the page embeds. Placeholders are {name};
an English entry may have a singular form, chosen when {num} is 1. Tests render every scenario in Python and in
Node and require identical sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from carelist.eligibility import Advice, Condition, FinderResult, RegionRules, Rule

LANGUAGES = ("zh", "en")
# The region's residence-permit page (regions/<code>/residence-permit/, national: residence-permit/), built by
# carelist_site/pages/residence_permit.py: the CLI and the finder page link to it.
RESIDENCE_PERMIT_PAGES = True


@dataclass(frozen=True)
class Msg:
    zh: str
    en: str
    en_one: str | None = None  # English when {num} is 1


MESSAGES: dict[str, Msg] = {
    "heading": Msg("孩子在{region}可以享受的服务", "What your child can get in {region}"),
    "group-entitled": Msg("现在就可以享受", "Your child can get these now"),
    "group-more-info": Msg("还需要进一步确认", "These need more information"),
    "group-later": Msg("以后可能可以享受", "Your child may get these later"),
    "group-not-eligible": Msg("目前不适用", "Not for your child at the moment"),
    "count": Msg("{title}（{num} 项）", "{title} ({num})"),
    # Whether the child counts as a mobile child under the region's definition, and what follows.
    "covered-mobile-child": Msg("孩子在{region}属于流动儿童。", "Your child counts as a mobile child in {region}."),
    "covered-residence": Msg(
        "孩子在{region}再住满 {num} 个月后就属于流动儿童。下面的很多服务现在就可以享受，不用等。",
        "Your child will count as a mobile child in {region} after {num} more months living there. Many services below "
        "do not wait for that.",
        "Your child will count as a mobile child in {region} after {num} more month living there. Many services below "
        "do not wait for that.",
    ),
    "covered-unknown": Msg(
        "回答所有问题（年龄、居住月数、怎么搬过去的），才能知道孩子在{region}是否属于流动儿童。下面列出的是根据已有回答能确定的。",
        "Answer every question (age, months lived there, how you moved) to find out whether your child counts as a mobile "
        "child in {region}. Below is what your answers already tell.",
    ),
    "covered-too-old": Msg(
        "{region}的清单是为未满 {age} 周岁的流动儿童制定的，所以其中大部分服务不适用于您的孩子。"
        "下面列出在{region}居住的孩子都能享受的服务。",
        "In {region}, the list is for mobile children under {age}, so most of it does not apply to your child. Below are "
        "the services open to every child living there.",
    ),
    "covered-not-moved": Msg(
        "清单是为随家人从其他县、市搬来的孩子制定的，所以其中大部分服务不适用于没有搬家的孩子。下面列出在{region}居住的孩子都能享受的服务。",
        "The list is for children who moved from another county or city with their family, so most of it does not apply "
        "to a child who did not move. Below are the services open to every child living in {region}.",
    ),
    "covered-city-districts": Msg(
        "在{region}，只在同一城市中心城区的市辖区之间搬家的不算流动儿童，所以清单的大部分服务不适用。下面列出在{region}居住的孩子都能享受的服务。",
        "In {region}, moving only between the central districts of one city does not count, so most of the list does not "
        "apply. Below are the services open to every child living there.",
    ),
    "who": Msg(
        "{region}的流动儿童范围：未满 {age} 周岁，跨县域居住满 {num} 个月；只在同一城市中心城区之间搬家的{districts}。",
        "Who counts as a mobile child in {region}: children under {age} who have lived there for {num} months or more "
        "after moving from another county or city; moves only between the central districts of one city {districts}.",
        "Who counts as a mobile child in {region}: children under {age} who have lived there for {num} month or more "
        "after moving from another county or city; moves only between the central districts of one city {districts}.",
    ),
    "districts-yes": Msg("也算", "also count"),
    "districts-no": Msg("不算", "do not count"),
    # One service's conditions.
    "status-met": Msg("符合", "Met"),
    "status-not-met": Msg("不符合", "Not met"),
    "status-unknown": Msg("未回答", "Not answered"),
    "status-check": Msg("待确认", "To check"),
    "condition": Msg("{status}：{text}", "{status}: {text}"),
    "moved-county": Msg("随家人从其他县、市搬来", "Moved here from another county or city with the family"),
    "moved-any": Msg("随家人从其他乡镇、街道搬来", "Moved here from another township or sub-district with the family"),
    "moved-city-districts": Msg(
        "只在中心城区之间搬家的，这项服务不算", "Moves only between central city districts do not count for this service"
    ),
    "moved-none": Msg("只适用于随家人搬来的孩子", "Only for children who moved here with their family"),
    "moved-unknown": Msg("取决于您是怎么搬过来的", "Depends on how you moved here"),
    "age-range": Msg("{min} 到未满 {max} 周岁", "Aged {min} to under {max}"),
    "age-under": Msg("未满 {max} 周岁", "Under {max}"),
    "age-young": Msg("满 {min} 周岁后（还要 {num} 年）", "From age {min} (in {num} years)", "From age {min} (in {num} year)"),
    "age-pupils": Msg("面向在校学生（{min} 周岁起）", "For pupils at school (from age {min})"),
    "age-old": Msg("仅限未满 {max} 周岁的孩子", "Only for children under {max}"),
    "age-unknown": Msg(
        "面向 {min} 到未满 {max} 周岁的孩子：取决于孩子的年龄", "For ages {min} to under {max}: depends on your child's age"
    ),
    "residence-met": Msg("在这里住满 {min} 个月", "Lived here {min} months or more", "Lived here {min} month or more"),
    "residence-wait": Msg("再住满 {num} 个月后", "After {num} more months living here", "After {num} more month living here"),
    "residence-unknown": Msg(
        "要在这里住满 {min} 个月：取决于已经住了多久",
        "Needs {min} months living here: depends on how long you have lived here",
        "Needs {min} month living here: depends on how long you have lived here",
    ),
    "all-of": Msg("仅限：{list}", "Only when: {list}"),
    "any-of": Msg("仅限以下任一情形：{list}", "When any of these applies: {list}"),
    "permit-met": Msg(
        "需要居住证：已住满半年，有工作、住所或孩子在这里上学的，现在就可以申请",
        "Needs a residence permit: after 6 months here, you can apply now if you have a job, a home or schooling here",
    ),
    "permit-wait": Msg(
        "需要居住证：再住满 {num} 个月，并且有工作、住所或孩子在这里上学，就可以申请",
        "Needs a residence permit: you can apply after {num} more months here, with a job, a home or schooling here",
        "Needs a residence permit: you can apply after {num} more month here, with a job, a home or schooling here",
    ),
    "permit-wait-main": Msg(
        "通常以居住证为依据，再住满 {num} 个月才能申请；在这之前，请问清楚还可以凭什么材料办理",
        "Usually based on the residence permit, which you can apply for after {num} more months here; until then, ask "
        "which other documents are accepted",
        "Usually based on the residence permit, which you can apply for after {num} more month here; until then, ask "
        "which other documents are accepted",
    ),
    "permit-unknown": Msg(
        "需要居住证：取决于在这里住了多久（要住满半年，并且有工作、住所或孩子在这里上学）",
        "Needs a residence permit: depends on how long you have lived here (6 months, plus a job, a home or schooling here)",
    ),
    "local": Msg("{conditions}", "{conditions}"),  # shown after "To check"
    # What to do meanwhile, and whom to ask.
    "advice-heading": Msg("接下来可以做什么", "What you can do next"),
    "permit-after": Msg(
        "再住满 {num} 个月后，有工作、住所或孩子在这里上学的，就可以申请居住证。",
        "Apply for a residence permit after {num} more months here, if you have a job, a home or schooling here.",
        "Apply for a residence permit after {num} more month here, if you have a job, a home or schooling here.",
    ),
    "permit-now": Msg(
        "还没有居住证的，现在就可以申请（需要有工作、住所或孩子在这里上学）。",
        "If you have no residence permit yet, you can apply now (you need a job, a home or schooling here).",
    ),
    "permit-page": Msg("怎样办居住证：{path}", "How to get a residence permit: {path}"),
    "ask-now": Msg(
        "现在就可以去问：{list}。居住证是主要依据，但不是唯一的办法，比如学期中途转学。",
        "Ask now about: {list}. The residence permit is the usual document, not the only one (for example for a mid-year "
        "transfer to a school).",
    ),
    "ask-whom": Msg(
        "有疑问，可以问社区的儿童主任或当地民政部门，也可以拨打 12345 政务服务便民热线或 12355 青少年服务台。",
        "Not sure? Ask the children's officer in your community or the local civil affairs office, or call the 12345 "
        "government service hotline or the 12355 youth service hotline.",
    ),
    "untranslated": Msg("", " (not yet translated)"),
    "list-separator": Msg("、", ", "),
    "and": Msg("和", " and "),
    "or": Msg("或", " or "),
}


def catalog(lang: str) -> dict[str, str | dict[str, str]]:
    """The table in one language, as finder-engine.js's render reads it."""
    out: dict[str, str | dict[str, str]] = {}
    for code, m in MESSAGES.items():
        if lang == "en" and m.en_one is not None:
            out[code] = {"one": m.en_one, "other": m.en}
        else:
            out[code] = m.zh if lang == "zh" else m.en
    return out


def render(lang: str, code: str, **values: Any) -> str:
    m = MESSAGES[code]
    template = m.zh if lang == "zh" else (m.en_one if m.en_one is not None and values.get("num") == 1 else m.en)
    return template.format(**{k: str(v) for k, v in values.items()})


def join(lang: str, words: list[str], conjunction: str) -> str:
    """A list in words: 甲、乙和丙 / A, B and C."""
    if len(words) < 2:
        return "".join(words)
    return render(lang, "list-separator").join(words[:-1]) + render(lang, conjunction) + words[-1]


def plain(text: Any, lang: str) -> str:
    """Data text in lang, falling back to Chinese (like the page's plain())."""
    return str(text.get(lang))


def describe_condition(c: Condition, r: Rule, situations: dict[str, str], lang: str) -> str:
    """One condition in words, with its status first."""
    values: dict[str, Any] = dict(c.params)
    if c.wait_months or c.wait_years:
        values["num"] = c.wait_months or c.wait_years
    if "situations" in values:
        values["list"] = join(lang, [situations[s] for s in values.pop("situations")], "and" if c.code == "all-of" else "or")
    if c.code == "local" and r.local_conditions is not None:
        values["conditions"] = plain(r.local_conditions, lang)
    text = render(lang, c.code, **values)
    return render(lang, "condition", status=render(lang, "status-" + c.status.value), text=text)


def describe_advice(a: Advice, titles: dict[str, str], lang: str, permit_path: str | None) -> str:
    values: dict[str, Any] = dict(a.params)
    if "items" in values:
        values["list"] = join(lang, [titles[i] for i in values.pop("items")], "and")
    text = render(lang, a.code, **values)
    if a.code in ("permit-after", "permit-now") and permit_path:
        text += " " + render(lang, "permit-page", path=permit_path)
    return text


def covered_sentence(result: FinderResult, region: RegionRules, lang: str) -> str:
    name = plain(region.name, lang)
    return render(lang, "covered-" + result.covered_reason, region=name, age=region.max_age, num=result.wait_months or 0)


def who_sentence(region: RegionRules, lang: str) -> str:
    districts = render(lang, "districts-yes" if region.includes_moves_within_city_districts else "districts-no")
    return render(lang, "who", region=plain(region.name, lang), age=region.max_age, num=region.min_months, districts=districts)


def permit_page_path(code: str | None, lang: str) -> str | None:
    """The residence-permit page for a region (None: national), while those pages are switched on."""
    if not RESIDENCE_PERMIT_PAGES:
        return None
    prefix = "/" if lang == "zh" else f"/{lang}/"
    return f"{prefix}regions/{code}/residence-permit/" if code else f"{prefix}residence-permit/"
