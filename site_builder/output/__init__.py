"""output: [Page] -> the output folder. Only pages whose fingerprint changed are drawn, the rest
carried over from the old site, and only the search shards whose articles changed are indexed
again.

What the folder holds is read once (folder.py); what to do to it is planned without a disk
(plan.py), then done in small steps into the folder being written (staging.py). What this build
leaves is returned, for the cache to keep.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import jinja2

from site_builder.errors import ContentError, Problem
from site_builder.folders import files_below
from site_builder.laps import Laps
from site_builder.model import Page
from site_builder.options import BuildOptions, FirstPages
from site_builder.output.folder import OutputFolder, Tree, staging_path, tree_id
from site_builder.output.plan import OutputPlan, plan_output
from site_builder.output.staging import InPlace, Output, StagedSite
from site_builder.pages.fingerprint import ThemeHashes, page_fingerprint
from site_builder.pages.loops import template_loop
from site_builder.pages.render import RenderedFragments, Renderer
from site_builder.pool import counted, run_all
from site_builder.search import SEARCH_DIR, SearchPlan, build_shards

log = logging.getLogger(__name__)
LINK_CHUNK = 1000  # files carried over per task
IN_PLACE = ("note: {out} cannot be swapped for a new site whole ({why}): built in place, file by file, "
            "so a reader may see old and new pages side by side for a moment")


@dataclass(frozen=True)
class Written:
    trees: Mapping[str, Tree]  # what the output folder and the kept previous site now hold
    rendered: int = 0
    written: int = 0  # files whose bytes changed: pages, static files, search index files
    pages_written: int = 0  # of those, pages
    unchanged: int = 0
    removed: int = 0
    notes: tuple[str, ...] = ()
    fragments: RenderedFragments = field(default_factory=dict)  # article fragments first drawn by this build


def write_site(options: BuildOptions, pages: list[Page], renderer: Renderer, hashes: ThemeHashes,
               folder: OutputFolder, search: SearchPlan, drawn: Mapping[str, bool] | None = None,
               copies: Mapping[str, tuple[Path, str]] | None = None) -> Written:
    """Draw only pages whose fingerprint changed; carry the rest over from the old site.
    `drawn`: pages render_first wrote already, and whether their bytes changed; `copies`: files
    the site holds as they are (the site's static/, photos' variants), by path in the site,
    with their file and fingerprint. The new site is staged and swapped in whole, unless the
    options say otherwise or the folder cannot be swapped (a mount point): then it is written
    in place, and the report says why."""
    lap, drawn = Laps(log), drawn or {}
    wanted = {p.output_path: page_fingerprint(p, hashes.templates, hashes.site_key) for p in pages}
    wanted.update(hashes.static)
    copies = copies or {}
    wanted.update({path: fingerprint for path, (_, fingerprint) in copies.items()})
    plan = plan_output(wanted, folder, search)
    lap("fingerprints")
    if folder.listed and not plan.changes:
        return Written(folder.trees, unchanged=len(plan.files))
    carry_out = partial(_carry_out, options, pages, renderer, folder, plan, drawn, copies)
    if not (options.atomic or not folder.listed):
        return carry_out(InPlace(folder))
    if folder.mounted:
        return carry_out(InPlace(folder), (IN_PLACE.format(out=folder.path, why="it is a mount point"),))
    try:
        return carry_out(StagedSite(folder))
    except OSError as err:
        # A mount point the mount table does not show (EBUSY), or a folder on another file
        # system than the one beside it (EXDEV): what is staged cannot take its place.
        if err.errno not in (errno.EBUSY, errno.EXDEV):
            raise
        return carry_out(InPlace(folder), (IN_PLACE.format(out=folder.path, why=err.strerror),))


def _carry_out(options: BuildOptions, pages: list[Page], renderer: Renderer, folder: OutputFolder,
               plan: OutputPlan, drawn: Mapping[str, bool], copies: Mapping[str, tuple[Path, str]],
               target: Output, notes: tuple[str, ...] = ()) -> Written:
    """The plan, carried out in `target`: carried over, copied, drawn, indexed, committed."""
    lap = Laps(log)
    try:
        target.remove(plan.removed)
        _link_unchanged(target, plan, options.jobs or 1)
        static = {**renderer.theme.static_files, **{path: source for path, (source, _) in copies.items()}}
        statuses = [target.copy(path, static[path]) for path in static if path in plan.fresh]
        statuses += drawn.values()
        lap("link unchanged files")
        to_render = [page for page in pages if page.output_path in plan.fresh and page.output_path not in drawn]
        written, fragments = _render_pages(options, renderer, target, to_render)
        lap("render, write")
        failed, index_files, changed = _update_search(target, plan, options.jobs or 1)
        files = {**plan.files, **index_files}
        log.debug("every file in place, committing")
        target.commit(files)
        lap(f"search index ({len(plan.shards)} shards), swap")
    except BaseException:
        target.discard()
        raise
    # Remember what the new site and the kept previous one hold, and nothing else.
    present = {tree_id(folder.path), tree_id(staging_path(folder.path))}
    known = {**folder.trees, target.id: Tree(files, target.foreign, target.folders)}
    changed += sum(statuses) + written
    # An index file made again at its old path was replaced, not removed.
    return Written({key: tree for key, tree in known.items() if key in present},
                   rendered=len(to_render) + len(drawn), written=changed, unchanged=len(files) - changed,
                   pages_written=written + sum(drawn.values()),
                   removed=len(plan.removed - files.keys()), notes=(*notes, *failed), fragments=fragments)


def render_first(options: BuildOptions, first: FirstPages | None, planned: Iterable[Page], renderer: Renderer,
               hashes: ThemeHashes, folder: OutputFolder) -> tuple[list[Page], dict[str, bool], RenderedFragments]:
    """Every page planned; the pages `first` names (open in the dev server's browsers) drawn and
    written as soon as they are planned, if they changed; which of those were written, and
    whether their bytes changed; and the fragments drawn for them. In place only: a staged
    site shows nothing before it is swapped in whole."""
    pages: list[Page] = []
    wanted = set(first.paths) if first is not None and not options.atomic else set()
    drawn: dict[str, bool] = {}
    fragments: RenderedFragments = {}
    if wanted:
        held = folder.held_files
        target = InPlace(folder)
        for page in planned:
            pages.append(page)
            if page.output_path not in wanted:
                continue
            wanted.discard(page.output_path)
            if held.get(page.output_path) != page_fingerprint(page, hashes.templates, hashes.site_key):
                written, problem, new = _render_nth(renderer, target, pages, len(pages) - 1)
                fragments.update(new)
                if problem is None:  # else drawn again with the others, which report it
                    drawn[page.output_path] = written
            if not wanted:
                break
        first.on_written(list(drawn))
    pages.extend(planned)
    return pages, drawn, fragments


def _link_unchanged(target: Output, plan: OutputPlan, jobs: int) -> None:
    # Linking thousands of files is system calls: spread over processes too.
    chunks = [plan.keep[i: i + LINK_CHUNK] for i in range(0, len(plan.keep), LINK_CHUNK)]
    for _ in run_all(partial(target.link_old, fingerprints=plan.files), chunks, jobs, min_items=2):
        pass


def _render_pages(options: BuildOptions, renderer: Renderer, target: Output, pages: list[Page]) -> tuple[int, RenderedFragments]:
    """Draw and write `pages` where the options say (this machine's workers or a cluster's):
    how many files changed, and the article fragments the workers drew on the way."""
    # Workers get page numbers, not pages: a term page's context (its taxonomy, all its
    # articles) is far too big to pickle for each task. A forked worker already has every
    # page; a spawned one receives them all once, with the renderer.
    render = partial(_render_nth, renderer, target, pages)
    results = list(counted(options.runner(render, range(len(pages)), options.jobs or 1),
                           "render", len(pages), options.progress))
    _raise_template_problems([problem for _, problem, _ in results], options.root)
    fragments: RenderedFragments = {}
    for _, _, new in results:
        fragments.update(new)
    return sum(written for written, _, _ in results), fragments


def _update_search(target: Output, plan: OutputPlan, jobs: int) -> tuple[tuple[str, ...], dict[str, str], int]:
    """Index the plan's shards in the folder being written: the notes of what failed, the index
    files made with their shard's key (no key if Pagefind failed, so that the next build tries
    again), and how many of them changed. A file made with the bytes it had in the old site
    (most of a shard's fragments) is that file again, not a new one."""
    failures = build_shards(target.path, plan.shards, jobs) if plan.shards else {}
    files: dict[str, str] = {}
    changed = 0
    for name, failure in failures.items():
        made = files_below(target.path, f"{SEARCH_DIR}/{name}")
        files.update(dict.fromkeys(made, "" if failure else plan.shard_keys[name]))
        changed += sum(target.keep_if_unchanged(path) is False for path in made)
    return tuple(dict.fromkeys(note for note in failures.values() if note)), files, changed


def _render_nth(renderer: Renderer, target: Output, pages: list[Page], n: int) -> tuple[bool, Problem | None, RenderedFragments]:
    """Runs in a worker: page `n` is written there; what comes back is small: whether the file
    changed, what went wrong, and the article fragments first drawn for it."""
    page = pages[n]
    try:
        return target.write(page.output_path, renderer.render(page).encode("utf-8")), None, renderer.fragments.take_new()
    except jinja2.TemplateSyntaxError as err:
        where = Path(err.filename or err.name or page.template)
        return False, Problem(where, err.lineno, f"template error: {err.message}"), {}
    except jinja2.TemplateNotFound as err:
        return False, Problem(Path(page.template), None, f"template not found: {err.name}"), {}
    except jinja2.TemplateError as err:
        return False, Problem(Path(page.template), None, f"template error on {page.output_path}: {err}"), {}
    except RecursionError:
        # Mostly a template that includes itself: its loop, where it starts.
        found = template_loop(renderer.env, page.template)
        return False, found or Problem(Path(page.template), None,
                                       f"template error on {page.output_path}: nested too deeply to draw"), {}


def _raise_template_problems(found: list[Problem | None], root: Path) -> None:
    # The same broken template fails every page drawn with it: report it once, by its path in
    # the project as every problem is (a bundled theme's template, outside it, keeps its own).
    problems = list(dict.fromkeys(_in_project(problem, root) for problem in found if problem is not None))
    if problems:
        raise ContentError(problems)


def _in_project(problem: Problem, root: Path) -> Problem:
    """Jinja names a template's file as its loader found it: absolute, or relative to the working
    folder when the root is. A template's name ('partials/teaser.html') is no such file."""
    path, top = problem.path.resolve(), root.resolve()
    if path.is_relative_to(top) and path.is_file():
        return replace(problem, path=path.relative_to(top))
    return problem
