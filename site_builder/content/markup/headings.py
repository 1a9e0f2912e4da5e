"""headings: a subheading's text -> its id, the same in both Markdown engines, unique in its body
and never one of the ids the theme gives the page around it."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NOT_IN_IDS = re.compile(r"[^\w\u4e00-\u9fff\- ]")
# The ids the bundled themes give elements of an article's page (the skip link's target, the
# search box, the boxes around the body): a body repeating one would send the skip link, or a
# script, to the wrong element, and make the page invalid HTML. A test checks that this names
# every id the bundled themes write (tests/reliability/test_themes.py).
THEME_IDS = frozenset({
    "analysis-title", "header-q", "jump-title", "latest-title", "main", "most-used-title", "related-title",
    "search", "search-earlier", "search-more", "search-narrow", "search-none", "search-offline",
    "search-order", "search-query",
    "search-results", "search-status", "search-unfilter", "site-assets", "site-root", "term-filter",
    "term-filter-status", "terms-az"})
# An id attribute in a tag, however it is quoted (raw HTML a site trusts keeps its own quoting).
_ID_ATTRIBUTE = re.compile(r"""(<[A-Za-z][^<>]*?\sid=)("[^"]*"|'[^']*'|[^\s"'<>=`]+)""")


def heading_id(title: str) -> str:
    """A heading's id as GitHub makes it ("Who voted?" -> "who-voted"); both engines use it,
    so a link to a subheading survives a change of engine."""
    return _NOT_IN_IDS.sub("", title.lower().replace(" ", "-"))


class HeadingIds:
    """Ids for a body's headings: the first "Update" gets "update", the next "update-1", and so
    on, skipping the ids given already (`taken`) and the theme's. Each base's count is kept, so
    a thousand headings of the same words cost a thousand steps, not half a million."""

    def __init__(self, taken: Iterable[str] = ()):
        self.taken = {*taken, *THEME_IDS}
        self.counts: dict[str, int] = {}

    def unique(self, base: str) -> str:
        count = self.counts.get(base, 0)
        slug = f"{base}-{count}" if count else base
        while slug in self.taken:
            count += 1
            slug = f"{base}-{count}"
        self.counts[base] = count
        self.taken.add(slug)
        return slug


def without_theme_ids(html: str) -> str:
    """A body's HTML with any id the theme uses (raw HTML's `<span id="main">`, an attribute
    list's `{#main}`) given another, unique in the body, and the body's own links to it
    following; headings' ids never need it (HeadingIds)."""
    if "id=" not in html or not any(name in html for name in THEME_IDS):
        return html
    matches = list(_ID_ATTRIBUTE.finditer(html))
    ids = HeadingIds(match.group(2).strip("\"'") for match in matches)
    renamed: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        value = match.group(2).strip("\"'")
        if value not in THEME_IDS:
            return match.group(0)
        renamed.setdefault(value, ids.unique(value))
        return f'{match.group(1)}"{renamed[value]}"'

    html = _ID_ATTRIBUTE.sub(rename, html)
    for old, new in renamed.items():
        html = html.replace(f'href="#{old}"', f'href="#{new}"')
    return html
