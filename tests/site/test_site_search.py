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
        assert site.resolve(page, config["pagefind"]) == "pagefind/pagefind.js"
        assert (site.root / "pagefind/pagefind.js").is_file()
        texts[language["code"]] = config["text"]
        assert "%(query)s" in config["text"]["found"]["other"] and "%(num)d" in config["text"]["found"]["one"]
        script = soup.find("script", src=True)
        assert (site.root / site.resolve(page, script["src"])).is_file(), page
    assert texts["zh"]["searching"] != texts["en"]["searching"], "the script's words come from the catalogs"


def test_without_javascript_the_search_page_explains_and_leads_to_browsing(site: Site) -> None:
    for language in site.languages:
        page = language["prefix"] + "search/index.html"
        soup = site.soup(page)
        assert soup.find("form", id="search-form").has_attr("hidden"), "the form appears only when it can search"
        assert soup.find("noscript").text.strip(), page
        links = [site.resolve(page, a["href"]) for a in soup.find("section", attrs={"aria-labelledby": "browse"}).find_all("a")]
        home = site.soup(language["prefix"] + "index.html")
        assert links == [language["prefix"] + "index.html"] * 2
        for a in soup.find("section", attrs={"aria-labelledby": "browse"}).find_all("a"):
            anchor = urlsplit(a["href"]).fragment
            assert home.find(id=anchor) is not None, f"{page}: {a['href']} has no target on the home page"
