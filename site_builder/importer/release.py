"""release: an article's body lines -> its header lines, its body proper and its end matter, each dropped line with why.

Press releases open with lines that describe the release (FOR IMMEDIATE RELEASE, a release
number, the issuer, a date, a contact) and end with lines about it (an end mark such as ###,
media contacts, "About ..." boilerplate, "Last updated"): none of them is the article's text."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.importer.dates import find_full_dates
from site_builder.importer.organisations import ORG_WORDS, respell_capitals
from site_builder.importer.text import ends_sentence, word_count

# A line that ends the release: everything after it is about the release, not in it.
END_MARK = re.compile(
    r"^[\[(*\s-]*(?:#(?:\s*#)*|[-–—]+\s*30\s*[-–—]+|(?:###\s*)?(?:END|ENDS|End|Ends|end|ends)(?:\s*###)?\.?|\*{3,}|XXX)"
    r"[\])*\s-]*$|^End of (?:Media |Press |News )?(?:Release|Announcement)\.?$|^[-–—]+\s*(?:END|ENDS)\s*[-–—]+$"
    # AP's "___" before its notes; AFP's desk slug ("jm/sst", "burs-bc/lth").
    r"|^_{3,}$|^(?:burs-)?[a-z]{2,4}(?:-[a-z]{2,4})?(?:/[a-z]{2,4})+$")
_HEADER_LABEL = re.compile(
    r"^(?:FOR IMMEDIATE RELEASE|For Immediate Release|IMMEDIATE RELEASE|(?:NEWS|PRESS|MEDIA) (?:RELEASE|ADVISORY|NOTE|STATEMENT)"
    r"|(?:News|Press|Media) (?:[Rr]elease|[Aa]dvisory|[Nn]ote|[Ss]tatement)s?|(?:RELEASE|Release)(?: (?:NO\.?|No\.?|[Nn]umber))?:?\s*#?[\w./-]*\d[\w./-]*"
    r"|(?:Press |News )?[Rr]elease (?:[Nn]o\.?|[Nn]umber|#)\s*:?\s*\S+|(?:PRESS |NEWS )?RELEASE (?:NO\.?|NUMBER|#)\s*:?\s*\S+|"
    r"ATTENTION:.*|Attention:.*|(?:PRESS|NEWS|Press|News) (?:RELEASE|[Rr]elease)\s+[\w/.-]*\d[\w/.-]*|EMBARGOED\b.*|Embargoed\b.*|For release\b.*|FOR RELEASE\b.*"
    r"|(?:Release|Publication|Issue|Posted|Published|Date|Dated|Released|Issued)(?: [Dd]ate)?\s*:.*"
    r"|Office of (?:the )?(?:Spokesperson|Press Secretary|Public Affairs|Communications)|Statement|STATEMENT"
    # A name and a label: "NIH News Release", "Meetings Coverage and Press Releases".
    r"|[A-Z][\w&.' -]{0,60}\b(?:(?i:news|press|media) (?i:releases?|advisory|statement))"
    # Distribution services' lines: "EQS-News: Acme AG / Key word(s): Study results".
    r"|(?:EQS|DGAP|ots|OTS|ANP|NTB|APA)(?:-[A-Za-z]+)?:.*)\.?$")
# "14 March 2024 | News release", "European Commission - Press release": a label joined to other header words.
_JOINED_LABEL = re.compile(r"(?:^|\s[|–—-]\s)(?:News|Press|Media) (?:[Rr]elease|[Aa]dvisory|[Nn]ote)(?:\s[|–—-]\s|$)")
# Lines that open a block about the release, at its end.
_END_OPENER = re.compile(
    r"^(?:(?:Media|Press|News)\s+(?:[Cc]ontacts?|[Ee]nquiries|[Ii]nquiries|[Oo]ffice|[Rr]elations)\b.*|Contacts?\b:?.*"
    r"|CONTACTS?\b.*|Contact [Ii]nformation\b.*|For (?:further|more) information\b.*|For media (?:enquiries|inquiries)\b.*"
    r"|Notes? (?:to|for) [Ee]ditors?\b.*|NOTES? TO EDITORS\b.*|Editor'?s? [Nn]otes?:?.*|SOURCE\s+\S.*|Source:\s+\S.*"
    r"|Issued by\b.*|Released by\b.*|Content source:.*|(?:Page )?[Ll]ast (?:[Uu]pdated|[Rr]eviewed|[Mm]odified)\b.*"
    r"|(?:Page|Content) (?:last )?(?:[Uu]pdated|[Rr]eviewed|[Mm]odified)\b.*|Updated:? (?:on )?\S.*|Reviewed:? \S.*"
    r"|Writer:.*|Editor:.*|Written by:.*|Follow us\b.*|General public inquiries\b.*|Press [Rr]elease [Nn]umber\b.*"
    r"|Topics?|Components?|Related (?:[Ll]inks|[Cc]ontent)|Forward-[Ll]ooking [Ss]tatements?|Investor (?:[Cc]ontacts?|[Rr]elations)\b.*"
    r"|About (?:the )?[A-Z][^:]{2,80}:\s.*|For information media\b.*|Issuer:.*|Language:.*|Key word\(?s\)?:.*"
    r"|Our Standards:.*|©.*|\(c\)\s.*|Copyright\b.*|Follow \S.*\bon\b.*|Safe [Hh]arbor\b.*"
    r"|(?:Posted|Published|Released|Issued)(?: on)?:?\s+\S.*\d{4}\.?)$")
# Openers after which everything is the release's boilerplate, however long its paragraphs.
_STRONG_OPENER = re.compile(r"^(?:Forward-[Ll]ooking [Ss]tatements?|FORWARD-LOOKING STATEMENTS?|Safe [Hh]arbor(?: [Ss]tatement)?|"
                            r"Notes? (?:to|for) [Ee]ditors?|NOTES? TO EDITORS|Cautionary [Ss]tatement.*|Disclaimer)\s*:?$")
_POSTED = re.compile(r"^(?:Posted|Published|Released|Issued|Date|Dated)\b(?: on)?:?\s", re.I)
_UPDATE = re.compile(r"\b(?:[Uu]pdated|UPDATED|[Rr]eviewed|[Mm]odified|[Rr]evised|[Cc]orrected)\b")
_ABOUT = re.compile(r"^About (?:the )?(?P<name>[A-Z][\w.&'’-]*(?:\s+(?:of|for|and|the|&)?\s*[A-Z0-9][\w.&'’-]*)*)$")
_PHONE = re.compile(r"(?:\+?\d[\d ().-]{7,}\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Document numbers: "IP/24/1432", "SC/15678", "GA/12345/Rev.1".
_DOCUMENT_NUMBER = re.compile(r"^[A-Z]{1,6}(?:/[A-Z0-9.]+)*/\d{2,}(?:/[\w.]+)?$")
@dataclass(frozen=True)
class Line:
    """One line of a dump and its 1-based number (0: none)."""

    text: str
    number: int


@dataclass(frozen=True)
class ReleaseParts:
    """A body cut in three: the header's lines, the text proper, the end matter; dropped lines say why."""

    header: tuple[Line, ...]
    body: tuple[Line, ...]
    end: tuple[Line, ...]
    dropped: tuple[tuple[Line, str], ...]


def split_release(lines: Sequence[str], numbers: Sequence[int]) -> ReleaseParts:
    """Header lines before the first paragraph, end matter after the last; blank lines are kept in the body."""
    numbered = [Line(text, number) for text, number in zip(lines, list(numbers) + [0] * len(lines))]
    header_end = _header_length(numbered)
    end_start = _end_start(numbered, header_end)
    header = tuple(line for line in numbered[:header_end] if line.text)
    end = tuple(line for line in numbered[end_start:] if line.text)
    dropped = [(line, "dropped: a header line of the release") for line in header]
    dropped += [(line, "dropped: end matter (after the release's text: contacts, notes, end marks)") for line in end]
    return ReleaseParts(header, tuple(numbered[header_end:end_start]), end, tuple(dropped))


def header_date(header: Sequence[Line]) -> tuple[datetime.date, Line] | None:
    """The release's own date from its header: a date line or a labelled date, never an update or review line."""
    for line in header:
        if _UPDATE.search(line.text):
            continue
        dates = find_full_dates(line.text)
        if dates and (is_date_line(line.text) or _HEADER_LABEL.match(line.text)):
            return dates[0][0], line
    return None


def footer_date(end: Sequence[Line]) -> tuple[datetime.date, Line] | None:
    """A date the end matter labels as the release's ("Posted on May 3, 2024"), never an update or review line."""
    for line in end:
        dates = find_full_dates(line.text)
        if dates and _POSTED.match(line.text) and not _UPDATE.search(line.text):
            return dates[0][0], line
    return None


def is_label_line(text: str) -> bool:
    """A line that labels or dates a release ("FOR IMMEDIATE RELEASE", "Release No. 12", "May 6, 2024"); never a
    headline. Unlike is_header_line it leaves out organisations' names, which title-cased headlines look like."""
    return bool(_HEADER_LABEL.match(text) or _JOINED_LABEL.search(text) or _DOCUMENT_NUMBER.match(text)) or is_date_line(text)


def is_header_line(text: str) -> bool:
    """A line that describes the release rather than telling its story (label, number, date, issuer)."""
    if _HEADER_LABEL.match(text) or _JOINED_LABEL.search(text) or _DOCUMENT_NUMBER.match(text):
        return True
    return is_date_line(text) or is_organisation_line(text)


def is_date_line(text: str) -> bool:
    """A line that is a date, perhaps with a weekday, a time, a place or an issuer, but no sentence."""
    dates = find_full_dates(text)
    if not dates or ends_sentence(text) and word_count(text) > 8:
        return False
    rest = re.sub(r"\b\d{1,2}[:.]\d{2}\b|\b(?:AM|PM|a\.m\.|p\.m\.|[A-Z]{2,4}T)\b", "", text)
    return word_count(rest) <= 16 and not re.search(r"\b(?:said|says|announced|will|is|are|was|were)\b", rest)


def is_organisation_line(text: str) -> bool:
    """A short line that is the name of an organisation (a ministry, an agency, a company)."""
    if ends_sentence(text) and not re.search(r"\b(?:Inc|Corp|Ltd|Co)\.$", text) or word_count(text) > 12:
        return False
    if re.match(r"^(?:By|BY)\s", text):  # a byline may name an office; it is still a byline
        return False
    words = re.findall(r"[\w.'’&-]+", text)
    if not words or not ORG_WORDS.search(respell_capitals(text)) or not text[:1].isupper():
        return False
    # Names capitalise their words; a subheading ("Who was selected") does not.
    lower = [w for w in words if w[:1].islower() and w not in ("of", "for", "and", "the", "on", "in", "de", "du", "des")]
    return not lower


def _header_length(lines: list[Line]) -> int:
    """How many lines open the body before its text: header lines, blank lines, and a contact block."""
    index, in_contact = 0, False
    while index < len(lines):
        text = lines[index].text
        if not text:
            in_contact = False
        elif re.match(r"^(?:Media |Press )?Contacts?\s*:", text, re.I):
            in_contact = True
        elif not (is_header_line(text) or in_contact and _is_contact_detail(text)):
            break
        index += 1
    # A header is only a header when text follows it.
    return index if any(line.text for line in lines[index:]) else 0


def _is_contact_detail(text: str) -> bool:
    return bool(_PHONE.search(text) or _EMAIL.search(text)) or word_count(text) <= 6 and not ends_sentence(text)


def _end_start(lines: list[Line], header_end: int) -> int:
    """Where the end matter begins: at an end mark, or earlier, at the first end-matter opener after
    the text's last paragraph that only more end matter follows."""
    texts = [(index, line.text) for index, line in enumerate(lines) if line.text and index >= header_end]
    if not texts:
        return len(lines)
    start = next((i for position, (i, text) in enumerate(texts)
                  if position and (END_MARK.match(text) or _STRONG_OPENER.match(text))), len(lines))
    before_mark = [(index, text) for index, text in texts if index < start]
    # Walk back from the end (or the mark) while lines are end matter; an opener marks where it begins.
    for position in range(len(before_mark) - 1, 0, -1):
        index, text = before_mark[position]
        if _opens_end_matter(text, before_mark, position):
            start = index
        elif not _is_end_detail(text):
            break
    return start


def _opens_end_matter(text: str, texts: list[tuple[int, str]], position: int) -> bool:
    if _END_OPENER.match(text) or _DOCUMENT_NUMBER.match(text):
        return True
    about = _ABOUT.match(text)
    if about and position + 1 < len(texts):
        # "About Acme" opens boilerplate when the paragraph after it talks about Acme.
        name = about.group("name").split()[0]
        return texts[position + 1][1].startswith((name, f"The {name}"))
    return False


def _is_end_detail(text: str) -> bool:
    """A line that may sit inside end matter: contact details, names, short notes, numbered notes."""
    if _PHONE.search(text) or _EMAIL.search(text) or _END_OPENER.match(text) or _ABOUT.match(text):
        return True
    if re.match(r"^\d{1,2}[.)]\s", text) or is_organisation_line(text):
        return True
    return word_count(text) <= 8 and not ends_sentence(text) or word_count(text) <= 40 and _is_boilerplate(text)


def _is_boilerplate(text: str) -> bool:
    # "UNICEF works in ...", "Nordvik ASA is a ...", "FEMA's mission is ...": an issuer describing itself.
    return bool(re.match(r"^(?:The )?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*(?:'s|’s)?\s+(?:is|are|works|develops|"
                         r"operates|was founded|mission is|provides|serves|helps)\b", text))
