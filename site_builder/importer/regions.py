"""regions: article text -> the countries the story is about, ranked by salience, as English short names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pycountry

import site_builder.importer.gazetteer as gazetteer
from site_builder.importer.datelines import dateline_countries
from site_builder.importer.names import PERSON_LIKE, SHORT_NAMES

_MAX_REGIONS = 4
# A country must reach this share of the top country's salience to be a subject too.
_RELATIVE_THRESHOLD = 0.3
_AMERICA = re.compile(r"(?<![\w.])America(?!s)\b")
_NOT_US_AMERICA = re.compile(r"(?:Latin|South|North|Central|of|Voice of|Bank of)\s+$")
# A place's name inside another name means no country: "Bank of England", "University of Ghana",
# "China Grove Outfitters", "Jordan Valley", "Air India", "Georgia Institute of Technology".
_NAMED_AFTER = re.compile(r"(?:Bank|University|College|Institute|Museum|Society|Association|Foundation|Voice|Club|"
                          r"Clubs|Friends|Sons|Daughters|Air|Miss|Radio|Port of|Bay of|Gulf of) (?:of )?(?:the )?$")
_NAME_GOES_ON = re.compile(
    r"^[ -](?:Grove|Valley|Creek|River|Beach|Hills?|Springs|Lake|Falls|Heights|County|Township|Street|Avenue|Road|"
    r"Airlines?|Airways|Air|Bank|Inc|Corp|Corporation|Ltd|Group|Holdings|Company|Co|Outfitters|Foundation|Society|"
    r"Association|Club|Institute|University|College|School|Hospital|Center|Centre|Museum|Times|Post|Daily|Herald|"
    r"Journal|Express|Telecom|Motors|Mining|Steel|Capital|Partners|Trust|Insurance|Railways?|Shipping|Lines|Hotel|"
    r"Stadium|Tech|Technologies|Systems|Labs|Studios|Records|Goose|Town|City Council|Ship Channel)\b")


@dataclass(frozen=True)
class Weighted:
    """A piece of article text and how much a mention in it counts; a dateline's places are read as such."""

    text: str
    weight: float
    title_case: bool = False
    dateline: bool = False


def is_place_word(text: str) -> bool:
    """True for a country, city, alias or demonym the gazetteer knows (these are regions, not tags)."""
    return text in gazetteer.names() or text == "America"


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
    towns = _towns(texts)
    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    for piece in texts:
        for code in dateline_countries(piece.text) if piece.dateline else _mentions(piece, towns):
            scores[code] = scores.get(code, 0.0) + piece.weight
            counts[code] = counts.get(code, 0) + 1
    if not scores:
        return ()
    top = max(scores.values())
    ranked = sorted(scores, key=lambda code: (-scores[code], code))
    kept = [c for c in ranked if scores[c] >= _RELATIVE_THRESHOLD * top and counts[c] >= 2 or scores[c] == top]
    return tuple(dict.fromkeys(country_name(c) for c in kept[:_MAX_REGIONS]))


def _towns(texts: Sequence[Weighted]) -> frozenset[str]:
    """Names the text uses for American towns ("Peru, Indiana", "Lebanon, Ohio"): there and after, no country."""
    states = "|".join(re.escape(s) for s in sorted(gazetteer.us_states() | set(gazetteer.US_STATE_ABBREVIATIONS), key=len,
                                                    reverse=True))
    towns = set()
    for piece in texts:
        for match in gazetteer.pattern().finditer(piece.text):
            if re.match(rf",\s*(?:{states})(?![\w])", piece.text[match.end():]):
                towns.add(match.group(0))
    return frozenset(towns)


def _mentions(piece: Weighted, towns: frozenset[str] = frozenset()) -> list[str]:
    names = gazetteer.names()
    found = []
    for match in gazetteer.pattern().finditer(piece.text):
        name, start, end = match.group(0), match.start(), match.end()
        if name in towns or name == "Georgia" and re.search(r"[A-Z][a-z]+,\s*$", piece.text[:start]):
            found.append("US")  # "Peru, Indiana", and later "Peru" alone; "Atlanta, Georgia"
            continue
        if not names[name] or _inside_a_name(piece.text, start, end, name):
            continue
        if piece.title_case or not _is_person_name(piece.text, start, end, name):
            found.append(names[name])
    for match in _AMERICA.finditer(piece.text):
        if not _NOT_US_AMERICA.search(piece.text[: match.start()]):
            found.append("US")
    return found


def _inside_a_name(text: str, start: int, end: int, name: str) -> bool:
    """A country's or city's name that is part of an organisation's or a place's name."""
    if gazetteer.is_demonym(name):
        return False  # "Brazilian President" names Brazil
    return bool(_NAMED_AFTER.search(text[max(0, start - 40) : start]) or _NAME_GOES_ON.match(text[end : end + 30]))


def _is_person_name(text: str, start: int, end: int, name: str) -> bool:
    if name not in PERSON_LIKE:
        return False
    after = re.match(r"\s+[A-Z][a-z]", text[end:])
    before = re.search(r"[A-Z][a-z]+\s+$", text[:start])
    sentence_start = re.search(r"(?:^|[.!?\"“]\s+)[A-Z][a-z]+\s+$", text[:start])
    return bool(after) or bool(before and not sentence_start)
