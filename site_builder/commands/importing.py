"""importing: `site-builder import`: raw dumps -> article files, and the table of what was made."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_builder.commands import EXIT_CONTENT, EXIT_OK
from site_builder.pages.words import counted


def run_import(args: argparse.Namespace) -> int:
    from site_builder.importer import ImportProblem, import_dumps

    articles_dir = args.root / "content" / "articles"
    vocabulary = args.root / "content" / "vocabulary.toml"
    try:
        if args.explain:
            return _explain_import(args, vocabulary if vocabulary.exists() else None)
        report = import_dumps(args.dumps, articles_dir, force=args.force,
                              vocabulary=vocabulary if vocabulary.exists() else None)
    except ImportProblem as problem:  # the import record or the vocabulary: "path: message", nothing written
        print(problem, file=sys.stderr)
        return EXIT_CONTENT
    rows = [("file", "#", "headline", "date", "source", "regions", "status")]
    found = {dump: sum(1 for a in report.articles if a.dump == dump) for dump in args.dumps}
    for a in report.articles:
        rows.append((a.dump.name, str(found.get(a.dump, "")), _clip(a.headline, 48),
                     a.date.isoformat() if a.date else "none: draft", a.source or "-",
                     ", ".join(a.regions) or "-", a.status))
    _print_table(rows)
    for article in report.articles:
        for note in article.notes:
            print(f"{article.path}: {note}")
    for failure in report.failures:
        print(f"{failure.dump}: {failure.message}", file=sys.stderr)
    unread = len(report.failures)
    print(f"{counted(len(report.articles), 'article')} from {counted(len(args.dumps) - unread, 'file')}"
          + (f"; {counted(unread, 'file')} could not be read." if unread else "."))
    return EXIT_CONTENT if report.failures else EXIT_OK


def _explain_import(args: argparse.Namespace, vocabulary: Path | None) -> int:
    from site_builder.importer import explain_dumps

    explanation = explain_dumps(args.dumps, vocabulary=vocabulary)
    numbers: dict[Path, int] = {}
    for article in explanation.articles:
        numbers[article.dump] = numbers.get(article.dump, 0) + 1
        print(f"{article.dump} #{numbers[article.dump]}: {article.headline}")
        for record in article.provenance:
            where = f"line {record.line}" if record.line else "-"
            print(f"  {record.field:<12} {where:<9} {_clip(record.value, 60)}\n  {'':<12} {'':<9} ({record.rule})")
        for note in article.notes:
            print(f"  note: {note}")
    for failure in explanation.failures:
        print(f"{failure.dump}: {failure.message}", file=sys.stderr)
    return EXIT_CONTENT if explanation.failures else EXIT_OK


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
