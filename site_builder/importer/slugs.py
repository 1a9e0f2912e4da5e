"""slugs: a headline -> a stable ASCII slug `[a-z0-9-]+`, made unique against names already taken."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

_MAX_CHARS = 80


def slugify(headline: str) -> str:
    """ASCII, lower case, hyphen-separated, cut at a word boundary; "article" if nothing is left."""
    text = unicodedata.normalize("NFKD", headline.replace("ß", "ss").replace("ø", "o").replace("đ", "d"))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"['’`]", "", text)
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > _MAX_CHARS:
        slug = slug[: _MAX_CHARS + 1].rsplit("-", 1)[0] if "-" in slug[:_MAX_CHARS] else slug[:_MAX_CHARS]
    return slug.strip("-") or "article"


def unique_slug(base: str, taken: Container[str]) -> str:
    """The base slug, or base-2, base-3, ... whichever is not taken yet."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
