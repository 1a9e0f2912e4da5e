"""captions: a raw photo caption -> Image (caption text, credit, date, file-photo flag)."""

from __future__ import annotations

import re

from site_builder.importer.dates import find_full_dates
from site_builder.importer.model import Image

_AGENCY_TOKENS = re.compile(
    r"\b(?:AP|AFP|REUTERS|Reuters|EPA|EFE|Getty|Images|Pool|POOL|Xinhua|Anadolu|Photo|photo|"
    r"Sputnik|TASS|Yonhap|Kyodo|dpa|DPA|ANSA|Shutterstock|Bloomberg|NurPhoto|SOPA|via|VOA|"
    r"Handout|HANDOUT|Courtesy|courtesy)\b"
)
_AGENCY_TAGS = re.compile(r"^(?:TOPSHOT|EDITORS NOTE|EDITOR'S NOTE|BESTPIX)\s*[-:–—]\s*", re.I)
_FILE_PREFIX = re.compile(r"^(?:FILE PHOTO|File photo|File Photo|FILE|File)\s*[-:–—]\s*")
_FILE_SUFFIX = re.compile(r"\s*[/,]?\s*\(?(?:FILE PHOTO|File Photo|File photo|FILE)\)?\s*$")
_PAREN_CREDIT = re.compile(r"\s*\((?:Photo by|Photo:|Photograph by|Image:|Credit:)?\s*([^()]+)\)\s*\.?$")
# "... Credit: NASA/Joel Kowsky", "... Image credit: U.S. Army", "... Photo by Jane Doe, Agency": a label,
# then the credit to the caption's end (abbreviations' full stops allowed, not a sentence's).
_CREDIT_TEXT = r"((?:[^.:]|\.(?=[A-Za-z0-9,/ ]*[A-Za-z0-9]))(?:[^.:]|\.(?=[ ,/]?[A-Za-z0-9]))*?)\.?\s*$"
_LABEL_CREDIT = re.compile(
    r"(?:^|(?<=[.!?\"”])\s+|\s+[-–—|]\s+)(?:(?:Image|Photo|Picture|Photograph|Video)s?\s+credits?|Credits?|"
    r"Image|Photo|Picture|Photograph)s?\s*:\s*" + _CREDIT_TEXT, re.I)
_BY_CREDIT = re.compile(r"(?<=[.!?\"”])\s+(?:Photo|Picture|Photograph|Image)\s+by\s+" + _CREDIT_TEXT)
# "Photo courtesy of the Alaska Earthquake Center", "Picture courtesy of Police Scotland": the credited party.
# "USDA photo by Lance Cheung.", "U.S. Army photo by Sgt. Jane Doe": an office's photo credit after the caption.
_OFFICE_PHOTO_CREDIT = re.compile(r"(?<=[.!?\"”])\s+((?:[A-Z][\w.&-]*\s+){1,4}(?:photo|Photo|image|Image)\s+by\s+"
                                  + _CREDIT_TEXT[1:])
# A credit first, then the caption after a dash: "Photo: Jane Doe/USDA - Farmers inspect wheat."
_CREDIT_FIRST = re.compile(r"^(?:Photo|PHOTO|Image|IMAGE|Credit|CREDIT)s?\s*:\s*(?P<credit>[^.]{2,60}?)\s+[-–—|]\s+"
                           r"(?P<caption>[A-Z].{10,})$")
# A label before the caption itself ("PHOTO: A technician works ..."), its credit elsewhere.
_CAPTION_LABEL = re.compile(r"^(?:PHOTO|Photo|IMAGE|Image|CAPTION|Caption|Photo caption|PHOTO CAPTION)\s*:\s*(?=\S.{20,})")
_COURTESY = re.compile(r"^(?:(?:Photo|Image|Picture|Photograph|Video)s?\s+)?[Cc]ourtesy(?:\s+of)?\s+(?:the\s+)?", re.I)
_COURTESY_CREDIT = re.compile(
    r"(?<=[.!?\"”])\s+((?:(?:Photo|Image|Picture|Photograph|Video)s?\s+)?[Cc]ourtesy(?:\s+of)?\s+" + _CREDIT_TEXT[1:])
_COPYRIGHT_CREDIT = re.compile(r"\s*©\s*([^©]{2,80}?)\.?\s*$")


def has_credit(line: str) -> bool:
    """True when a line ends the way photo captions end: with a photo credit."""
    return _split_credit(_strip_tags(line)[0])[1] is not None


def parse_caption(raw: str) -> Image:
    """Split a caption into text and credit; a file photo's date is kept but flagged."""
    text, is_file = _strip_tags(raw.strip())
    text, credit = _split_credit(text)
    if credit is not None:
        credit, file_in_credit = _strip_file_mark(credit)
        is_file = is_file or file_in_credit
    text, file_in_text = _strip_file_mark(text)
    is_file = is_file or file_in_text
    dates = find_full_dates(text)
    return Image(
        caption=text.strip() or None,
        credit=credit or None,
        date=dates[0][0] if dates else None,
        is_file_photo=is_file,
    )


def _strip_tags(text: str) -> tuple[str, bool]:
    is_file = False
    for _ in range(3):
        before = text
        text = _AGENCY_TAGS.sub("", text)
        if _FILE_PREFIX.match(text):
            text, is_file = _FILE_PREFIX.sub("", text, count=1), True
        if text == before:
            break
    return text.strip(), is_file


def _strip_file_mark(text: str) -> tuple[str, bool]:
    if re.search(r",\s*(?:File|FILE)$", text):
        return re.sub(r",\s*(?:File|FILE)$", "", text), True
    if re.search(r"(?:^|[/\s(])(?:FILE PHOTO|File Photo|File photo)\)?\s*$", text) or text.endswith("(FILE)"):
        return _FILE_SUFFIX.sub("", text).strip(" /,"), True
    return text, False


def _split_credit(text: str) -> tuple[str, str | None]:
    first = _CREDIT_FIRST.match(text)
    if first:  # "Photo: Jane Doe/USDA - Farmers inspect wheat."
        return first.group("caption"), _credited(first.group("credit"))
    match = _PAREN_CREDIT.search(text)
    if match and _is_credit(match.group(0), match.group(1)):
        return _CAPTION_LABEL.sub("", text[: match.start()].rstrip()), _credited(match.group(1))
    for pattern in (_LABEL_CREDIT, _BY_CREDIT, _OFFICE_PHOTO_CREDIT, _COURTESY_CREDIT, _COPYRIGHT_CREDIT):
        match = pattern.search(text)
        if match and len(match.group(1)) <= 100:
            return _CAPTION_LABEL.sub("", text[: match.start()].rstrip()), _credited(match.group(1))
    return _split_trailing_credit(text)


def _credited(credit: str) -> str:
    """The credited party: "courtesy of the Agency" -> "Agency"; a bare "Courtesy photo" stays as it is."""
    credit = credit.strip()
    return credit if re.fullmatch(r"(?i:courtesy)\s+(?i:photo|image|picture)", credit) else _COURTESY.sub("", credit)


def _is_credit(whole: str, inner: str) -> bool:
    if re.match(r"\s*\((?:Photo by|Photo:|Photograph by|Image:|Credit:)", whole):
        return True
    return bool(_AGENCY_TOKENS.search(inner) or "/" in inner) and len(inner) <= 100


def _split_trailing_credit(text: str) -> tuple[str, str | None]:
    """`... in Washington, DC, US. Carl Court/Pool via REUTERS/File Photo`: the credit follows the last sentence."""
    match = re.search(r"(?<=[.!?\"”])\s+([^.!?]{2,100})$", text)
    if not match:
        return text, None
    tail = match.group(1).strip()
    if tail[:1].isupper() and ("/" in tail or re.search(r"\b(?:REUTERS|AFP|AP|EPA|Getty Images)\b", tail)):
        return text[: match.start()].rstrip(), tail
    return text, None


def clean_credit(text: str) -> str:
    """A credit as formats give it, without its label: "Photo: Jane Doe/Agency" -> "Jane Doe/Agency"."""
    text = " ".join(text.split()).strip("() ")
    text = re.sub(r"^(?:(?:Photo|Image|Picture|Photograph)s?\s+(?:credit|by)|Credits?|Photo|Image|Picture|Photograph)"
                  r"\s*:?\s+(?=\S)", "", text, flags=re.I)
    return _COURTESY.sub("", text).rstrip(".") if text else ""
