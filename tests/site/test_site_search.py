"""The search page and the home page's search box, as built: a plain GET form, labelled, announced, useful without JavaScript."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from site_helpers import Site

from carelist.checker import Dataset


def test_the_home_page_search_box_is_an_ordinary_form_to_the_search_page(site: Site) -> None:
    for language in site.languages:
        home = language["prefix"] + "index.html"
        form = site.soup(home).find("form", role="search")
        assert form is not None and form.get("method") == "get", home
        assert site.resolve(home, form["action"]) == language["prefix"] + "search/index.html"
        field = form.find("input", attrs={"name": "q"})
        label = form.find("label", attrs={"for": field["id"]})
        assert label is not None and label.text.strip(), home
        assert form.find("button", type="submit").text.strip()


def test_the_search_page_offers_the_same_form_with_region_and_category_choices(site: Site, dataset: Dataset) -> None:
    for language in site.languages:
        page = language["prefix"] + "search/index.html"
        soup = site.soup(page)
        form = soup.find("form", id="search-form")
        assert form.get("method") == "get" and site.resolve(page, form["action"]) == page, "it submits to itself, ?q=…"
        for name, values in (
            ("q", None),
            ("region", {c.code for c in dataset.checklists}),
            ("category", {c.id for c in dataset.baseline.categories}),
        ):
            field = form.find(attrs={"name": name})
            assert form.find("label", attrs={"for": field["id"]}).text.strip(), f"{page}: {name} has no label"
            if values is not None:
                options = {o["value"] for o in field.find_all("option")}
                assert options == values | {""}, f"{page}: {name} offers {options}"
        for example in soup.find(id="search-examples").find_all("a"):
            assert parse_qs(urlsplit(example["href"]).query)["q"] == [example.text], example


def test_the_search_page_announces_results_and_translates_its_script(site: Site) -> None:
    texts = {}
    for language in site.languages:
        page = language["prefix"] + "search/index.html"
        soup = site.soup(page)
        status = soup.find(id="search-status")
        assert status.get("role") == "status" and status.get("aria-live") == "polite", page
        config = json.loads(soup.find("script", id="search-config").string)
        index = site.resolve(page, config["index"] + "places.json")
        assert index == "search-index/places.json" and (site.root / index).is_file()
        assert (site.root / "search-index" / language["code"] / "services.json").is_file()
        assert site.resolve(page, config["root"] + "index.html") == language["prefix"] + "index.html"
        texts[language["code"]] = config["text"]
        assert "%(query)s" in config["text"]["found"]["other"] and "%(num)d" in config["text"]["found"]["one"]
        scripts = [site.resolve(page, s["src"]) for s in soup.find_all("script", src=True)]
        assert [p.rsplit("/", 1)[-1] for p in scripts] == ["search-vendor.js", "search-engine.js", "search.js"], scripts
        assert all((site.root / p).is_file() for p in scripts), page
        assert all(s.has_attr("defer") for s in soup.find_all("script", src=True)), "the scripts never hold up the first paint"
        for link in soup.find_all("link", rel="preload"):
            assert (site.root / site.resolve(page, link["href"])).is_file(), link
    assert texts["zh"]["searching"] != texts["en"]["searching"], "the script's words come from the catalogs"


def test_the_form_is_usable_before_any_script_runs_and_no_search_is_a_dead_end(site: Site) -> None:
    for language in site.languages:
        page = language["prefix"] + "search/index.html"
        soup = site.soup(page)
        assert not soup.find("form", id="search-form").has_attr("hidden"), "the form is there at first paint"
        assert soup.find("noscript").text.strip(), page
        help_section = soup.find("section", id="search-help")
        links = [site.resolve(page, a["href"]) for a in help_section.find_all("a") if not a["href"].startswith("tel:")]
        assert language["prefix"] + "finder/index.html" in links, "the finder"
        assert links.count(language["prefix"] + "index.html") == 2, "browse by service and by region"
        assert language["prefix"] + "residence-permit/index.html" in links
        home = site.soup(language["prefix"] + "index.html")
        for a in help_section.find_all("a", href=lambda h: "#" in h):
            assert home.find(id=urlsplit(a["href"]).fragment) is not None, f"{page}: {a['href']} has no target on the home page"
        phones = {a["href"] for a in help_section.find_all("a", class_="phone")}
        assert phones == {"tel:12345", "tel:12355"}, phones


def test_the_page_says_the_region_is_kept_only_on_this_device(site: Site) -> None:
    for language in site.languages:
        soup = site.soup(language["prefix"] + "search/index.html")
        note = soup.find(id="search-region-note")
        assert soup.find(id="search-region")["aria-describedby"] == "search-region-note"
        assert note.find("button", id="search-forget") is not None and note.text.strip()
