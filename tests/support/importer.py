"""Shared helpers of the importer tests (no tests here): import real dumps in tmp_path, read the Markdown."""

from __future__ import annotations

import shutil
from pathlib import Path

import frontmatter

from site_builder.importer import ImportReport, import_dumps
from tests.support.sites import REPO

DUMPS = REPO / "tests" / "importer" / "dumps"
SEEDS = REPO / "content" / "raw"
VOCABULARY = REPO / "content" / "vocabulary.toml"


def run_import(tmp_path: Path, *sources: Path, force: bool = False) -> ImportReport:
    """Copy dumps into tmp_path/content/raw and import them into tmp_path/content/articles."""
    raw = tmp_path / "content" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    targets = []
    for source in sources:
        target = raw / source.name
        if not target.exists():
            shutil.copyfile(source, target)
        targets.append(target)
    return import_dumps(targets, tmp_path / "content" / "articles", vocabulary=VOCABULARY, force=force)


def posts(report: ImportReport) -> list[frontmatter.Post]:
    """The written articles of a report, parsed, in report order."""
    return [frontmatter.load(str(article.path)) for article in report.articles]


def one(tmp_path: Path, name: str) -> frontmatter.Post:
    """Import one test dump that holds exactly one article and return it parsed."""
    report = run_import(tmp_path, DUMPS / name)
    assert not report.failures
    assert len(report.articles) == 1
    return posts(report)[0]
