"""rebuilds: the dev server's build thread: each burst of edits the watcher reports is drawn first
on the pages the browsers show, which then reload, and only then on the rest of the site. Each
build is handed what the last one left (build.Warm) and the edits since, and leaves its own."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from site_builder.build import BuildReport, Warm, build_warm
from site_builder.errors import ContentError
from site_builder.lock import Holder, project_lock
from site_builder.options import BuildOptions, FirstPages
from site_builder.project import ARTICLES_DIR, Edits, edits_of
from site_builder.serve.http import Health, ReloadSocket
from site_builder.serve.live import preview

log = logging.getLogger(__name__)
Say = Callable[[str, bool], None]  # a line for the editor's terminal, and whether it is an error


class Rebuilds:
    """What the dev server keeps between builds: the last build's Warm, the edits no build has
    taken in yet (a failed build takes none), and what the open pages show."""

    def __init__(self, options: BuildOptions, health: Health, drafts: dict[str, bytes],
                 reload: Callable[[set[str] | None], object], say: Say):
        self.options, self.health, self.drafts, self.say = options, health, drafts, say
        self.reload = reload  # output paths whose browsers reload; None: all of them
        self.warm: Warm | None = None
        self.pending: Edits | None = None  # edits since the last build that succeeded; None: any
        self.unsaved = False  # the last build's cache is not on disk yet
        self.showing: dict[str, bytes] = {}  # what the open pages show, by output path
        self.failing = False  # the last build failed

    def first(self) -> BuildReport | None:
        """The server's first build, from disk."""
        return self._build(None)

    def run(self, edits: Iterator[set[Path]]) -> None:
        for changed in edits:
            if changed:
                self.once(changed)
            else:
                self.save()  # the editor paused: the cache is saved for the next build
        self.save()

    def save(self) -> None:
        if self.warm is not None and self.unsaved:
            with self._holding():
                self.warm.cache.save()
            self.unsaved = False

    def once(self, changed: set[Path]) -> None:
        started = time.perf_counter()
        known = ReloadSocket.pages()
        shown = frozenset(known.values())
        self.showing = {path: self.drafts.get(path) or _read(self.options.out / path) for path in shown}
        self.failing = failing = bool(self.health.problems)
        what = describe(changed, self.options.root, self._files())
        if self.pending is not None:  # else nothing is known: every file is looked at again
            self.pending |= edits_of(self.options.root, changed)
        try:
            # Not while the site fails: this build takes the error banner away or shows new ones.
            edited = self.pending.articles if self.pending is not None else None
            drawn = {} if failing else preview(self.warm, self.options.root, edited, shown)
        except Exception:  # the rebuild that follows reports what is wrong, as it would anyway
            log.debug("drawing ahead failed", exc_info=True)
            drawn = {}
        ahead = {path: page for path, page in drawn.items() if page != self.showing.get(path)}
        log.debug("drawn ahead: %s, of which changed: %s", sorted(drawn), sorted(ahead))
        if ahead:
            self.drafts.update(ahead)
            self.showing.update(ahead)
            self.reload(set(ahead))
        report = self._build(FirstPages(shown, self._drawn_first))
        self.drafts.clear()
        if report is None or failing:
            self.reload(None)  # the error banner comes or goes on every page
        elif any(path.suffix == ".css" for path in changed):
            self.reload({"*.css"})
        elif report.written:
            # A page that connected meanwhile may have been read before its file was written.
            if late := {page for waiter, page in ReloadSocket.pages().items() if waiter not in known}:
                self.reload(late)
        if report is not None:
            noun = "page" if report.pages_written == 1 else "pages"
            self.say(f"{what}: {report.pages_written} {noun} in {time.perf_counter() - started:.2f} s", False)
            for warning in report.warnings:
                self.say(warning, False)

    def _build(self, first: FirstPages | None) -> BuildReport | None:
        """A build, recording what went wrong instead of raising: the server must live on."""
        try:
            with self._holding():
                report, self.warm = build_warm(self.options, self.warm, self.pending, first)
        except ContentError as err:
            self.health.problems = tuple(str(problem) for problem in err.problems)
        except Exception as err:  # a bug or an unwritable output must not kill the editor's session
            self.health.problems = (f"{self.options.root}: build failed: {type(err).__name__}: {err}",)
        else:
            self.health.problems = ()
            self.pending, self.unsaved = Edits(frozenset(), False), True
            return report
        for line in self.health.problems:
            self.say(line, True)
        noun = "problem" if len(self.health.problems) == 1 else "problems"
        self.say(f"Build failed: {len(self.health.problems)} {noun}, shown in the browser until fixed.", True)
        return None

    def _holding(self) -> AbstractContextManager[None]:
        """The project, for one build or one save of the cache: a `site-builder build` or
        `deploy` in another terminal runs between two rebuilds, never during one."""
        return project_lock(self.options.root, "serve", waiting=self._waiting)

    def _waiting(self, holder: Holder | None) -> None:
        who = str(holder) if holder is not None else "another site-builder command"
        self.say(f"waiting for {who} to end", False)

    def _drawn_first(self, paths: list[str]) -> None:
        """The open pages are written: those that differ from what their browsers show reload."""
        changed = {path for path in paths if _read(self.options.out / path) != self.showing.get(path)}
        for path in paths:
            self.drafts.pop(path, None)
        # While the site fails, every page reloads once the build is over, without the banner.
        if changed and not self.failing:
            self.reload(changed)

    def _files(self) -> set[str]:
        """The article files the last build read, below the root."""
        return {file.key for file in self.warm.discovery[0]} if self.warm is not None else set()


def describe(changed: set[Path], root: Path, known: set[str]) -> str:
    """'edited story.md', 'added a.md', 'removed a.md', 'moved a.md to b.md', '3 files changed';
    `known`: the files the last build read, below `root`."""
    names = {path: _name(path, root) for path in changed}
    if len(changed) == 2:
        gone = [path for path in changed if not path.exists()]
        if len(gone) == 1:
            (there,) = changed - set(gone)
            # An editor's save: a temporary file renamed over the one the last build read.
            if names[there] in known:
                return f"edited {_short(names[there])}"
            return f"moved {_short(names[gone[0]])} to {_short(names[there])}"
    if len(changed) != 1:
        return f"{len(changed)} files changed"
    (path,) = changed
    verb = "removed" if not path.exists() else "edited" if names[path] in known or path.is_dir() else "added"
    return f"{verb} {_short(names[path])}"


def _name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def _short(name: str) -> str:
    return name.removeprefix(ARTICLES_DIR.as_posix() + "/")


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
