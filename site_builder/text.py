"""text: slugs and summaries, the small text transformations several stages share."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Container

from anyascii import anyascii

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
UNICODE_SLUG_PATTERN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_MARKUP = re.compile(r"<[^>]+>|[*_`#>]|!?\[([^\]]*)\]\([^)]*\)")


SLUG_STYLES = ("ascii", "unicode")  # site.toml's `slugs`: transliterated, or in the headline's script
# Symbols that tell names apart ("C++", "C#", "AT&T"): a term's slug spells them out.
_SYMBOL_WORDS = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "}
_SYMBOLS = re.compile("|".join(re.escape(symbol) for symbol in _SYMBOL_WORDS))


# Characters no XML document (a feed, a sitemap) may hold and HTML calls errors: C0 and C1
# controls but tab, newline and carriage return, the non-characters U+FFFE and U+FFFF, and lone
# surrogates (which a YAML escape can make). Pasted wire copy carries them.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A form feed or vertical tab (an old wire service's page break) separates words.
_SPACED = str.maketrans({"\x0b": " ", "\x0c": " "})


def without_controls(text: str) -> str:
    """`text` without control characters (form feeds and vertical tabs become spaces)."""
    if not _CONTROLS.search(text):  # nearly always: one scan in C
        return text
    return _CONTROLS.sub("", text.translate(_SPACED))


@functools.lru_cache(maxsize=65536)  # term names repeat across thousands of articles
def slugify(text: str, max_length: int = 80, style: str = "ascii", symbols: bool = False) -> str:
    """Lowercase words joined by hyphens, cut at a word boundary; '' when the text has no letter
    or digit. `style` "ascii" transliterates any script (Москва -> moskva); "unicode" keeps it
    (москва). `symbols` spells out +, #, & and @, so that "C++" and "C" get slugs of their own.
    The one slug rule: `new`, the importer, parse (a missing slug) and term pages share it."""
    words = slug_words(text, style, symbols)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")


def slug_words(text: str, style: str = "ascii", symbols: bool = False) -> list[str]:
    if symbols:
        text = _SYMBOLS.sub(lambda match: _SYMBOL_WORDS[match.group()], text)
    text = re.sub(r"['\u2019`\u02bc]", "", text)  # an apostrophe joins ("Takaichi's" -> takaichis)
    if style == "unicode":
        return re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold())
    return re.findall(r"[a-z0-9]+", re.sub(r"['`]", "", anyascii(text)).lower())


def is_slug(text: str, style: str = "ascii") -> bool:
    """Whether `text` may be written as an article's `slug`."""
    if style == "unicode":
        return bool(UNICODE_SLUG_PATTERN.fullmatch(text)) and text == text.casefold()
    return bool(SLUG_PATTERN.fullmatch(text))


def unique_slug(base: str, taken: Container[str]) -> str:
    """The base slug, or base-2, base-3, ... whichever is not taken yet."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def first_paragraph(markdown_text: str) -> str:
    """The first prose paragraph of a Markdown body, as plain text."""
    for block in re.split(r"\n\s*\n", markdown_text.strip()):
        block = block.strip()
        if block and not block.startswith(("#", "- ", "* ", "|", "<", "!")):
            return " ".join(_MARKUP.sub(lambda m: m.group(1) or "", block).split())
    return ""


def summarize(markdown_text: str, limit: int = 300) -> str:
    """A standfirst: the first paragraph, cut after a sentence (or a word) within `limit`."""
    paragraph = first_paragraph(markdown_text)
    if len(paragraph) <= limit:
        return paragraph
    sentences = re.split(r"(?<=[.!?])\s+|(?<=[.!?][\"\u201d])\s+", paragraph)
    summary = ""
    for sentence in sentences:
        if len(summary) + len(sentence) + 1 > limit:
            break
        summary = f"{summary} {sentence}".strip()
    if summary:
        return summary
    return paragraph[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
