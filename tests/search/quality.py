"""The search-quality set (queries.yaml) run against a built site's Pagefind index in Node, without a browser.

Used by test_search_quality.py and benchmarks/search_quality.py. Node runs the site's own pagefind.js through
pagefind_query.mjs, so the ranking is exactly what a visitor's browser computes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.yaml"
RUNNER = HERE / "pagefind_query.mjs"
TOP = 3
_KEYS = {"q", "expect", "region"}
_ITEM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PATH = re.compile(r"^[a-z0-9/-]+/$")
_REGION = re.compile(r"^[1-9][0-9]{5}$")


@dataclass(frozen=True)
class Query:
    q: str
    expect: tuple[str, ...]  # item ids, or language-neutral paths ending in "/"
    region: str | None = None

    def accepts(self, path: str) -> bool:
        """Whether a result (language-neutral path, "regions/440000/vaccination/") is what this query wants."""
        for want in self.expect:
            if want.endswith("/"):
                if path == want:
                    return True
            elif path == f"services/{want}/" or re.fullmatch(rf"regions/\d{{6}}/{re.escape(want)}/", path):
                return True
        return False

    @property
    def label(self) -> str:
        return f"{self.q!r}" + (f" in region {self.region}" if self.region else "")


@dataclass(frozen=True)
class Outcome:
    query: Query
    top: tuple[str, ...]  # the first results, language-neutral paths
    titles: tuple[str, ...]
    count: int  # how many results Pagefind found in all

    @property
    def hit(self) -> bool:
        return any(self.query.accepts(path) for path in self.top[:TOP])

    def describe(self) -> str:
        got = "; ".join(f"{path} ({title})" for path, title in zip(self.top, self.titles, strict=True)) or "no results"
        return f"{self.query.label} expects {' or '.join(self.query.expect)}; top {TOP} of {self.count}: {got}"


def load_queries(path: Path = QUERIES) -> dict[str, list[Query]]:
    """Language code → its queries; a malformed entry is a ValueError naming it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of language code to a list of queries")
    queries: dict[str, list[Query]] = {}
    for language, entries in data.items():
        queries[language] = []
        for n, entry in enumerate(entries or [], 1):
            where = f"{path.name}: {language} #{n}"
            if not isinstance(entry, dict) or set(entry) - _KEYS or not {"q", "expect"} <= set(entry):
                raise ValueError(f"{where}: needs q and expect (and optionally region), got {entry!r}")
            expect = entry["expect"] if isinstance(entry["expect"], list) else [entry["expect"]]
            for want in expect:
                if not isinstance(want, str) or not (_ITEM_ID.match(want) or _PATH.match(want)):
                    raise ValueError(f"{where}: expect {want!r} is neither an item id nor a path ending in /")
            region = entry.get("region")
            if region is not None and not (isinstance(region, str) and _REGION.match(region)):
                raise ValueError(f"{where}: region {region!r} must be a six-digit code in quotes")
            if not isinstance(entry["q"], str | int) or not str(entry["q"]).strip():
                raise ValueError(f"{where}: empty query")
            queries[language].append(Query(str(entry["q"]), tuple(expect), region))
    return queries


def node() -> str:
    found = shutil.which("node")
    if found is None:
        raise RuntimeError("the search-quality set needs Node.js (node, version 18 or later) to run pagefind.js")
    return found


def run(site: Path, html_lang: str, prefix: str, queries: list[Query], options: dict[str, Any] | None = None) -> list[Outcome]:
    """Each query run on the site's index for one language (html_lang as in <html lang>, prefix like "en/").

    options are Pagefind's (pagefind.options()): pass the search page's own, carelist_site.pages.search.PAGEFIND_OPTIONS.
    """
    payload = {
        "limit": TOP,
        "options": options or {},
        "queries": [{"query": q.q, "filters": {"region": q.region} if q.region else {}} for q in queries],
    }
    done = subprocess.run(
        [node(), str(RUNNER), str(site), html_lang],
        input=json.dumps(payload, ensure_ascii=False),
        capture_output=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{RUNNER.name} failed ({done.returncode}): {done.stderr.strip()}")
    results = json.loads(done.stdout)["results"]
    outcomes = []
    for query, result in zip(queries, results, strict=True):
        paths = []
        for hit in result["hits"]:
            path = hit["url"].lstrip("/")
            if not path.startswith(prefix):
                raise RuntimeError(f"{query.label}: result {hit['url']} is not on the {html_lang} site")
            paths.append(path[len(prefix) :])
        outcomes.append(Outcome(query, tuple(paths), tuple(hit["title"] for hit in result["hits"]), result["count"]))
    return outcomes


def hit_rate(outcomes: list[Outcome]) -> float:
    return sum(o.hit for o in outcomes) / len(outcomes) if outcomes else 0.0
