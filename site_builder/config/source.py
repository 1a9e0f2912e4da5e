"""source: site.toml's text and values, and the line each key of it is on, for messages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from site_builder.errors import ContentError, Problem
from site_builder.project import CONFIG_FILE
from site_builder.regular import read_regular


def read_site_toml(root: Path) -> tuple[dict[str, Any], str] | None:
    """`root/site.toml` as values and as text; None if there is none. Invalid TOML raises a
    ContentError with its line."""
    path = root / CONFIG_FILE
    if not path.exists():
        return None
    try:
        data = read_regular(path)
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = err.object[: err.start].count(b"\n") + 1
        raise ContentError([Problem(Path(CONFIG_FILE), line, "not UTF-8 text")]) from None
    except OSError as err:
        raise ContentError([Problem(Path(CONFIG_FILE), None, f"cannot be read: {err.strerror}")]) from None
    return parse_toml(text, Path(CONFIG_FILE)), text


def parse_toml(text: str, where: Path) -> dict[str, Any]:
    """TOML text as values; invalid TOML raises a ContentError naming `where` and its line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _line_from_message(str(err))
        raise ContentError([Problem(where, line, f"invalid TOML: {err.args[0]}")]) from None


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
