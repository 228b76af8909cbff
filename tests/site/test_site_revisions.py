"""The revisions on the site, built from a throwaway git repository of test checklists (not the samples): the
revisions page, the region page's link, the service page's notice, the feeds, the open data of each version, and
a shallow clone that builds with a notice instead."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from site_helpers import SETTINGS, Site, site_from

from carelist_site.build import build
from revisions_helpers import commit, example, new_repo, revised, write

NS = {"a": "http://www.w3.org/2005/Atom", "x": "http://www.w3.org/1999/xhtml"}


def _repo(tmp: Path) -> Path:
    """1.0, then 1.1: age limit 18 → 17, a document to bring added to preschool, an editor's note."""
    repo = new_repo(tmp)
    write(repo, example())
    commit(repo, "1.0", day=1)
    second = revised(example(), "1.1", "2026-11-30", max_age=17)
    second["services"]["preschool"]["documents"].append({"zh": "儿童预防接种证", "en": "Vaccination certificate"})
    second["document"]["changes"] = {"zh": "年龄上限调整为未满17周岁。", "en": "The age limit is now under 17."}
    write(repo, second)
    commit(repo, "1.1", day=30)
    return repo


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Any]:
    tmp = tmp_path_factory.mktemp("revisions")
    repo = _repo(tmp)
    result = build(SETTINGS, output=tmp / "output", checklists=repo / "checklists")
    assert result.built, result.report
    return site_from(tmp / "output"), result


def _text(tag: Any) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def test_region_page_links_to_its_revisions(built: tuple[Site, Any]) -> None:
    site, _result = built
    for rel, label in (("regions/110000/index.html", "历次修订"), ("en/regions/110000/index.html", "Revisions")):
        link = site.soup(rel).find("a", string=label)
        assert link is not None, rel
        assert site.resolve(rel, link["href"]) == rel.replace("regions/110000", "revisions/110000")


def test_revisions_page_lists_versions_newest_first_with_their_changes(built: tuple[Site, Any]) -> None:
    site, result = built
    assert result.notices == []
    soup = site.soup("revisions/110000/index.html")
    sections = soup.select("section.revision")
    assert [s["id"] for s in sections] == ["v1-1", "v1-0"]
    newest = sections[0]
    assert "第 1.1 版" in newest.h2.get_text() and "现行版本" in newest.h2.get_text()
    facts = dict(zip([_text(t) for t in newest.find_all("dt")], [_text(d) for d in newest.find_all("dd")], strict=True))
    assert facts["发布日期"] == "2026年11月30日", facts
    assert "测试〔2025〕1号" in facts["文件"] and "北京市民政局" in facts["发布单位"], facts
    assert facts["施行日期"] == "2026年11月30日" and "本站收录" in facts, facts
    assert "年龄上限调整为未满17周岁。" in _text(newest.select_one("p.note"))
    changes = {_text(li): li["class"] for li in newest.select("li.change")}
    assert changes["年龄上限从 18 岁降为 17 岁 (不利于家庭)"] == ["change", "change-lowers"]
    assert "所需材料增加了：儿童预防接种证" in changes
    # each change about a service links to that service's page
    heading = next(h for h in newest.find_all("h3") if "上幼儿园" in _text(h))
    assert site.resolve("revisions/110000/index.html", heading.a["href"]) == "regions/110000/preschool/index.html"
    assert "1 项修改不利于家庭" in _text(newest.select_one("p.lowers"))
    english = site.soup("en/revisions/110000/index.html").select("section.revision")[0]
    assert "Age limit lowered from 18 to 17 years (lowers what families get)" in [_text(li) for li in english.select("li.change")]


def test_a_service_changed_in_the_latest_version_says_so(built: tuple[Site, Any]) -> None:
    site, _result = built
    updated = site.soup("en/regions/110000/preschool/index.html").select_one("p.updated")
    assert updated is not None
    said = " ".join(updated.get_text().split())
    assert said == "Updated in version 1.1 on November 30, 2026: Documents to bring added: Vaccination certificate. Revisions"
    link = updated.find("a")
    assert site.resolve("en/regions/110000/preschool/index.html", link["href"]) == "en/revisions/110000/index.html"
    assert link["href"].endswith("#v1-1")
    assert site.soup("en/regions/110000/transport/index.html").select_one("p.updated") is None  # unchanged service


def _entries(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return root.findall("a:entry", NS)


def test_feeds_carry_the_revisions(built: tuple[Site, Any]) -> None:
    site, _result = built
    for feed in ("en/feeds/regions/110000.atom.xml", "en/feeds/checklists.atom.xml"):
        entries = _entries(site.root / feed)
        assert [e.findtext("a:title", namespaces=NS) for e in entries] == [
            "Beijing Municipality: list version 1.1",
            "Beijing Municipality: list version 1.0",
        ]
        newest = entries[0]
        assert newest.findtext("a:summary", namespaces=NS).startswith("The age limit is now under 17.")
        assert newest.findtext("a:updated", namespaces=NS) == "2026-11-30T00:00:00+08:00"
        items = ["".join(li.itertext()) for li in newest.findall("a:content/x:div/x:ul/x:li", NS)]
        assert "Age limit lowered from 18 to 17 years (lowers what families get)" in items
        assert newest.find("a:link", NS).get("href").endswith("/en/revisions/110000/#v1-1")
    zh = _entries(site.root / "feeds/regions/110000.atom.xml")[0]
    assert "年龄上限从 18 岁降为 17 岁 (不利于家庭)" in ["".join(li.itertext()) for li in zh.findall("a:content/x:div/x:ul/x:li", NS)]


def test_open_data_keeps_each_version_and_the_changes(built: tuple[Site, Any]) -> None:
    site, _result = built
    data = site.root / "data"
    old = json.loads((data / "regions/110000/1.0.json").read_text(encoding="utf-8"))
    new = json.loads((data / "regions/110000/1.1.json").read_text(encoding="utf-8"))
    assert (old["document"]["version"], old["definition"]["max_age"]) == ("1.0", 18)
    assert (new["document"]["version"], new["definition"]["max_age"]) == ("1.1", 17)
    assert new == json.loads((data / "regions/110000.json").read_text(encoding="utf-8"))  # the current version
    changes = json.loads((data / "changes.json").read_text(encoding="utf-8"))
    assert changes["available"] is True
    [v11, v10] = changes["regions"]["110000"]
    assert (v11["version"], v11["published"], v11["note"]["en"]) == ("1.1", "2026-11-30", "The age limit is now under 17.")
    assert {"kind": "definition", "effect": "lowers", "field": "definition.max_age"}.items() <= v11["changes"][0].items()
    assert v10["changes"][0]["kind"] == "list-added"
    readme = (data / "README.md").read_text(encoding="utf-8")
    assert "[regions/110000/1.0.json](regions/110000/1.0.json)" in readme and "[changes.json](changes.json)" in readme


def test_a_shallow_clone_builds_with_a_one_line_notice(tmp_path: Path, cli: Callable[..., Any]) -> None:
    repo = _repo(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(clone)], check=True, capture_output=True)
    result = cli("build", "--settings", SETTINGS, "--checklists", clone / "checklists", "--output", tmp_path / "output")
    assert result.code == 0, result.err
    notices = [line for line in result.err.splitlines() if "修订历史不可用" in line]
    assert len(notices) == 1 and "revision history unavailable" in notices[0] and "shallow" in notices[0]
    site = site_from(tmp_path / "output")
    soup = site.soup("en/revisions/110000/index.html")
    assert soup.select_one("p.notice") is not None
    [current] = soup.select("section.revision")  # the current version alone, without computed changes
    assert current["id"] == "v1-1" and current.select("li.change") == []
    assert site.soup("en/regions/110000/preschool/index.html").select_one("p.updated") is None
    assert json.loads((tmp_path / "output/data/regions/110000/1.1.json").read_text(encoding="utf-8"))["definition"]["max_age"] == 17
    changes = json.loads((tmp_path / "output/data/changes.json").read_text(encoding="utf-8"))
    assert changes["available"] is False and changes["notice"]["en"] == "revision history unavailable"
    [entry] = _entries(tmp_path / "output/en/feeds/regions/110000.atom.xml")  # the current version only
    assert entry.findtext("a:title", namespaces=NS) == "Beijing Municipality: list version 1.1"
