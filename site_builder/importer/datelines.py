"""datelines: a lead paragraph -> the places its dateline names ("DENTON, Texas –", "ROME/PORT-AU-PRINCE, 9 April 2024 -")."""

from __future__ import annotations

import functools
import re

import site_builder.importer.gazetteer as gazetteer

# The dateline ends at its dash ("—", "–", " - ", "--"), within the paragraph's first words.
_END = re.compile(r"\s[—–-]{1,2}\s|--|\s[—–]|[—–]\s")
_NOISE = re.compile(r"\([^)]{0,40}\)|/[A-Za-z ]+/|\b(?:January|February|March|April|May|June|July|August|September|"
                    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
                    r"|\b\d{1,4}(?:st|nd|rd|th)?\b", re.I)
_PLACE = re.compile(r"[A-Z][\w.'’-]*(?:[ -](?:[A-Z][\w.'’-]*|de|la|le|au|of|on|upon|sur|del|da|do|dos|das|am|an|im)){0,3}")


def split_dateline(paragraph: str) -> tuple[str, str]:
    """(the dateline, the rest) of a lead paragraph; ("", paragraph) when it opens with none."""
    end = _END.search(paragraph[:120])
    if end is None:
        return "", paragraph
    head = paragraph[: end.start()]
    places = [piece.strip() for piece in re.split(r"[,/]", _NOISE.sub(" ", head)) if piece.strip()]
    if not places or len(head.split()) > 10 or not all(_PLACE.fullmatch(piece) for piece in places):
        return "", paragraph
    return head, paragraph[end.end() :]


def dateline_countries(dateline: str) -> list[str]:
    """The countries of the places a dateline names: a US state or its abbreviation makes the town
    American ("PERU, Ind."), and any city counts, however small or whatever else its name means."""
    places = [piece.strip() for piece in re.split(r"[,/]", _NOISE.sub(" ", dateline)) if piece.strip()]
    if any(_is_us_state(place) for place in places[1:]):
        return ["US"]
    codes = [_country(place) for place in places]
    return [code for code in codes if code]


def place_country(place: str) -> str | None:
    """The country a place's name names: "Berlin", "New York, NY", "Kyiv, Ukraine", "Germany"; None if unknown."""
    codes = dateline_countries(place)
    return codes[-1] if codes else None


def _is_us_state(place: str) -> bool:
    return (place in gazetteer.US_STATE_ABBREVIATIONS or place.title() in gazetteer.us_states() or place == "D.C."
            or place in gazetteer.us_state_codes())


def _country(place: str) -> str | None:
    names, cities = _casefolded()
    key = place.casefold()
    return names.get(key) or cities.get(key) or None


@functools.lru_cache(maxsize=1)
def _casefolded() -> tuple[dict[str, str], dict[str, str]]:
    return ({name.casefold(): code for name, code in gazetteer.names().items() if code},
            {name.casefold(): code for name, code in gazetteer.all_cities().items()})
