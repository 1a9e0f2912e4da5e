"""redirects: the Site's aliases -> a page at each old address that sends readers (and search
engines, by its canonical link) to the new one, and `_redirects`, the same as rules for hosts
that read that file (Netlify, Cloudflare Pages), with the site's path from `base_url`."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from site_builder.config import Config
from site_builder.model import Page, Site

REDIRECTS_FILE = "_redirects"


def plan_redirects(site: Site, config: Config) -> Iterator[Page]:
    moves = [(alias, a.url, a.title, a.path, a.aliases_line) for a in site.articles for alias in a.aliases]
    moves += [(alias, p.url, p.title, p.path, p.aliases_line) for p in site.pages for alias in p.aliases]
    for alias, target, title, path, line in moves:
        yield Page(alias, "redirect.html", {"title": title, "target": target}, inputs=(target, title),
                   kind="redirect", source=path, source_line=line)
    if moves:
        base = urlsplit(config.base_url).path or "/"
        rules = sorted(rule for alias, target, *_ in moves for rule in _rules(f"{base}{alias}", f"{base}{target}"))
        yield Page(REDIRECTS_FILE, "redirects.txt", {"rules": rules}, inputs=tuple(rules), kind="redirects")


def _rules(old: str, new: str) -> list[str]:
    """A folder's address is written with its slash and without it: readers type both."""
    found = [f"{old} {new} 301"]
    if old.endswith("/") and len(old) > 1:
        found.append(f"{old.rstrip('/')} {new} 301")
    return found
