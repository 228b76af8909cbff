"""The built sample site, read as a browser and a crawler would: pages, languages, links, resources, metadata."""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET

import jsonschema
from bs4 import Tag
from referencing import Registry, Resource
from site_helpers import ROOT, Site

from carelist.checker import Dataset

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml", "a": "http://www.w3.org/2005/Atom"}
PAGE_WEIGHT_LIMIT = 50_000  # bytes of HTML + CSS for a region × service page
RESOURCE_ATTRIBUTES = (
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
    ("input", "src"),
    ("track", "src"),
)
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
# Script elements that hold data (JSON-LD, a page script's settings): they never run.
DATA_SCRIPTS = {"application/ld+json", "application/json"}
# Pages that add a script on top of content that works without it (page kind, as in <body class="page-…">).
SCRIPTED_PAGES = {"search", "finder"}


def sitemap_entries(site: Site) -> list[tuple[str, list[tuple[str, str]]]]:
    tree = ET.parse(site.root / "sitemap.xml")
    return [
        (
            url.findtext("s:loc", namespaces=NS) or "",
            [(link.get("hreflang", ""), link.get("href", "")) for link in url.findall("x:link", NS)],
        )
        for url in tree.getroot().findall("s:url", NS)
    ]


def region_service_files(site: Site) -> list[str]:
    # regions/<code>/residence-permit/ is the region's residence permit page, not a service of its list.
    return [f for f in site.html_files if re.fullmatch(r"(en/)?regions/\d{6}/(?!residence-permit/)[a-z0-9-]+/index\.html", f)]


# --- every page, in both languages ---------------------------------------------------------------------------------


def test_sitemap_lists_every_page_in_every_language_with_the_right_lang(site: Site) -> None:
    entries = sitemap_entries(site)
    locs = {loc for loc, _alternates in entries}
    assert len(locs) == len(entries), "a page is listed twice"
    pages = {f for f in site.html_files if not f.endswith("404.html")}
    assert {site.url_to_file(loc) for loc in locs} == pages, "the sitemap and the pages on disk differ"
    for loc, alternates in entries:
        languages = {hreflang for hreflang, _href in alternates}
        assert languages == {lang["html_lang"] for lang in site.languages} | {"x-default"}, loc
        for hreflang, href in alternates:
            assert href in locs, f"{loc}: alternate {href} is not a page"
            file = site.url_to_file(href)
            expected = site.language_of(file)["html_lang"]
            assert site.soup(file).html["lang"] == expected
            if hreflang != "x-default":
                assert hreflang == expected


def test_each_page_declares_its_language_canonical_and_alternates(site: Site) -> None:
    for file in site.html_files:
        soup = site.soup(file)
        language = site.language_of(file)
        assert soup.html["lang"] == language["html_lang"], file
        if file.endswith("404.html"):
            continue
        canonical = soup.find("link", rel="canonical")
        assert canonical and site.url_to_file(canonical["href"]) == file, file
        alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)}
        assert alternates[language["html_lang"]] == canonical["href"], file


def test_the_language_switch_leads_to_the_same_page_in_the_other_language(site: Site) -> None:
    for file in site.html_files:
        own = site.language_of(file)
        neutral = file[len(own["prefix"]) :]
        switch = site.soup(file).find("nav", class_="language-switch")
        links = switch.find_all("a", hreflang=True)
        assert len(links) == len(site.languages) - 1, file
        for link in links:
            other = next(lang for lang in site.languages if lang["html_lang"] == link["hreflang"])
            target = site.resolve(file, link["href"])
            assert target == other["prefix"] + neutral, f"{file}: switch to {other['code']} goes to {target}"
            assert site.soup(target).html["lang"] == other["html_lang"]


# --- links and resources -------------------------------------------------------------------------------------------


def test_every_internal_link_and_asset_resolves(site: Site) -> None:
    broken = []
    for file in site.html_files:
        soup = site.soup(file)
        ids = {tag["id"] for tag in soup.find_all(id=True)}
        for tag, attribute in [("a", "href"), ("link", "href"), *RESOURCE_ATTRIBUTES]:
            for element in soup.find_all(tag, attrs={attribute: True}):
                href = element[attribute]
                if re.match(r"^(https?:|mailto:|tel:)", href):
                    continue
                if href.startswith("#"):
                    if href[1:] not in ids:
                        broken.append((file, href))
                    continue
                target = site.resolve(file, href)
                if not (site.root / target).is_file():
                    broken.append((file, href))
    assert not broken, broken[:20]


def test_no_page_loads_anything_from_outside(site: Site, official_urls: set[str]) -> None:
    for file in site.html_files:
        soup = site.soup(file)
        for element in soup.find_all(True):
            for attribute in ("src", "srcset", "data", "action", "poster", "style", "background"):
                value = element.get(attribute)
                assert not value or not re.search(r"(https?:)?//|url\(", str(value)), f"{file}: <{element.name} {attribute}={value}>"
        for link in soup.find_all("link", href=True):
            rel = set(link.get("rel", []))
            if link["href"].startswith(("http:", "https:", "//")):
                # Only these name the page's own public address; none of them makes a browser fetch anything.
                assert rel <= {"canonical", "alternate"} and link["href"].startswith(site.siteurl), f"{file}: {link}"
        for anchor in soup.find_all("a", href=re.compile(r"^(https?:)?//")):
            assert anchor["href"] in official_urls, f"{file}: links to {anchor['href']}, which no checklist gives"
        for style in soup.find_all("style"):
            assert "url(" not in style.text and "@import" not in style.text
    for css in site.root.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text and not re.search(r"url\(\s*['\"]?(https?:)?//", text), css


def test_pages_need_no_javascript(site: Site) -> None:
    """Only the pages in SCRIPTED_PAGES run a script, from a file of the site; their content is there without it."""
    for file in site.html_files:
        soup = site.soup(file)
        kind = next(c for c in soup.body["class"] if c.startswith("page-"))[len("page-") :]
        for script in soup.find_all("script"):
            if script.get("type") in DATA_SCRIPTS:
                assert script.get("src") is None, f"{file}: {script}"
                continue
            assert kind in SCRIPTED_PAGES, f"{file}: a {kind} page must not need a script: {script}"
            src = script.get("src", "")
            assert src and not (script.string or "").strip(), f"{file}: scripts are files of the site, never inline: {script}"
            assert not re.match(r"^([a-z]+:|//|/)", src), f"{file}: {src} is not a file of this site"
            assert (site.root / site.resolve(file, src)).is_file(), f"{file}: {src} does not exist"
        if kind in SCRIPTED_PAGES:
            main = soup.find("main")
            shown = [
                a["href"]
                for a in main.find_all("a", href=True)
                if not a.find_parent(attrs={"hidden": True}) and not a["href"].startswith(("?", "#"))
            ]
            assert main.find("h1") and shown, f"{file}: without JavaScript the page must still lead somewhere useful"


# --- structure and accessibility -----------------------------------------------------------------------------------


def test_landmarks_skip_link_and_headings_in_order(site: Site) -> None:
    for file in site.html_files:
        soup = site.soup(file)
        assert len(soup.find_all("main")) == 1 and soup.find("main").get("id") == "main", file
        assert soup.find("a", class_="skip-link")["href"] == "#main", file
        assert soup.find("header") and soup.find("footer", class_="site-footer"), file
        assert soup.title and soup.title.text.strip(), file
        levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
        assert levels.count(1) == 1 and levels[0] == 1, f"{file}: {levels}"
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{file}: heading h{before} is followed by h{after}"
        for nav in soup.find_all("nav"):
            assert nav.get("aria-label"), f"{file}: a <nav> without a name"


def test_chinese_text_on_english_pages_is_marked_as_chinese(site: Site) -> None:
    """Interface strings come from the catalog; Chinese data shown on English pages carries lang="zh-Hans"."""
    for file in site.html_files:
        if site.language_of(file)["code"] != "en":
            continue
        for text in site.soup(file).find_all(string=_CJK):
            if text.parent.name == "script" or any(a.get("lang", "").startswith("zh") for a in text.parents if isinstance(a, Tag)):
                continue
            # English sentences that name a Chinese app or term in passing (天府通办) are fine; Chinese prose is not.
            letters = [c for c in str(text) if not c.isspace()]
            assert sum(bool(_CJK.match(c)) for c in letters) / len(letters) < 0.3, f"{file}: untagged Chinese {str(text)[:60]!r}"


def test_missing_english_shows_the_chinese_with_a_notice(site: Site, dataset: Dataset) -> None:
    untranslated = [
        (c.code, s.id, s.where.zh) for c in dataset.checklists for s in [*c.services.values(), *c.local_items] if s.where.en is None
    ]
    assert untranslated, "the Guangdong sample leaves one `where` untranslated on purpose, to show this notice"
    code, item_id, chinese = untranslated[0]
    soup = site.soup(f"en/regions/{code}/{item_id}/index.html")
    shown = soup.find("span", lang="zh-Hans", string=chinese)
    assert shown is not None
    assert "untranslated" in shown.find_next_sibling("span")["class"]


def test_sample_data_is_labelled_on_every_page_that_shows_it(site: Site, dataset: Dataset) -> None:
    for checklist in dataset.checklists:
        pages = [f for f in site.html_files if re.search(rf"(^|/)regions/{checklist.code}/", f)]
        assert pages
        for file in pages:
            notice = site.soup(file).find(class_="notice-sample")
            assert (notice is not None) == checklist.sample, file
    if any(c.sample for c in dataset.checklists):
        for file in ["index.html", "en/index.html", "coverage/index.html", "en/services/preschool/index.html"]:
            assert site.soup(file).find(class_="notice-sample"), file


def test_region_pages_show_their_source(site: Site, dataset: Dataset) -> None:
    for checklist in dataset.checklists:
        for file in [f for f in site.html_files if re.search(rf"(^|/)regions/{checklist.code}/", f)]:
            soup = site.soup(file)
            assert soup.find("a", href=checklist.publication.source_url), file
            assert checklist.publication.number in soup.get_text(), file
            assert soup.find("time", datetime=checklist.publication.published.isoformat()), file


# --- the region × service page -------------------------------------------------------------------------------------


def test_region_service_pages_are_ready_for_print(site: Site) -> None:
    files = region_service_files(site)
    assert files
    for file in files:
        soup = site.soup(file)
        article = soup.find("main").find("article")
        assert article is not None and article.find("h1") is not None, file
        assert soup.find("ul", class_="checklist").find_all("li"), file
        qr = soup.find("figure", class_="qr")
        assert qr.find("svg") is not None and soup.find("link", rel="canonical")["href"] in qr.text, file


def test_region_service_page_weighs_under_50_kb_with_its_css(site: Site) -> None:
    heaviest = 0
    for file in region_service_files(site):
        soup = site.soup(file)
        css = sum((site.root / site.resolve(file, link["href"])).stat().st_size for link in soup.find_all("link", rel="stylesheet"))
        heaviest = max(heaviest, (site.root / file).stat().st_size + css)
    assert 0 < heaviest < PAGE_WEIGHT_LIMIT


def test_service_pages_describe_a_government_service_in_json_ld(site: Site) -> None:
    files = region_service_files(site) + [f for f in site.html_files if re.fullmatch(r"(en/)?services/[a-z0-9-]+/index\.html", f)]
    for file in files:
        soup = site.soup(file)
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentService", file
        assert data["url"] == soup.find("link", rel="canonical")["href"], file
        assert data["name"] and data["provider"], file


# --- machine-readable outputs --------------------------------------------------------------------------------------


def test_feeds_are_atom_with_one_entry_per_published_or_revised_list(site: Site, dataset: Dataset) -> None:
    # The session's site is built without git history: the current version and those the list records itself.
    expected = sum(1 + len(c.publication.history) for c in dataset.checklists)
    for language in site.languages:
        root = ET.parse(site.root / language["prefix"] / "feeds/checklists.atom.xml").getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        entries = root.findall("a:entry", NS)
        assert len(entries) == expected
        ids = [e.findtext("a:id", namespaces=NS) for e in entries]
        assert len(set(ids)) == len(ids)
        updated = [e.findtext("a:updated", namespaces=NS) for e in entries]
        assert updated == sorted(updated, reverse=True)
        for entry in entries:
            link, _, fragment = entry.find("a:link", NS).get("href").partition("#")
            target = site.url_to_file(link)
            assert (site.root / target).is_file()
            assert site.soup(target).find(id=fragment), f"{link}#{fragment}: no such version on the revisions page"


def test_schema_and_baseline_are_published_under_stable_urls(site: Site) -> None:
    for name in ("checklist.schema.json", "baseline.schema.json"):
        assert (site.root / "schema" / name).read_bytes() == (ROOT / "schema" / name).read_bytes()
    baseline = json.loads((site.root / "schema/baseline.json").read_text(encoding="utf-8"))
    schemas = [
        json.loads((site.root / "schema" / name).read_text(encoding="utf-8")) for name in ("baseline.schema.json", "checklist.schema.json")
    ]
    registry = Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in schemas])
    jsonschema.Draft202012Validator(schemas[0], registry=registry).validate(baseline)
    assert len(baseline["items"]) >= 1


def test_robots_txt_points_to_the_sitemap(site: Site) -> None:
    assert f"Sitemap: {site.siteurl}sitemap.xml" in (site.root / "robots.txt").read_text(encoding="utf-8")


def test_the_404_page_works_at_any_depth(site: Site) -> None:
    """Servers show 404.html for any wrong address, so its links start from the site root."""
    for file in [f for f in site.html_files if f.endswith("404.html")]:
        soup = site.soup(file)
        hrefs = [a["href"] for a in soup.find_all("a", href=True) if not a["href"].startswith("#")]
        hrefs += [link["href"] for link in soup.find_all("link", href=True)]
        assert hrefs and all(h.startswith("/") for h in hrefs), file
        assert not soup.find("link", rel="canonical")
