"""related: [Article] -> for each article, up to five others that share its subjects."""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from operator import itemgetter

from site_builder.model import Article
from site_builder.pool import run_all

# A shared tag says more than a shared region, which says more than a shared broad topic.
WEIGHTS = {"tags": 3.0, "regions": 2.0, "topics": 1.5}
WINDOW = 30  # per term, only the articles nearest in time are candidates: no n^2 on big terms
HALF_LIFE_SECONDS = 180 * 86400
NEARNESS = 0.5  # closeness in time multiplies a score by 1 to 1 + NEARNESS
CHUNK = 500  # articles per task when the work is spread over processes


def related_key(articles: tuple[Article, ...]) -> str:
    """Everything the choice depends on: when it is unchanged, so is every article's list."""
    shown = [(a.url, a.date.timestamp(), a.topics, a.tags, a.regions) for a in articles]
    return hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()


def find_related(articles: tuple[Article, ...], limit: int = 5, jobs: int = 1) -> dict[str, tuple[str, ...]]:
    """URL -> the URLs of its related articles. `articles` newest first. Scores sum the
    weights of shared terms, rarer terms count more, and closeness in time breaks near-ties."""
    ids: dict[tuple[str, str], int] = {}  # term -> its number; terms are numbered, not hashed
    members: list[list[int]] = []  # term number -> article indexes, ascending
    terms_of: list[list[int]] = []
    for i, article in enumerate(articles):
        terms = []
        for key in WEIGHTS:
            for name in article.names(key):
                term = ids.setdefault((key, name), len(ids))
                if term == len(members):
                    members.append([])
                members[term].append(i)
                terms.append(term)
        terms_of.append(terms)
    total = len(articles)
    weight = [0.0] * len(ids)
    for (key, _), term in ids.items():
        weight[term] = WEIGHTS[key] * math.log(1 + total / len(members[term]))
    index = _Index([a.url for a in articles], [a.date.timestamp() for a in articles],
                   terms_of, members, weight, limit)
    chunks = [range(start, min(start + CHUNK, total)) for start in range(0, total, CHUNK)]
    related: dict[str, tuple[str, ...]] = {}
    for part in run_all(partial(_related_in, index), chunks, jobs, min_items=2):
        related.update(part)
    return related


@dataclass(frozen=True)
class _Index:
    urls: list[str]
    stamps: list[float]
    terms_of: list[list[int]]
    members: list[list[int]]
    weight: list[float]
    limit: int


def _related_in(index: _Index, chunk: range) -> dict[str, tuple[str, ...]]:
    # Hot loop: about 400 score updates an article, so names are local and terms are numbers.
    urls, stamps, members, weight, limit = index.urls, index.stamps, index.members, index.weight, index.limit
    top_factor = 1 + NEARNESS
    related = {}
    for i in chunk:
        scores: dict[int, float] = {}
        get = scores.get
        for term in index.terms_of[i]:
            found = members[term]
            w = weight[term]
            middle = bisect_left(found, i)  # indexes are in date order: neighbours in time
            for j in found[max(0, middle - WINDOW): middle + WINDOW + 1]:
                scores[j] = get(j, 0.0) + w
        scores.pop(i, None)
        related[urls[i]] = tuple(urls[j] for j in _best(scores, stamps[i], stamps, urls, limit, top_factor))
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
