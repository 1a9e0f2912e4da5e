"""moves: the URLs of the last build's articles and this build's articles -> a warning for each
article whose URL moved (a headline edited on an article without a `slug`, a date or slug
changed) with nothing keeping the old address working, and the `aliases:` line that would."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from site_builder.model import Article


def moved_urls(before: Mapping[str, str], articles: Iterable[Article]) -> tuple[str, ...]:
    """`before`: the last build's article files -> their URLs."""
    warnings = []
    for article in articles:
        old = before.get(article.path)
        if old is None or old == article.url or old in article.aliases:
            continue
        line = json.dumps([f"/{alias}" for alias in (*article.aliases, old)], ensure_ascii=False)
        warnings.append(f"{article.path}: warning: its URL moved from /{old} to /{article.url}; "
                        f"to keep the old one working, add to its front matter: aliases: {line}")
    return tuple(sorted(warnings))
