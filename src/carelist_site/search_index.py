"""The search index: documents the build writes as small JSON shards that the search page's engine indexes itself.

A result is a service (a baseline item, a region's local item, or the residence permit), shown once and linked to
the family's region when one is known. So the index is not one entry per page: per language, one national file
(`search-index/<lang>/services.json`: every baseline item, with the synonyms and filler words of that language)
and one small file per region (`search-index/<lang>/regions/<code>.json`: what that region lists, its own items
and the words of its own pages), plus one table of place names shared by both languages (`places.json`). A first
search fetches the national file, the place names and at most one region: the same few kilobytes for 3 regions
or 3,000. The engine (theme/static/js/search-engine.js, MiniSearch) tokenizes and ranks in the browser, and the
tests run that same file in Node. Everything is written with sorted keys, so two builds are byte-identical.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from carelist.errors import CarelistError
from carelist.model import Baseline, Checklist, Service, Text
from carelist_site import places, urls
from carelist_site.i18n import Language

BUNDLE = "search-index"
WORDS = Path(__file__).resolve().parent / "search_words.yaml"
FORMAT = 1
RESIDENCE_PERMIT = "residence-permit"  # the id its results carry; its pages are residence-permit/ and regions/<code>/residence-permit/


@dataclass(frozen=True)
class SearchIndex:
    pages: dict[str, int]  # language code → documents in its national file
    files: int
    bytes: int
    seconds: float
    notes: tuple[str, ...] = ()  # things worth telling whoever runs the build


def _text(value: Text | None, lang: str) -> str:
    return value.get(lang) if value else ""


def _join(parts: Iterable[str]) -> str:
    return " ".join(p for p in parts if p)


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def _fail(reason: str) -> CarelistError:
    return CarelistError(f"the search index failed: {reason} / 搜索索引生成失败")


def search_words(path: Path | None = None) -> dict[str, dict[str, list[Any]]]:
    """Synonyms and filler words per language (search_words.yaml); a broken file is one clear error."""
    path = path or WORDS
    try:
        stat = path.stat()
    except OSError as exc:
        raise _fail(f"{path.name} cannot be read ({exc})") from exc
    return _read_words(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _read_words(path: Path, _mtime: int, _size: int) -> dict[str, dict[str, list[Any]]]:
    """search_words(), read again only when the file changes (carelist serve builds many times in one process)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return {
            str(lang): {"synonyms": [[str(w) for w in group] for group in v["synonyms"]], "stopwords": [str(w) for w in v["stopwords"]]}
            for lang, v in data.items()
        }
    except (OSError, yaml.YAMLError, AttributeError, KeyError, TypeError) as exc:
        raise _fail(f"{path.name} is not a mapping of language to synonyms and stopwords ({type(exc).__name__}: {exc})") from exc


def _residence_permit_doc(baseline: Baseline, lang: str) -> dict[str, Any] | None:
    permit = getattr(baseline, "residence_permit", None)
    if permit is None:
        return None
    return {
        "id": RESIDENCE_PERMIT,
        "category": "",
        "title": _text(permit.title, lang),
        "summary": _text(permit.summary, lang),
        "keywords": _join(permit.keywords.get(lang, ())),
        "text": _join([_text(permit.who, lang), *(_text(d, lang) for d in permit.documents)]),
    }


def national_file(baseline: Baseline, lang: str, words: dict[str, Any]) -> dict[str, Any]:
    """Every baseline item in one language, with what the engine needs to read a query in that language."""
    docs = []
    for item in baseline.items:
        docs.append(
            {
                "id": item.id,
                "category": item.category,
                "title": _text(item.title, lang),
                "summary": _text(item.summary, lang),
                "keywords": _join(item.keywords.get(lang, ())),
                "text": _join([*(_text(d, lang) for d in item.departments), *(_text(f.label, lang) for f in item.floors)]),
            }
        )
    permit = _residence_permit_doc(baseline, lang)
    if permit:
        docs.append(permit)
    return {
        "format": FORMAT,
        "lang": lang,
        "docs": docs,
        "categories": {c.id: _text(c.title, lang) for c in baseline.categories},
        "synonyms": words.get("synonyms", []),
        "stopwords": words.get("stopwords", []),
    }


def _service_words(service: Service, lang: str) -> str:
    return _join([_text(service.who, lang), _text(service.provides, lang), *(_text(d, lang) for d in service.documents)])


def region_file(checklist: Checklist, baseline: Baseline, lang: str) -> dict[str, Any]:
    """One region: which baseline items it lists (with the words of its own pages), and its own items in full."""
    local = [
        {
            "id": s.id,
            "category": s.category or "",
            "title": _text(s.title, lang) or s.id,
            "summary": _text(s.summary, lang) or _text(s.provides, lang),
            "keywords": _join(s.keywords.get(lang, ())),
            "text": _service_words(s, lang),
        }
        for s in checklist.local_items
    ]
    permit = getattr(checklist, "residence_permit", None)
    return {
        "format": FORMAT,
        "code": checklist.code,
        "name": _text(checklist.name, lang),
        "services": {i.id: _service_words(checklist.services[i.id], lang) for i in baseline.items if i.id in checklist.services},
        "local": local,
        "residencePermit": _join([_text(permit.who, lang), _text(permit.where, lang)]) if permit else None,
    }


def site_words(baseline: Baseline) -> set[str]:
    """Every keyword of the baseline: a place's short form that is also one of these is not taken as a place."""
    return {w for item in baseline.items for words in item.keywords.values() for w in words}


def places_file(published: Sequence[str], words: Collection[str], regions: dict[str, Text]) -> dict[str, Any]:
    """Place names (Chinese from GB/T 2260; English: the provinces' names) and which places have a published list.

    words: the site's own words (site_words), which a place's short form may not take."""
    codes = set(published)
    loaded = places.load_places()
    names = places.place_names(loaded, codes, words)
    english: dict[str, str] = {}
    for code, region_name in regions.items():
        # Provinces only: their English names are few and fixed, whatever the number of regions listed.
        if not region_name.en or not code.endswith("0000"):
            continue
        full = region_name.en.lower()
        english[full] = code
        for suffix in (" province", " municipality", " special administrative region", " autonomous region"):
            if full.endswith(suffix):
                english[full[: -len(suffix)]] = code
    return {
        "format": FORMAT,
        "source": places.VERSION,
        "zh": places.compact(loaded, names, codes),
        "en": dict(sorted(english.items())),  # name → place code; the engine finds its published region as for zh
    }


@functools.lru_cache(maxsize=2)
def _places_json(published: tuple[str, ...], words: frozenset[str], regions: tuple[tuple[str, Text], ...]) -> bytes:
    """places.json, kept between the builds of one process: `carelist serve` rebuilds after every edit, and the table
    (thousands of place names) changes only when a region or the baseline's keywords do."""
    return _dump(places_file(published, words, dict(regions)))


def write_index(
    folder: Path, baseline: Baseline, checklists: Sequence[Checklist], regions: dict[str, Text], languages: Sequence[Language]
) -> SearchIndex:
    """Write folder/search-index/ for every language; returns what was written."""
    started = time.perf_counter()
    words = search_words()
    bundle = folder / BUNDLE
    files: dict[Path, bytes] = {}
    counts = {}
    for language in languages:
        lang = language.code
        national = national_file(baseline, lang, words.get(lang, words["en"]))
        counts[lang] = len(national["docs"])
        files[bundle / lang / "services.json"] = _dump(national)
        for checklist in sorted(checklists, key=lambda c: c.code):
            files[bundle / lang / "regions" / f"{urls.safe_code(checklist.code)}.json"] = _dump(region_file(checklist, baseline, lang))
    published = tuple(sorted(c.code for c in checklists))
    files[bundle / "places.json"] = _places_json(published, frozenset(site_words(baseline)), tuple(regions.items()))
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    except OSError as exc:
        raise _fail(f"cannot write {exc.filename}: {exc.strerror}") from exc
    return SearchIndex(
        pages=counts,
        files=len(files),
        bytes=sum(len(c) for c in files.values()),
        seconds=time.perf_counter() - started,
    )
