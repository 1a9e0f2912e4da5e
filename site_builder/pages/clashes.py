"""clashes: the pages planned and the files copied as they are -> a problem for each URL two of them
claim: an alias or a standalone page at another page's URL, a file of the site's static/ where
the build makes one. Each names the file that asked for the URL, and what else is there."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from site_builder.errors import Problem
from site_builder.model import Page

# What a page the build makes of its own accord is, in a message.
_KINDS = {"home": "the home page", "terms": "an index", "term": "a listing", "feed": "a feed",
          "sitemap": "a sitemap", "robots": "robots.txt", "404": "the 'not found' page", "search": "the search page",
          "archive": "the archive", "archive-year": "the archive", "archive-month": "the archive",
          "archive-day": "the archive", "forward": "a listing's next page", "story": "a story's page",
          "stories": "the stories' index", "corrections": "the corrections page", "redirects": "the redirects file"}


def url_clashes(pages: Iterable[Page], static: Mapping[str, str], theme_static: Mapping[str, object]) -> list[Problem]:
    """`static`: the site's static files, path in the site -> path below the root;
    `theme_static`: the theme's, by path in the site."""
    by_path: dict[str, list[Page]] = {}
    for page in pages:
        by_path.setdefault(page.output_path, []).append(page)
    problems = []
    for path, claims in sorted(by_path.items()):
        if len(claims) > 1:
            problems += _clash(path, claims)
    folders = {path.rsplit("/", 1)[0] for path in by_path if "/" in path}
    folders |= {folder.rsplit("/", 1)[0] for folder in list(folders) if "/" in folder}
    for path, key in sorted(static.items()):
        if path in by_path:
            problems.append(Problem(Path(key), None, f"clashes with {_what(by_path[path][0])} the build makes at "
                                                      f"/{path}; rename or remove it"))
        elif path in theme_static:
            problems.append(Problem(Path(key), None, f"clashes with the theme's file /{path}; rename or remove it"))
        elif path in folders:
            problems.append(Problem(Path(key), None, f"clashes with the folder /{path}/ of the site's pages; "
                                                      "rename or remove it"))
    return problems


def _clash(path: str, claims: list[Page]) -> list[Problem]:
    """The pages that asked for the URL in their front matter, each told what else is there."""
    problems = []
    for page in claims:
        if not page.source or page.kind == "article":
            continue  # the site's own page, or the article whose URL it is: the other is told
        others = [other for other in claims if other is not page]
        where = f"/{path.removesuffix('index.html')}"
        for other in others:
            if other.source == page.source and other.kind == "article":
                message = f"alias {where} is this article's own URL; remove it"
            elif other.source:
                noun = "the URL of" if other.kind in ("article", "page") else "also an alias in"
                message = f"{_asked(page)} {where} is {noun} {other.source}"
            else:
                message = f"{_asked(page)} {where} is the URL of {_what(other)} the build makes"
            problems.append(Problem(Path(page.source), page.source_line, message))
    return problems


def _asked(page: Page) -> str:
    return "alias" if page.kind == "redirect" else "the page's URL"


def _what(page: Page) -> str:
    if page.kind in ("article", "page") and page.source:
        return f"the page of {page.source}"
    return _KINDS.get(page.kind, "a page")
