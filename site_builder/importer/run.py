"""run: dump files -> article files on disk and an ImportReport; idempotent, never overwrites hand edits."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Sequence
from pathlib import Path

from site_builder.importer.markdown_out import render
from site_builder.importer.model import Article
from site_builder.importer.readers import read_articles
from site_builder.importer.reading import read_dump
from site_builder.importer.record import (
    ImportRecord,
    load_record,
    save_record,
    sha256,
    write_atomically,
)
from site_builder.importer.report import (
    ExplainedArticle,
    Explanation,
    FileFailure,
    ImportedArticle,
    ImportProblem,
    ImportReport,
)
from site_builder.importer.vocabulary import Vocabulary, load_vocabulary
from site_builder.text import unique_slug

__all__ = ["Explanation", "FileFailure", "ImportProblem", "ImportReport", "ImportedArticle", "explain_dumps", "import_dumps"]

log = logging.getLogger(__name__)


@dataclasses.dataclass
class _Run:
    """What one import run shares across dumps: target folder, import record, slugs taken, options."""

    articles_dir: Path
    record: ImportRecord
    vocabulary: Vocabulary
    force: bool
    taken: set[str]


def import_dumps(paths: Sequence[Path], articles_dir: Path, *, vocabulary: Path | None = None,
                 force: bool = False) -> ImportReport:
    """Import every dump; unreadable ones become FileFailures, the others articles on disk."""
    if vocabulary is None and (articles_dir.parent / "vocabulary.toml").is_file():
        vocabulary = articles_dir.parent / "vocabulary.toml"
    run = _Run(articles_dir, load_record(articles_dir), load_vocabulary(vocabulary), force, _existing_slugs(articles_dir))
    articles: list[ImportedArticle] = []
    failures: list[FileFailure] = []
    for path in dict.fromkeys(Path(p) for p in paths):
        try:
            articles.extend(_import_dump(run, path))
        except ImportProblem as problem:
            failures.append(FileFailure(path, str(problem)))
    save_record(run.record)
    return ImportReport(tuple(articles), tuple(failures))


def explain_dumps(paths: Sequence[Path], *, vocabulary: Path | None = None) -> Explanation:
    """Decide every article exactly as import_dumps does, write nothing, and hand back each field's provenance."""
    loaded = load_vocabulary(vocabulary)
    articles: list[ExplainedArticle] = []
    failures: list[FileFailure] = []
    for path in dict.fromkeys(Path(p) for p in paths):
        try:
            _, built = _build_dump(path, loaded)
        except ImportProblem as problem:
            failures.append(FileFailure(path, str(problem)))
            continue
        articles += [ExplainedArticle(path, a.title, a.provenance, a.notes) for a in built]
    return Explanation(tuple(articles), tuple(failures))


def _existing_slugs(articles_dir: Path) -> set[str]:
    return {p.stem for p in articles_dir.rglob("*.md")} if articles_dir.is_dir() else set()


def _import_dump(run: _Run, path: Path) -> list[ImportedArticle]:
    data, built = _build_dump(path, run.vocabulary)
    origin = _origin(path, run.articles_dir)
    # Hashed once: a dump of a thousand articles must not be hashed a thousand times.
    digest = sha256(data)
    seen: dict[str, int] = {}
    rows = []
    for article in built:
        seen[article.slug] = seen.get(article.slug, 0) + 1
        key = f"{origin}#{article.slug}#{seen[article.slug]}"
        rows.append(_store(run, path, article, key, origin, digest))
    return rows


def _build_dump(path: Path, vocabulary: Vocabulary) -> tuple[bytes, list[Article]]:
    """The dump's bytes and its articles, every field decided; unreadable dumps raise ImportProblem."""
    data = read_dump(path)
    try:
        return data, read_articles(data, path, vocabulary)[1]
    except ImportProblem:
        raise
    except Exception as error:  # noqa: BLE001 - one odd dump must not stop the others
        log.exception("importing %s failed", path)
        raise ImportProblem(f"cannot be imported: internal error ({type(error).__name__})") from error


def _origin(path: Path, articles_dir: Path) -> str:
    """The dump's path relative to the project root (the parent of content/), as POSIX."""
    root = articles_dir.resolve().parent.parent
    resolved = path.resolve()
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(resolved, root)).as_posix()


def _store(run: _Run, dump: Path, article: Article, key: str, origin: str, digest: str) -> ImportedArticle:
    rel = run.record.path_for(key) or _new_location(run, article, origin, digest)
    slug = Path(rel).stem
    article = dataclasses.replace(article, slug=slug)
    data = render(article, origin, digest)
    status = _write(run, rel, key, data)
    return ImportedArticle(dump=dump, headline=article.title, date=article.date, source=article.source,
                           regions=article.regions, topics=article.topics, path=run.articles_dir / rel, status=status, notes=article.notes)


def _new_location(run: _Run, article: Article, origin: str, digest: str) -> str:
    folder = f"{article.date.year:04d}/{article.date.month:02d}" if article.date else "undated"
    same = f"{folder}/{article.slug}.md"
    target = run.articles_dir / same
    # Without an entry in the import record, an identical file is this article from an earlier import.
    if target.is_file() and target.read_bytes() == render(article, origin, digest):
        return same
    slug = unique_slug(article.slug, run.taken)
    run.taken.add(slug)
    return f"{folder}/{slug}.md"


def _write(run: _Run, rel: str, key: str, data: bytes) -> str:
    target = run.articles_dir / rel
    # A folder on the way may be a symlink (committed with the archive): never follow it out.
    if not target.parent.resolve().is_relative_to(run.articles_dir.resolve()):
        raise ImportProblem(f"{target}: refusing to write outside {run.articles_dir}")
    current = target.read_bytes() if target.is_file() else None
    if current == data:
        run.record.record(rel, key, data)
        return "unchanged"
    edited = current is not None and sha256(current) != run.record.written_hash(rel)
    deleted = current is None and run.record.written_hash(rel) is not None
    if (edited or deleted) and not run.force:
        return "kept (edited by hand)"
    status = "written"
    if edited and current is not None:
        backup = _backup_path(target)
        write_atomically(backup, current)
        status = f"overwritten (backup: {backup})"
    write_atomically(target, data)
    run.record.record(rel, key, data)
    return status


def _backup_path(target: Path) -> Path:
    candidate = target.with_name(target.name + ".bak")
    number = 1
    while candidate.exists():
        number += 1
        candidate = target.with_name(f"{target.name}.bak{number}")
    return candidate
