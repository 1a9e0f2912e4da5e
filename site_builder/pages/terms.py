"""terms: a taxonomy -> its index page (a big one: the most used first, then A–Z sections a
reader can jump between or filter) and each term's pages and feed."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import attrgetter

from site_builder.config import Config
from site_builder.model import Article, Page, Taxonomy, Term
from site_builder.newsroom import Profile
from site_builder.pages.listing import jump_inputs, listing_pages, month_pages, teasers, term_jump
from site_builder.pages.widgets.countries import group_by_world_region

_MONTH = attrgetter("date.year", "date.month")
FEED_SIZE = 20
BIG_INDEX = 30  # terms from which an index shows the most used first, and A–Z sections
MOST_USED = 20


def taxonomy_pages(taxonomy: Taxonomy, config: Config, templates: tuple[str, str] = ("terms.html", "term.html"),
                   profiles: Mapping[str, Profile] | None = None) -> Iterator[Page]:
    """A taxonomy's index and its terms' pages and feeds; `profiles` (authors'), by term slug,
    are shown on the index and on each term's own page."""
    profiles = profiles or {}
    groups = group_by_world_region(taxonomy.terms, lambda t: t.name) if taxonomy.key == "regions" else None
    big = groups is None and len(taxonomy.terms) >= BIG_INDEX
    listed = tuple(f"{t.token}>{len(t.articles)}>{_version(profiles.get(t.slug))}" if t.has_page
                   else f"{t.token}>{'|'.join(teasers(t.articles))}" for t in taxonomy.terms)
    yield Page(taxonomy.url, templates[0], {
        "title": taxonomy.title, "taxonomy": taxonomy, "groups": groups, "profiles": profiles,
        "most_used": most_used(taxonomy.terms) if big else (),
        "letters": by_letter(taxonomy.terms) if big else (),
    }, inputs=listed, kind="terms")
    for term in taxonomy.terms:
        if term.has_page:
            # Term pages show the count and may picture the term over time, month by month.
            months = Counter(map(_MONTH, term.articles))
            jump = term_jump(term, config.articles_per_page)
            profile = profiles.get(term.slug)
            yield from listing_pages(term.articles, config, term.url, templates[1], term.name, kind="term",
                                     first_page={"jump": jump, "month_pages": month_pages(jump), "profile": profile},
                                     inputs=(str(len(term.articles)), _version(profile),
                                             *(f"{y}-{m}:{n}" for (y, m), n in sorted(months.items())),
                                             *jump_inputs(jump)),
                                     taxonomy=taxonomy, term=term)
            yield from feed(term.feed_url, f"{term.name} · {config.title}", term.url, term.articles)


def feed(url: str, title: str, alternate: str, articles: Sequence[Article]) -> Iterator[Page]:
    latest = tuple(articles[:FEED_SIZE])
    updated = max((a.revised for a in latest), default=None)
    yield Page(url, "atom.xml", {"title": title, "alternate": alternate, "articles": latest,
                                 "updated": updated},
               inputs=(title, alternate, *(a.version for a in latest)), kind="feed")


def _version(profile: Profile | None) -> str:
    return profile.version if profile is not None else "-"


def biggest(terms: Iterable[Term], count: int) -> list[Term]:
    """The terms with a page that have the most articles, ties by name."""
    return sorted((t for t in terms if t.has_page), key=lambda t: (-len(t.articles), t.name))[:count]


def most_used(terms: Sequence[Term], count: int = MOST_USED) -> tuple[Term, ...]:
    return tuple(sorted(terms, key=lambda t: (-len(t.articles), t.name.casefold()))[:count])


def by_letter(terms: Iterable[Term]) -> tuple[tuple[str, tuple[Term, ...]], ...]:
    """The terms (in their order) by the letter they start with: '#' for digits and signs
    first, then A to Z (accents aside: "Élysée" is under E), then other scripts' letters."""
    found: dict[str, list[Term]] = {}
    for term in terms:
        found.setdefault(index_letter(term.name), []).append(term)
    order = sorted(found, key=lambda letter: (letter != "#", not ("A" <= letter <= "Z"), letter))
    return tuple((letter, tuple(found[letter])) for letter in order)


def index_letter(name: str) -> str:
    for char in unicodedata.normalize("NFKD", name):
        if char.isalpha():
            return char.upper()
        if char.isdigit():
            return "#"
    return "#"
