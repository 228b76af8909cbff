"""The search-quality set (queries.yaml) run with the search page's own engine in Node, without a browser.

Used by test_search_quality.py, benchmarks/search_quality.py and the browser test (which runs the same set through
the search page). run_search.js loads theme/static/js/search-engine.js and the built site's search-index/, so the
ranking is exactly what a visitor's browser computes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
QUERIES = HERE / "queries.yaml"
RUNNER = HERE / "run_search.js"
THEME_JS = ROOT / "theme" / "static" / "js"
TOP = 3
REQUIRED_RATE = 0.95
# question: a whole question; word: everyday or colloquial words; name: the name a service goes by; typo: a
# misspelling; place: a place named in the query; region: a region chosen in the form.
KINDS = ("question", "word", "name", "typo", "place", "region")
_KEYS = {"q", "expect", "region", "kind"}
_ITEM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PATH = re.compile(r"^[a-z0-9/-]+/$")
_REGION = re.compile(r"^[1-9][0-9]{5}$")


@dataclass(frozen=True)
class Query:
    q: str
    expect: tuple[str, ...]  # service ids, or language-neutral paths ending in "/"
    region: str | None = None
    kind: str = "word"

    def accepts(self, path: str) -> bool:
        """Whether a result (language-neutral path, "regions/440000/vaccination/") is what this query wants."""
        for want in self.expect:
            if want.endswith("/"):
                if path == want:
                    return True
            elif path in (f"services/{want}/", f"{want}/") or re.fullmatch(rf"regions/\d{{6}}/{re.escape(want)}/", path):
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
    count: int  # how many results were found in all

    @property
    def hit(self) -> bool:
        return any(self.query.accepts(path) for path in self.top[:TOP])

    def describe(self) -> str:
        got = "; ".join(f"{path} ({title})" for path, title in zip(self.top, self.titles, strict=True)) or "no results"
        return f"[{self.query.kind}] {self.query.label} expects {' or '.join(self.query.expect)}; top {TOP} of {self.count}: {got}"


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
            if not isinstance(entry, dict) or set(entry) - _KEYS or not {"q", "expect", "kind"} <= set(entry):
                raise ValueError(f"{where}: needs q, expect and kind (and optionally region), got {entry!r}")
            expect = entry["expect"] if isinstance(entry["expect"], list) else [entry["expect"]]
            for want in expect:
                if not isinstance(want, str) or not (_ITEM_ID.match(want) or _PATH.match(want)):
                    raise ValueError(f"{where}: expect {want!r} is neither a service id nor a path ending in /")
            region = entry.get("region")
            if region is not None and not (isinstance(region, str) and _REGION.match(region)):
                raise ValueError(f"{where}: region {region!r} must be a six-digit code in quotes")
            if entry["kind"] not in KINDS:
                raise ValueError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
            if not isinstance(entry["q"], str | int) or not str(entry["q"]).strip():
                raise ValueError(f"{where}: empty query")
            queries[language].append(Query(str(entry["q"]), tuple(expect), region, entry["kind"]))
    return queries


def node() -> str:
    found = shutil.which("node")
    if found is None:
        raise RuntimeError("the search-quality set needs Node.js (node, version 18 or later) to run the search engine")
    return found


def answers(site: Path, lang: str, queries: list[dict[str, str | None]], limit: int = TOP) -> list[dict[str, Any]]:
    """The engine's whole answer to each query ({"query", "region", "stored"}): region, place, eligibility, hits."""
    payload = {"limit": limit, "queries": queries}
    done = subprocess.run(
        [node(), str(RUNNER), str(site), lang, str(THEME_JS)],
        input=json.dumps(payload, ensure_ascii=False),
        capture_output=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{RUNNER.name} failed ({done.returncode}): {done.stderr.strip()}")
    return list(json.loads(done.stdout)["results"])


def run(site: Path, lang: str, queries: list[Query]) -> list[Outcome]:
    """Each query run with the search page's engine on the site's index for one language code ("zh", "en")."""
    results = answers(site, lang, [{"query": q.q, "region": q.region} for q in queries])
    return [
        Outcome(query, tuple(h["path"] for h in result["hits"]), tuple(h["title"] for h in result["hits"]), result["count"])
        for query, result in zip(queries, results, strict=True)
    ]


def hit_rate(outcomes: list[Outcome]) -> float:
    return sum(o.hit for o in outcomes) / len(outcomes) if outcomes else 0.0


def report(outcomes: list[Outcome], label: str) -> str:
    """The hit rate in all and per kind, then every miss: what the tests and the benchmark print."""
    lines = [f"search quality [{label}]: {sum(o.hit for o in outcomes)}/{len(outcomes)} in the top {TOP} = {hit_rate(outcomes):.1%}"]
    totals = Counter(o.query.kind for o in outcomes)
    hits = Counter(o.query.kind for o in outcomes if o.hit)
    lines += [f"  {kind:9} {hits[kind]}/{totals[kind]} = {hits[kind] / totals[kind]:.0%}" for kind in KINDS if totals[kind]]
    lines += [f"  miss: {o.describe()}" for o in outcomes if not o.hit]
    return "\n".join(lines)
