"""The engine's reading of a query, run in Node as the search page runs it: the region, the place, eligibility questions."""

from __future__ import annotations

from pathlib import Path

from quality import answers


def _one(site: Path, lang: str, query: str, region: str | None = None, stored: str | None = None) -> dict:
    (answer,) = answers(site, lang, [{"query": query, "region": region, "stored": stored}])
    return answer


def test_the_region_comes_from_the_query_then_the_form_then_this_device(search_site: Path) -> None:
    named = _one(search_site, "zh", "广州幼儿园", region="510000", stored="330000")
    assert named["region"] == {"code": "440000", "name": "广东省", "source": "query"} and named["place"]["name"] == "广州"
    chosen = _one(search_site, "zh", "幼儿园", region="510000", stored="330000")
    assert chosen["region"]["code"] == "510000" and chosen["region"]["source"] == "form"
    remembered = _one(search_site, "zh", "幼儿园", stored="330000")
    assert remembered["region"]["code"] == "330000" and remembered["region"]["source"] == "device"
    assert remembered["hits"][0]["path"] == "regions/330000/preschool/"
    nowhere = _one(search_site, "zh", "幼儿园")
    assert nowhere["region"] is None and nowhere["hits"][0]["path"] == "services/preschool/"


def test_a_place_without_a_list_leads_to_the_national_pages_and_says_so(search_site: Path) -> None:
    answer = _one(search_site, "zh", "北京打疫苗", stored="440000")
    assert answer["place"] == {"name": "北京", "published": False}
    assert answer["region"]["code"] == "440000", "a place with no list does not hide the family's own region"
    answer = _one(search_site, "zh", "北京打疫苗")
    assert answer["region"] is None and answer["hits"][0]["path"] == "services/vaccination/"


def test_an_unknown_region_code_is_ignored(search_site: Path) -> None:
    answer = _one(search_site, "zh", "幼儿园", region="999999")
    assert answer["region"] is None and answer["hits"][0]["path"] == "services/preschool/"


def test_only_a_place_leads_to_its_region_page(search_site: Path) -> None:
    for lang, query in (("zh", "深圳"), ("zh", "杭州市"), ("en", "Sichuan")):
        answer = _one(search_site, lang, query)
        assert answer["count"] == 1 and answer["hits"][0]["path"].startswith("regions/"), answer


def test_eligibility_questions_are_recognised(search_site: Path) -> None:
    for lang, query in (
        ("zh", "孩子没有本地户口能上公办学校吗"),
        ("zh", "外地孩子能不能打疫苗"),
        ("zh", "我家孩子有资格领补贴吗"),
        ("en", "can my kid take the gaokao here"),
        ("en", "is my daughter eligible for medical insurance"),
    ):
        assert _one(search_site, lang, query)["eligibility"], query
    for lang, query in (("zh", "打疫苗"), ("zh", "公租房怎么申请"), ("en", "vaccine"), ("en", "bus card")):
        assert not _one(search_site, lang, query)["eligibility"], query
