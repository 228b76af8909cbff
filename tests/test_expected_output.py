"""What users get, file by file: the fixture site against the expected tree in tests/expected/site/.

A difference fails with the changed files listed and the first diffs shown. When the change is meant, regenerate the
tree with `make expected` and let review see the diff.
"""

from __future__ import annotations

import difflib

from expected_tree import EXPECTED, read_expected, snapshot
from served_site import ServedSite

SHOWN_DIFFS = 3
DIFF_LINES = 40


def test_the_fixture_site_is_what_the_expected_tree_says(served_site: ServedSite) -> None:
    assert EXPECTED.is_dir(), "tests/expected/site/ is missing: run `make expected`"
    built, expected = snapshot(served_site.root), read_expected()
    missing, extra = sorted(expected.keys() - built.keys()), sorted(built.keys() - expected.keys())
    changed = sorted(rel for rel in built.keys() & expected.keys() if built[rel] != expected[rel])
    if missing or extra or changed:
        lines = ["the built site differs from tests/expected/site/ (if meant: `make expected`, then review the diff)"]
        lines += [f"  no longer built: {rel}" for rel in missing] + [f"  new: {rel}" for rel in extra]
        lines += [f"  changed: {rel}" for rel in changed]
        for rel in changed[:SHOWN_DIFFS]:
            diff = difflib.unified_diff(expected[rel].splitlines(), built[rel].splitlines(), f"expected/{rel}", f"built/{rel}", lineterm="")
            lines += list(diff)[:DIFF_LINES]
        raise AssertionError("\n".join(lines))


def test_the_expected_tree_holds_every_kind_of_output(served_site: ServedSite) -> None:
    """The tree is not a handful of files: every page template, the open data, the feeds and the sitemap are in it."""
    expected = read_expected()
    for rel in ("index.html", "en/index.html", "regions/440000/index.html", "en/regions/440000/vaccination/index.html"):
        assert rel in expected, rel
    for rel in ("data/carelist.json", "data/rules.json", "data/README.md", "data/regions/440000.csv", "sitemap.xml"):
        assert rel in expected, rel
    assert any(rel.startswith("feeds/") for rel in expected)
    assert len([rel for rel in expected if rel.endswith(".html")]) == len(list(served_site.root.rglob("*.html")))
