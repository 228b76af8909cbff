"""The search index at scale: build a site of N synthetic regions and print what indexing costs.

    .venv/bin/python benchmarks/search_index.py [N ...]            (default: 31 3000)
    .venv/bin/python benchmarks/search_index.py --index-only 3000   (validate and index only, no site build)

Each synthetic region is a copy of checklists/440000.yaml under a real GB/T 2260 code (counties first, then
prefecture-level cities, from the vendored place names), so place names in queries lead to them as they would to real
county lists. Prints, per N: the build's time and pages, the indexing time and its share of the build, the index's
files and bytes on disk, its peak memory (tracemalloc, indexing only), and the gzipped bytes a first search fetches
(engine, national file, place names and the largest region file).
"""

from __future__ import annotations

import gzip
import re
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from carelist.checker import check, load_regions
from carelist_site import places
from carelist_site.build import build
from carelist_site.i18n import languages_from_settings
from carelist_site.search_index import BUNDLE, write_index
from carelist_site.site_settings import read_site_settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "checklists" / "440000.yaml"
ENGINE = [
    ROOT / "theme/static/js/search-vendor.js",
    ROOT / "theme/static/js/search-engine.js",
    ROOT / "theme/static/js/search.js",
]
_REGION = re.compile(r'(region:\n  code: )"\d{6}"(\n  name:\n    zh: )[^\n]+(\n    en: )[^\n]+')


def synthetic(base: Path, count: int) -> tuple[Path, Path, Path]:
    """count checklists under real county (then prefecture) codes, a schema/ whose regions.yaml lists them, settings."""
    text = SAMPLE.read_text(encoding="utf-8")
    if not _REGION.search(text):
        raise SystemExit(f"{SAMPLE}: region block not in the expected shape; update the benchmark")
    loaded = places.load_places()
    chosen = ([p for p in loaded if p.level == "county"] + [p for p in loaded if p.level == "prefecture"])[:count]
    if len(chosen) < count:
        raise SystemExit(f"only {len(chosen)} county and prefecture codes to use")
    checklists, schema = base / "checklists", base / "schema"
    checklists.mkdir()
    shutil.copytree(ROOT / "schema", schema)
    regions = []
    for n, place in enumerate(chosen):
        name_en = f"Synthetic region {n}"
        (checklists / f"{place.code}.yaml").write_text(
            _REGION.sub(lambda m, c=place.code, z=place.name, e=name_en: f'{m[1]}"{c}"{m[2]}{z}{m[3]}{e}', text, count=1), encoding="utf-8"
        )
        regions.append(f'  - {{code: "{place.code}", zh: {place.name}, en: {name_en}}}')
    (schema / "regions.yaml").write_text("regions:\n" + "\n".join(regions) + "\n", encoding="utf-8")
    settings = base / "pelican.conf.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update({{k: v for k, v in runpy.run_path({str(ROOT / 'pelican.conf.py')!r}).items() if k.isupper()}})\n"
        f"PATH = {str(ROOT / 'content')!r}\nCARELIST_SCHEMA_DIR = {str(schema)!r}\n",
        encoding="utf-8",
    )
    return checklists, schema, settings


def first_search_bytes(bundle: Path, lang: str) -> int:
    largest = max((bundle / lang / "regions").iterdir(), key=lambda p: p.stat().st_size)
    files = [*ENGINE, bundle / lang / "services.json", bundle / "places.json", largest]
    return sum(len(gzip.compress(p.read_bytes(), 9)) for p in files)


def run(count: int, index_only: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        checklists, schema, settings = synthetic(base, count)
        languages = languages_from_settings(read_site_settings(settings)["CARELIST_LANGUAGES"])
        build_line = ""
        if not index_only:
            started = time.perf_counter()
            result = build(settings, output=base / "output", checklists=checklists)
            seconds = time.perf_counter() - started
            if not result.built or result.search is None:
                raise SystemExit(f"synthetic data did not validate: {len(result.report.errors)} errors")
            share = result.search.seconds / seconds
            build_line = (
                f"build {seconds:7.1f} s, {result.pages} pages; indexing {result.search.seconds:5.2f} s = {share:.1%} of the build; "
            )
        dataset = check([checklists], schema_dir=schema)
        assert dataset.baseline is not None and dataset.report.ok, "synthetic data did not validate"
        tracemalloc.start()
        started = time.perf_counter()
        index = write_index(base / "index", dataset.baseline, dataset.checklists, load_regions(schema), languages)
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        bundle = base / "index" / BUNDLE
        first = {lang.code: first_search_bytes(bundle, lang.code) for lang in languages}
        print(
            f"{count:>5} regions: {build_line}index {index.files} files, {index.bytes / 1e6:.1f} MB, written in {seconds:.2f} s "
            f"(peak memory {peak / 1e6:.0f} MB); a first search fetches "
            + ", ".join(f"{lang} {size / 1024:.1f} KB" for lang, size in first.items())
            + " gzipped (engine + index)"
        )


def main(argv: list[str]) -> int:
    index_only = "--index-only" in argv
    counts = [int(a) for a in argv if a != "--index-only"] or [31, 3000]
    for count in counts:
        run(count, index_only)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
