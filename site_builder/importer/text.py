"""text: clean lines, plus the sentence and punctuation tests every rule shares."""

from __future__ import annotations

import re
import unicodedata

# Closing quotes and brackets may follow the sentence-final mark: `said.”` ends a sentence.
_CLOSERS = "\"'”’»)]"
_FINAL_MARKS = ".!?…"
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "sen", "rep", "gov",
    "st", "jr", "sr", "inc", "corp", "ltd", "co", "no", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e",
    "a.m", "p.m", "mt", "ft", "adm", "maj", "pres", "rev", "fig", "approx",
}
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9])")


def clean_line(line: str) -> str:
    """A line without trailing spaces, tabs turned to spaces, invisible characters dropped."""
    if not (line.isascii() and line.isprintable()):  # the common case has nothing to drop
        line = "".join(ch for ch in line if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\t")
    line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
    # Scraped copy sometimes detaches a possessive ("Takaichi 's"); typography then reads
    # the apostrophe as an opening quote.
    return re.sub(r"(?<=\w) (['\u2019]s)\b", r"\1", line)


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence-final punctuation (closing quotes allowed after it)."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _FINAL_MARKS


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations and initials do not end a sentence."""
    pieces = _SENTENCE_BREAK.split(text.strip())
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ends_with_abbreviation(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return [s.strip() for s in sentences if s.strip()]


def _ends_with_abbreviation(sentence: str) -> bool:
    match = re.search(r"(?:^|\s)([A-Za-z.]+)\.$", sentence.rstrip(_CLOSERS))
    if not match:
        return False
    word = match.group(1).lower()
    return word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word) is not None


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def normalise_quotes(text: str) -> str:
    """Straight-quote form of a text, for comparing lines that differ only in quote style."""
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
    return re.sub(r"\s+", " ", text.translate(table)).strip().casefold()


def looks_like_title(line: str, max_words: int = 20) -> bool:
    """A line shaped like a headline or subheading: short, capitalised, no sentence-final full stop."""
    if not line or word_count(line) > max_words or len(line) > 160:
        return False
    if line[0] in "-*•·–" or re.match(r"\d+[.)]\s", line):
        return False
    first = line.lstrip("\"'“‘«(")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    stripped = line.rstrip().rstrip(_CLOSERS)
    return not stripped.endswith((".", ",", ";", ":", "…"))
