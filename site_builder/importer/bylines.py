"""bylines: a byline or credit line -> the authors' names (and the agency or office it names), or None."""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.importer.sources import agency_name

_NAME_WORD = r"(?:[A-Z][\w'’.-]*|d[ea]|van|von|der|del|la|le|al|bin|ibn)"
_NAME = rf"[A-Z][\w'’.-]*(?:\s+{_NAME_WORD}){{1,4}}"
# Ranks and titles before a name: "Staff Sgt.", "Sgt. 1st Class", "Lt. Col.", "Dr."
_RANK = re.compile(
    r"^(?:(?:Staff|Master|Senior|Chief|Command|First|1st|2nd|Tech\.?|Sgt\.?|Spc\.|Pfc\.|Pvt\.|Cpl\.|Lt\.|Col\.|"
    r"Capt\.|Maj\.|Gen\.|Adm\.|Cmdr\.|Petty Officer|Airman|Seaman|Class|Dr\.?|Prof\.?|Mr\.?|Ms\.?|Mrs\.?)\s+)+")
_BY = re.compile(r"^(?:By|BY|Written by|Story by|Words by)\s+(?P<rest>.+)$")
_SEPARATOR = re.compile(r"\s*(?:,|\||/|—|–|\s-\s)\s*")
# Closing credits of wire copy: "Reporting by X and Y; Editing by Z", and a release's "Writer: X".
_REPORTING = re.compile(r"^\(?(?:Additional )?[Rr]eporting by (?P<names>[^;()]+?)(?:\s+in\s+[A-Z][\w ]+)?(?:;|\)|$)")
_WRITER = re.compile(r"^(?:Writer|Written by|Story by|Author)s?:\s*(?P<names>[^|,;]+)")
_OFFICE_SUFFIX = re.compile(r"\s+(?:Public Affairs|Corporate Communications|Communications|Press Office|Media Relations|"
                            r"Press Bureau|News Service|Newsroom)$")


@dataclass(frozen=True)
class Byline:
    """Who wrote the article, and the agency or office the byline names (None when it names none)."""

    authors: tuple[str, ...]
    organisation: str | None
    lines: int = 1  # 2 when the agency stands alone on the next line


def read_byline(line: str, next_line: str = "") -> Byline | None:
    """A byline that opens the body: "By Jane Doe and John Roe", "By JANE DOE Associated Press",
    "Jane Doe, The Associated Press", "By Staff Sgt. Jane Doe, 3rd Infantry Division Public Affairs".
    `next_line` may carry the agency alone ("Associated Press" under a "By" line)."""
    if len(line) > 160 or line.rstrip().endswith((".", "!", "?", ":")) and not line.rstrip().endswith(("Inc.", "Co.")):
        return None
    by = _BY.match(line)
    text = by.group("rest") if by else line
    parts = _SEPARATOR.split(text, maxsplit=1)
    names_text, organisation = parts[0], parts[1] if len(parts) > 1 else None
    if organisation is None and by:
        names_text, organisation = _split_trailing_agency(names_text)
    lines = 1
    if organisation is None and by and agency_name(next_line.strip()):
        organisation, lines = next_line.strip(), 2
    if not by and (organisation is None or not (agency_name(organisation) or _is_office(organisation))):
        return None  # "Jane Doe, Associated Press" needs its agency; without "By", two names alone are no byline
    authors = names(names_text)
    if not authors:
        return None
    return Byline(authors, _organisation(organisation), lines)


def read_credits(line: str) -> tuple[str, ...]:
    """Authors named by closing credits ("Reporting by X and Y; Editing by Z", "Writer: X"); () when none."""
    match = _REPORTING.match(line) or _WRITER.match(line)
    return names(match.group("names")) if match else ()


def names(text: str) -> tuple[str, ...]:
    """The people in "Jane Doe and John Roe with Marc Dupont in Brussels", spelled as names are."""
    text = re.sub(r"\s+in\s+[A-Z][\w .'-]*$", "", text.strip())
    pieces = re.split(r"\s*(?:,\s*and\s+|,|\s+and\s+|\s+with\s+|\s*&\s*)\s*", text)
    found = []
    for piece in pieces:
        piece = _RANK.sub("", piece.strip())
        if not re.fullmatch(_NAME, piece) or len(piece.split()) > 5:
            return ()
        found.append(" ".join(_name_case(word) for word in piece.split()))
    return tuple(found)


def _split_trailing_agency(text: str) -> tuple[str, str | None]:
    """"MARY CLARE JALONICK and KEVIN FREKING Associated Press": the agency after the names, unseparated."""
    match = re.search(r"\s+((?:The\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})$", text)
    if match and agency_name(match.group(1)):
        return text[: match.start()], match.group(1)
    return text, None


def _is_office(text: str) -> bool:
    return bool(_OFFICE_SUFFIX.search(text) or re.search(r"\b(?:News|Agency|Press|Times|Post|Wire)\b", text))


def _organisation(text: str | None) -> str | None:
    if not text:
        return None
    # "AP Economics Writer", "Reuters Correspondent": the agency and the writer's beat.
    text = re.sub(r"(?:\s+[A-Z][a-z]+)*\s+(?:Writer|Correspondent|Reporter|Editor|Photographer)$", "", text.strip())
    return agency_name(text) or _OFFICE_SUFFIX.sub("", text.rstrip(".")) or None


def _name_case(word: str) -> str:
    # "JALONICK" and AFP's "Jane DOE" are shouted surnames; "McDowell" and "O'Neil" keep their capitals.
    if len(word) > 1 and word.isupper() and not word.endswith("."):
        return "-".join(part.capitalize() for part in word.split("-"))
    return word
