"""The residence permit pages as built: one national, one per region, linked from the service pages that ask for it."""

from __future__ import annotations

from site_helpers import Site

from carelist.checker import Dataset


def test_a_national_page_and_one_per_region_in_both_languages(site: Site, dataset: Dataset) -> None:
    for language in site.languages:
        prefix = language["prefix"]
        national = site.soup(prefix + "residence-permit/index.html")
        assert national.find("main").find("h1").text.strip()
        regions = [
            site.resolve(prefix + "residence-permit/index.html", a["href"])
            for a in national.find("section", attrs={"aria-labelledby": "regions"}).find_all("a")
        ]
        assert regions == [f"{prefix}regions/{c.code}/residence-permit/index.html" for c in dataset.checklists]
        for checklist in dataset.checklists:
            page = site.soup(f"{prefix}regions/{checklist.code}/residence-permit/index.html")
            main = page.find("main")
            assert checklist.residence_permit is not None
            assert checklist.residence_permit.where.get(language["code"]) in main.get_text(), checklist.code
            assert len(main.find("ol", class_="steps").find_all("li")) == len(checklist.residence_permit.steps)
            assert len(main.find("ul", class_="checklist").find_all("li")) == len(checklist.residence_permit.documents)


def test_every_service_page_that_asks_for_the_permit_links_to_its_region_page(site: Site, dataset: Dataset) -> None:
    linked = 0
    for language in site.languages:
        for checklist in dataset.checklists:
            for service in [*checklist.services.values(), *checklist.local_items]:
                file = f"{language['prefix']}regions/{checklist.code}/{service.id}/index.html"
                soup = site.soup(file)
                targets = [
                    site.resolve(file, a["href"]) for a in soup.find("section", attrs={"aria-labelledby": "documents"}).find_all("a")
                ]
                wanted = f"{language['prefix']}regions/{checklist.code}/residence-permit/index.html"
                asks = any("居住证" in d.zh for d in service.documents)
                assert (wanted in targets) == asks, f"{file}: asks for the permit: {asks}, links: {targets}"
                linked += asks
    assert linked > 10, "school, kindergarten and insurance pages ask for it"
