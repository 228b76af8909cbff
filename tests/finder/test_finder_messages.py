"""The finder's one message table: complete for every code the engine returns, in both languages, placeholders matching."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from finder_cases import data

from carelist import finder_messages
from carelist.eligibility import Move, Scenario, evaluate
from carelist.finder_messages import MESSAGES
from served_site import FIXTURE_CHECKLISTS

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def test_both_languages_have_the_same_placeholders_and_are_in_their_language() -> None:
    for code, m in MESSAGES.items():
        forms = [m.en] if m.en_one is None else [m.en, m.en_one]
        assert all(set(_PLACEHOLDER.findall(m.zh)) == set(_PLACEHOLDER.findall(en)) for en in forms), code
        if _PLACEHOLDER.sub("", m.zh).strip(" ：（）") and code not in ("untranslated",):
            assert _CJK.search(m.zh), f"{code}: Chinese text without Chinese"
        assert not any(_CJK.search(en.replace("中心城区", "")) for en in forms), code


def test_every_code_the_engine_returns_has_words() -> None:
    """Run a grid of answers and look every returned code up: a new code without a sentence fails here."""
    _, regions = data()
    codes: set[str] = set()
    ages, months_ = [None, 0, 2, 6, 12, 16, 18], [None, 0, 4, 12]
    for (code, region), age, months, move in itertools.product(regions.items(), ages, months_, [None, *Move]):
        result = evaluate(region, Scenario(code, age, months, move, frozenset({"hardship"})))
        codes.add("covered-" + result.covered_reason)
        codes.update(c.code for a in result.answers for c in a.conditions)
        codes.update("status-" + c.status.value for a in result.answers for c in a.conditions)
        codes.update(a.code for a in result.advice)
    assert codes <= set(MESSAGES), codes - set(MESSAGES)
    # The grid reaches nearly every sentence, so this is not vacuous.
    assert len(codes) >= 30


def test_a_singular_is_used_only_for_one() -> None:
    assert finder_messages.render("en", "residence-wait", num=1) == "After 1 more month living here"
    assert finder_messages.render("en", "residence-wait", num=2) == "After 2 more months living here"
    assert finder_messages.render("zh", "residence-wait", num=1) == "再住满 1 个月后"


def test_the_residence_permit_page_is_linked_while_switched_on(monkeypatch: pytest.MonkeyPatch, cli: Any) -> None:
    """One switch: the site builds the residence-permit pages, so the CLI and the page link them; switched off, no link."""
    argv = ["finder", "--checklists", str(FIXTURE_CHECKLISTS), "--region", "440000", "--age", "8", "--months", "2", "--move", "county"]
    argv += ["--lang", "en"]
    assert finder_messages.RESIDENCE_PERMIT_PAGES, "carelist_site/pages/residence_permit.py builds them"
    monkeypatch.setattr(finder_messages, "RESIDENCE_PERMIT_PAGES", False)
    assert "residence-permit/" not in cli(*argv).out
    monkeypatch.setattr(finder_messages, "RESIDENCE_PERMIT_PAGES", True)
    assert finder_messages.permit_page_path("440000", "en") == "/en/regions/440000/residence-permit/"
    assert finder_messages.permit_page_path(None, "zh") == "/residence-permit/"
    assert "How to get a residence permit: /en/regions/440000/residence-permit/" in cli(*argv).out
