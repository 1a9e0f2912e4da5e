"""links: a built site folder -> the internal links in its pages that lead nowhere; given what an
earlier check kept, only the pages whose bytes changed are read as HTML again."""

from __future__ import annotations

import hashlib
import os
import pickle
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_builder.atomic import replacing

_LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
                    ("source", "src"), ("form", "action")}
# What a page's links lead to, once worked out: (the link as written, the file it needs in the
# site, '' for none (external, a fragment), or None for a link that can never resolve).
Targets = tuple[tuple[str, str | None], ...]
KnownPages = dict[str, tuple[str, Targets]]  # page -> (hash of its bytes, its targets)


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


def find_broken_links(site: Path, known_file: Path | None = None) -> Iterator[BrokenLink]:
    """Internal links are relative ones; a folder link needs its index.html. `known_file`: where
    a check keeps what it worked out of each page, for the next check of the same folder."""
    files = _files_below(site)
    known: KnownPages = _load(known_file) if known_file else {}
    kept: KnownPages = {}
    for relpage in sorted(path for path in files if path.endswith(".html")):
        data = (site / relpage).read_bytes()
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        found = known.get(relpage)
        targets = found[1] if found and found[0] == digest else _targets(relpage, data.decode("utf-8"))
        kept[relpage] = (digest, targets)
        for link, target in targets:
            if target is None or (target and target not in files and f"{target}/index.html" not in files):
                yield BrokenLink(relpage, link)
    if known_file:
        _save(known_file, kept)


def _targets(relpage: str, html: str) -> Targets:
    links, base = page_links(html)
    # A page with <base> (a template of the site's own may set one) resolves its links from the site root.
    folder = "" if base else posixpath.dirname(relpage)
    return tuple((link, _target(folder, link)) for link in links)


def _target(folder: str, link: str) -> str | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:")) or not parts.path:
        return ""  # external, or a fragment of the same page
    if parts.path.startswith("/"):
        return None  # root-relative links break under a subpath and from disk
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if target.startswith(".."):
        return None
    if target == ".":  # the site's root folder
        return "index.html"
    return f"{target}/index.html" if parts.path.endswith("/") else target


def _files_below(site: Path) -> set[str]:
    top = os.fspath(site)
    found = set()
    for folder, _, names in os.walk(top):
        prefix = os.path.relpath(folder, top).replace(os.sep, "/")
        found.update(names if prefix == "." else (f"{prefix}/{name}" for name in names))
    return found


def _load(path: Path) -> KnownPages:
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return {}
    return value if isinstance(value, dict) else {}


def _save(path: Path, known: KnownPages) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path) as handle:
            pickle.dump(known, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a read-only project still checks, only slower next time
