"""organisations: what an organisation's name looks like (a ministry, an agency, a company), and names in capitals respelled."""

from __future__ import annotations

import re

# Words that head or close organisations' names.
ORG_WORDS = re.compile(
    r"\b(?:Department|Ministry|Agency|Administration|Office|Commission|Service|Institute|University|Foundation|"
    r"Council|Bureau|Authority|Organi[sz]ation|Programme|Program|Fund|Bank|Survey|Center|Centre|Committee|Cross|"
    r"Government|Embassy|Police|Inc\.?|Corp\.?|Corporation|Ltd\.?|LLC|ASA|AG|SE|SA|NV|GmbH|PLC|plc|Group|Trust|"
    r"Society|Association|Federation|Union|Board|Division|Secretariat|Mission|Court|Company|Labs?|Laboratory|"
    r"College|International|City|County|Municipality|Parliament|Senate|Assembly|Army|Navy|Energy|Health|"
    r"Institutes|Network|Alliance|Coalition|Partnership|Library|Museum|Hospital|Clinic|Airport|Zoo|Orchestra|"
    r"Theatre|Theater|District|Academy)\b")
_SMALL = {"of", "for", "and", "the", "on", "in", "at", "de", "du", "des", "la", "le", "et", "to"}
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")


def looks_like_organisation(name: str) -> bool:
    """An acronym (NASA), or capitalised words that end in an organisation's word ("Coastal Rivers Trust")
    or continue it with "of"/"for" ("Ministry of External Affairs"); not "Council President Jane Doe"."""
    name = name.strip()
    if _ACRONYM.match(name):
        return True
    words = name.split()
    if not words or len(words) > 12:
        return False
    for index, word in enumerate(words):
        if ORG_WORDS.fullmatch(word.rstrip(",.")):
            following = words[index + 1].rstrip(",.") if index + 1 < len(words) else ""
            if not following or following in ("of", "for", "on", "and", "&") or ORG_WORDS.fullmatch(following):
                return True
    return False


def respell_capitals(text: str) -> str:
    """"CITY OF PHOENIX" -> "City of Phoenix"; a single word in capitals is an acronym and stays ("UNICEF"),
    and so do short words with full stops ("U.S.")."""
    if not text.isupper() or " " not in text.strip():
        return text
    words = []
    for index, word in enumerate(text.split()):
        lower = word.lower()
        if index and lower in _SMALL:
            words.append(lower)
        elif len(word.strip(".,")) <= 4 and "." in word:
            words.append(word)
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)
