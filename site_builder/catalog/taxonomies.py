"""taxonomies: [Article] newest first -> its taxonomies (topics, regions, tags, sources), each term
with its articles."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from site_builder.errors import ContentError, Problem
from site_builder.model import Article, Taxonomy, Term
from site_builder.text import slugify

# (front matter field, page title, URL folder), in the order the navigation shows them
TAXONOMIES = (
    ("topics", "Topics", "topics"),
    ("regions", "Regions", "regions"),
    ("tags", "Tags", "tags"),
    ("source", "Sources", "sources"),
)


def build_taxonomies(articles: tuple[Article, ...], min_articles_for_tag_page: int = 1,
                     slug_style: str = "ascii") -> tuple[Taxonomy, ...]:
    """`articles` newest first; a tag needs `min_articles_for_tag_page` articles for a page.
    Two names whose pages would be one (the same slug, not the same name but for case and
    spaces) raise a ContentError naming a file of each."""
    built = [_taxonomy(key, title, folder, articles, min_articles_for_tag_page if key == "tags" else 1, slug_style)
             for key, title, folder in TAXONOMIES]
    problems = [problem for _, found in built for problem in found]
    if problems:
        raise ContentError(problems)
    return tuple(taxonomy for taxonomy, _ in built)


def term_slug(name: str, style: str = "ascii") -> str:
    """A term's slug: symbols spelled out, so that "C++", "C#" and "C" get pages of their own; a
    name with no letter or digit at all (an emoji) gets one made from its hash."""
    return slugify(name, style=style, symbols=True) or "t-" + hashlib.blake2b(name.encode(), digest_size=4).hexdigest()


def _same_name(name: str) -> str:
    """Spellings of one name: "NATO" and "Nato", "Donald  Trump" and "Donald Trump"."""
    return " ".join(name.casefold().split())


def build_authors(articles: tuple[Article, ...], slug_style: str = "ascii") -> Taxonomy:
    """Bylines as a taxonomy of their own (`/authors/`, `/authors/<slug>/`), every author paged;
    two bylines that would share a page raise a ContentError, as terms do."""
    authors, problems = _taxonomy("authors", "Authors", "authors", articles, 1, slug_style)
    if problems:
        raise ContentError(problems)
    return authors


def _taxonomy(key: str, title: str, folder: str, articles: tuple[Article, ...],
              min_for_page: int, style: str) -> tuple[Taxonomy, list[Problem]]:
    by_slug: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    found_in: dict[tuple[str, str], str] = {}  # (slug, name) -> an article's file, for messages
    for article in articles:
        for name in article.names(key):
            slug = term_slug(name, style)
            if not by_slug[slug] or by_slug[slug][-1] is not article:
                by_slug[slug].append(article)
            names[slug][name] += 1
            found_in.setdefault((slug, _same_name(name)), article.path)
    problems = _shared_pages(key, folder, names, found_in, style)
    terms = [
        Term(
            # "NATO" and "Nato" are one name: the spelling used most names the term.
            name=max(names[slug].items(), key=lambda item: (item[1], item[0]))[0],
            slug=slug,
            url=f"{folder}/{slug}/" if len(found) >= min_for_page else f"{folder}/#{slug}",
            articles=tuple(found),
            has_page=len(found) >= min_for_page,
        )
        for slug, found in by_slug.items()
    ]
    terms.sort(key=lambda t: t.name.casefold())
    by_slug_term = {t.slug: t for t in terms}
    by_name = {name: by_slug_term[slug] for slug, spellings in names.items() for name in spellings}
    return Taxonomy(key=key, title=title, url=f"{folder}/", terms=tuple(terms), by_name=by_name), problems


def _shared_pages(key: str, folder: str, names: dict[str, dict[str, int]], found_in: dict[tuple[str, str], str],
                  style: str) -> list[Problem]:
    """A problem for each slug that distinct names would share."""
    problems = []
    noun = {"source": "source", "topics": "topic", "regions": "region", "tags": "tag", "authors": "author"}[key]
    for slug, spellings in names.items():
        distinct = list(dict.fromkeys(_same_name(name) for name in sorted(spellings)))
        if len(distinct) < 2:
            continue
        first, other = (next(n for n in sorted(spellings) if _same_name(n) == d) for d in distinct[:2])
        hint = ("; set slugs = \"unicode\" to keep each script" if style == "ascii"
                and term_slug(first, "unicode") != term_slug(other, "unicode") else "")
        problems.append(Problem(Path(found_in[(slug, distinct[0])]), None,
                                f"{noun} '{first}' and '{other}' ({found_in[(slug, distinct[1])]}) would share "
                                f"the page /{folder}/{slug}/: spell them alike or rename one{hint}"))
    return problems
