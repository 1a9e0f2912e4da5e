"""report: the values the importer hands back to its caller, and its one exception type."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from site_builder.importer.model import Provenance


class ImportProblem(Exception):
    """The only exception the importer raises: a problem the user can act on."""


@dataclass(frozen=True)
class ImportedArticle:
    """One article of one dump, as the CLI prints it in its table."""

    dump: Path
    headline: str
    date: datetime.date | None
    source: str | None
    regions: tuple[str, ...]
    topics: tuple[str, ...]
    path: Path
    status: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class FileFailure:
    """A dump that could not be imported at all, with a one-line reason."""

    dump: Path
    message: str


@dataclass(frozen=True)
class ImportReport:
    """Everything one import run did: articles (drafts included) and unreadable dumps."""

    articles: tuple[ImportedArticle, ...]
    failures: tuple[FileFailure, ...]


@dataclass(frozen=True)
class ExplainedArticle:
    """One article of one dump as the importer decided it, with where each field came from; nothing written."""

    dump: Path
    headline: str
    provenance: tuple[Provenance, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    """What an explain run found: the articles of every readable dump, and the unreadable dumps."""

    articles: tuple[ExplainedArticle, ...]
    failures: tuple[FileFailure, ...]
