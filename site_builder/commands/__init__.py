"""commands: what each `site-builder` command does and prints, one module per group (cli.py
parses the command line and turns errors into exit codes)."""

from __future__ import annotations

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

import sys


def progress_bar(stage: str, done: int, total: int) -> None:
    """One line redrawn in place on a terminal; a log or a pipe gets only the summary."""
    if total < 200:
        return
    filled = 30 * done // total
    end = "\n" if done == total else ""
    print(f"\r{stage:>7} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end=end,
          file=sys.stderr, flush=True)
