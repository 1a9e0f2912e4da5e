"""content: the archive's files -> checked articles: discover finds them, parse reads each one
(front matter checked, Markdown rendered by markup/ and sanitised); every problem of every file
is collected, never raised one by one. Then what the articles lean on (read_extras): the other
Markdown files (notes.py) and the photos (photos.py), among the project's files (files.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from site_builder.config import Config
from site_builder.content.discover import discover
from site_builder.content.files import SiteFiles
from site_builder.errors import Problem
from site_builder.model import Article, ArticleFile
from site_builder.newsroom import Profile, Standalone, StoryIntro
from site_builder.pool import Progress, Runner, counted, run_all


@dataclass(frozen=True)
class Content:
    articles: tuple[Article, ...]  # only the valid ones
    undated_drafts: tuple[Path, ...]
    problems: tuple[Problem, ...]  # every problem in every file
    parsed: tuple[Article, ...] = ()  # every article parsed, for the cache


def read_content(root: Path, config: Config, known: Mapping[str, Article] | None = None, jobs: int = 1,
                 progress: Progress | None = None,
                 found: tuple[list[ArticleFile], list[Problem]] | None = None,
                 runner: Runner = run_all, drafts: bool = True) -> Content:
    """Every article file, validated. Files whose text a previous build parsed under the same
    config come from `known` (by fingerprint); `found`: the files and problems of a discovery
    already made; `drafts`: whether drafts are built, and so may clash with others' URLs."""
    # Imported here: the Markdown and YAML libraries are slow to load, which a build with
    # nothing to parse should not wait for.
    from site_builder.content.parse import UndatedDraft, parse_article_file

    files, unreadable = found or discover(root)[:2]
    # The text read to fingerprint the files is let go (the parse reads again what it parses):
    # kept, it would weigh as much as the archive's text all build long.
    files = [f.without_text() for f in files]
    known = known or {}
    todo = [f for f in files if f.fingerprint not in known]
    parsed = dict(zip((f.fingerprint for f in todo),
                      counted(runner(partial(parse_article_file, config=config), todo, jobs), "parse", len(todo), progress)))
    articles: list[Article] = []
    undated: list[Path] = []
    problems = list(unreadable)
    for file in files:
        result = known.get(file.fingerprint) or parsed[file.fingerprint]
        if isinstance(result, Article):
            articles.append(result)
        elif isinstance(result, UndatedDraft):
            undated.append(result.path)
        else:
            problems.extend(result)
    duplicates = _duplicate_urls([a for a in articles if drafts or not a.draft])
    dropped = {p.path.as_posix() for p in duplicates}
    return Content(tuple(a for a in articles if a.path not in dropped), tuple(undated),
                   (*problems, *duplicates), tuple(articles))


def _duplicate_urls(articles: list[Article]) -> list[Problem]:
    """A problem for each article whose URL an earlier one has: the later file's, or the
    draft's when one of the two is a draft (the published one is not the one to change)."""
    first_by_url: dict[str, Article] = {}
    problems = []
    for article in articles:
        other = first_by_url.setdefault(article.url, article)
        if other is not article:
            if other.draft and not article.draft:
                other, article = article, other
                first_by_url[article.url] = other
            problems.append(Problem(Path(article.path), 1,
                                    f"same URL /{article.url} as {other.path}; change 'slug' or 'date'"))
    return problems


@dataclass(frozen=True)
class Extras:
    """What the articles lean on, read after them: the articles with their photos made, the
    standalone pages, profiles and stories' introductions, and the photos' variants."""

    articles: tuple[Article, ...]
    pages: tuple[Standalone, ...] = ()
    profiles: Mapping[str, Profile] | None = None
    intros: Mapping[str, StoryIntro] | None = None
    media: Mapping[str, Path] | None = None  # path in the site -> the variant's file
    media_key: str = ""  # what shaped the variants besides the photos
    problems: tuple[Problem, ...] = ()


def read_extras(root: Path, config: Config, articles: tuple[Article, ...], files: SiteFiles, jobs: int = 1,
                progress: Progress | None = None) -> Extras:
    """The notes and photos of the project, and every problem with them (the project's files'
    own, such as a link out of the project, included)."""
    from site_builder.content.notes import read_notes
    from site_builder.content.photos import make_photos

    notes = read_notes(root, files, config)
    photos = make_photos(root, articles, notes.profiles, files, jobs, progress)
    return Extras(photos.articles, notes.pages, photos.profiles, notes.intros, photos.media, photos.settings,
                  (*files.problems, *notes.problems, *photos.problems))
