"""Parallel and incremental builds: the same bytes as a clean single-process build, and only changed files rewritten.

Each build here runs without the search index (its bytes are checked by test_site_build's two-builds test);
everything else the site publishes is compared file by file.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
import zxingcpp
from bs4 import BeautifulSoup
from jinja2 import Environment
from markupsafe import Markup
from site_helpers import CHECKLISTS, ROOT, SETTINGS, Site, tree_digest

from carelist import checker
from carelist.checker import PARALLEL_FROM, check, check_files, load_regions
from carelist.cli import main
from carelist.errors import CarelistError
from carelist_site import build as build_module
from carelist_site import qr, stages, template_env
from carelist_site.build import BuildResult, build
from carelist_site.cache import check_with_cache
from carelist_site.template_env import FragmentCache
from revisions_helpers import commit, example, new_repo, revised, write

EDITED_SERVICE = "preschool"
EDIT_FROM, EDIT_TO = "在本省居住、年满3周岁未满6周岁的流动儿童。", "在本省居住、年满3周岁未满6周岁的流动儿童（修订）。"


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the fixture checklists, and settings whose build cache lives in tmp_path (empty at first)."""
    checklists = tmp_path / "checklists"
    shutil.copytree(CHECKLISTS, checklists)
    settings = tmp_path / "pelican.conf.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update({{k: v for k, v in runpy.run_path({str(SETTINGS)!r}).items() if k.isupper()}})\n"
        f"PATH = {str(ROOT / 'content')!r}\nCARELIST_CACHE_DIR = {str(tmp_path / 'cache')!r}\n",
        encoding="utf-8",
    )
    return settings, checklists


def _build(settings: Path, checklists: Path, output: Path, *, workers: int, cache: bool) -> BuildResult:
    result = build(settings, output=output, checklists=checklists, workers=workers, use_cache=cache, search=False)
    assert result.built
    return result


def _differing(a: Path, b: Path) -> list[str]:
    first, second = tree_digest(a), tree_digest(b)
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


def test_parallel_and_incremental_builds_give_the_bytes_of_a_clean_single_process_build(setup: tuple[Path, Path], tmp_path: Path) -> None:
    settings, checklists = setup
    clean, fast = tmp_path / "clean", tmp_path / "fast"
    _build(settings, checklists, clean, workers=1, cache=False)
    parallel = _build(settings, checklists, fast, workers=2, cache=True)
    assert parallel.timings.workers == 2, "the fixture site is large enough to be made in two processes"
    assert _differing(clean, fast) == [], "two processes write what one writes"

    # Edit one sentence of one service in one region, then rebuild from the cache.
    edited = checklists / "440000.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace(EDIT_FROM, EDIT_TO, 1), encoding="utf-8")
    page = f"regions/440000/{EDITED_SERVICE}/index.html"
    untouched = "regions/330000/index.html", f"en/regions/510000/{EDITED_SERVICE}/index.html", "data/regions/330000.json"
    inodes = {rel: (fast / rel).stat().st_ino for rel in (page, *untouched)}
    again = _build(settings, checklists, fast, workers=2, cache=True)
    shutil.rmtree(clean)
    _build(settings, checklists, clean, workers=1, cache=False)

    assert _differing(clean, fast) == [], "an incremental build writes what a clean build writes"
    assert EDIT_TO in BeautifulSoup((fast / page).read_text(encoding="utf-8"), "html.parser").get_text()
    assert (fast / page).stat().st_ino != inodes[page], "the edited page is written anew"
    assert all((fast / rel).stat().st_ino == inodes[rel] for rel in untouched), "pages of other regions are not rewritten"
    pages = len(list(fast.rglob("*.html")))
    assert again.timings.reused > pages / 2, f"most pages are reused: {again.timings.lines()}"
    assert 0 < again.timings.written < 20, f"only the files whose bytes changed are written: {again.timings.lines()}"


def test_a_file_changed_by_hand_in_the_output_is_made_again(setup: tuple[Path, Path], tmp_path: Path) -> None:
    settings, checklists = setup
    clean, fast = tmp_path / "clean", tmp_path / "fast"
    _build(settings, checklists, clean, workers=1, cache=False)
    _build(settings, checklists, fast, workers=1, cache=True)
    (fast / "regions/330000/index.html").write_text("edited by hand", encoding="utf-8")
    (fast / "data/regions/330000.json").unlink()
    _build(settings, checklists, fast, workers=1, cache=True)
    assert _differing(clean, fast) == []


def test_the_cache_can_be_deleted_or_broken_at_any_time(setup: tuple[Path, Path], tmp_path: Path) -> None:
    settings, checklists = setup
    clean, fast = tmp_path / "clean", tmp_path / "fast"
    _build(settings, checklists, clean, workers=1, cache=False)
    _build(settings, checklists, fast, workers=1, cache=True)
    for f in (tmp_path / "cache").rglob("*"):
        if f.is_file() and f.suffix in (".json", ".pickle"):
            f.write_bytes(b"\x80not what was written")
    _build(settings, checklists, fast, workers=1, cache=True)
    assert _differing(clean, fast) == []
    shutil.rmtree(tmp_path / "cache")
    _build(settings, checklists, fast, workers=1, cache=True)
    assert _differing(clean, fast) == []


def test_compiled_templates_are_not_reused_under_other_jinja_options(setup: tuple[Path, Path], tmp_path: Path) -> None:
    """Jinja keys compiled templates by their source only; with other options (here trim_blocks off) a warm cache
    must still give what a clean build with those options gives."""
    settings, checklists = setup
    _build(settings, checklists, tmp_path / "fast", workers=1, cache=True)  # compiles the theme into the cache
    with settings.open("a", encoding="utf-8") as f:
        f.write('JINJA_ENVIRONMENT = {**JINJA_ENVIRONMENT, "trim_blocks": False}\n')
    _build(settings, checklists, tmp_path / "clean", workers=1, cache=False)
    _build(settings, checklists, tmp_path / "fast", workers=1, cache=True)
    assert _differing(tmp_path / "clean", tmp_path / "fast") == []
    assert len(list((tmp_path / "cache" / "jinja").iterdir())) == 1  # the templates compiled for other options are gone


def test_cached_fragments_are_what_every_page_would_render(
    setup: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """{% cache %} blocks (navigation, footer, a region's source and hotlines) are rendered once per key: a build that
    renders every one afresh on every page writes the same bytes, so no key leaves out something its block reads."""
    settings, checklists = setup
    _build(settings, checklists, tmp_path / "shared", workers=1, cache=False)
    calls: list[object] = []

    def fresh(self: FragmentCache, key: object, caller: Callable[[], Markup]) -> Markup:
        calls.append(key)
        return caller()

    monkeypatch.setattr(FragmentCache, "_fragment", fresh)
    _build(settings, checklists, tmp_path / "fresh", workers=1, cache=False)
    assert _differing(tmp_path / "shared", tmp_path / "fresh") == []
    kinds = {key[0] if key[0] in ("source", "hotlines") else key[1] for key in calls}  # type: ignore[index]
    assert kinds == {"nav", "footer", "source", "hotlines"}, kinds


def test_the_theme_compiled_while_checking_is_what_the_generator_compiles(
    setup: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build compiles the theme into the cache while the checklists are checked, in an environment of its own
    made as Pelican makes the generator's: both must compile every template to the same code."""
    settings, checklists = setup
    configured: list[Environment] = []
    configure = template_env.configure

    def recorded(env: Environment, folder: Path | None) -> None:
        configured.append(env)
        configure(env, folder)

    monkeypatch.setattr(template_env, "configure", recorded)
    _build(settings, checklists, tmp_path / "out", workers=1, cache=True)
    assert len(configured) == 2, "the theme's own environment, then the generator's"
    early, generator = configured
    names = sorted(path.name for path in (ROOT / "theme" / "templates").iterdir())
    for name in names:
        source, filename, _ = generator.loader.get_source(generator, name)  # type: ignore[union-attr]
        assert early.compile(source, name, filename, raw=True) == generator.compile(source, name, filename, raw=True), name
    assert len(list((tmp_path / "cache" / "jinja").rglob("*.cache"))) >= len(names), "every template was kept compiled"


def test_a_new_commit_remakes_the_pages_that_show_that_regions_revisions(setup: tuple[Path, Path], tmp_path: Path) -> None:
    # Version 1.1 of Beijing is written but not yet committed; committing it changes the history (when 1.1 reached
    # git, its commit) but no checklist: the cached build must still give a clean build's bytes.
    settings, _checklists = setup
    repo = new_repo(tmp_path)
    write(repo, example())
    shutil.copy(CHECKLISTS / "440000.yaml", repo / "checklists" / "440000.yaml")
    commit(repo, "1.0", day=1)
    write(repo, revised(example(), "1.1", "2026-11-30", max_age=17))
    clean, fast = tmp_path / "clean", tmp_path / "fast"
    _build(settings, repo / "checklists", fast, workers=1, cache=True)
    page, untouched = "revisions/110000/index.html", "regions/440000/index.html"
    inodes = {rel: (fast / rel).stat().st_ino for rel in (page, untouched)}
    commit(repo, "1.1", day=30)
    _build(settings, repo / "checklists", fast, workers=1, cache=True)
    _build(settings, repo / "checklists", clean, workers=1, cache=False)
    assert _differing(clean, fast) == [], "an incremental build after a commit writes what a clean build writes"
    assert (fast / page).stat().st_ino != inodes[page], "the revisions page is made again"
    assert (fast / untouched).stat().st_ino == inodes[untouched], "another region's pages are not"


def _report(dataset: object) -> tuple[list[object], list[str], list[object]]:
    return dataset.report.sorted(), sorted(dataset.report.files), dataset.checklists  # type: ignore[attr-defined]


def test_cached_validation_gives_what_check_gives(setup: tuple[Path, Path], tmp_path: Path) -> None:
    _settings, checklists = setup
    cache = tmp_path / "cache"
    cold = check_with_cache(checklists, baseline_path=None, schema_dir=ROOT / "schema", root=cache)
    warm = check_with_cache(checklists, baseline_path=None, schema_dir=ROOT / "schema", root=cache)
    assert _report(cold) == _report(warm) == _report(check([checklists])) and cold.checklists

    # A file with an error, and a second file for one region: the cache says what check() says.
    victim = checklists / "330000.yaml"
    victim.write_text(victim.read_text(encoding="utf-8").replace("sample: true", "sample: true\nsample: false", 1), encoding="utf-8")
    shutil.copy(checklists / "440000.yaml", checklists / "440000-copy.yaml")
    for _ in range(2):
        cached = check_with_cache(checklists, baseline_path=None, schema_dir=ROOT / "schema", root=cache)
        assert _report(cached) == _report(check([checklists]))
    codes = {d.code for d in cached.report.diagnostics}
    assert {"yaml.duplicate_key", "file.duplicate_region"} <= codes


def test_the_build_saves_the_checks_results_while_it_makes_the_pages(
    setup: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving the results is left to whoever asks (the build saves them while the page workers run); once saved, the
    next build checks nothing again."""
    settings, checklists = setup
    later: list[Callable[[], None]] = []
    alone = tmp_path / "alone"
    check_with_cache(checklists, baseline_path=None, schema_dir=ROOT / "schema", root=alone, save_later=later)
    assert later and not (alone / "validation").exists(), "nothing is saved until the caller says"
    for save in later:
        save()
    assert len(list((alone / "validation").glob("*.pickle"))) == 1

    for workers in (2, 1):  # while the workers make the pages, or after them
        cache = tmp_path / f"cache-{workers}"
        _build(_settings_with_cache(settings, cache), checklists, tmp_path / f"out-{workers}", workers=workers, cache=True)
        with monkeypatch.context() as patched:
            patched.setattr(checker, "check_files", _must_not_run)
            patched.setattr(checker, "check", _must_not_run)
            _build(_settings_with_cache(settings, cache), checklists, tmp_path / f"out-{workers}", workers=workers, cache=True)


def test_the_build_collects_garbage_less_often_and_gives_the_callers_thresholds_back(
    setup: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, checklists = setup
    seen: list[tuple[int, ...]] = []
    read = build_module.read_site_settings

    def recorded(*args: object, **kwargs: object) -> object:
        seen.append(gc.get_threshold())
        return read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "read_site_settings", recorded)
    before = gc.get_threshold()
    _build(settings, checklists, tmp_path / "out", workers=2, cache=False)
    assert seen == [build_module._BUILD_GC_THRESHOLDS] != [before]
    assert gc.get_threshold() == before


def _settings_with_cache(settings: Path, cache: Path) -> Path:
    """The fixture's settings with the build cache in cache."""
    own = cache.parent / f"{cache.name}.conf.py"
    own.write_text(f"exec(open({str(settings)!r}).read())\nCARELIST_CACHE_DIR = {str(cache)!r}\n", encoding="utf-8")
    return own


def _must_not_run(*args: object, **kwargs: object) -> None:
    raise AssertionError("a checklist was checked again")


def test_work_meanwhile_is_done_once_in_this_process_while_the_workers_check(setup: tuple[Path, Path], tmp_path: Path) -> None:
    """The build reads Pelican's settings while the checklists are checked: in this process, once, whether the files
    are checked by workers, in this process, or not at all (all from the cache)."""
    _settings, checklists = setup
    copies = tmp_path / "copies"
    copies.mkdir()
    paths = [Path(shutil.copy(checklists / "440000.yaml", copies / f"copy-{n}.yaml")) for n in range(PARALLEL_FROM)]
    baseline = check([checklists]).baseline
    schema, regions = ROOT / "schema", load_regions(ROOT / "schema")
    done: list[int] = []
    parallel = check_files(paths, baseline, schema, regions, workers=2, meanwhile=lambda: done.append(os.getpid()))
    assert done == [os.getpid()]
    assert parallel == check_files(paths, baseline, schema, regions, workers=1, meanwhile=lambda: done.append(0))
    assert done == [os.getpid()], "without workers there is no meanwhile: the caller does the work after"

    done.clear()
    for _ in range(2):  # every file checked, then every result from the cache
        cache = tmp_path / "cache"
        check_with_cache(checklists, baseline_path=None, schema_dir=schema, root=cache, meanwhile=lambda: done.append(os.getpid()))
    assert done == [os.getpid()] * 2


def test_build_timings_name_every_stage(setup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings, checklists = setup
    code = main(["build", "--settings", str(settings), "--checklists", str(checklists), "--output", str(tmp_path / "o"), "--timings"])
    assert code == 0
    out = capsys.readouterr().out
    for stage in stages.STAGES:
        assert re.search(rf"^  {re.escape(stage)} +\d+\.\d\d s$", out, re.M), f"{stage} missing from:\n{out}"
    assert re.search(r"pages: \d process(es)?, .* rendered", out)


@pytest.mark.parametrize("workers", ["0", "two"])
def test_workers_must_be_a_positive_number(workers: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--workers", workers])
    assert exit_.value.code == 2
    assert "--workers" in capsys.readouterr().err


def _modules(path: str) -> set[tuple[int, int]]:
    """The dark modules an SVG path draws, read as a renderer reads its commands: M x y / m dx dy move, h n strokes."""
    dark, x, y = set(), 0.0, 0.0
    for command, a, b in re.findall(r"([Mmh])(-?\d+(?:\.5)?)(?: (-?\d+(?:\.5)?))?", path):
        if command == "h":
            dark.update((int(x) + i, int(y)) for i in range(int(a)))
            x += int(a)
        else:
            x, y = (float(a), float(b)) if command == "M" else (x + float(a), y + float(b))
    return dark


class _Raster:
    """A grey image of a code, as a scanner would see it: 4 pixels a module, light margin around."""

    def __init__(self, size: int, path: str, scale: int = 4, margin: int = 4) -> None:
        dark, side = _modules(path), (size + 2 * margin) * scale
        pixels = bytes(0 if (px // scale - margin, py // scale - margin) in dark else 255 for py in range(side) for px in range(side))
        self.__array_interface__ = {"shape": (side, side), "typestr": "|u1", "data": pixels, "version": 3}


def test_each_qr_code_reads_back_as_its_pages_address(site: Site) -> None:
    pages = [rel for rel in site.html_files if re.fullmatch(r"(en/)?regions/\d+/[a-z-]+/index\.html", rel)]
    assert pages
    for rel in pages[:: max(1, len(pages) // 12)]:  # a dozen, both languages
        soup = site.soup(rel)
        svg = soup.find("svg", class_="qr-code")
        size = int(svg["viewbox"].split()[2])  # html.parser lower-cases attribute names
        code = zxingcpp.read_barcode(_Raster(size, svg.find("path", stroke="#000")["d"]))
        assert code is not None and code.format == zxingcpp.BarcodeFormat.QRCode, rel
        assert code.text == soup.find("link", rel="canonical")["href"], rel


def test_every_qr_code_is_made_once_ahead_of_its_page_and_taken_by_it(
    setup: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages' codes are made in a pass of their own before the pages (see qr.make_ahead): each page must take
    the one made for its address, or it draws another and the pass was wasted."""
    settings, checklists = setup
    drawn: list[str] = []
    draw = qr._draw

    def counted(url: str) -> Markup:
        drawn.append(url)
        return draw(url)

    monkeypatch.setattr(qr, "_draw", counted)
    out = tmp_path / "out"
    _build(settings, checklists, out, workers=1, cache=False)
    shown = []
    for page in out.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if soup.find("svg", class_="qr-code"):
            shown.append(soup.find("link", rel="canonical")["href"])
    assert len(shown) > 50
    assert sorted(drawn) == sorted(shown), "each page's code drawn once, for its own address"
    assert qr._AHEAD == {}, "every code made ahead was taken by its page"


def test_an_address_too_long_for_a_qr_code_fails_the_build_naming_the_page(setup: tuple[Path, Path], tmp_path: Path) -> None:
    settings, checklists = setup
    long = tmp_path / "long.conf.py"
    long.write_text(f"exec(open({str(settings)!r}).read())\nSITEURL = 'https://example.cn/{'x' * 3000}'\n", encoding="utf-8")
    with pytest.raises(CarelistError, match=r"the site build failed: (en/)?regions/\d{6}/[a-z-]+/index\.html: .*too long"):
        build(long, output=tmp_path / "out", checklists=checklists, workers=1, search=False)
    assert not (tmp_path / "out").exists()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


TRICKY = [
    "1. 第一步",
    "1) first",
    "- 一项",
    "# 标题",
    "> 引用",
    "a  b",
    "两个空格结尾  ",
    "带\u00a0不换行空格",
    "Tom & Jerry",
    "a <b>",
    "see http://example.cn/x_y",
    "e.g. 12345, 020-12345; done?",
    "“引号”和'quotes' and \"more\"",
    "第一行\n第二行",
    "**按通知到学校报到**，办理入学手续。",
    "先**登记**，再**领取**证件",
    "**全部加粗**",
    "** 星号内有空格**",
    "**星号内有空格 **",
    "**未闭合",
    "**a**b**c**",
    "中文**加粗**中文",
    "***三个星号***",
    "**粗体** *斜体*",
    "** **",
    "**1.** 第一步",
    "**#**",
    "word**bold**word",
    "**带\u00a0空格**",
    "Apply to the county (city, district) office",
    "(first) then (second)",
    "a (b [c](d) e)",
    "see (http://example.cn/x)",
    "((nested))",
    "a (**bold**) b",
]


def test_plain_steps_skip_markdown_and_come_out_as_markdown_would_make_them() -> None:
    from carelist_site.render import MarkdownRenderer

    renderer = MarkdownRenderer()
    texts = set(TRICKY)
    for folder in (CHECKLISTS, ROOT / "checklists"):
        for path in folder.glob("*.yaml"):
            texts.update(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    differ = [t for t in sorted(texts) if renderer.block(t) != renderer.converted(t) or renderer.inline(t) != _inline(renderer, t)]
    assert differ == []
    assert len(texts) > 500


def _inline(renderer: object, text: str) -> str:
    html = renderer.converted(text)  # type: ignore[attr-defined]
    match = re.match(r"^<p>(.*)</p>$", html, re.DOTALL)
    return match.group(1) if match and "<p>" not in match.group(1) else html


def test_bold_steps_skip_markdown_and_come_out_as_markdown_would_make_them() -> None:
    """Made-up steps of stars, spaces, letters and punctuation: wherever the shortcut is taken, it agrees."""
    import random

    from carelist_site import render

    renderer = render.MarkdownRenderer()
    rng = random.Random(7)
    pieces = ["**", "*", " ", "中", "文", "a", "B", "1", "，", "。", "-", ".", ":", "：", "（", "）", "(", ")", "\u3000", "'", '"', "/"]
    texts = set()
    for _ in range(5000):
        middle = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        texts.add(rng.choice(["中", "a", "**文**", "**a b**", ""]) + middle + rng.choice(["", "**x**", "。", "**"]))
    differ = [t for t in sorted(texts) if renderer.block(t) != renderer.converted(t)]
    assert differ == []
    shortcut = [t for t in texts if "**" in t and render._PLAIN_BOLD.fullmatch(t)]
    assert len(shortcut) > 500  # the shortcut is exercised, not only the converter
