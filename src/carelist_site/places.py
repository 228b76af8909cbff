"""Place names a family may type (广州, 南山区, 杭州): GB/T 2260 names from the vendored china-division package.

`place_table` maps every name, and its short form without the administrative suffix (广州市 → 广州), to the
published region that covers that place: the county's own list if there is one, else its prefecture's, else its
province's, else "" (a place with no list yet). A name that means places in two regions is left out (unless only
one of them has a published list: 南山区 is in Shenzhen and in Hegang), and so is a short form that is also a
keyword of the baseline.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "places" / "china-division-2.7.0"
VERSION = "china-division 2.7.0 (npm, WTFPL), National Bureau of Statistics division codes 2023 (GB/T 2260)"
# Rows that are not places: the package's placeholders for a city's own districts and for directly governed counties.
_NOT_PLACES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# Longest first: 自治县 before 县. The short form is kept only when at least two characters remain.
_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "林区",
    "特区",
    "地区",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "盟",
    "旗",
)
_LEVELS = {"province": 0, "prefecture": 1, "county": 2}


@dataclass(frozen=True)
class Place:
    code: str  # six digits
    name: str
    level: str  # province | prefecture | county


def load_places(folder: Path = SOURCE) -> tuple[Place, ...]:
    """Every province, prefecture-level city and county in the vendored files, by code."""
    places: list[Place] = []
    for file, level, width in (("provinces.csv", "province", 2), ("cities.csv", "prefecture", 4), ("areas.csv", "county", 6)):
        with (folder / file).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["name"] not in _NOT_PLACES and len(row["code"]) == width:
                    places.append(Place(row["code"].ljust(6, "0"), row["name"], level))
    return tuple(sorted(places, key=lambda p: p.code))


def short_form(name: str) -> str | None:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def covering_region(code: str, published: Collection[str]) -> str:
    """The most local published region that covers a place: its own, its prefecture's or its province's; else ""."""
    for candidate in (code, code[:4] + "00", code[:2] + "0000"):
        if candidate in published:
            return candidate
    return ""


def place_names(places: Iterable[Place], published: Collection[str], site_words: Collection[str] = ()) -> dict[str, Place]:
    """Name → the place it means; ambiguous names and site words are left out (see the module's docstring)."""
    found: dict[str, dict[int, list[tuple[Place, str]]]] = {}
    for place in places:
        region = covering_region(place.code, published)
        names = [place.name]
        short = short_form(place.name)
        if short and short not in site_words:
            names.append(short)
        for name in names:
            found.setdefault(name, {}).setdefault(_LEVELS[place.level], []).append((place, region))
    table = {}
    for name, by_level in found.items():
        candidates = by_level[min(by_level)]  # a province's name wins over a county's of the same spelling
        regions = {region for _place, region in candidates}
        if len(regions) > 1:
            regions -= {""}  # 南山区 is in Shenzhen and in Hegang: the one with a published list is meant
        if len(regions) == 1:
            (region,) = regions
            table[name] = next(place for place, r in candidates if r == region)
    return dict(sorted(table.items()))


def place_table(places: Iterable[Place], published: Collection[str], site_words: Collection[str] = ()) -> dict[str, str]:
    """Name → the published region covering the place it means ("" when none)."""
    return {name: covering_region(p.code, published) for name, p in place_names(places, published, site_words).items()}


def compact(places: Iterable[Place], names: dict[str, Place], published: Collection[str]) -> str:
    """The place names as the search engine reads them, one place a line, nested by code (the smallest plain form).

    A line is the place's own two code digits (province, then prefecture-level city, then county, each indented one
    space more; a bare line stands for a city the data does not list), "*" when it has a published list, then its
    names separated by "|". The engine rebuilds each code
    from the nesting and finds the covering published region itself, so the file grows with the number of places
    (fixed) and not with the number of regions.
    """
    by_place: dict[str, list[str]] = {}
    for name, place in names.items():
        by_place.setdefault(place.code, []).append(name)
    lines, seen = [], set()
    for place in sorted(places, key=lambda p: p.code):
        depth = _LEVELS[place.level]
        if depth == 2 and place.code[:4] + "00" not in seen:
            # A municipality's districts have no city of their own in the data: a bare line keeps the nesting.
            lines.append(" " + place.code[2:4])
            seen.add(place.code[:4] + "00")
        seen.add(place.code)
        digits = place.code[2 * depth : 2 * depth + 2]
        star = "*" if place.code in published else ""
        # Longest name first: the full name, then its short form.
        lines.append(" " * depth + digits + star + "|".join(sorted(by_place.get(place.code, ()), key=lambda n: (-len(n), n))))
    return "\n".join(lines)
