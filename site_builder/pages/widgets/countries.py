"""countries: a country's name, in any spelling countryinfo or pycountry knows -> its ISO
alpha-3 code, its UN M49 world region and sub-region, and where to mark it on a map.

One pass over countryinfo's public data; the names in articles' `regions` lists are English
short names ("Russia", "United Kingdom"), and pycountry knows newer official names (Türkiye).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple, TypeVar

import pycountry
from countryinfo import all_countries

T = TypeVar("T")
OTHER = "Elsewhere"
# Names countryinfo and pycountry do not know, as they appear in regions: lists.
ALIASES = {"kosovo": "XKX"}


class WorldRegion(NamedTuple):
    region: str  # Europe, Asia, Africa, Americas, Oceania
    subregion: str  # Eastern Europe, Western Asia, ...


class _Tables(NamedTuple):
    regions: dict[str, WorldRegion]  # casefolded spelling (names, alternatives, ISO codes) ->
    codes: dict[str, str]  # casefolded spelling (names, alternatives) -> alpha-3
    places: dict[str, tuple[float, float]]  # alpha-3 -> (lat, lng)


@functools.cache
def _tables() -> _Tables:
    tables = _Tables({}, dict(ALIASES), {})
    for country in all_countries():
        info = country.info()
        name = info["name"]
        spellings = [s for s in info.get("altSpellings", []) if isinstance(s, str) and s]
        iso = info.get("ISO") or {}
        if info.get("subregion"):
            where = WorldRegion(info["region"], info["subregion"])
            for spelling in [*spellings, *(c for c in (iso.get("alpha2"), iso.get("alpha3")) if isinstance(c, str) and c)]:
                tables.regions.setdefault(spelling.casefold(), where)
            tables.regions[name.casefold()] = where  # the name wins over another's alias
        code = iso.get("alpha3")
        if isinstance(code, str):
            for spelling in spellings:
                tables.codes.setdefault(spelling.casefold(), code)
            tables.codes[name.casefold()] = code
            if len(info.get("latlng") or []) == 2:
                tables.places[code] = (float(info["latlng"][0]), float(info["latlng"][1]))
    return tables


def _official(name: str) -> pycountry.db.Country | None:
    try:
        return pycountry.countries.lookup(name.strip())
    except LookupError:
        return None


def world_region(country: str) -> WorldRegion | None:
    """None for names that are not countries (a continent, a disputed territory we lack)."""
    found = _tables().regions.get(country.strip().casefold())
    if found is None and (official := _official(country)) is not None:
        found = _tables().regions.get(official.alpha_2.casefold())
    return found


def country_code(name: str) -> str | None:
    """ISO 3166 alpha-3 code of an English country name, or None (a continent, a city)."""
    code = _tables().codes.get(name.strip().casefold())
    if code is None and (official := _official(name)) is not None:
        code = official.alpha_3
    return code


def latlng(code: str) -> tuple[float, float] | None:
    """Where to put a marker for a country too small to see (alpha-3 code)."""
    return _tables().places.get(code)


def group_by_world_region(items: Iterable[T], name_of: Callable[[T], str]
                          ) -> list[tuple[str, list[tuple[str, list[T]]]]]:
    """[(region, [(subregion, items)])], alphabetical, with unknown names last under OTHER."""
    groups: dict[str, dict[str, list[T]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        where = world_region(name_of(item)) or WorldRegion(OTHER, OTHER)
        groups[where.region][where.subregion].append(item)
    order = sorted(groups, key=lambda region: (region == OTHER, region))
    return [(region, sorted(groups[region].items())) for region in order]
