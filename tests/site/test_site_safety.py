"""Hostile text never reaches a page as markup: escaped where plain, sanitised where Markdown.

The validator refuses raw HTML and unsafe links before a build, so to test the site's own defences these tests
build from a dataset tampered with *after* validation, and feed the Markdown renderer hostile input directly.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from bs4 import BeautifulSoup
from site_helpers import CHECKLISTS, SETTINGS, Site, site_from

from carelist.checker import Dataset, check
from carelist.errors import CarelistError
from carelist.model import Text
from carelist_site import urls
from carelist_site.build import render
from carelist_site.render import CHECKLIST_TAGS, MarkdownRenderer
from carelist_site.site_settings import read_site_settings

NAME = '广东省<script>alert("name")</script>'
WHO = "<img src=x onerror=alert(1)>"
PROVIDES = '"><svg onload=alert(2)>'
LD_BREAKER = "</script><script>alert(8)</script><!--"
STEPS = (
    "[click](javascript:alert(3))",
    "<script>alert(4)</script> step",
    '<a href="javascript:alert(5)" onclick="alert(5)">x</a>',
    "![i](javascript:alert(6)) [d](data:text/html;base64,PHNjcmlwdD4=) <iframe src=https://evil.example/></iframe>",
    "[fine](https://www.gov.cn/) and **bold**",
)
DETAILS = '<style>body{display:none}</style><div onclick="alert(7)">hi</div>\n\n[v](vbscript:msgbox(1))'
HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "[a](java\tscript:alert(1))",
    '<a href="java&#115;cript:alert(1)">a</a>',
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src='https://evil.example/'></iframe>",
    '<p style="background:url(https://evil.example/x.png)">x</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '[x](https://ok.example/ "t" onmouseover=alert(1))',
    "<<script>script>alert(1)<</script>/script>",
]


@pytest.fixture(scope="module")
def tampered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Dataset]:
    """The sample data, validated, then made hostile (and one translation removed, and one region not a sample)."""
    dataset = check([CHECKLISTS])
    assert dataset.report.ok
    first = dataset.checklists[0]
    item_id = next(iter(first.services))
    service = first.services[item_id]
    service = dataclasses.replace(
        service,
        who=Text(WHO, WHO),
        provides=Text(PROVIDES + LD_BREAKER, PROVIDES + LD_BREAKER),
        steps=tuple(Text(s, s) for s in STEPS),
        details=Text(DETAILS, DETAILS),
        where=Text("只有中文的办理地点", None),
        url="javascript:alert(9)",
        phone='12345"><script>alert(10)</script>',
        keywords={"zh": ("<b>关键词</b>",), "en": ("<b>keyword</b>",)},
    )
    first = dataclasses.replace(
        first,
        sample=False,
        name=Text(NAME, NAME),
        services={**first.services, item_id: service},
        publication=dataclasses.replace(first.publication, source_url="javascript:alert(11)", number="<b>号</b>"),
    )
    tampered_dataset = dataclasses.replace(dataset, checklists=[first, *dataset.checklists[1:]])
    output = tmp_path_factory.mktemp("tampered") / "output"
    output.mkdir()
    render(read_site_settings(SETTINGS), tampered_dataset, output)
    return site_from(output), tampered_dataset


def test_no_script_event_handler_or_unsafe_link_reaches_any_page(tampered: tuple[Site, Dataset]) -> None:
    site, _dataset = tampered
    for file in site.html_files:
        soup = site.soup(file)
        for element in soup.find_all(True):
            assert element.name not in ("iframe", "style", "img", "object", "embed", "math"), f"{file}: <{element.name}>"
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), f"{file}: <{element.name} {attribute}>"
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not re.match(r"^\s*(javascript|vbscript|data):", text, re.IGNORECASE), f"{file}: {attribute}={text}"
        for script in soup.find_all("script"):
            # JSON-LD and script settings are data; the only code is the site's own files under theme/js/.
            if script.get("type") in ("application/ld+json", "application/json"):
                assert script.get("src") is None, f"{file}: {script}"
            else:
                assert re.fullmatch(r"(\.\./)*theme/js/[a-z-]+\.js", script.get("src", "")) and not script.string, f"{file}: {script}"
        svgs = soup.find_all("svg")
        assert all("qr-code" in svg.get("class", []) for svg in svgs), file


def test_hostile_text_is_shown_as_text(tampered: tuple[Site, Dataset]) -> None:
    site, dataset = tampered
    code = dataset.checklists[0].code
    item_id = next(iter(dataset.checklists[0].services))
    for prefix in ("", "en/"):
        soup = site.soup(f"{prefix}regions/{code}/{item_id}/index.html")
        text = soup.get_text()
        assert NAME in text and WHO in text and PROVIDES in text, "escaped text should read exactly as written"
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert LD_BREAKER in data["description"]
        assert "</script><script>" not in str(soup.find("script", type="application/ld+json")), "JSON-LD must not close its element"
        assert soup.find("a", href="https://www.gov.cn/") is not None, "safe Markdown links stay"
        assert soup.find("strong", string="bold") is not None


def test_untranslated_text_on_english_pages_is_chinese_with_a_notice(tampered: tuple[Site, Dataset]) -> None:
    site, dataset = tampered
    code = dataset.checklists[0].code
    item_id = next(iter(dataset.checklists[0].services))
    english = site.soup(f"en/regions/{code}/{item_id}/index.html")
    shown = english.find(lang="zh-Hans", string="只有中文的办理地点")
    assert shown is not None
    notice = shown.find_next_sibling(class_="untranslated")
    assert notice is not None and "not yet translated" in notice.text
    chinese = site.soup(f"regions/{code}/{item_id}/index.html")
    assert chinese.find(string=re.compile("只有中文的办理地点")).parent.get("lang") is None
    assert chinese.find(class_="untranslated") is None or "只有中文" not in chinese.find(class_="untranslated").parent.text


def test_a_region_that_is_not_a_sample_carries_no_sample_notice(tampered: tuple[Site, Dataset]) -> None:
    site, dataset = tampered
    code = dataset.checklists[0].code
    for file in [f for f in site.html_files if f"regions/{code}/" in f]:
        assert site.soup(file).find(class_="notice-sample") is None, file


@pytest.mark.parametrize("markdown", HOSTILE_MARKDOWN)
def test_the_markdown_renderer_sanitises_hostile_input(markdown: str) -> None:
    renderer = MarkdownRenderer()
    for html in (renderer.block(markdown), renderer.inline(markdown)):
        soup = BeautifulSoup(str(html), "html.parser")
        for element in soup.find_all(True):
            assert element.name in CHECKLIST_TAGS, f"{markdown!r} gave <{element.name}>"
            for attribute, value in element.attrs.items():
                assert attribute in ("href", "rel", "title", "lang", "hreflang"), f"{markdown!r} gave {attribute}="
                if attribute == "href":
                    assert re.match(r"^(https?:|mailto:|tel:|/|#|[^:]*$)", value), f"{markdown!r} gave href={value}"
        assert "alert(1)</script" not in str(html)


def test_the_markdown_renderer_keeps_what_editors_may_use() -> None:
    html = MarkdownRenderer().block("**Bring** these:\n\n- one\n- two\n\nSee [the notice](https://www.gov.cn/notice).")
    soup = BeautifulSoup(str(html), "html.parser")
    assert soup.find("strong").text == "Bring"
    assert [li.text for li in soup.find_all("li")] == ["one", "two"]
    link = soup.find("a")
    assert link["href"] == "https://www.gov.cn/notice" and "noopener" in link["rel"]


@pytest.mark.parametrize("value", ["../etc", "a/b", "A", "", "x..y/", "-a", "440000/../.."])
def test_ids_that_could_leave_the_output_folder_are_refused(value: str) -> None:
    with pytest.raises(CarelistError):
        urls.safe_id(value)
    with pytest.raises(CarelistError):
        urls.region(value)
