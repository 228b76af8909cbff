"""The search-quality set: parents' words must find the right service among the first three results, in both languages.

Runs the built index with the search page's own engine in Node (run_search.js). `pytest tests/search -rA -s` shows
the hit rate per kind and every miss; at least 95% must hit.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from quality import KINDS, QUERIES, REQUIRED_RATE, TOP, Outcome, Query, hit_rate, load_queries, report, run

from carelist.checker import check
from carelist_site.search_index import RESIDENCE_PERMIT
from served_site import FIXTURE_CHECKLISTS

ROOT = Path(__file__).resolve().parents[2]
MINIMUM = {"zh": 100, "en": 50}
MINIMUM_TOTAL = 150
MINIMUM_QUESTIONS = {"zh": 60, "en": 30}


def test_the_query_set_is_large_enough_and_names_real_pages(search_site: Path, languages: list[dict[str, str]]) -> None:
    queries = load_queries()
    dataset = check([FIXTURE_CHECKLISTS])
    services = {item.id for item in dataset.baseline.items} | {RESIDENCE_PERMIT}
    services |= {s.id for c in dataset.checklists for s in c.local_items}
    regions = {checklist.code for checklist in dataset.checklists}
    assert set(queries) == {lang["code"] for lang in languages}, "one list per site language"
    assert sum(len(q) for q in queries.values()) >= MINIMUM_TOTAL
    for code, minimum in MINIMUM.items():
        kinds = Counter(q.kind for q in queries[code])
        assert len(queries[code]) >= minimum, f"{code}: {len(queries[code])} queries, the set needs at least {minimum}"
        assert kinds["question"] >= MINIMUM_QUESTIONS[code], f"{code}: {kinds['question']} whole questions"
        assert all(kinds[k] for k in KINDS), f"{code}: every kind of query is in the set: {dict(kinds)}"
        assert len({(q.q, q.region) for q in queries[code]}) == len(queries[code]), f"{code}: a query is listed twice"
        prefix = next(lang["prefix"] for lang in languages if lang["code"] == code)
        for query in queries[code]:
            assert query.region is None or query.region in regions, f"{code} {query.label}: no checklist for {query.region}"
            for want in query.expect:
                if want.endswith("/"):
                    assert (search_site / prefix / want / "index.html").is_file(), f"{code} {query.label}: {want} is not a page"
                else:
                    assert want in services, f"{code} {query.label}: {want} is not a service"


@pytest.mark.parametrize("code", ["zh", "en"])
def test_parents_words_find_the_right_service_in_the_top_three(search_site: Path, code: str) -> None:
    outcomes = run(search_site, code, load_queries()[code])
    text = report(outcomes, f"{code}, Node")
    print(text)  # the hit rate per kind and every miss, shown with -s or -rA
    assert hit_rate(outcomes) >= REQUIRED_RATE, f"below {REQUIRED_RATE:.0%} ({QUERIES.name}):\n{text}"


def test_a_word_that_is_on_no_page_finds_nothing(search_site: Path) -> None:
    """The runner reports what the engine returns: a made-up word must not look like a hit."""
    nonsense = [Query("zqxjvw", ("vaccination",)), Query("鳄鱼潜水艇", ("vaccination",))]
    for outcome in run(search_site, "zh", nonsense):
        assert outcome.count == 0 and not outcome.hit, outcome.describe()


def test_each_service_appears_once_linked_to_the_region(search_site: Path) -> None:
    for code, word in (("zh", "疫苗"), ("en", "vaccine")):
        (national,) = run(search_site, code, [Query(word, ("vaccination",))])
        (regional,) = run(search_site, code, [Query(word, ("vaccination",), "440000")])
        assert national.top[0] == "services/vaccination/", national.describe()
        assert regional.top[0] == "regions/440000/vaccination/", regional.describe()
        for outcome in (national, regional):
            ids = [path.rstrip("/").rsplit("/", 1)[-1] for path in outcome.top]
            assert len(ids) == len(set(ids)), f"a service is listed twice: {outcome.describe()}"
        assert all(not p.startswith("regions/") or p.startswith("regions/440000/") for p in regional.top), regional.describe()


def test_filler_words_do_not_empty_the_list(search_site: Path) -> None:
    """打预防针 finds vaccination; so must the same words with 小孩 before them and 吗 after."""
    for q in ("打预防针", "小孩打预防针", "小孩能打预防针吗", "这里能打预防针吗"):
        (outcome,) = run(search_site, "zh", [Query(q, ("vaccination",))])
        assert outcome.hit, outcome.describe()


def test_what_counts_as_the_right_page() -> None:
    by_item = Query("打疫苗", ("vaccination",))
    assert by_item.accepts("regions/440000/vaccination/") and by_item.accepts("services/vaccination/")
    assert not by_item.accepts("regions/440000/preschool/") and not by_item.accepts("regions/440000/")
    assert not by_item.accepts("regions/440000/vaccination-extra/")
    permit = Query("居住证", ("residence-permit",))
    assert permit.accepts("residence-permit/") and permit.accepts("regions/510000/residence-permit/")
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
    assert f"top {TOP}" in hits.describe()


def test_a_malformed_query_set_is_refused(tmp_path: Path) -> None:
    for bad in (
        "zh: [{q: 上学, kind: word}]",
        "zh: [{q: 上学, kind: word, expect: Not An Id}]",
        "zh: [{q: 上学, kind: word, expect: preschool, region: 440000}]",
        "zh: [{q: 上学, kind: word, expect: preschool, extra: 1}]",
        "zh: [{q: 上学, expect: preschool}]",
        "zh: [{q: 上学, kind: guess, expect: preschool}]",
    ):
        path = tmp_path / "queries.yaml"
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(ValueError):
            load_queries(path)
