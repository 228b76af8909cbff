"""The expected output of the fixture site, kept in tests/expected/site/ so that every change to what users get shows
up as a diff in review (the pelican-plugins practice).

What is kept: every page (HTML, normalised: one tag per line; a QR code's drawing replaced by a digest), the feeds,
the sitemap, robots.txt, the published schemas and every open-data file, as built. Not kept: the theme's static
files (they are in theme/ already) and the search index (generated JSON shards; tests/search checks them).

Regenerate after a change you mean to make, then review the diff:

    make expected        # = .venv/bin/python tests/expected_tree.py
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected" / "site"
KEPT_SUFFIXES = (".html", ".xml", ".txt", ".json", ".csv", ".md")
SKIPPED_FOLDERS = ("theme/", "search-index/")
_QR = re.compile(r"(<svg[^>]*class=\"qr-code\"[^>]*>)(.*?)(</svg>)", re.S)


def _qr_digest(match: re.Match[str]) -> str:
    return f"{match[1]}<!-- QR code drawing, sha256 {hashlib.sha256(match[2].encode()).hexdigest()[:16]} -->{match[3]}"


def normalise(rel: str, content: bytes) -> str:
    """A file as the expected tree keeps it."""
    text = content.decode("utf-8-sig")
    if rel.endswith(".html"):
        return BeautifulSoup(_QR.sub(_qr_digest, text), "html.parser").prettify()
    return text


def snapshot(site_root: Path) -> dict[str, str]:
    """Every kept file of a built site, normalised, by its path in the site."""
    files = {}
    for path in sorted(site_root.rglob("*")):
        rel = path.relative_to(site_root).as_posix()
        if path.is_file() and rel.endswith(KEPT_SUFFIXES) and not rel.startswith(SKIPPED_FOLDERS):
            files[rel] = normalise(rel, path.read_bytes())
    return files


def read_expected() -> dict[str, str]:
    return {p.relative_to(EXPECTED).as_posix(): p.read_text(encoding="utf-8") for p in sorted(EXPECTED.rglob("*")) if p.is_file()}


def write_expected(files: dict[str, str]) -> None:
    if EXPECTED.exists():
        shutil.rmtree(EXPECTED)
    for rel, text in files.items():
        target = EXPECTED / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def main() -> int:
    """Build the fixture site as the tests do and write its expected tree."""
    sys.path.insert(0, str(HERE))
    from carelist_site.build import build
    from served_site import FIXTURE_CHECKLISTS, SETTINGS

    with tempfile.TemporaryDirectory() as tmp:
        result = build(SETTINGS, output=Path(tmp) / "output", checklists=FIXTURE_CHECKLISTS, history=False)
        if not result.built:
            print("the fixture site did not build; run carelist validate tests/fixtures/checklists", file=sys.stderr)
            return 1
        files = snapshot(result.output)
    write_expected(files)
    print(f"wrote {len(files)} files to {EXPECTED.relative_to(HERE.parent)}: review them with git diff")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
