"""world: a country name -> its UN M49 world region and sub-region (countryinfo's data)."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple, TypeVar

T = TypeVar("T")

import pycountry
from countryinfo._cache import load_countries

OTHER = "Elsewhere"


class WorldRegion(NamedTuple):
    region: str  # Europe, Asia, Africa, Americas, Oceania
    subregion: str  # Eastern Europe, Western Asia, ...


@functools.cache
def _index() -> dict[str, WorldRegion]:
    """Every spelling countryinfo knows (name, alternative spellings, ISO codes), casefolded."""
    index: dict[str, WorldRegion] = {}
    for info in load_countries()["countries"].values():
        if not info.get("subregion"):
            continue
        where = WorldRegion(info["region"], info["subregion"])
        iso = info.get("ISO") or {}
        for spelling in [*info.get("altSpellings", []), iso.get("alpha2"), iso.get("alpha3")]:
            if isinstance(spelling, str) and spelling:
                index.setdefault(spelling.casefold(), where)
        index[info["name"].casefold()] = where  # the name wins over another's alias
    return index


def world_region(country: str) -> WorldRegion | None:
    """None for names that are not countries (a continent, a disputed territory we lack)."""
    found = _index().get(country.strip().casefold())
    if found is None:
        try:  # pycountry knows newer official names (Türkiye) and more spellings
            found = _index().get(pycountry.countries.lookup(country.strip()).alpha_2.casefold())
        except LookupError:
            pass
    return found


def group_by_world_region(items: Iterable[T], name_of) -> list[tuple[str, list[tuple[str, list[T]]]]]:
    """[(region, [(subregion, items)])], alphabetical, with unknown names last under OTHER."""
    groups: dict[str, dict[str, list[T]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        where = world_region(name_of(item)) or WorldRegion(OTHER, OTHER)
        groups[where.region][where.subregion].append(item)
    order = sorted(groups, key=lambda region: (region == OTHER, region))
    return [(region, sorted(groups[region].items())) for region in order]
