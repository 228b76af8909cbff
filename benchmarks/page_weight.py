"""Build the sample site into a temporary folder and print the weight of each page type (HTML, and HTML + CSS).

    .venv/bin/python benchmarks/page_weight.py

The issue's budget: a region × service page under 50 KB of HTML + CSS in total. Pages with a script also show
what their scripts weigh (search and the finder); what they fetch later (the index, the rules) is not counted.
"""

from __future__ import annotations

import posixpath
import re
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

from carelist_site.build import build

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 50_000
PAGE_TYPES = {
    "home": r"(en/)?index\.html",
    "region": r"(en/)?regions/\d{6}/index\.html",
    "region × service": r"(en/)?regions/\d{6}/[a-z0-9-]+/index\.html",
    "service": r"(en/)?services/[a-z0-9-]+/index\.html",
    "coverage": r"(en/)?coverage/index\.html",
    "search": r"(en/)?search/index\.html",
    "finder": r"(en/)?finder/index\.html",
    "data": r"(en/)?data/index\.html",
    "about": r"(en/)?about/[a-z0-9-]+/index\.html",
    "404": r"(en/)?404\.html",
}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        result = build(ROOT / "pelican.conf.py", output=output, checklists=ROOT / "checklists")
        if not result.built:
            print("the sample data does not validate: run carelist validate", file=sys.stderr)
            return 1
        css = sum(p.stat().st_size for p in output.rglob("*.css"))
        files = [p.relative_to(output).as_posix() for p in output.rglob("*.html")]
        print(f"{'page type':<18} {'pages':>5} {'HTML avg':>9} {'HTML max':>9} {'+ CSS max':>10} {'+ JS':>7}")
        worst = 0
        for name, pattern in PAGE_TYPES.items():
            sizes = [(output / f).stat().st_size for f in files if re.fullmatch(pattern, f)]
            if not sizes:
                continue
            heaviest = max(sizes) + css
            if name == "region × service":
                worst = heaviest
            scripts = max(_script_bytes(output, f) for f in files if re.fullmatch(pattern, f))
            print(f"{name:<18} {len(sizes):>5} {sum(sizes) // len(sizes):>9,} {max(sizes):>9,} {heaviest:>10,} {scripts:>7,}")
        print(f"stylesheet: {css:,} bytes; region × service budget {BUDGET:,}: {'within' if worst < BUDGET else 'OVER'}")
        return 0 if worst < BUDGET else 1


def _script_bytes(output: Path, page: str) -> int:
    soup = BeautifulSoup((output / page).read_text(encoding="utf-8"), "html.parser")
    sources = [posixpath.normpath(posixpath.join(posixpath.dirname(page), s["src"])) for s in soup.find_all("script", src=True)]
    return sum((output / src).stat().st_size for src in sources)


if __name__ == "__main__":
    sys.exit(main())
