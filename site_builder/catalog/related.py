"""related: [Article] -> for each article, up to five earlier ones that share its subjects
("Earlier coverage"), newest first. An article's list is drawn from the articles before it
alone, and weighs its terms by how rare they were then: a later article never changes it. One
shared term is not enough (a person mentioned in passing links unrelated stories): an earlier
article shares at least two of its topics, tags and regions.

Each article's list is keyed by a hash of the archive up to it (a chain over the articles in
date order), so a build finds again the lists of every article before the first change and
works out only those after it: a day's news costs its own articles' lists.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, insort
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from operator import itemgetter

from site_builder.model import Article
from site_builder.pool import run_all

# A shared tag says more than a shared region, which says more than a shared broad topic.
WEIGHTS = {"tags": 3.0, "regions": 2.0, "topics": 1.5}
WINDOW = 30  # per term, only the latest earlier articles are candidates: no n^2 on big terms
HALF_LIFE_SECONDS = 180 * 86400
NEARNESS = 0.5  # closeness in time multiplies a score by 1 to 1 + NEARNESS
CHUNK = 500  # articles per task when the work is spread over processes
MIN_SHARED = 2  # terms an earlier article must share to be related

Lists = dict[str, tuple[str, ...]]


def find_related(articles: Sequence[Article], known: Mapping[str, tuple[str, ...]] | None = None,
                 limit: int = 5, jobs: int = 1) -> tuple[Lists, Lists]:
    """(URL -> URLs of its related earlier articles, chain key -> that list for the next build).
    `articles`: newest first. `known`: what an earlier build returned as its second value."""
    known = known or {}
    order = list(reversed(articles))  # oldest first: "earlier" is a lower index
    chains = _chains(order)
    todo = [i for i, chain in enumerate(chains) if chain not in known]
    found: dict[int, tuple[str, ...]] = {}
    if todo:
        candidates = _Candidates.of(order, limit, [order[i] for i in todo])
        chunks = [todo[start: start + CHUNK] for start in range(0, len(todo), CHUNK)]
        for part in run_all(partial(_related_in, candidates), chunks, jobs, min_items=2):
            found.update(part)
    lists = {i: found[i] if i in found else known[chain] for i, chain in enumerate(chains)}
    return ({order[i].url: urls for i, urls in lists.items()},
            {chains[i]: urls for i, urls in lists.items()})


def _chains(order: list[Article]) -> list[str]:
    """For each article, a hash of it and every article before it: all its list depends on."""
    chains, previous = [], b""
    for article in order:
        shown = (article.url, article.timestamp, article.topics, article.tags, article.regions)
        previous = hashlib.blake2b(previous + repr(shown).encode(), digest_size=16).digest()
        chains.append(previous.hex())
    return chains


@dataclass(frozen=True)
class _Candidates:
    """The articles, oldest first, as numbers: their URLs and times, each one's terms with
    their weight, and each term's articles in date order."""

    urls: list[str]
    stamps: list[float]
    terms_of: list[list[int]]
    members: list[list[int]]  # term number -> article indexes, ascending
    base: list[float]  # term number -> the weight of its kind
    limit: int

    @classmethod
    def of(cls, order: list[Article], limit: int, scored: list[Article]) -> _Candidates:
        """`scored`: the articles whose lists are wanted. Only their terms are numbered: a
        day's news needs a few dozen of the archive's thousands."""
        ids: dict[tuple[str, str], int] = {}  # terms are numbered, not hashed
        wanted = {(key, name) for article in scored for key in WEIGHTS for name in article.names(key)}
        members: list[list[int]] = []
        base: list[float] = []
        terms_of: list[list[int]] = []
        for i, article in enumerate(order):
            terms = []
            for key, weight in WEIGHTS.items():
                for name in article.names(key):
                    if (key, name) not in wanted:
                        continue
                    term = ids.setdefault((key, name), len(ids))
                    if term == len(members):
                        members.append([])
                        base.append(weight)
                    if not members[term] or members[term][-1] != i:
                        members[term].append(i)
                        terms.append(term)
            terms_of.append(terms)
        return cls([a.url for a in order], [a.timestamp for a in order], terms_of, members,
                   base, limit)


def _related_in(candidates: _Candidates, chunk: list[int]) -> dict[int, tuple[str, ...]]:
    # Hot loop: about 150 score updates an article, so names are local and terms are numbers.
    urls, stamps, members, base = candidates.urls, candidates.stamps, candidates.members, candidates.base
    top_factor = 1 + NEARNESS
    related = {}
    for i in chunk:
        scores: dict[int, float] = {}
        shared: dict[int, int] = {}
        get, count = scores.get, shared.get
        for term in candidates.terms_of[i]:
            found = members[term]
            before = bisect_left(found, i)  # the term's articles earlier than this one
            # Rarer terms count more, as rare as they were when this article appeared.
            weight = base[term] * math.log(1 + (i + 1) / (before + 1))
            for j in found[max(0, before - WINDOW): before]:
                scores[j] = get(j, 0.0) + weight
                shared[j] = count(j, 0) + 1
        related_enough = {j: score for j, score in scores.items() if shared[j] >= MIN_SHARED}
        best = _best(related_enough, stamps[i], stamps, urls, candidates.limit, top_factor)
        # Shown newest first, as a reader follows a story back in time.
        best.sort(key=lambda j: (-stamps[j], urls[j]))
        related[i] = tuple(urls[j] for j in best)
    return related


def _best(scores: dict[int, float], stamp: float, stamps: Sequence[float], urls: Sequence[str],
          limit: int, top_factor: float) -> list[int]:
    """The `limit` best by score times nearness in time, ties by URL. Candidates are taken by
    falling score; once even full nearness cannot lift one past the limit-th, none can."""
    kept: list[tuple[float, str, int]] = []  # (-final, url, j): best first
    for j, score in sorted(scores.items(), key=itemgetter(1), reverse=True):
        if len(kept) == limit and score * top_factor < -kept[-1][0] * (1 - 1e-9):
            break
        final = score * (1 + NEARNESS * 0.5 ** (abs(stamp - stamps[j]) / HALF_LIFE_SECONDS))
        entry = (-final, urls[j], j)
        if len(kept) < limit or entry < kept[-1]:
            insort(kept, entry)
            del kept[limit:]
    return [j for _, _, j in kept]


class RelatedArticles(Mapping[str, tuple[Article, ...]]):
    """URL -> its related articles, looked up when asked: each page asks once, and making every
    tuple ahead would cost each build time in proportion to the archive."""

    def __init__(self, lists: Mapping[str, tuple[str, ...]], by_url: Mapping[str, Article]):
        self._lists, self._by_url = lists, by_url

    def __getitem__(self, url: str) -> tuple[Article, ...]:
        by_url = self._by_url
        return tuple(by_url[u] for u in self._lists[url] if u in by_url)

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)

    def with_articles(self, edited: Mapping[str, Article]) -> RelatedArticles:
        """The same lists, showing `edited` (URL -> article) in place of the articles there."""
        return RelatedArticles(self._lists, {**self._by_url, **edited})
