"""discover: content/articles/**/*.md -> [SourceFile], with unreadable files as Problems."""

from __future__ import annotations

from pathlib import Path

from site_builder.model import Problem, SourceFile

ARTICLES_DIR = Path("content") / "articles"
MAX_BYTES = 5_000_000  # a news article is kilobytes; megabytes mean a wrong file


def discover(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Every Markdown article under `root/content/articles`, sorted by path for determinism."""
    files: list[SourceFile] = []
    problems: list[Problem] = []
    for path in sorted((root / ARTICLES_DIR).rglob("*.md")):
        relpath = path.relative_to(root)
        if any(part.startswith(".") for part in relpath.parts):
            continue  # editor backups and hidden folders are not articles
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                problems.append(Problem(relpath, 1, f"file too large ({size / 1e6:.1f} MB; "
                                        f"the limit is {MAX_BYTES / 1e6:.0f} MB)"))
                continue
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = path.read_bytes()[: err.start].count(b"\n") + 1
            problems.append(Problem(relpath, line, "not UTF-8 text"))
            continue
        except OSError as err:
            problems.append(Problem(relpath, None, f"cannot be read: {err.strerror}"))
            continue
        files.append(SourceFile(path=path, relpath=relpath, text=text.replace("\r\n", "\n")))
    return files, problems
