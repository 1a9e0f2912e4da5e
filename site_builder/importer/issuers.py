"""issuers: a press release's header, end matter and lead -> the organisation that issued it, with the evidence.

Releases name their issuer in labels ("SOURCE Acme Inc.", "Issued by ..."), in a header line,
in the contact block, in "About ..." boilerplate, or as the subject of the lead ("The Agency
(ABC) today announced"). An acronym is spelled out where the text defines it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.importer.organisations import (
    looks_like_organisation,
    respell_capitals,
)
from site_builder.importer.release import Line, is_date_line, is_organisation_line

_WORD = r"(?:U\.S\.|U\.K\.|[A-Z0-9][\w.&'’-]*)"
_JOIN = r"(?:\s+(?:of|for|and|on|de|du|&)(?:\s+the)?\s+|\s+|,\s+(?=[A-Z][a-z]+(?:\s+(?:and|&)\s+|,)))"
_ORG = rf"{_WORD}(?:{_JOIN}{_WORD}){{0,9}}"
_LABELS = re.compile(r"^(?:SOURCE|Source:|Issued by|Released by|Content source:|Published by|Issuer:|From:|"
                     r"(?:EQS|DGAP)-[A-Za-z]+:)\s+(?:the\s+)?(?P<name>.+?)(?:\s+/\s.*)?$")
_OFFICE_SUFFIX = re.compile(r"\s+(?:Corporate Communications|Communications|Press Office|Media Relations|Press Bureau|"
                            r"News Service|Newsroom|Press Secretary|Press|Media|Public Affairs|Investor Relations)$")
_DATELINE = re.compile(r"^[^.!?]{0,80}?(?:\s[—–-]{1,2}\s*|--\s*|\)--|\)\s*[—–-]{1,2}\s*|/\s+)(?=[A-Z])")
_ACRONYM = re.compile(r"^[A-Z]{2,8}$")
_VERB = (r"(?:today\s+|on\s+\w+day\s+|this week\s+)?(?:announced|announces|said|says|warned|warns|reported|released|"
         r"published|launched|opened|set|approved|awarded|selected|delivered|shipped|urged|is|are|has|have|will|was)\b")


@dataclass(frozen=True)
class Issuer:
    """The organisation, the dump line that named it (None: no single line), and how it was found."""

    name: str
    line: int | None
    evidence: str


def find_issuer(header: Sequence[Line], end: Sequence[Line], lead: Sequence[tuple[str, int]],
                byline_organisation: str | None, text: str) -> Issuer | None:
    """The issuer by the strongest cue present; `lead` is the first paragraphs with their line
    numbers, `text` all the article's text (where acronyms are defined)."""
    is_release = bool(header or end)
    finders = (
        lambda: _labelled(list(header) + list(end)),
        lambda: Issuer(byline_organisation, None, "the organisation in the byline") if byline_organisation else None,
        lambda: _header_name(header),
        lambda: _about(end),
        lambda: _in_lead(lead, is_release),
        lambda: _in_contacts(list(header) + list(end)),
        lambda: _by_email(list(header) + list(end), text),
    )
    for finder in finders:
        found = finder()
        if found is not None and found.name:
            return Issuer(spell_out(found.name, text), found.line, found.evidence)
    return None


def spell_out(name: str, text: str) -> str:
    """`EPA` -> `U.S. Environmental Protection Agency` where the text says "U.S. Environmental Protection Agency (EPA)"."""
    name = _tidy(name)
    if not _ACRONYM.match(name):
        return name
    definition = re.search(rf"(?:the\s+|The\s+)?({_ORG})\s+\({re.escape(name)}\)", text)
    return _tidy(definition.group(1)) if definition else name


def _tidy(name: str) -> str:
    name = respell_capitals(re.sub(r"^(?:From|Source|Issuer):\s*", "", name.strip()))
    name = re.sub(r"^(?:the|The)\s+", "", name.strip().rstrip(",;:"))
    if name.endswith(".") and not re.search(r"\b(?:Inc|Corp|Ltd|Co|Bros|S\.A|N\.V|U\.S|U\.K)\.$", name):
        name = name[:-1]  # the sentence's full stop, not an abbreviation's
    name = re.sub(r"^[A-Z][\w-]+(?:'s|’s)\s+(?=[A-Z])", "", name)  # "Iceland's Ministry of ..." -> "Ministry of ..."
    return _OFFICE_SUFFIX.sub("", name).strip()


def _labelled(lines: Sequence[Line]) -> Issuer | None:
    for line in lines:
        match = _LABELS.match(line.text)
        if match and is_name(match.group("name")):
            return Issuer(match.group("name"), line.number or None, f"labelled: '{line.text}'")
    return None


def _header_name(header: Sequence[Line]) -> Issuer | None:
    """An organisation's name standing in the header, alone or beside a date ("March 6, 2024 – Ottawa – Agency")."""
    for line in header:
        pieces = [p.strip() for p in re.split(r"\s+[|–—-]\s+", line.text)]
        for piece in pieces:
            if re.fullmatch(r"(?:Office of|Media|Press|News)\b.*|.*\b(?:[Rr]elease|[Aa]dvisory|[Nn]ote)", piece):
                continue  # a sub-office or a label, not the issuer
            named = (is_organisation_line(piece) and _is_organisation(piece)
                     or len(pieces) > 1 and is_date_line(line.text) and _is_bare_name(piece))
            if named and not is_date_line(piece):
                return Issuer(piece, line.number or None, f"the issuer's name in the release's header: '{line.text}'")
    return None


def _about(end: Sequence[Line]) -> Issuer | None:
    """"About Acme Inc." over its boilerplate, "About the Agency (ABC): ...", or the boilerplate alone ("ABC is ...")."""
    for line in end:
        match = re.match(rf"^About (?:the )?({_ORG})(?:\s+\([A-Z]{{2,8}}\))?(?::\s.*)?$", line.text)
        if match:
            return Issuer(match.group(1), line.number or None, f"the boilerplate about the issuer: '{_clip(line.text)}'")
    for line in end:
        match = re.match(rf"^(?:The\s+)?({_ORG})(?:'s|’s)?\s+(?:is an?|works|mission is|was founded)\b", line.text)
        if re.match(r"^\d", line.text):
            continue  # "2. The Trust is a registered charity": a note to editors, its subject may be any
        if match and _is_organisation(match.group(1)):
            return Issuer(match.group(1), line.number or None, f"the boilerplate about the issuer: '{_clip(line.text)}'")
    return None


def _clip(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"


def _in_lead(lead: Sequence[tuple[str, int]], is_release: bool) -> Issuer | None:
    """"The Agency (ABC) today announced", "..., UNICEF said today", "a report published today by the Trust"."""
    patterns = [
        (re.compile(rf"\b(?:published|released|issued)\s+today\s+by\s+(?:the\s+)?(?P<name>{_ORG})"), True),
        (re.compile(rf"(?:^|,\s+)(?:the\s+)?(?P<name>{_ORG})(?:\s+\([A-Z]{{2,8}}\))?\s+(?:said|says|warned|announced)\s+today\b"), True),
        (re.compile(rf"^(?:The\s+)?(?P<name>{_ORG})(?:\s+\([^)]{{2,20}}\))?(?:,\s+[a-z][^,]{{3,80}},)?\s+today\s+\w+"), True),
        (re.compile(rf"^(?:Researchers|Scientists|Engineers)\s+(?:at|from)\s+(?:the\s+)?(?P<name>{_ORG})"), is_release),
        (re.compile(rf"^(?:The\s+)?(?P<name>{_ORG})(?:\s+\([^)]{{2,20}}\))?(?:,\s+[a-z][^,]{{3,80}},)?\s+{_VERB}"), is_release),
        (re.compile(rf"(?:^|,\s+)the\s+(?P<name>{_ORG})(?:\s+\([A-Z]{{2,8}}\))?\s+(?:said|warned|announced|reported)\b"), is_release),
    ]
    for paragraph, number in lead[:2]:
        sentence = _DATELINE.sub("", paragraph, count=1)
        for pattern, allowed in patterns:
            match = pattern.search(sentence) or pattern.search(paragraph)
            if allowed and match and _is_organisation(match.group("name")):
                return Issuer(match.group("name"), number or None, f"named in the lead: '{match.group(0).strip()}'")
    return None


def _in_contacts(lines: Sequence[Line]) -> Issuer | None:
    """"Media contact: Jane Doe, Indiana Department of Natural Resources, ...", "Contact: USDA Press"."""
    for line in lines:
        for piece in re.split(r"\s*[,|]\s*|:\s+", line.text):
            name = _OFFICE_SUFFIX.sub("", piece.strip())
            if re.match(r"^(?:Office of|Media|Press|Contacts?)\b", name) or not (
                    is_organisation_line(name) or _ACRONYM.match(name) and name != piece.strip()):
                continue
            return Issuer(name, line.number or None, f"the organisation in the contact details: '{line.text}'")
    return None


def _by_email(lines: Sequence[Line], text: str) -> Issuer | None:
    """press@who.int names WHO when the text names WHO; press@coastalriverstrust.org the Coastal Rivers Trust."""
    for line in lines:
        for domain in re.findall(r"@(?:[\w-]+\.)*?([\w-]+)\.(?:gov|org|int|edu|com|example|[a-z]{2})\b", line.text):
            for name in re.findall(_ORG, text):
                squeezed = re.sub(r"[^a-z]", "", _tidy(name).lower())
                if squeezed == domain.lower() or _ACRONYM.match(name) and name.lower() == domain.lower():
                    return Issuer(name, line.number or None, f"the contact's address: '{line.text}'")
    return None


def is_name(text: str) -> bool:
    """A proper name: capitalised words (and small joining words), no sentence."""
    return bool(re.fullmatch(_ORG, text.strip().rstrip("."))) and len(text) <= 100


def _is_bare_name(text: str) -> bool:
    return is_name(text) and len(text.split()) >= 2 and not re.search(r"\d", text)


def _is_organisation(name: str) -> bool:
    return looks_like_organisation(_tidy(name))
