"""The /data/ folder: what a reuser downloads must parse, agree with itself and with the checklists, and be documented."""

from __future__ import annotations

import csv
import io
import json

from site_helpers import ROOT, Site

from carelist.checker import Dataset
from carelist.export import CSV_COLUMNS, compact_dumps, dataset_json, region_json

DATA_PAGES = ("data/index.html", "en/data/index.html")


def read_json(site: Site, rel: str) -> dict:
    return json.loads((site.root / rel).read_text(encoding="utf-8"))


def read_csv(site: Site, rel: str) -> list[dict[str, str]]:
    raw = (site.root / rel).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV files carry a BOM so Excel reads the Chinese correctly"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_the_data_page_links_every_file_in_both_languages(site: Site, dataset: Dataset) -> None:
    for page in DATA_PAGES:
        soup = site.soup(page)
        targets = {site.resolve(page, a["href"]) for a in soup.select("main a[download]")}
        expected = {"data/carelist.json", "data/rules.json", "data/checklist.schema.json", "data/baseline.json", "data/README.md"}
        expected |= {f"data/regions/{c.code}.{ext}" for c in dataset.checklists for ext in ("json", "csv")}
        # the revisions: changes.json and one file per version (at least the current one)
        expected |= {"data/changes.json"} | {f"data/regions/{c.code}/{c.publication.version}.json" for c in dataset.checklists}
        expected |= {p.relative_to(site.root).as_posix() for p in (site.root / "data/regions").glob("*/*.json")}
        assert targets == expected, page
        assert all((site.root / t).is_file() for t in targets)
    assert not (site.root / "en" / "data").joinpath("carelist.json").exists(), "one set of files serves every language"
    assert site.soup("data/index.html").find("h1").get_text(strip=True) == "开放数据"
    assert site.soup("en/data/index.html").find("h1").get_text(strip=True) == "Open data"


def test_every_page_footer_leads_to_the_data_page(site: Site) -> None:
    for page in ("index.html", "en/regions/440000/preschool/index.html"):
        links = {site.resolve(page, a["href"]) for a in site.soup(page).select("footer a")}
        assert ("en/" if page.startswith("en/") else "") + "data/index.html" in links


def test_the_json_files_are_what_the_export_gives(site: Site, dataset: Dataset) -> None:
    """The build assembles carelist.json from the regions' files (and keeps them between builds): byte for byte what
    the domain's export gives."""
    baseline = dataset.baseline
    assert baseline is not None
    regions = [region_json(c, baseline) for c in sorted(dataset.checklists, key=lambda c: c.code)]
    assert (site.root / "data/carelist.json").read_text(encoding="utf-8") == compact_dumps(dataset_json(regions, baseline))
    for region in regions:
        assert (site.root / f"data/regions/{region['code']}.json").read_text(encoding="utf-8") == compact_dumps(region)


def test_combined_and_per_region_json_agree_with_the_checklists(site: Site, dataset: Dataset) -> None:
    combined = read_json(site, "data/carelist.json")
    assert [r["code"] for r in combined["regions"]] == sorted(c.code for c in dataset.checklists)
    for region in combined["regions"]:
        assert read_json(site, f"data/regions/{region['code']}.json") == region
        checklist = next(c for c in dataset.checklists if c.code == region["code"])
        assert {s["id"] for s in region["services"]} == set(checklist.services)
        assert [s["id"] for s in region["local_items"]] == [s.id for s in checklist.local_items]
        assert region["sample"] is checklist.sample
        assert region["document"]["version"] == checklist.publication.version
        preschool = next(s for s in region["services"] if s["id"] == "preschool")
        assert preschool["provides"]["zh"] == checklist.services["preschool"].provides.zh


def test_csv_has_one_row_per_service_with_both_languages(site: Site, dataset: Dataset) -> None:
    for checklist in dataset.checklists:
        rows = read_csv(site, f"data/regions/{checklist.code}.csv")
        assert tuple(rows[0]) == CSV_COLUMNS
        in_order = [i.id for i in dataset.baseline.items if i.id in checklist.services] + [s.id for s in checklist.local_items]
        assert [r["item_id"] for r in rows] == in_order
        for row in rows:
            service = checklist.services.get(row["item_id"]) or next(s for s in checklist.local_items if s.id == row["item_id"])
            assert row["region_code"] == checklist.code
            assert row["who_zh"] == service.who.zh
            assert row["documents_zh"].split("\n") == [d.zh for d in service.documents]
            assert row["local"] == ("true" if service.local else "false")
            assert row["verdict"] in ({"local"} if service.local else {"meets", "exceeds"})


def test_rules_and_schema_are_the_ones_the_site_uses(site: Site) -> None:
    rules = read_json(site, "data/rules.json")
    assert {r["code"] for r in rules["regions"]} == {"330000", "440000", "510000"}
    assert all({"min_age", "below_age", "min_months", "all_of", "any_of"} <= set(rule) for r in rules["regions"] for rule in r["rules"])
    published = (site.root / "data/checklist.schema.json").read_bytes()
    assert published == (ROOT / "schema" / "checklist.schema.json").read_bytes()
    assert read_json(site, "data/baseline.json") == read_json(site, "schema/baseline.json")


def test_readme_documents_every_file_and_csv_column_in_both_languages(site: Site) -> None:
    readme = (site.root / "data/README.md").read_text(encoding="utf-8")
    files = sorted(p.relative_to(site.root / "data").as_posix() for p in (site.root / "data").rglob("*") if p.is_file())
    for name in files:
        if name not in ("README.md", "index.html"):
            assert f"]({name})" in readme, f"README does not list {name}"
    for column in CSV_COLUMNS:
        assert f"| `{column}` |" in readme, f"README does not describe the CSV column {column}"
    assert "CC BY 4.0" in readme and "许可" in readme and "Licence" in readme
    assert "数据版本 Data version: 20" in readme
