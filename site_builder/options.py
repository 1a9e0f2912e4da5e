"""options: how one build is asked to run: where from and to, and what a long-lived caller (the
dev server, a cluster) changes about it. One value, handed down the stages that need it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_builder.pool import Progress, Runner, run_all


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path
    drafts: bool = False
    local: bool | None = None  # None: as site.toml says
    base_url: str | None = None  # None: as site.toml says
    keep_going: bool = False  # build the valid articles even when others have problems
    jobs: int | None = None  # worker processes; None: one per core
    progress: Progress | None = None
    # False keeps the previous search index as it is: the dev server's quick rebuilds.
    search: bool = True
    # False updates output/ in place instead of swapping in a whole new site: quicker, but
    # a reader may see a mix of old and new pages for a moment. The dev server's rebuilds.
    atomic: bool = True
    # False keeps static files' names as they are, so a stylesheet edit changes no page: the
    # dev server's, whose browsers do not cache.
    fingerprint_assets: bool = True
    # Static files' names kept as they were (name -> output path, 'style.css' ->
    # 'static/style.<hash>.css'): the dev server's after its first build, so that a stylesheet
    # edit changes no page, and the site stays the one `build` makes and keeps.
    pinned_assets: tuple[tuple[str, str], ...] = ()
    # Where parse and render run: this machine's processes, or a cluster's workers (cluster/).
    runner: Runner = run_all


@dataclass(frozen=True)
class FirstPages:
    """Pages to draw before the others, by output path (those open in the dev server's
    browsers), and what to tell once they are written: the paths written, before the rest of
    the site is drawn."""

    paths: frozenset[str]
    on_written: Callable[[list[str]], None]
