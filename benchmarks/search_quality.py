"""Build the sample site into a temporary folder; print the search index's size and time and the search-quality hit rate.

    .venv/bin/python benchmarks/search_quality.py

The hit rate is the share of tests/search/queries.yaml whose expected page is among the first three results, per
language and per kind of query, run with the search page's own engine in Node (needs `node`); every miss is listed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from carelist_site.build import build
from carelist_site.site_settings import read_site_settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "search"))

import quality  # noqa: E402  (tests/search/quality.py, shared with the tests)


def main() -> int:
    settings = ROOT / "pelican.conf.py"
    languages = read_site_settings(settings)["CARELIST_LANGUAGES"]
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        result = build(settings, output=output, checklists=ROOT / "checklists")
        if not result.built or result.search is None:
            print("the sample data does not validate: run carelist validate", file=sys.stderr)
            return 1
        index = result.search
        share = index.seconds / result.seconds
        print(f"build:  {result.pages} pages in {result.seconds:.2f} s, of which the search index {index.seconds:.2f} s ({share:.0%})")
        docs = ", ".join(f"{language} {count}" for language, count in index.pages.items())
        print(f"index:  {sum(index.pages.values())} services ({docs}); {index.files} files, {index.bytes / 1e3:.0f} kB")
        queries = quality.load_queries()
        below = False
        for language in languages:
            started = time.perf_counter()
            outcomes = quality.run(output, language["code"], queries[language["code"]])
            seconds = time.perf_counter() - started
            print(quality.report(outcomes, f"{language['code']}, Node, {seconds:.1f} s for {len(outcomes)} queries"))
            below = below or quality.hit_rate(outcomes) < quality.REQUIRED_RATE
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
