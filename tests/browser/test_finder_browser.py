"""The finder page in Chromium, used as a family would: the scenario table through the form, on a phone and a desktop,
in both languages; answers compared with the Python engine; bookmarks, keyboard use, no JavaScript, accessibility."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from browser_helpers import Server, assert_accessible, screenshot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "finder"))
from finder_cases import CASES, Case, data

from carelist.eligibility import evaluate, result_as_json

if TYPE_CHECKING:
    from playwright.sync_api import Page

PREFIXES = {"zh": "", "en": "en/"}
SITUATION_ORDER = [s.id for s in data()[0].situations]  # the form's order
OUTCOMES = ("entitled", "more-info", "later", "not-eligible")
SHOWN = """() => Object.fromEntries([...document.querySelectorAll('#finder-results ul[data-outcome]')]
    .map(ul => [ul.dataset.outcome, [...ul.children].map(li => [li.dataset.id, li.querySelector('a').href])]))"""
FORM_STATE = """() => { const f = document.getElementById('finder-form').elements;
  return {region: f.region.value, age: f.age.value, months: f.months.value,
          move: ([...f.move].find(r => r.checked) || {}).value || null,
          situations: [...document.querySelectorAll('[name=s]:checked')].map(c => c.value)}; }"""


@pytest.fixture(params=list(PREFIXES))
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


def expected(case: Case) -> dict[str, list[str]]:
    """What the Python engine answers, grouped as the page shows it (empty groups are not shown)."""
    _, regions = data()
    answers = result_as_json(evaluate(regions[case.region], case.scenario))["answers"]
    groups = {o: [a["id"] for a in answers if a["outcome"] == o] for o in OUTCOMES}
    return {o: ids for o, ids in groups.items() if ids}


def open_finder(page: Page, lang: str, fragment: str = "") -> None:
    """A fresh load (from a blank page, so a new fragment is not a mere hashchange)."""
    page.goto("about:blank")
    page.goto(f"{PREFIXES[lang]}finder/{fragment}")
    page.wait_for_selector("#finder-fallback[hidden]", state="attached")  # the rules have loaded


def answer_through_the_form(page: Page, case: Case) -> None:
    page.select_option("#finder-region", case.region)
    page.fill("#finder-age", "" if case.age is None else str(case.age))
    page.fill("#finder-months", "" if case.months is None else str(case.months))
    if case.move:
        page.check(f"#finder-move-{case.move}")
    for box in page.locator("[name=s]").all():
        box.set_checked(box.get_attribute("value") in case.situations)
    page.click("#finder-form button[type=submit]")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('#finder-results h2')")


def check_answer(page: Page, case: Case, lang: str) -> None:
    shown: dict[str, list[list[str]]] = page.evaluate(SHOWN)
    assert {o: [i for i, _ in items] for o, items in shown.items()} == expected(case), case.id
    for key, outcome in (("entitled", "entitled"), ("later", "later"), ("more_info", "more-info")):
        assert sorted(i for i, _ in shown.get(outcome, [])) == sorted(case.expect[key]), f"{case.id} {key}"
    for item_id, href in (pair for items in shown.values() for pair in items):
        assert urlsplit(href).path.endswith(f"/{PREFIXES[lang]}regions/{case.region}/{item_id}/index.html"), href


def test_the_scenario_table_through_the_form(page: Page, lang: str, viewport: str, server: Server) -> None:
    open_finder(page, lang)
    for case in CASES:
        page.evaluate("() => document.getElementById('finder-form').reset()")  # a radio cannot be unchosen by hand
        answer_through_the_form(page, case)
        check_answer(page, case, lang)
        # The answers live in the fragment only (situations in the form's order).
        assert sorted(parse_qsl(urlsplit(page.url).fragment)) == sorted(parse_qsl(case.fragment()[1:])), case.id
        assert urlsplit(page.url).query == ""
        if case.id in ("gd-disability-orphan", "gd-age-16-out-of-scope"):
            assert_accessible(page)
            screenshot(page, f"finder-answer-{lang}-{viewport}")
    assert not [line for line in server.log if re.search(r'"[A-Z]+ [^ "]*\?', line)], "a request carried the answers"


def test_a_bookmarked_answer_restores_the_form_and_the_answer(new_page: Any, lang: str) -> None:
    page = new_page("desktop")  # a fresh load per scenario; the form test covers the phone
    for case in CASES:
        open_finder(page, lang, case.fragment())
        page.wait_for_selector("#finder-results h2")
        check_answer(page, case, lang)
        state: dict[str, Any] = page.evaluate(FORM_STATE)
        assert state == {
            "region": case.region,
            "age": "" if case.age is None else str(case.age),
            "months": "" if case.months is None else str(case.months),
            "move": case.move,
            "situations": sorted(case.situations, key=SITUATION_ORDER.index),
        }, case.id
        assert page.evaluate("() => document.activeElement === document.body"), "a loaded answer must not steal focus"


def test_back_returns_to_the_previous_answer(page: Page) -> None:
    first, second = CASES[0], CASES[3]
    open_finder(page, "en")
    answer_through_the_form(page, first)
    answer_through_the_form(page, second)
    check_answer(page, second, "en")
    page.go_back()
    page.wait_for_function(f"() => location.hash.includes('region={first.region}')")
    check_answer(page, first, "en")


def test_a_broken_fragment_is_ignored_not_trusted(page: Page) -> None:
    open_finder(page, "en", "#region=440000&age=-3&months=abc&move=plane&s=constructor&s=disability&s=__proto__")
    page.wait_for_selector("#finder-results h2")
    assert page.evaluate(FORM_STATE) == {"region": "440000", "age": "", "months": "", "move": None, "situations": ["disability"]}
    assert page.locator("#finder-results ul[data-outcome=entitled]").count() == 0  # nothing is certain without answers
    open_finder(page, "en", "#region=999999&age=7")
    assert page.locator("#finder-results").inner_text() == ""
    page.click("#finder-form button[type=submit]")
    page.wait_for_function("() => document.activeElement.id === 'finder-region'")
    # The notice is read with the field the focus lands on.
    notice = page.locator("#finder-results .notice")
    described_by = page.locator("#finder-region").get_attribute("aria-describedby")
    assert notice.inner_text() and described_by and notice.get_attribute("id") == described_by
    answer_through_the_form(page, CASES[0])
    assert page.locator("#finder-region").get_attribute("aria-describedby") is None


def test_keyboard_only(page: Page, lang: str) -> None:
    open_finder(page, lang)

    def tab_to(selector: str) -> None:
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#finder-region")
    page.keyboard.press("ArrowDown")  # the first published region: 330000
    tab_to("#finder-age")
    page.keyboard.type("16")
    tab_to("#finder-months")
    page.keyboard.type("24")
    tab_to("[name=move]")
    page.keyboard.press("Space")  # the first choice: across a county boundary
    tab_to("#finder-s-hardship")
    page.keyboard.press("Space")
    tab_to("#finder-form button")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('#finder-results h2')")
    check_answer(page, next(c for c in CASES if c.id == "zj-age-16-hardship"), lang)
    tab_to("#finder-results a")  # from the heading straight into the answer


def test_targets_are_large_enough_to_tap(new_page: Any) -> None:
    page = new_page("phone")
    open_finder(page, "zh", CASES[0].fragment())
    page.wait_for_selector("#finder-results h2")
    for selector in (
        "#finder-region",
        "#finder-age",
        "#finder-months",
        "#finder-form button",
        "#finder-form label",
        "#finder-results li a",
    ):
        for box in (el.bounding_box() for el in page.locator(selector).all() if el.is_visible()):
            assert box and box["height"] >= 24 and box["width"] >= 24, (selector, box)


def test_without_javascript_the_page_points_to_the_region_pages(nojs_page: Page, lang: str, viewport: str) -> None:
    nojs_page.goto(f"{PREFIXES[lang]}finder/#region=440000&age=7")
    assert nojs_page.locator("#finder-form").is_hidden()
    fallback = nojs_page.locator("#finder-fallback")
    assert fallback.is_visible() and "JavaScript" in fallback.inner_text()
    links = fallback.locator("a")
    assert links.count() == 3
    screenshot(nojs_page, f"finder-nojs-{lang}-{viewport}")
    links.first.click()
    nojs_page.wait_for_url("**/regions/330000/index.html")


def test_when_the_rules_cannot_load_the_page_says_so_and_keeps_the_region_links(page: Page, watch: Any) -> None:
    watch.allow_console_error(r"404")
    page.route("**/data/rules.json", lambda route: route.fulfill(status=404, body="not found"))
    page.goto("en/finder/#region=440000&age=7")
    page.wait_for_function("() => document.getElementById('finder-fallback-text').textContent.includes('could not load')")
    assert page.locator("#finder-form").is_hidden()
    assert page.locator("#finder-fallback a").count() == 3


def case(case_id: str) -> Case:
    return next(c for c in CASES if c.id == case_id)


def test_while_the_script_loads_the_form_is_there_and_the_page_says_it_is_loading(page: Page, lang: str) -> None:
    """On a slow network: the form can be filled in at once, and the notice says loading, not "JavaScript is off"."""
    held: list[Any] = []
    page.route("**/data/rules.json", lambda route: held.append(route))
    page.goto(f"{PREFIXES[lang]}finder/")
    page.wait_for_function("() => document.readyState === 'complete'")
    assert page.locator("#finder-form").is_visible()
    loading = page.locator("#finder-fallback-text")
    assert loading.is_visible() and "JavaScript" not in page.locator("#finder-fallback").inner_text()
    page.fill("#finder-age", "7")  # typed before the rules arrive, and kept
    assert held, "the rules were not requested"
    held[0].continue_()
    page.wait_for_selector("#finder-fallback[hidden]", state="attached")
    assert page.input_value("#finder-age") == "7"


def test_before_the_rules_arrive_nothing_can_be_sent(page: Page, watch: Any) -> None:
    """The button waits for the rules (Enter in a field too): the answers never leave the page, not even as a query."""
    held: list[Any] = []
    page.route("**/data/rules.json", lambda route: held.append(route))
    page.goto("en/finder/")
    page.wait_for_function("() => document.readyState === 'complete'")
    page.select_option("#finder-region", "440000")
    page.fill("#finder-age", "八岁")
    page.fill("#finder-months", "两个月")
    page.check("#finder-move-county")
    assert page.locator("#finder-form button[type=submit]").is_disabled()
    page.press("#finder-months", "Enter")
    page.wait_for_timeout(300)
    assert urlsplit(page.url).query == "" and urlsplit(page.url).fragment == ""
    held[0].continue_()
    page.wait_for_selector("#finder-form button[type=submit]:not([disabled])")
    page.click("#finder-form button[type=submit]")
    page.wait_for_selector("#finder-results h2")
    assert dict(parse_qsl(urlsplit(page.url).fragment))["age"] == "8"
    check_answer(page, case("gd-newcomer-8-2-months"), "en")
    assert any("/data/rules.json" in line for line in watch.server.log), "the server log was not read"
    assert not [line for line in watch.server.log if re.search(r'"[A-Z]+ [^ "]*\?', line)], "a request carried the answers"


def test_ages_and_months_in_chinese_words_are_understood(page: Page, lang: str) -> None:
    open_finder(page, lang)
    page.select_option("#finder-region", "440000")
    page.fill("#finder-age", "五岁")
    page.fill("#finder-months", "五个月")
    page.check("#finder-move-county")
    page.click("#finder-form button[type=submit]")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('#finder-results h2')")
    assert (page.input_value("#finder-age"), page.input_value("#finder-months")) == ("5", "5")
    check_answer(page, case("gd-age-5-school-both-conditions"), lang)
    page.fill("#finder-months", "一年半")
    page.fill("#finder-age", "十二")
    page.click("#finder-form button[type=submit]")
    page.wait_for_function("() => location.hash.includes('months=18')")
    assert dict(parse_qsl(urlsplit(page.url).fragment))["age"] == "12"


def test_what_cannot_be_read_is_said_not_dropped(page: Page) -> None:
    open_finder(page, "en")
    page.select_option("#finder-region", "440000")
    page.fill("#finder-age", "five cats")
    page.click("#finder-form button[type=submit]")
    error = page.locator("#finder-age-error")
    assert error.is_visible() and "not understood" in error.inner_text()
    assert page.get_attribute("#finder-age", "aria-invalid") == "true"
    assert page.evaluate("() => document.activeElement.id") == "finder-age"
    assert page.locator("#finder-results h2").count() == 0 and "age=" not in page.url
    assert_accessible(page)


def test_the_reset_clears_the_answer_and_the_address(page: Page) -> None:
    open_finder(page, "en", case("gd-disability-orphan").fragment())
    page.wait_for_selector("#finder-results h2")
    page.click("#finder-form button[type=reset]")
    page.wait_for_function("() => document.activeElement.id === 'finder-region'")
    assert page.evaluate(FORM_STATE) == {"region": "", "age": "", "months": "", "move": None, "situations": []}
    assert page.locator("#finder-results").inner_text() == "" and urlsplit(page.url).fragment == ""


def test_switching_language_keeps_the_answers(page: Page) -> None:
    scenario = case("gd-city-districts-hardship")
    open_finder(page, "zh")
    answer_through_the_form(page, scenario)
    with page.expect_navigation():
        page.click(".language-switch a[hreflang^=en]")
    page.wait_for_selector("#finder-results h2")
    assert "/en/finder/" in urlsplit(page.url).path
    assert page.evaluate(FORM_STATE)["situations"] == ["hardship"]
    check_answer(page, scenario, "en")
    with page.expect_navigation():  # and back, still with the answers
        page.click(".language-switch a[hreflang^=zh]")
    page.wait_for_selector("#finder-results h2")
    check_answer(page, scenario, "zh")


def test_a_child_outside_the_list_gets_services_why_and_whom_to_ask(page: Page, lang: str) -> None:
    open_finder(page, lang, case("gd-age-16-out-of-scope").fragment())
    page.wait_for_selector("#finder-results h2")
    assert page.get_attribute("#finder-results [data-covered]", "data-covered") == "too-old"
    assert page.locator("#finder-results ul[data-outcome=entitled] > li").count() == 4
    whom = page.locator("#finder-results .finder-advice li[data-code=ask-whom]")
    assert "12345" in whom.inner_text() and "12355" in whom.inner_text()
    tels = whom.locator("a[href^='tel:']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "tel:12345" in tels and "tel:12355" in tels
    assert_accessible(page)


def test_a_newcomer_is_told_what_to_do_meanwhile(page: Page) -> None:
    open_finder(page, "en", case("gd-newcomer-8-2-months").fragment())
    page.wait_for_selector("#finder-results h2")
    advice = page.locator("#finder-results .finder-advice").inner_text()
    assert "Apply for a residence permit after 4 more months here" in advice
    assert "Ask now about: Starting primary or junior secondary school and Joining residents' medical insurance." in advice
    school = page.locator("#finder-results li[data-id=compulsory-education] .finder-conditions li")
    assert school.all_inner_texts() == [
        "Met: Aged 6 to under 16",
        "Not met: Usually based on the residence permit, which you can apply for after 4 more months here; until then, ask "
        "which other documents are accepted",
    ]
