"""revise: a Site and edited articles that stay where they were (same URL, date and terms) -> a
new Site with the edited ones in their places, the old site left as it was. What the dev server
draws ahead of a rebuild: this costs what the edits touch, not what the archive holds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping

from site_builder.catalog.related import RelatedArticles
from site_builder.model import Article, Month, Site, Taxonomy, Year

Swap = Callable[[tuple[Article, ...]], tuple[Article, ...]]


def revise(site: Site, edited: Mapping[str, Article]) -> Site:
    """`edited`: URL -> the article that takes the place of the one at that URL."""

    def swap(articles: tuple[Article, ...]) -> tuple[Article, ...]:
        return tuple(edited.get(a.url, a) for a in articles)

    related = site.related
    if isinstance(related, RelatedArticles):
        related = related.with_articles(edited)
    authors = _revise_taxonomy(site.authors, edited, swap) if site.authors is not None else None
    stories = tuple(dataclasses.replace(s, articles=swap(s.articles)) if edited.keys() & s.places else s
                    for s in site.stories)
    return dataclasses.replace(site, articles=swap(site.articles),
                               taxonomies=tuple(_revise_taxonomy(t, edited, swap) for t in site.taxonomies),
                               years=tuple(_revise_year(y, edited, swap) for y in site.years), related=related,
                               authors=authors, stories=stories)


def _revise_taxonomy(taxonomy: Taxonomy, edited: Mapping[str, Article], swap: Swap) -> Taxonomy:
    touched = {id(term) for article in edited.values() for term in taxonomy.terms_of(article)}
    if not touched:
        return taxonomy
    new = {id(term): dataclasses.replace(term, articles=swap(term.articles)) for term in taxonomy.terms
           if id(term) in touched}
    by_name = {name: new.get(id(term), term) for name, term in taxonomy.by_name.items()}
    return dataclasses.replace(taxonomy, terms=tuple(new.get(id(t), t) for t in taxonomy.terms), by_name=by_name)


def _revise_year(year: Year, edited: Mapping[str, Article], swap: Swap) -> Year:
    dates = {a.date.date() for a in edited.values() if a.date.year == year.year}
    if not dates:
        return year
    months = tuple(_revise_month(m, dates, swap) if any(d.month == m.month for d in dates) else m
                   for m in year.months)
    return dataclasses.replace(year, months=months)


def _revise_month(month: Month, dates: set[dt.date], swap: Swap) -> Month:
    days = tuple(dataclasses.replace(day, articles=swap(day.articles)) if day.date in dates else day
                 for day in month.days)
    return dataclasses.replace(month, days=days)

