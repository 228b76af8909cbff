"""Build a site of N synthetic regions (copies of a sample checklist under made-up codes) and time it.

    .venv/bin/python benchmarks/build_speed.py [--no-search] [--workers W] [--runs R] [N ...]    (default: 10 100)

Codes beyond the 31 provinces are not in schema/regions.yaml, so the benchmark uses a copy of schema/ whose
regions.yaml lists the synthetic regions. One line per N: regions, pages, build seconds (validation and search
index included) and pages per second; then the seconds of each stage, the peak memory, the same number of pages
rendered by Hugo (when `hugo` is installed: Debian's package), and an incremental rebuild after one checklist is
edited (in the same process, as `carelist serve` does).

Each N is built in a fresh process, so its peak memory is its own: "peak" is the largest resident size of the build
process plus that of its largest child (a page worker); forked workers share most of their memory with the parent,
so the sum is an upper bound. --no-search leaves the search index out. --runs R builds each N R times, each run
followed by a Hugo run, and shows medians and ranges (a shared machine's load moves single runs by a third): the
ratio is taken run by run, so a slow spell slows both sides of it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from carelist_site import stages
from carelist_site.build import build

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "checklists" / "440000.yaml"
_REGION = re.compile(r'(region:\n  code: )"\d{6}"(\n  name:\n    zh: )[^\n]+(\n    en: )[^\n]+')
# The edit of the incremental rebuild: one sentence of one service in one region's checklist.
EDIT_FROM, EDIT_TO = "在本省居住、年满3周岁未满6周岁的流动儿童。", "在本省居住、年满3周岁未满6周岁的流动儿童（已修订）。"
SHORT = {
    stages.READ: "read",
    stages.HISTORY: "history",
    stages.MODEL: "model",
    stages.CONTEXTS: "ctx",
    stages.RENDER: "render",
    stages.WRITE: "write",
    stages.OPEN_DATA: "data",
    stages.SEARCH: "search",
}


def synthetic_checklists(folder: Path, schema: Path, count: int) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    if not _REGION.search(text) or EDIT_FROM not in text:
        raise SystemExit(f"{SAMPLE}: region block or edited sentence not in the expected shape; update the benchmark")
    regions = []
    for n in range(count):
        code = f"{900000 + n}"
        name_zh, name_en = f"合成地区{n}", f"Synthetic region {n}"
        (folder / f"{code}.yaml").write_text(
            _REGION.sub(lambda m, c=code, z=name_zh, e=name_en: f'{m[1]}"{c}"{m[2]}{z}{m[3]}{e}', text, count=1), encoding="utf-8"
        )
        regions.append(f'  - {{code: "{code}", zh: {name_zh}, en: {name_en}}}')
    (schema / "regions.yaml").write_text("regions:\n" + "\n".join(regions) + "\n", encoding="utf-8")


def _stage_text(timings: stages.Timings) -> str:
    return " ".join(f"{SHORT.get(name, name)} {seconds:.1f}" for name, seconds in timings.seconds.items())


def run_one(count: int, search: bool, workers: int | None) -> dict[str, Any]:
    """Build N regions from scratch, then again after editing one checklist; runs in its own process."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        checklists, schema = base / "checklists", base / "schema"
        checklists.mkdir()
        shutil.copytree(ROOT / "schema", schema)
        synthetic_checklists(checklists, schema, count)
        settings = base / "pelican.conf.py"
        settings.write_text(
            "import runpy\n"
            f"globals().update({{k: v for k, v in runpy.run_path({str(ROOT / 'pelican.conf.py')!r}).items() if k.isupper()}})\n"
            f"PATH = {str(ROOT / 'content')!r}\nCARELIST_SCHEMA_DIR = {str(schema)!r}\n"
            f"CARELIST_CACHE_DIR = {str(base / 'cache')!r}\n",  # starts empty: the first build is a clean one
            encoding="utf-8",
        )
        started = time.perf_counter()
        result = build(settings, output=base / "output", checklists=checklists, workers=workers, search=search)
        seconds = time.perf_counter() - started
        if not result.built:
            raise SystemExit(f"synthetic data did not validate: {len(result.report.errors)} errors")
        edited = checklists / f"{900000 + count // 2}.yaml"
        edited.write_text(edited.read_text(encoding="utf-8").replace(EDIT_FROM, EDIT_TO, 1), encoding="utf-8")
        started = time.perf_counter()
        # As `carelist serve` rebuilds: the replaced folder is deleted in the background.
        again = build(settings, output=base / "output", checklists=checklists, workers=workers, search=search, background_cleanup=True)
        incremental = time.perf_counter() - started
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return {
            "regions": count,
            "pages": result.pages,
            "seconds": seconds,
            "stages": _stage_text(result.timings),
            "workers": result.timings.workers,
            "peak_mb": own + children,
            "own_mb": own,
            "child_mb": children,
            "incremental": incremental,
            "incremental_stages": _stage_text(again.timings),
            "incremental_written": again.timings.written,
            "incremental_rendered": again.timings.rendered,
        }


# --- Hugo: the same number of pages, from YAML front matter, through a base template like the site's ------------

_HUGO_BASE = """<!DOCTYPE html><html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "site.css" | relURL }}"></head><body><nav><a href="{{ "/" | relURL }}">首页</a>
{{ range .Site.Params.nav }}<a href="{{ .href | relURL }}">{{ .label }}</a> {{ end }}</nav><main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer></body></html>"""
_HUGO_SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ with .Params.service }}<p>{{ .who.zh }}</p><p>{{ .provides.zh }}</p>
<ol>{{ range .steps }}<li>{{ .zh | markdownify }}</li>{{ end }}</ol><ul>{{ range .documents }}<li>{{ .zh }}</li>{{ end }}</ul>
<dl><dt>地点</dt><dd>{{ .where.zh }}</dd><dt>部门</dt><dd>{{ .department.zh }}</dd><dt>费用</dt><dd>{{ .cost.zh }}</dd></dl>
<ul>{{ range .legal_basis }}<li>{{ .zh }}</li>{{ end }}</ul>{{ end }}{{ end }}"""


@contextlib.contextmanager
def hugo_site(pages: int) -> Iterator[Path | None]:
    """A Hugo site of `pages` pages like the site's service pages; None when hugo is not installed."""
    if shutil.which("hugo") is None:
        yield None
        return
    services = list(yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["services"].values())
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "layouts/_default").mkdir(parents=True)
        (site / "layouts/_default/baseof.html").write_text(_HUGO_BASE, encoding="utf-8")
        (site / "layouts/_default/single.html").write_text(_HUGO_SINGLE, encoding="utf-8")
        (site / "layouts/_default/list.html").write_text('{{ define "main" }}{{ .Title }}{{ end }}', encoding="utf-8")
        (site / "layouts/index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
        (site / "config.yaml").write_text(
            yaml.safe_dump(
                {
                    "title": "流动儿童关爱服务清单",
                    "languageCode": "zh-Hans",
                    "disableKinds": ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"],
                    "params": {"nav": [{"label": f"栏目{n}", "href": f"/s{n}/"} for n in range(6)]},
                },
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
        content = site / "content/p"
        content.mkdir(parents=True)
        # Each service's front matter is dumped once (PyYAML is slow at 170,000 pages); only the title differs.
        dumped = [yaml.safe_dump({"service": service}, allow_unicode=True) for service in services]
        for n in range(pages - 2):  # the home page and the section's list page make up the rest
            front = f"---\ntitle: 服务 {n}\n" + dumped[n % len(services)] + "---\n"
            (content / f"{n}.md").write_text(front, encoding="utf-8")
        yield site


def hugo_seconds(site: Path) -> float:
    """One clean Hugo build of the site, as a whole process."""
    shutil.rmtree(site / "public", ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(["hugo", "--quiet", "--destination", str(site / "public")], cwd=site, check=True)
    return time.perf_counter() - started


def _range(values: list[float], digits: int = 2) -> str:
    """The median, and the spread when there is more than one run."""
    middle = f"{statistics.median(values):.{digits}f}"
    return middle if len(values) == 1 else f"{middle} (median; {min(values):.{digits}f}–{max(values):.{digits}f})"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("counts", nargs="*", type=int, default=[10, 100])
    parser.add_argument("--no-search", action="store_true", help="leave the search index out")
    parser.add_argument("--workers", type=int, help="page processes (default: the build's own: one per core)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each N, each beside a Hugo run; medians are shown")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # one N, as JSON (the per-N process)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.counts[0], not args.no_search, args.workers)))
        return 0
    if shutil.which("hugo") is None:
        print("hugo is not installed (apt-get install hugo): the Hugo column is left out")
    print(
        "regions, pages, seconds and pages/s of a clean build"
        + ("" if not args.no_search else " (search index left out)")
        + "; its stages (s); peak memory; Hugo on the same page count; rebuild after editing one checklist"
    )
    for count in args.counts:
        command = [sys.executable, __file__, "--one", str(count)] + (["--no-search"] if args.no_search else [])
        command += ["--workers", str(args.workers)] if args.workers else []
        runs: list[dict[str, Any]] = []
        hugo: list[float] = []
        for _ in range(args.runs):  # carelist, then Hugo: each ratio compares two runs made side by side
            run = subprocess.run(command, capture_output=True, text=True, check=False)
            if run.returncode != 0:
                print(f"{count:>6} regions  failed:\n{run.stderr[-2000:]}")
                break
            runs.append(json.loads(run.stdout.strip().splitlines()[-1]))
            with hugo_site(runs[-1]["pages"]) as site:
                hugo += [hugo_seconds(site)] if site else []
        if not runs:
            continue
        r = min(runs, key=lambda one: abs(one["seconds"] - statistics.median(x["seconds"] for x in runs)))  # the median run
        seconds = [x["seconds"] for x in runs]
        ratios = [x["seconds"] / h for x, h in zip(runs, hugo, strict=False)]
        hugo_text = f"hugo {_range(hugo)} s, ratio {_range(ratios, 1)}x" if hugo else "hugo -"
        print(
            f"{count:>6} regions  {r['pages']:>7} pages  {_range(seconds, 1)} s  {r['pages'] / r['seconds']:>7.0f} pages/s  "
            f"[{r['stages']}; {r['workers']} workers]  peak {r['peak_mb']:.0f} MB (build {r['own_mb']:.0f} + child "
            f"{r['child_mb']:.0f})  {hugo_text}  edit one: {_range([x['incremental'] for x in runs])} s, "
            f"{r['incremental_written']} files written of {r['incremental_rendered']} remade [{r['incremental_stages']}]"
            + (f"  ({len(runs)} runs)" if len(runs) > 1 else ""),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
