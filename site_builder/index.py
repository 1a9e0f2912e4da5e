"""index: [Article] -> Site, with articles ordered newest first and filed under their terms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from site_builder.archive import build_years
from site_builder.model import Article, Site, Taxonomy, Term
from site_builder.related import find_related
from site_builder.text import slugify

# (front matter field, page title, URL folder), in the order the navigation shows them
TAXONOMIES = (
    ("topics", "Topics", "topics"),
    ("regions", "Regions", "regions"),
    ("tags", "Tags", "tags"),
    ("source", "Sources", "sources"),
)


def newest_first(articles: Iterable[Article]) -> tuple[Article, ...]:
    # Ties broken by URL so the order never depends on discovery order.
    return tuple(sorted(articles, key=lambda a: (-a.stamp, a.url)))


def build_site(articles: Iterable[Article], min_articles_for_tag_page: int = 1,
               related: dict[str, tuple[str, ...]] | None = None) -> Site:
    """`related` (URL -> related URLs) may come from related.find_related with what an
    earlier build left; otherwise it is worked out here."""
    ordered = newest_first(articles)
    if related is None:
        related, _ = find_related(ordered)
    by_url = {a.url: a for a in ordered}
    taxonomies = tuple(
        _taxonomy(key, title, folder, ordered, min_articles_for_tag_page if key == "tags" else 1)
        for key, title, folder in TAXONOMIES
    )
    return Site(articles=ordered, taxonomies=taxonomies, years=build_years(ordered),
                related=RelatedArticles(related, by_url))


class RelatedArticles(Mapping[str, tuple[Article, ...]]):
    """URL -> its related articles, looked up when asked: each page asks once, and making all
    10,000 tuples ahead took a fifth of a second of every build."""

    def __init__(self, lists: Mapping[str, tuple[str, ...]], by_url: Mapping[str, Article]):
        self._lists, self._by_url = lists, by_url

    def __getitem__(self, url: str) -> tuple[Article, ...]:
        by_url = self._by_url
        return tuple(by_url[u] for u in self._lists[url] if u in by_url)

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)


def _taxonomy(key: str, title: str, folder: str, articles: tuple[Article, ...],
              min_for_page: int) -> Taxonomy:
    by_slug: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article in articles:
        for name in article.names(key):
            slug = slugify(name) or "untitled"
            if not by_slug[slug] or by_slug[slug][-1] is not article:
                by_slug[slug].append(article)
            names[slug][name] += 1
    terms = [
        Term(
            # "U.S." and "US" share a slug: the spelling used most names the term.
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
    return Taxonomy(key=key, title=title, url=f"{folder}/", terms=tuple(terms), by_name=by_name)
