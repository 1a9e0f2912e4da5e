"""plan: Site -> [Page], one Page per output file, with the template and values that draw it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from site_builder.config import Config
from site_builder.model import Article, Page, Site


@dataclass(frozen=True)
class Paginator:
    """One page of a listing: its items plus where the other pages are."""

    items: tuple[Any, ...]
    number: int  # 1-based
    count: int  # number of pages
    first_url: str  # site-relative URL of page 1

    def url_of(self, number: int) -> str:
        return self.first_url if number == 1 else f"{self.first_url}page/{number}/"

    @property
    def previous_url(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None


def paginate(items: Sequence[Any], per_page: int, first_url: str) -> Iterator[Paginator]:
    """Always at least one page, so an empty listing still has a page that says so."""
    count = max(1, -(-len(items) // per_page))
    for number in range(1, count + 1):
        chunk = tuple(items[(number - 1) * per_page : number * per_page])
        yield Paginator(items=chunk, number=number, count=count, first_url=first_url)


def plan_pages(site: Site, config: Config) -> list[Page]:
    pages: list[Page] = []
    for paginator in paginate(site.articles, config.articles_per_page, ""):
        title = "Latest" if paginator.number == 1 else f"Latest, page {paginator.number}"
        pages.append(Page(paginator.url_of(paginator.number), "home.html",
                          {"title": title, "paginator": paginator}))
    pages.extend(_article_pages(site.articles))
    for taxonomy in site.taxonomies:
        pages.append(Page(taxonomy.url, "terms.html", {"title": taxonomy.title, "taxonomy": taxonomy}))
        for term in taxonomy.terms:
            for paginator in paginate(term.articles, config.articles_per_page, term.url):
                title = term.name if paginator.number == 1 else f"{term.name}, page {paginator.number}"
                pages.append(Page(paginator.url_of(paginator.number), "term.html",
                                  {"title": title, "taxonomy": taxonomy, "term": term,
                                   "paginator": paginator}))
    pages.append(Page("404.html", "404.html", {"title": "Page not found"}))
    return pages


def _article_pages(articles: tuple[Article, ...]) -> Iterator[Page]:
    # `articles` is newest first, so the older neighbour is the next one in the tuple.
    for i, article in enumerate(articles):
        newer = articles[i - 1] if i > 0 else None
        older = articles[i + 1] if i + 1 < len(articles) else None
        yield Page(article.url, "article.html",
                   {"title": article.title, "article": article, "newer": newer, "older": older})
