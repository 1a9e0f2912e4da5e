"""links: a built site folder -> the internal links in its pages that lead nowhere."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
                    ("source", "src"), ("form", "action")}


@dataclass(frozen=True)
class BrokenLink:
    page: str  # output-relative path of the page
    target: str  # the link as written

    def __str__(self) -> str:
        return f"{self.page}: broken link -> {self.target}"


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if tag == "base" and name == "href":
                self.base = value
            elif (tag, name) in _LINK_ATTRIBUTES and value is not None:
                self.links.append(value)


def page_links(html: str) -> tuple[list[str], str | None]:
    """Every link-like attribute of a page, and its <base href> if any."""
    collector = _LinkCollector()
    collector.feed(html)
    return collector.links, collector.base


def find_broken_links(site: Path) -> Iterator[BrokenLink]:
    """Internal links are relative ones; a folder link needs its index.html."""
    for page in sorted(site.rglob("*.html")):
        relpage = page.relative_to(site).as_posix()
        links, base = page_links(page.read_text(encoding="utf-8"))
        # A page with <base> (a template of the site's own may set one) resolves its links from the site root.
        folder = "" if base else posixpath.dirname(relpage)
        for link in links:
            if not _resolves(site, folder, link):
                yield BrokenLink(relpage, link)


def _resolves(site: Path, folder: str, link: str) -> bool:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:")) or not parts.path:
        return True  # external, or a fragment of the same page
    if parts.path.startswith("/"):
        return False  # root-relative links break under a subpath and from disk
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if target.startswith(".."):
        return False
    path = site / target
    return (path / "index.html").is_file() if parts.path.endswith("/") or path.is_dir() else path.is_file()
