"""text: slugs and summaries, the small text transformations several stages share."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Container

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MARKUP = re.compile(r"<[^>]+>|[*_`#>]|!?\[([^\]]*)\]\([^)]*\)")


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


# Letters that Unicode does not decompose into an ASCII letter and a mark.
_TRANSLITERATE = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L"})


@functools.lru_cache(maxsize=65536)  # term names repeat across thousands of articles
def slugify(text: str, max_length: int = 80) -> str:
    """ASCII, lowercase, hyphen-separated; cut at a word boundary. Empty input gives ''.
    The one slug rule: `new`, the importer, parse (a missing slug) and term pages share it."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE)).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['\u2019`]", "", ascii_text.lower())
    words = re.findall(r"[a-z0-9]+", ascii_text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")


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
