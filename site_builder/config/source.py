"""source: site.toml's text and values, and the line each key of it is on, for messages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from site_builder.errors import ContentError, Problem
from site_builder.project import CONFIG_FILE


def read_site_toml(root: Path) -> tuple[dict[str, Any], str] | None:
    """`root/site.toml` as values and as text; None if there is none. Invalid TOML raises a
    ContentError with its line."""
    path = root / CONFIG_FILE
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _line_from_message(str(err))
        raise ContentError([Problem(Path(CONFIG_FILE), line, f"invalid TOML: {err.args[0]}")]) from None


def problem(line: int | None, message: str) -> Problem:
    return Problem(Path(CONFIG_FILE), line, message)


def line_of(key: str, text: str) -> int | None:
    """The line of a top-level `key = ...`."""
    return line_matching(rf"^[ \t]*{re.escape(key)}\s*=", text)


def line_matching(pattern: str, text: str, start: int = 0) -> int | None:
    match = re.compile(pattern, re.MULTILINE).search(text, start)
    return text.count("\n", 0, match.start()) + 1 if match else None


def line_in_table(table: str, pattern: str, text: str) -> int | None:
    """The first line matching `pattern` from the `[table]` on; else that table's."""
    start = re.search(rf"^[ \t]*(\[\s*{table}\s*[\].]|{table}\s*=)", text, re.MULTILINE)
    offset = start.start() if start else 0
    line = line_matching(pattern, text, offset)
    if line is None:
        return line_of(table, text) or (text.count("\n", 0, offset) + 1 if start else None)
    return line


def _line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
