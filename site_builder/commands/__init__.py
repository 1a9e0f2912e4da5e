"""commands: what each `site-builder` command does and prints, one module per group (cli.py
parses the command line and turns errors into exit codes)."""

from __future__ import annotations

import argparse
import sys
from contextlib import AbstractContextManager

from site_builder.config import is_local_address
from site_builder.lock import Holder, project_lock

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def progress_bar(stage: str, done: int, total: int) -> None:
    """One line redrawn in place on a terminal; a log or a pipe gets only the summary."""
    if total < 200:
        return
    filled = 30 * done // total
    end = "\n" if done == total else ""
    print(f"\r{stage:>7} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end=end,
          file=sys.stderr, flush=True)


def holding_project(args: argparse.Namespace, command: str) -> AbstractContextManager[None]:
    """The project held for `command` (one build, check or deploy at a time), waiting for
    another holder as the command line says: --no-wait, --wait SECONDS, or as long as it takes."""
    wait = 0.0 if getattr(args, "no_wait", False) else getattr(args, "wait", None)
    return project_lock(args.root, command, wait, say_waiting)


def say_waiting(holder: Holder | None) -> None:
    who = str(holder) if holder is not None else "another site-builder command"
    print(f"site-builder: waiting for {who} to end (Ctrl-C to stop)", file=sys.stderr, flush=True)


def warn_if_local_address(base_url: str) -> None:
    """One line while base_url names this machine: a published site's canonical links, feeds,
    sitemaps and structured data would lead there."""
    if is_local_address(base_url):
        print(f"site-builder: warning: base_url is {base_url}: canonical links, feeds, sitemaps and "
              "social cards will point at this machine; set the site's address in site.toml "
              "before publishing (a build for opening from disk: --local)", file=sys.stderr)
