"""commands: what each `site-builder` command does and prints, one module per group (cli.py
parses the command line and turns errors into exit codes)."""

from __future__ import annotations

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

import sys

from site_builder.config import is_local_address


def progress_bar(stage: str, done: int, total: int) -> None:
    """One line redrawn in place on a terminal; a log or a pipe gets only the summary."""
    if total < 200:
        return
    filled = 30 * done // total
    end = "\n" if done == total else ""
    print(f"\r{stage:>7} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end=end,
          file=sys.stderr, flush=True)


def warn_if_local_address(base_url: str) -> None:
    """One line while base_url names this machine: a published site's canonical links, feeds,
    sitemaps and structured data would lead there."""
    if is_local_address(base_url):
        print(f"site-builder: warning: base_url is {base_url}: canonical links, feeds, sitemaps and "
              "social cards will point at this machine; set the site's address in site.toml "
              "before publishing (a build for opening from disk: --local)", file=sys.stderr)
