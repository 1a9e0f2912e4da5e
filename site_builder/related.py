"""related: [Article] -> for each article, up to five others that share its subjects."""

from __future__ import annotations

import bisect
import hashlib
import math
from collections import defaultdict

from site_builder.model import Article

# A shared tag says more than a shared region, which says more than a shared broad topic.
WEIGHTS = {"tags": 3.0, "regions": 2.0, "topics": 1.5}
WINDOW = 30  # per term, only the articles nearest in time are candidates: no n^2 on big terms
HALF_LIFE_SECONDS = 180 * 86400


def related_key(articles: tuple[Article, ...]) -> str:
    """Everything the choice depends on: when it is unchanged, so is every article's list."""
    shown = [(a.url, a.date.timestamp(), a.topics, a.tags, a.regions) for a in articles]
    return hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()


def find_related(articles: tuple[Article, ...], limit: int = 5) -> dict[str, tuple[str, ...]]:
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
    weight = {term: WEIGHTS[term[0]] * math.log(1 + total / len(found)) for term, found in members.items()}
    stamps = [a.date.timestamp() for a in articles]
    related = {}
    for i, article in enumerate(articles):
        scores: dict[int, float] = defaultdict(float)
        for term in terms_of[i]:
            found = members[term]
            middle = bisect.bisect_left(found, i)  # indexes are in date order: neighbours in time
            for j in found[max(0, middle - WINDOW): middle + WINDOW + 1]:
                scores[j] += weight[term]
        scores.pop(i, None)
        for j in scores:
            scores[j] *= 1 + 0.5 * 0.5 ** (abs(stamps[i] - stamps[j]) / HALF_LIFE_SECONDS)
        best = sorted(scores, key=lambda j: (-scores[j], articles[j].url))[:limit]
        related[article.url] = tuple(articles[j].url for j in best)
    return related
