"""scaffold: `site-builder new` -> a new draft article file with today's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from site_builder.discover import ARTICLES_DIR
from site_builder.model import ContentError, Problem
from site_builder.text import slugify


def new_article(root: Path, title: str, today: dt.date) -> Path:
    """Create the file; never overwrites: an existing slug gets -2, -3, ..."""
    base = slugify(title)
    if not base:
        raise ContentError([Problem(Path("<title>"), None, "the headline needs letters or digits")])
    folder = root / ARTICLES_DIR / f"{today:%Y}" / f"{today:%m}"
    folder.mkdir(parents=True, exist_ok=True)
    slug, n = base, 1
    while (folder / f"{slug}.md").exists():
        n += 1
        slug = f"{base}-{n}"
    front = {"title": title, "date": today, "slug": slug, "topics": [], "tags": [],
             "regions": [], "draft": True}
    text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n"
    text += "Write the article here. Remove `draft: true` to publish it.\n"
    path = folder / f"{slug}.md"
    with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        handle.write(text)
    return path.relative_to(root) if path.is_relative_to(root) else path
