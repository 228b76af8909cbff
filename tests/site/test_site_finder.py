"""The finder page as built: a labelled form, a no-JavaScript way round it, its rules and its translated words."""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from site_helpers import ROOT, Site

from carelist import finder_messages
from carelist.checker import Dataset
from carelist.eligibility import region_rules
from carelist.export import compact_dumps, rules_json
from carelist.finder_format import LANGUAGES, page_path

TITLES = {"zh": "我的孩子能享受哪些服务？", "en": "What can my child get here?"}
# Bytes of finder.js + finder-engine.js, unminified and gzipped. Raised from 10 000 raw when the page began to list
# every condition and to read ages in words (issue 11); a phone on a slow network downloads the gzipped size.
SCRIPT_BUDGET, SCRIPT_BUDGET_GZIP = 24_000, 8_000
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def finder_file(language: dict[str, str]) -> str:
    return language["prefix"] + "finder/index.html"


def config(soup: BeautifulSoup) -> dict[str, Any]:
    return json.loads(soup.find("script", id="finder-config").string)


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    return [s for v in value for s in strings(v)] if isinstance(value, list) else []


@pytest.fixture(params=["zh", "en"])
def language(request: pytest.FixtureRequest, site: Site) -> dict[str, str]:
    return next(lang for lang in site.languages if lang["code"] == request.param)


def test_rules_json_is_the_export_the_python_engine_uses(site: Site, dataset: Dataset) -> None:
    assert dataset.baseline is not None
    written = (site.root / "data/rules.json").read_text(encoding="utf-8")
    assert written == compact_dumps(rules_json(dataset.checklists, dataset.baseline))


def test_title_and_heading(site: Site, language: dict[str, str]) -> None:
    soup = site.soup(finder_file(language))
    assert soup.h1.get_text(strip=True) == TITLES[language["code"]]
    assert soup.title.get_text().startswith(TITLES[language["code"]])


def test_every_control_has_a_label_and_groups_have_legends(site: Site, language: dict[str, str]) -> None:
    form = site.soup(finder_file(language)).find("form", id="finder-form")
    controls = form.find_all(["input", "select"])
    assert len(controls) >= 2 + 3 + 7  # region, age, months; three moves; seven situations
    for control in controls:
        label = form.find("label", attrs={"for": control["id"]})
        assert label is not None and label.get_text(strip=True), f"no label for {control}"
    fieldsets = form.find_all("fieldset")
    assert [sorted({i["name"] for i in f.find_all("input")}) for f in fieldsets] == [["move"], ["s"]]
    assert all(f.legend and f.legend.get_text(strip=True) for f in fieldsets)
    assert form.find("button", type="submit").get_text(strip=True)
    for described in form.find_all(attrs={"aria-describedby": True}):
        assert form.find(id=described["aria-describedby"]).get_text(strip=True)


def test_the_form_asks_for_published_regions_moves_and_the_baselines_situations(
    site: Site, dataset: Dataset, language: dict[str, str]
) -> None:
    assert dataset.baseline is not None
    form = site.soup(finder_file(language)).find("form", id="finder-form")
    options = form.find("select", attrs={"name": "region"}).find_all("option")
    assert [o["value"] for o in options] == ["", *sorted(c.code for c in dataset.checklists)]
    assert [i["value"] for i in form.find_all("input", attrs={"name": "move"})] == ["county", "city-districts", "none", "not-sure"]
    # The move question explains what central districts are.
    moves = form.find("input", attrs={"name": "move"}).find_parent("fieldset")
    assert "中心城区" in moves.find(id=moves["aria-describedby"]).get_text()
    situations = form.find_all("input", attrs={"name": "s"})
    assert [i["value"] for i in situations] == [s.id for s in dataset.baseline.situations]
    for situation, box in zip(dataset.baseline.situations, situations, strict=True):
        label = form.find("label", attrs={"for": box["id"]}).get_text(strip=True)
        hint = form.find(id=box["aria-describedby"]).get_text(strip=True)
        assert label.startswith(situation.question.get(language["code"]))
        # The hint adds what the label does not say: the services the answer matters for.
        used = [i for i in dataset.baseline.items if situation.id in (*i.eligibility.all_of, *i.eligibility.any_of)]
        assert used and all(i.title.get(language["code"]) in hint for i in used), hint
        assert hint not in label and label not in hint
    for name in ("age", "months"):  # text, so that "五岁" or "一年半" can be typed; the script reads them
        field = form.find("input", attrs={"name": name})
        assert field["type"] == "text" and form.find(id=field["aria-describedby"]).get_text(strip=True)
    assert form.find("button", type="reset").get_text(strip=True)


def test_the_form_is_in_the_html_and_hidden_only_without_javascript(site: Site, dataset: Dataset, language: dict[str, str]) -> None:
    """Progressive enhancement: the form shows at once while the script loads; a <noscript> style hides it otherwise."""
    page = finder_file(language)
    soup = site.soup(page)
    form = soup.find("form", id="finder-form")
    assert not form.has_attr("hidden") and not form.has_attr("action")
    assert form.find("button", type="submit").has_attr("disabled")  # until the rules are in: answers are never sent
    (hiding,) = [n.find("link", rel="stylesheet") for n in soup.head.find_all("noscript")]
    css = (site.root / site.resolve(page, hiding["href"])).read_text(encoding="utf-8")
    assert ".finder-form, .finder-loading { display: none; }" in css
    fallback = soup.find(id="finder-fallback")
    assert not fallback.has_attr("hidden") and fallback.find_parent("noscript") is None
    loading = fallback.find(id="finder-fallback-text")
    assert "finder-loading" in loading["class"] and "JavaScript" not in loading.get_text()
    assert "JavaScript" in fallback.find("noscript").get_text()
    targets = {site.resolve(page, a["href"]) for a in fallback.find_all("a")}
    assert targets == {f"{language['prefix']}regions/{c.code}/index.html" for c in dataset.checklists}
    assert all((site.root / t).is_file() for t in targets)


def test_results_are_a_labelled_region_not_a_live_one(site: Site, language: dict[str, str]) -> None:
    """finder.js moves the focus to the answer's heading; a live region would also read the whole answer out at once."""
    results = site.soup(finder_file(language)).find(id="finder-results")
    assert results.name == "section" and results.get("aria-label")
    assert not results.has_attr("aria-live") and results.get("role") not in {"status", "alert", "log"}


def test_the_config_links_every_service_and_the_rules(site: Site, dataset: Dataset, language: dict[str, str]) -> None:
    assert dataset.baseline is not None
    page = finder_file(language)
    cfg = config(site.soup(page))
    assert site.resolve(page, cfg["rules"]) == "data/rules.json"
    assert cfg["lang"] == language["code"]
    assert set(cfg["regions"]) == {c.code for c in dataset.checklists}
    for checklist in dataset.checklists:
        region = cfg["regions"][checklist.code]
        assert site.resolve(page, region["href"]) == f"{language['prefix']}regions/{checklist.code}/index.html"
        assert set(region["items"]) == {r.item_id for r in region_rules(checklist, dataset.baseline).rules}
        for item_id, href in region["items"].items():
            target = site.resolve(page, href)
            assert target == f"{language['prefix']}regions/{checklist.code}/{item_id}/index.html"
            assert (site.root / target).is_file()
        assert {h["phone"] for h in region["hotlines"]} == {h.phone for h in checklist.hotlines}
        permit = f"{language['prefix']}regions/{checklist.code}/residence-permit/index.html"
        assert site.resolve(page, region["permitPage"]) == permit and (site.root / permit).is_file()
    assert set(cfg["situations"]) == {s.id for s in dataset.baseline.situations}


def test_the_answers_words_are_the_clis_message_table(site: Site, language: dict[str, str]) -> None:
    """One source: the page embeds finder_messages.catalog, which the CLI renders from (the Node test renders both)."""
    assert config(site.soup(finder_file(language)))["messages"] == finder_messages.catalog(language["code"])


def test_the_scripts_words_are_translated_with_their_placeholders(site: Site) -> None:
    zh, en = (config(site.soup(finder_file(lang)))["text"] for lang in sorted(site.languages, key=lambda lang: lang["prefix"]))
    assert zh.keys() == en.keys()
    for ours, theirs in zip(strings(zh), strings(en), strict=True):
        assert ours and theirs
        assert _CJK.search(ours), f"untranslated in the Chinese page: {ours!r}"
        assert not _CJK.search(theirs), theirs
        assert set(_PLACEHOLDER.findall(ours)) == set(_PLACEHOLDER.findall(theirs)), (ours, theirs)


def test_the_scripts_are_small_local_and_wordless(site: Site, language: dict[str, str]) -> None:
    page = finder_file(language)
    sources = [site.resolve(page, s["src"]) for s in site.soup(page).find_all("script", src=True)]
    assert sources == ["theme/js/finder-engine.js", "theme/js/finder.js"]
    code = b"".join((site.root / s).read_bytes() for s in sources)
    assert len(code) <= SCRIPT_BUDGET and len(gzip.compress(code, 9)) <= SCRIPT_BUDGET_GZIP
    for source in sources:
        code = (site.root / source).read_text(encoding="utf-8")
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", code, flags=re.S)  # comments may explain in English
        assert not _CJK.search(code), f"Chinese text in {source}"
        literals = re.findall(r'"([^"\n]*)"', code)
        prose = [s for s in literals if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", s) and s != "use strict"]
        assert not prose, f"words in {source} that should come from the page: {prose}"
        # No storage, no request but the rules file.
        assert not re.search(r"localStorage|sessionStorage|document\.cookie|XMLHttpRequest|sendBeacon|indexedDB", code)
        assert len(re.findall(r"\bfetch\(", code)) == (1 if source.endswith("/finder.js") else 0)


def test_home_page_has_a_prominent_entry(site: Site, language: dict[str, str]) -> None:
    home = language["prefix"] + "index.html"
    main = site.soup(home).find("main")
    links = [a for a in main.find_all("a") if site.resolve(home, a["href"]) == finder_file(language)]
    assert links and links[0].get_text(strip=True) == TITLES[language["code"]]
    # Before the list of regions: the first thing a parent sees after the introduction.
    assert main.find_all(["a", "h2"]).index(links[0]) < main.find_all(["a", "h2"]).index(main.find("h2"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_cli_prints_paths_of_pages_that_exist(site: Site, dataset: Dataset, lang: str) -> None:
    assert dataset.baseline is not None
    for checklist in dataset.checklists:
        for rule in region_rules(checklist, dataset.baseline).rules:
            path = page_path(checklist.code, rule.item_id, lang)
            assert (site.root / path.lstrip("/") / "index.html").is_file(), path


def test_readme_documents_the_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "carelist finder --region" in readme
