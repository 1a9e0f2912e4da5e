"""vocabulary: content/vocabulary.toml -> Vocabulary, and article text -> scored topics."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from site_builder.importer.regions import Weighted
from site_builder.importer.report import ImportProblem

_SUFFIXES = "s|es|d|ed|ing|ment|ments|er|ers|ion|ions|al|ly|ist|ists|ism"
_MAX_TOPICS = 4
_MIN_TOPIC_SCORE = 3.0
# A second topic must reach this share of the best topic's score.
_RELATIVE_THRESHOLD = 0.35


@dataclass(frozen=True)
class Vocabulary:
    """Topics with their keywords, tag spellings (alias -> tag) and tags always worth recognising."""

    topics: dict[str, tuple[str, ...]]
    aliases: dict[str, str]
    known_tags: tuple[str, ...]


EMPTY = Vocabulary(topics={}, aliases={}, known_tags=())


def load_vocabulary(path: Path | None) -> Vocabulary:
    """Read a vocabulary file; a missing path means an empty vocabulary, a broken file an ImportProblem."""
    if path is None:
        return EMPTY
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ImportProblem(f"{path}: cannot read vocabulary: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ImportProblem(f"{path}: invalid TOML: {error}") from error
    return _vocabulary(path, data)


def _vocabulary(path: Path, data: dict[str, object]) -> Vocabulary:
    topics_table = data.get("topics", {})
    tags_table = data.get("tags", {})
    if not isinstance(topics_table, dict) or not isinstance(tags_table, dict):
        raise ImportProblem(f"{path}: [topics] and [tags] must be tables")
    topics = {}
    for name, table in topics_table.items():
        keywords = table.get("keywords") if isinstance(table, dict) else None
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise ImportProblem(f"{path}: topics.{name}.keywords must be a list of strings")
        topics[name] = tuple(keywords)
    aliases = tags_table.get("aliases", {})
    known = tags_table.get("known", [])
    if not isinstance(aliases, dict) or not all(isinstance(v, str) for v in aliases.values()):
        raise ImportProblem(f"{path}: tags.aliases must map names to strings")
    if not isinstance(known, list) or not all(isinstance(k, str) for k in known):
        raise ImportProblem(f"{path}: tags.known must be a list of strings")
    return Vocabulary(topics=topics, aliases=dict(aliases), known_tags=tuple(known))


def find_topics(vocabulary: Vocabulary, texts: Sequence[Weighted]) -> tuple[str, ...]:
    """Topics whose keywords weigh enough in the text: the best one or more, at most four."""
    scores = {name: _score(keywords, texts) for name, keywords in vocabulary.topics.items()}
    scores = {name: score for name, score in scores.items() if score >= _MIN_TOPIC_SCORE}
    if not scores:
        return ()
    top = max(scores.values())
    ranked = sorted(scores, key=lambda name: (-scores[name], name))
    return tuple(name for name in ranked if scores[name] >= _RELATIVE_THRESHOLD * top)[:_MAX_TOPICS]


def _score(keywords: Sequence[str], texts: Sequence[Weighted]) -> float:
    # A keyword also matches its common inflections: "recruit" finds "recruits" and "recruitment".
    pattern = _keyword_pattern(tuple(keywords))
    return sum(piece.weight * len(pattern.findall(piece.text)) for piece in texts)


def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?:{_SUFFIXES})?(?![\w])", re.I)
