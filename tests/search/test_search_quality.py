"""The search-quality set: parents' words must find the right page among the first three results, in both languages.

Runs the built index with the site's own pagefind.js in Node (pagefind_query.mjs), with the ranking options the
search page uses. `pytest tests/search -rA` shows the hit rate of each language.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from quality import QUERIES, TOP, Outcome, Query, hit_rate, load_queries, run

from carelist.checker import check
from carelist_site.pages.search import PAGEFIND_OPTIONS
from served_site import FIXTURE_CHECKLISTS

ROOT = Path(__file__).resolve().parents[2]
MINIMUM = {"zh": 30, "en": 15}


def _language(languages: list[dict[str, str]], code: str) -> dict[str, str]:
    return next(lang for lang in languages if lang["code"] == code)


def _outcomes(site: Path, languages: list[dict[str, str]], code: str, queries: list[Query]) -> list[Outcome]:
    language = _language(languages, code)
    return run(site, language["html_lang"], language["prefix"], queries, PAGEFIND_OPTIONS)


def test_the_query_set_is_large_enough_and_names_real_pages(search_site: Path, languages: list[dict[str, str]]) -> None:
    queries = load_queries()
    dataset = check([FIXTURE_CHECKLISTS])
    items = {item.id for item in dataset.baseline.items}
    regions = {checklist.code for checklist in dataset.checklists}
    assert set(queries) == {lang["code"] for lang in languages}, "one list per site language"
    for code, minimum in MINIMUM.items():
        assert len(queries[code]) >= minimum, f"{code}: {len(queries[code])} queries, the set needs at least {minimum}"
        assert len({(q.q, q.region) for q in queries[code]}) == len(queries[code]), f"{code}: a query is listed twice"
        prefix = _language(languages, code)["prefix"]
        for query in queries[code]:
            assert query.region is None or query.region in regions, f"{code} {query.label}: no checklist for {query.region}"
            for want in query.expect:
                if want.endswith("/"):
                    assert (search_site / prefix / want / "index.html").is_file(), f"{code} {query.label}: {want} is not a page"
                else:
                    assert want in items, f"{code} {query.label}: {want} is not a baseline item"


@pytest.mark.parametrize("code", ["zh", "en"])
def test_parents_words_find_the_right_page_in_the_top_three(search_site: Path, languages: list[dict[str, str]], code: str) -> None:
    queries = load_queries()[code]
    outcomes = _outcomes(search_site, languages, code, queries)
    misses = [o for o in outcomes if not o.hit]
    summary = f"search quality [{code}]: {len(outcomes) - len(misses)}/{len(outcomes)} in the top {TOP} = {hit_rate(outcomes):.0%}"
    print(summary)
    assert not misses, summary + f" ({QUERIES.name}); misses:\n  " + "\n  ".join(o.describe() for o in misses)


def test_a_word_that_is_on_no_page_finds_nothing(search_site: Path, languages: list[dict[str, str]]) -> None:
    """The runner reports what Pagefind returns: a made-up word must not look like a hit."""
    nonsense = [Query("zqxjvw", ("vaccination",)), Query("鳄鱼潜水艇", ("vaccination",))]
    for outcome in _outcomes(search_site, languages, "zh", nonsense):
        assert outcome.count == 0 and not outcome.hit, outcome.describe()


def test_a_region_filter_keeps_to_that_region(search_site: Path, languages: list[dict[str, str]]) -> None:
    for code, word in (("zh", "疫苗"), ("en", "vaccine")):
        (outcome,) = _outcomes(search_site, languages, code, [Query(word, ("vaccination",), "440000")])
        assert outcome.top and all(path.startswith("regions/440000/") for path in outcome.top), outcome.describe()


def test_what_counts_as_the_right_page() -> None:
    by_item = Query("打疫苗", ("vaccination",))
    assert by_item.accepts("regions/440000/vaccination/") and by_item.accepts("services/vaccination/")
    assert not by_item.accepts("regions/440000/preschool/") and not by_item.accepts("regions/440000/")
    assert not by_item.accepts("regions/440000/vaccination-extra/")
    by_path = Query("打疫苗", ("regions/440000/vaccination/",), "440000")
    assert by_path.accepts("regions/440000/vaccination/") and not by_path.accepts("regions/330000/vaccination/")
    assert not by_path.accepts("services/vaccination/")
    either = Query("看病", ("medical-insurance", "cross-region-medical-settlement"))
    assert either.accepts("regions/510000/cross-region-medical-settlement/") and either.accepts("services/medical-insurance/")
    hits = Outcome(
        by_item,
        ("regions/440000/preschool/", "regions/440000/childcare/", "regions/440000/guardianship/", "services/vaccination/"),
        ("",) * 4,
        9,
    )
    assert not hits.hit, "only the first three results count"


def test_a_malformed_query_set_is_refused(tmp_path: Path) -> None:
    for bad in (
        "zh: [{q: 上学}]",
        "zh: [{q: 上学, expect: Not An Id}]",
        "zh: [{q: 上学, expect: preschool, region: 440000}]",
        "zh: [{q: 上学, expect: preschool, extra: 1}]",
    ):
        path = tmp_path / "queries.yaml"
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(ValueError):
            load_queries(path)
