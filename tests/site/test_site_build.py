"""`carelist build` and `carelist serve`: refusing bad data, keeping the old site, same bytes every time, languages."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from site_helpers import CHECKLISTS, ROOT, SETTINGS, Site, tree_digest

from carelist.cli import main
from carelist.errors import CarelistError
from carelist_site.build import build
from carelist_site.serve import require_loopback
from carelist_site.site_settings import read_site_settings
from served_site import ServedSite


def _copy_checklists(tmp_path: Path) -> Path:
    folder = tmp_path / "checklists"
    shutil.copytree(CHECKLISTS, folder)
    return folder


def _settings_with(tmp_path: Path, extra: str) -> Path:
    """A settings file that is the project's plus some overrides (paths stay the project's)."""
    settings = tmp_path / "pelican.conf.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update({{k: v for k, v in runpy.run_path({str(SETTINGS)!r}).items() if k.isupper()}})\n"
        f"PATH = {str(ROOT / 'content')!r}\n" + extra,
        encoding="utf-8",
    )
    return settings


@pytest.fixture
def published(site: Site, tmp_path: Path) -> Path:
    """A copy of the sample site standing in for what is already published."""
    output = tmp_path / "output"
    shutil.copytree(site.root, output)
    return output


def test_a_broken_checklist_fails_the_build_and_leaves_the_old_output(
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checklists = _copy_checklists(tmp_path)
    victim = sorted(checklists.glob("*.yaml"))[0]
    victim.write_text(victim.read_text(encoding="utf-8").replace("sample: true", "sample: true\nsample: false", 1), encoding="utf-8")
    before = tree_digest(published)

    code = main(["build", "--settings", str(SETTINGS), "--checklists", str(checklists), "--output", str(published)])

    assert code == 1
    out = capsys.readouterr()
    assert "yaml.duplicate_key" in out.out and victim.name in out.out
    assert tree_digest(published) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checklists", "output"], "no half-built folder is left behind"


def test_a_broken_template_fails_the_build_and_leaves_the_old_output(
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates/region.html").write_text("{% extends 'base.html' %}{% block content %}{{ oops( }}{% endblock %}", encoding="utf-8")
    settings = _settings_with(tmp_path, f"THEME = {str(theme)!r}\n")
    before = tree_digest(published)

    code = main(["build", "--settings", str(settings), "--checklists", str(CHECKLISTS), "--output", str(published)])

    assert code == 2
    assert "the site build failed" in capsys.readouterr().err
    assert tree_digest(published) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("output.")], "the staging folder is removed"


def test_a_good_build_replaces_the_old_output_with_the_same_bytes_as_before(site: Site, published: Path) -> None:
    """Also: two builds of the same sources are byte-identical (the session's site and this one)."""
    (published / "stale.html").write_text("left over from an earlier build", encoding="utf-8")
    result = build(SETTINGS, output=published, checklists=CHECKLISTS, history=False)  # as the session's site is built
    assert result.built
    first, second = tree_digest(site.root), tree_digest(published)
    assert first.keys() == second.keys(), "the old output, stale.html included, is replaced as a whole"
    assert [name for name in first if first[name] != second[name]] == []
    assert not [p for p in published.parent.iterdir() if p.name.startswith("output.")]


def test_a_third_language_is_configuration_plus_a_catalog(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    catalog = theme / "locales/zh_Hant/LC_MESSAGES"
    catalog.mkdir(parents=True)
    po = (ROOT / "theme/locales/zh_Hans/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    (catalog / "messages.po").write_text(po.replace("Language: zh_Hans", "Language: zh_Hant").replace("首页", "首頁"), encoding="utf-8")
    hant = {"code": "zh-hant", "html_lang": "zh-Hant", "prefix": "zh-hant/", "locale": "zh_Hant", "name": "繁體中文"}
    settings = _settings_with(tmp_path, f"THEME = {str(theme)!r}\nCARELIST_LANGUAGES = CARELIST_LANGUAGES + [{hant!r}]\n")

    result = build(settings, output=tmp_path / "output", checklists=CHECKLISTS)

    assert result.built
    home = BeautifulSoup((tmp_path / "output/zh-hant/index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.html["lang"] == "zh-Hant"
    assert home.find("nav", class_="main-nav").find("a").text == "首頁", "interface strings come from the new catalog"
    assert len(home.find("nav", class_="language-switch").find_all("li")) == 3
    region = next((tmp_path / "output/zh-hant/regions").iterdir())
    page = BeautifulSoup((region / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("h1").find("span", lang="zh-Hans") is not None, "data text falls back to Simplified Chinese, tagged"
    english = BeautifulSoup((tmp_path / "output/en/index.html").read_text(encoding="utf-8"), "html.parser")
    assert english.find("nav", class_="language-switch").find("a", hreflang="zh-Hant")["href"] == "../zh-hant/index.html"
    siteurl = read_site_settings(SETTINGS)["SITEURL"].rstrip("/")
    assert f"<loc>{siteurl}/zh-hant/</loc>" in (tmp_path / "output/sitemap.xml").read_text(encoding="utf-8")


def test_a_language_without_its_catalog_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = {"code": "ug", "html_lang": "ug", "prefix": "ug/", "locale": "ug", "name": "ئۇيغۇرچە"}
    settings = _settings_with(tmp_path, f"CARELIST_LANGUAGES = CARELIST_LANGUAGES + [{extra!r}]\n")
    assert main(["build", "--settings", str(settings), "--output", str(tmp_path / "output")]) == 2
    assert "no interface catalog for ug" in capsys.readouterr().err
    assert not (tmp_path / "output").exists()


def test_build_outside_the_repository_says_where_the_settings_are(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--settings", str(tmp_path / "missing.conf.py")]) == 2
    assert "not found" in capsys.readouterr().err


# --- serve -------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_serve_refuses_to_listen_beyond_this_machine(host: str) -> None:
    with pytest.raises(CarelistError):
        require_loopback(host)


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
def test_serve_listens_on_loopback(host: str) -> None:
    require_loopback(host)


@pytest.fixture
def server(served_site: ServedSite) -> str:
    """The session's `carelist serve`, the preview server editors use."""
    return served_site.url


def test_the_preview_server_serves_pages_and_the_sites_own_404(server: str) -> None:
    with urllib.request.urlopen(server + "en/coverage/") as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    for path, lang in (("no/such/page/", "zh-Hans"), ("en/no/such/page/", "en")):
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(server + path)
        assert error.value.code == 404
        assert BeautifulSoup(error.value.read().decode("utf-8"), "html.parser").html["lang"] == lang
