"""Build the sample site into a temporary folder; print the search index's size and time and the search-quality hit rate.

    .venv/bin/python benchmarks/search_quality.py

The hit rate is the share of tests/search/queries.yaml whose expected page is among the first three results, run
with the site's own pagefind.js in Node (needs `node`), with the search page's ranking options.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from carelist_site.build import build, read_site_settings
from carelist_site.pages.search import PAGEFIND_OPTIONS

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
        pages = ", ".join(f"{language} {count}" for language, count in index.pages.items())
        print(f"index:  {sum(index.pages.values())} pages indexed ({pages}); {index.files} files, {index.bytes / 1e3:.0f} kB")
        for note in index.notes:
            print(f"note:   {note}")
        queries = quality.load_queries()
        failed = 0
        for language in languages:
            started = time.perf_counter()
            outcomes = quality.run(output, language["html_lang"], language["prefix"], queries[language["code"]], PAGEFIND_OPTIONS)
            seconds = time.perf_counter() - started
            hits = sum(o.hit for o in outcomes)
            print(
                f"quality [{language['code']}]: {hits}/{len(outcomes)} in the top {quality.TOP} = {quality.hit_rate(outcomes):.0%} "
                f"({seconds:.1f} s in Node for {len(outcomes)} queries, start-up included)"
            )
            for outcome in outcomes:
                if not outcome.hit:
                    failed += 1
                    print(f"  miss: {outcome.describe()}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
