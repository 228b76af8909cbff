"""The search index the build writes: small shards per language and region, place names, reproducible, failing cleanly."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from carelist.checker import check, load_regions
from carelist.cli import main
from carelist_site import places, search_index
from carelist_site.i18n import languages_from_settings
from carelist_site.search_index import BUNDLE, write_index
from served_site import FIXTURE_CHECKLISTS

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "pelican.conf.py"


def _digest(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_one_national_file_per_language_and_one_file_per_region(search_site: Path, languages: list[dict[str, str]]) -> None:
    dataset = check([FIXTURE_CHECKLISTS])
    assert dataset.baseline is not None
    for language in languages:
        national = json.loads((search_site / BUNDLE / language["code"] / "services.json").read_text(encoding="utf-8"))
        ids = [doc["id"] for doc in national["docs"]]
        assert ids == [*dataset.baseline.item_ids, "residence-permit"], "every baseline item once, and the residence permit"
        assert national["synonyms"] and national["stopwords"]
        for checklist in dataset.checklists:
            shard = json.loads((search_site / BUNDLE / language["code"] / "regions" / f"{checklist.code}.json").read_text(encoding="utf-8"))
            assert set(shard["services"]) == set(checklist.services)
            assert [doc["id"] for doc in shard["local"]] == [s.id for s in checklist.local_items]
            assert shard["name"] == checklist.name.get(language["code"]) and shard["residencePermit"]
    english = json.loads((search_site / BUNDLE / "en" / "services.json").read_text(encoding="utf-8"))
    assert english["docs"][0]["title"] == dataset.baseline.items[0].title.en


def test_place_names_come_from_the_vendored_package_and_lead_to_the_covering_region(search_site: Path) -> None:
    loaded = places.load_places()
    assert len([p for p in loaded if p.level == "province"]) == 31 and len(loaded) > 3000, "provinces, prefectures and counties"
    names = places.place_table(loaded, {"330000", "440000", "510000"})
    assert names["广州市"] == names["广州"] == names["深圳"] == "440000"
    assert names["杭州"] == "330000" and names["成都"] == "510000"
    assert names["南山区"] == "440000", "南山区 is also in Hegang, which has no list: the published one is meant"
    assert names["北京"] == "", "a place without a list is known, and leads to the national pages"
    assert names["鼓楼区"] == "", "in four cities, none with a list: a place, leading to the national pages"
    table = json.loads((search_site / BUNDLE / "places.json").read_text(encoding="utf-8"))
    lines = table["zh"].split("\n")
    assert lines[0] == "11北京市|北京" and lines[1] == " 01", "a municipality's districts nest under a bare city line"
    assert "44*广东省|广东" in lines and " 01广州市|广州" in lines and "  05南山区|南山" in lines
    assert table["en"]["guangdong"] == "440000" and table["en"]["sichuan province"] == "510000"
    assert "china-division 2.7.0" in table["source"]


def test_short_forms_that_are_site_keywords_are_not_places() -> None:
    rows = [places.Place("120101", "和平区", "county"), places.Place("440106", "天河区", "county")]
    table = places.place_table(rows, {"440000"}, {"和平"})
    assert "和平" not in table and table["和平区"] == "" and table["天河"] == "440000"


def test_a_name_of_places_in_two_published_regions_is_left_out() -> None:
    rows = [places.Place("330106", "西湖区", "county"), places.Place("360103", "西湖区", "county")]
    assert places.place_table(rows, {"330000"})["西湖区"] == "330000", "only one of them has a list"
    assert "西湖区" not in places.place_table(rows, {"330000", "360000"}), "both have one: which is meant is unknown"
    assert places.place_table([*rows, places.Place("360000", "西湖", "province")], {"330000", "360000"})["西湖"] == "360000", (
        "a province's name wins over a county's short form"
    )


def test_a_first_search_downloads_at_most_60_kb_compressed(search_site: Path) -> None:
    """The engine, the national file, the place names and one region: their sizes do not grow with the regions."""
    bundle, js = search_site / BUNDLE, search_site / "theme" / "js"
    engine = [js / "search-vendor.js", js / "search-engine.js", js / "search.js"]
    for lang in ("zh", "en"):
        largest = max((bundle / lang / "regions").iterdir(), key=lambda p: p.stat().st_size)
        first = [*engine, bundle / lang / "services.json", bundle / "places.json", largest]
        compressed = sum(len(gzip.compress(p.read_bytes(), 9)) for p in first)
        assert compressed <= 60 * 1024, f"{lang}: {compressed} bytes compressed for a first search"


def test_two_builds_of_the_same_data_write_byte_identical_indexes(tmp_path: Path, languages: list[dict[str, str]]) -> None:
    dataset = check([FIXTURE_CHECKLISTS])
    assert dataset.baseline is not None
    regions = load_regions(ROOT / "schema")
    trees = []
    for name, order in (("first", dataset.checklists), ("second", list(reversed(dataset.checklists)))):
        folder = tmp_path / name
        index = write_index(folder, dataset.baseline, order, regions, languages_from_settings(languages))
        assert index.files == 2 + 2 * len(dataset.checklists) + 1 and not index.notes
        trees.append(_digest(folder / BUNDLE))
    assert trees[0] == trees[1]


def test_a_failed_index_fails_the_build_in_one_line_and_keeps_the_old_site(
    search_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    published = tmp_path / "output"
    shutil.copytree(search_site, published)
    before = _digest(published)
    broken = tmp_path / "search_words.yaml"
    broken.write_text("zh: [not, a, mapping]\n", encoding="utf-8")
    monkeypatch.setattr(search_index, "WORDS", broken)

    code = main(["build", "--settings", str(SETTINGS), "--output", str(published)])

    err = capsys.readouterr().err
    assert code == 2
    assert "search index failed" in err and "search_words.yaml" in err and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert _digest(published) == before, "the published site, its search index included, is untouched"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("output.")], "no staging folder is left behind"
