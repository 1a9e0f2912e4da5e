"""related: [Article] -> for each article, up to five others that share its subjects."""

from __future__ import annotations

import bisect
import hashlib
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from site_builder.model import Article
from site_builder.pool import run_all

# A shared tag says more than a shared region, which says more than a shared broad topic.
WEIGHTS = {"tags": 3.0, "regions": 2.0, "topics": 1.5}
WINDOW = 30  # per term, only the articles nearest in time are candidates: no n^2 on big terms
HALF_LIFE_SECONDS = 180 * 86400


def related_key(articles: tuple[Article, ...]) -> str:
    """Everything the choice depends on: when it is unchanged, so is every article's list."""
    shown = [(a.url, a.date.timestamp(), a.topics, a.tags, a.regions) for a in articles]
    return hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()


def find_related(articles: tuple[Article, ...], limit: int = 5, jobs: int = 1) -> dict[str, tuple[str, ...]]:
    """URL -> the URLs of its related articles. `articles` newest first. Scores sum the
    weights of shared terms, rarer terms count more, and closeness in time breaks near-ties."""
    members: dict[tuple[str, str], list[int]] = defaultdict(list)  # term -> article indexes, ascending
    terms_of: list[list[tuple[str, str]]] = []
    for i, article in enumerate(articles):
        terms = [(key, name) for key in WEIGHTS for name in article.names(key)]
        terms_of.append(terms)
        for term in terms:
            members[term].append(i)
    total = len(articles)
    index = _Index(
        urls=[a.url for a in articles],
        stamps=[a.date.timestamp() for a in articles],
        terms_of=terms_of,
        members=members,
        weight={term: WEIGHTS[term[0]] * math.log(1 + total / len(found)) for term, found in members.items()},
        limit=limit,
    )
    chunks = [range(start, min(start + CHUNK, total)) for start in range(0, total, CHUNK)]
    related: dict[str, tuple[str, ...]] = {}
    for part in run_all(partial(_related_in, index), chunks, jobs, min_items=2):
        related.update(part)
    return related


CHUNK = 500  # articles per task when the work is spread over processes


@dataclass(frozen=True)
class _Index:
    urls: list[str]
    stamps: list[float]
    terms_of: list[list[tuple[str, str]]]
    members: dict[tuple[str, str], list[int]]
    weight: dict[tuple[str, str], float]
    limit: int


def _related_in(index: _Index, chunk: range) -> dict[str, tuple[str, ...]]:
    related = {}
    for i in chunk:
        scores: dict[int, float] = defaultdict(float)
        for term in index.terms_of[i]:
            found = index.members[term]
            middle = bisect.bisect_left(found, i)  # indexes are in date order: neighbours in time
            for j in found[max(0, middle - WINDOW): middle + WINDOW + 1]:
                scores[j] += index.weight[term]
        scores.pop(i, None)
        candidates: Iterable[int] = scores
        if len(scores) > index.limit:
            # Closeness in time multiplies a score by 1 to 1.5, so an article below two thirds
            # of the limit-th best shared-terms score cannot make the list: skip the rest.
            floor = heapq.nlargest(index.limit, scores.values())[-1] / 1.5 * (1 - 1e-9)
            candidates = [j for j, score in scores.items() if score >= floor]
        stamp = index.stamps[i]
        final = {j: scores[j] * (1 + 0.5 * 0.5 ** (abs(stamp - index.stamps[j]) / HALF_LIFE_SECONDS))
                 for j in candidates}
        best = sorted(final, key=lambda j: (-final[j], index.urls[j]))[: index.limit]
        related[index.urls[i]] = tuple(index.urls[j] for j in best)
    return related
