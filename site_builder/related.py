"""related: [Article] -> for each article, up to five others that share its subjects."""

from __future__ import annotations

import bisect
import math
from collections import defaultdict

from site_builder.model import Article

# A shared tag says more than a shared region, which says more than a shared broad topic.
WEIGHTS = {"tags": 3.0, "regions": 2.0, "topics": 1.5}
WINDOW = 60  # per term, only the articles nearest in time are candidates: no n^2 on big terms
HALF_LIFE_DAYS = 180.0


def find_related(articles: tuple[Article, ...], limit: int = 5) -> dict[str, tuple[Article, ...]]:
    """`articles` newest first. Scores sum the weights of shared terms, rarer terms count more,
    and closeness in time breaks near-ties."""
    members: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in articles:
        for key in WEIGHTS:
            for name in article.names(key):
                members[(key, name)].append(article)
    stamps = {key: [-a.date.timestamp() for a in found] for key, found in members.items()}
    total = len(articles)
    related = {}
    for article in articles:
        scores: dict[str, float] = defaultdict(float)
        by_url: dict[str, Article] = {}
        for key, weight in WEIGHTS.items():
            for name in article.names(key):
                found = members[(key, name)]
                rarity = math.log(1 + total / len(found))
                middle = bisect.bisect_left(stamps[(key, name)], -article.date.timestamp())
                for other in found[max(0, middle - WINDOW): middle + WINDOW]:
                    if other.url != article.url:
                        scores[other.url] += weight * rarity
                        by_url[other.url] = other
        for url, other in by_url.items():
            days = abs((article.date - other.date).total_seconds()) / 86400
            scores[url] *= 1 + 0.5 * 0.5 ** (days / HALF_LIFE_DAYS)
        best = sorted(scores, key=lambda url: (-scores[url], url))[:limit]
        related[article.url] = tuple(by_url[url] for url in best)
    return related
