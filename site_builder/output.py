"""output: [Page] -> the output folder; only pages whose fingerprint changed are rendered, the
rest carried over from the previous site, and only the search shards whose articles changed are
indexed again.

What the folders already hold is known from the trees that earlier builds recorded (see
write.Tree); what this build leaves is returned, for the cache to keep.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

import jinja2

from site_builder.errors import ContentError, Problem
from site_builder.fingerprint import ThemeHashes, page_fingerprint, search_fingerprint
from site_builder.folders import files_below
from site_builder.laps import Laps
from site_builder.model import Page
from site_builder.pool import Progress, Runner, counted, run_all
from site_builder.render import Drawn, Renderer
from site_builder.search import (
    INDEX_DIR,
    SHARD_SIZE,
    carry_over,
    index_shards,
    plan_shards,
)
from site_builder.write import (
    MARKER,
    InPlace,
    Output,
    StagedSite,
    Tree,
    previous_files,
    staging_path,
    tree_id,
)

log = logging.getLogger(__name__)
SearchIndex = Literal["build", "keep", "drop"]  # what a build does with the search index
LINK_CHUNK = 1000  # files carried over per task


@dataclass(frozen=True)
class Target:
    """Where and how the site is written."""

    out: Path
    jobs: int
    search: SearchIndex
    # False updates output/ in place instead of swapping in a whole new site (the dev server).
    atomic: bool = True
    progress: Progress | None = None
    shard_size: int = SHARD_SIZE  # articles in the smallest search shard
    # Output paths drawn before the others (the pages open in the dev server's browsers), and
    # what to call once they are written.
    first: frozenset[str] = frozenset()
    drawn_first: Callable[[list[str]], None] | None = None
    runner: Runner = run_all  # where pages are rendered and written: see pool.Runner


@dataclass(frozen=True)
class Written:
    trees: Mapping[str, Tree]  # what the output folder and the kept previous site now hold
    rendered: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    notes: tuple[str, ...] = ()


def front(trees: Mapping[str, Tree], out: Path) -> Tree:
    """What `trees` say `out` holds; nothing, if the folder is not one they remember."""
    return trees.get(tree_id(out) or "", Tree({}))


def write_site(target: Target, pages: list[Page], renderer: Renderer, hashes: ThemeHashes,
               trees: Mapping[str, Tree], drawn: Mapping[str, bool] | None = None) -> Written:
    """Render only pages whose fingerprint changed; carry the rest over from the old site.
    `drawn`: pages draw_first wrote already, and whether their bytes changed."""
    lap = Laps(log)
    out = target.out
    drawn = drawn or {}
    static = renderer.theme.static_files
    wanted = {p.output_path: page_fingerprint(p, hashes.templates, hashes.site_key) for p in pages}
    wanted.update(hashes.static)
    old = previous_files(out.resolve())
    held = front(trees, out).files
    top = os.fspath(out)
    fresh = {path for path, fingerprint in wanted.items()
             if path not in old or held.get(path) != fingerprint
             or not os.path.exists(f"{top}/{path}")}  # deleted by hand: made anew
    # The search index is made anew, shard by shard, when the shard's articles changed.
    keys: dict[str, str] = {}
    carry: dict[str, str] = {}
    shards: dict[str, list[str]] = {}
    if target.search == "build":
        indexed = [(p.output_path, search_fingerprint(p, hashes.templates, hashes.site_key))
                   for p in reversed(pages) if p.indexed]  # pages are planned newest first
        planned = plan_shards(indexed, target.shard_size)
        keys = {name: key for name, (key, _) in planned.items()}
        carry, todo = carry_over(keys, old, held)
        shards = {name: planned[name][1] for name in todo}
    elif target.search == "keep":
        carry = {path: held.get(path, "") for path in old if path.startswith(f"{INDEX_DIR}/")}
    removed = {p for p in old - wanted.keys() - carry.keys() if p != MARKER}
    lap("fingerprints")
    if old and not fresh and not removed and not shards:
        return Written(trees, unchanged=len(wanted) + len(carry))
    wanted.update(carry)
    folder: Output = StagedSite(out, trees) if target.atomic or not old else InPlace(out, front(trees, out).foreign)
    try:
        folder.remove(removed)
        # Linking thousands of files is system calls: spread over processes too.
        keep = [path for path in wanted if path not in fresh]
        chunks = [keep[i: i + LINK_CHUNK] for i in range(0, len(keep), LINK_CHUNK)]
        for _ in run_all(partial(folder.link_old, fingerprints=wanted), chunks, target.jobs, min_items=2):
            pass
        statuses = [folder.copy(path, static[path]) for path in static if path in fresh]
        to_render = [page for page in pages if page.output_path in fresh and page.output_path not in drawn]
        statuses += drawn.values()
        lap("link unchanged files")
        # Workers get page numbers, not pages: a term page's context (its taxonomy, all its
        # articles) is far too big to pickle for each task. A forked worker already has every
        # page; a spawned one receives them all once, with the renderer.
        render = partial(_render_nth, renderer, folder, to_render)
        results = list(counted(target.runner(render, range(len(to_render)), target.jobs),
                               "render", len(to_render), target.progress))
        _raise_template_problems([problem for _, problem, _ in results])
        statuses += [written for written, _, _ in results]
        for _, _, fragments in results:  # by workers, for the next build
            renderer.fragments.known.update(fragments)
        lap("render, write")
        notes, indexed = _index(folder, shards, keys, wanted, target.jobs)
        log.debug("every file in place, committing")
        folder.commit(wanted)
        lap(f"search index ({len(shards)} shards), swap")
    except BaseException:
        folder.discard()
        raise
    # Remember what the new site and the kept previous one hold, and nothing else.
    present = {tree_id(out), tree_id(staging_path(out.resolve()))}
    kept = {key: tree for key, tree in {**trees, folder.id: Tree(wanted, folder.foreign, folder.folders)}.items()
            if key in present}
    written = sum(statuses) + indexed
    # An index file made again at its old path was replaced, not removed.
    return Written(kept, rendered=len(to_render) + len(drawn), written=written, unchanged=len(wanted) - written,
                   removed=len(removed - wanted.keys()), notes=notes)


def draw_first(target: Target, planned: Iterable[Page], renderer: Renderer, hashes: ThemeHashes,
               trees: Mapping[str, Tree]) -> tuple[list[Page], dict[str, bool]]:
    """Every page planned, the pages `target.first` names (open in the dev server's browsers)
    drawn and written as soon as they are planned, if they changed; and which of those were
    written, and whether their bytes changed. In place only: a staged site shows nothing
    before it is swapped in whole."""
    pages: list[Page] = []
    wanted = set(target.first) if not target.atomic else set()
    drawn: dict[str, bool] = {}
    if wanted:
        held = front(trees, target.out).files
        folder = InPlace(target.out, frozenset())
        for page in planned:
            pages.append(page)
            if page.output_path not in wanted:
                continue
            wanted.discard(page.output_path)
            if held.get(page.output_path) != page_fingerprint(page, hashes.templates, hashes.site_key):
                written, problem, _ = _render_nth(renderer, folder, pages, len(pages) - 1)
                if problem is None:  # else drawn again with the others, which report it
                    drawn[page.output_path] = written
            if not wanted:
                break
        if target.drawn_first:
            target.drawn_first(list(drawn))
    pages.extend(planned)
    return pages, drawn


def _index(folder: Output, shards: dict[str, list[str]], keys: dict[str, str], wanted: dict[str, str],
           jobs: int) -> tuple[tuple[str, ...], int]:
    """Index `shards` in the folder being written; their files join `wanted` under the shard's
    key, or under no key if Pagefind failed, so that the next build tries again. A file made
    with the bytes it had in the site before (most of a shard's fragments) is that file again,
    not a new one. Returns the notes and how many files changed."""
    failures = index_shards(folder.path, shards, jobs) if shards else {}
    changed = 0
    for name, failure in failures.items():
        files = files_below(folder.path, f"{INDEX_DIR}/{name}")
        wanted.update(dict.fromkeys(files, "" if failure else keys[name]))
        changed += sum(folder.keep_if_unchanged(path) is False for path in files)
    return tuple(dict.fromkeys(note for note in failures.values() if note)), changed


def _render_nth(renderer: Renderer, folder: Output, pages: list[Page], n: int) -> tuple[bool, Problem | None, Drawn]:
    """Runs in a worker: page `n` is written there; what comes back is small: whether the file
    changed, what went wrong, and the article fragments first drawn for it."""
    page = pages[n]
    try:
        return folder.write(page.output_path, renderer.render(page).encode("utf-8")), None, renderer.fragments.take_new()
    except jinja2.TemplateSyntaxError as err:
        where = Path(err.filename or err.name or page.template)
        return False, Problem(where, err.lineno, f"template error: {err.message}"), {}
    except jinja2.TemplateNotFound as err:
        return False, Problem(Path(page.template), None, f"template not found: {err.name}"), {}
    except jinja2.TemplateError as err:
        return False, Problem(Path(page.template), None, f"template error on {page.output_path}: {err}"), {}


def _raise_template_problems(found: list[Problem | None]) -> None:
    # The same broken template fails every page drawn with it: report it once.
    problems = list(dict.fromkeys(problem for problem in found if problem is not None))
    if problems:
        raise ContentError(problems)
