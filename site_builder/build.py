"""build: the pipeline, top to bottom: config, discover, parse, index, plan, render, write.

Parsing and rendering are pure, so both run across cores and both are skipped for inputs
that a previous build already turned into the same result (see cache.py, fingerprint.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal, TypeVar

import jinja2

from site_builder.cache import BuildCache, LastBuild, code_key, load_articles, load_cache, save_cache
from site_builder.config import Config, load_config
from site_builder.discover import discover
from site_builder.fingerprint import file_hash, page_fingerprint, search_fingerprint, template_hashes
from site_builder.index import build_site, newest_first
from site_builder.related import find_related, related_key
from site_builder.model import Article, ContentError, Page, Problem, SourceFile
from site_builder.plan import plan_pages
from site_builder.pool import default_jobs, run_all
from site_builder.render import MAP_GEOMETRY, Drawn, Fragments, Renderer
from site_builder.search import INDEX_DIR, index_keys, index_years, plan_index
from site_builder.theme import Theme, load_theme, make_environment
from site_builder.folders import files_below
from site_builder.write import (MARKER, InPlace, Stage, Tree, check_output_dir, previous_files,
                                 staging_path, tree_id)

log = logging.getLogger(__name__)
T = TypeVar("T")
SearchIndex = Literal["build", "keep", "drop"]  # what a build does with the search index
LINK_CHUNK = 1000  # files carried over per task


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path
    drafts: bool = False
    local: bool | None = None  # None: as site.toml says
    base_url: str | None = None  # the dev server serves at its own address
    keep_going: bool = False  # build the valid articles even when others have problems
    jobs: int | None = None  # worker processes; None: one per core
    progress: Callable[[str, int, int], None] | None = None  # (stage, done, total), for a bar
    # False keeps the previous search index as it is: the dev server's quick rebuilds.
    search: bool = True
    # False updates output/ in place instead of swapping in a whole new site: quicker, but
    # a reader may see a mix of old and new pages for a moment. The dev server's rebuilds.
    atomic: bool = True


@dataclass(frozen=True)
class BuildReport:
    articles: int
    pages: int  # pages in the site
    rendered: int  # pages whose inputs changed, so they were drawn again
    written: int  # files whose bytes changed
    unchanged: int  # files carried over as they were
    removed: int  # files of the previous build whose source is gone
    seconds: float
    out: Path
    undated_drafts: tuple[Path, ...] = ()  # not built: they have no date, so no URL
    problems: tuple[Problem, ...] = ()  # with keep_going: what was left out
    notes: tuple[str, ...] = ()  # one line each, e.g. why search was not built


class _Laps:
    """Logs how long each stage took (seen with --debug): where a build's time goes."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        log.debug("%-22s %6.2f s", stage, now - self.last)
        self.last = now


@dataclass(frozen=True)
class _Written:
    rendered: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    notes: tuple[str, ...] = ()


def read_config(options: BuildOptions) -> Config:
    config = load_config(options.root)
    overrides = {}
    if options.local is not None:
        overrides["local"] = options.local
    if options.base_url is not None:
        overrides["base_url"] = options.base_url
    return dataclasses.replace(config, **overrides)


@dataclass(frozen=True)
class Content:
    articles: list[Article]  # only the valid ones
    undated_drafts: list[Path]
    problems: list[Problem]  # every problem in every file


def read_content(root: Path, config: Config, cache: BuildCache | None = None, jobs: int = 1,
                 progress: Callable[[str, int, int], None] | None = None,
                 found: tuple[list[SourceFile], list[Problem]] | None = None) -> Content:
    """Every article file, validated; problems are collected, never raised one by one.
    Files whose text a previous build parsed under the same config come from `cache`;
    `found`: the files and problems of a discovery already made."""
    # Imported here: the Markdown and YAML libraries take a tenth of a second to load, which
    # a build with nothing to parse should not wait for.
    from site_builder.parse import UndatedDraft, parse_source

    files, unreadable = found or discover(root)[:2]
    known = cache.articles if cache else {}
    todo = [f for f in files if f.fingerprint not in known]
    parsed = dict(zip((f.fingerprint for f in todo),
                      _counted(run_all(partial(parse_source, config=config), todo, jobs), "parse", len(todo), progress)))
    content = Content([], [], list(unreadable))
    for source in files:
        result = known.get(source.fingerprint) or parsed[source.fingerprint]
        if isinstance(result, Article):
            content.articles.append(result)
        elif isinstance(result, UndatedDraft):
            content.undated_drafts.append(result.source)
        else:
            content.problems.extend(result)
    if cache is not None:
        cache.articles = {a.fingerprint: a for a in content.articles}
    duplicates = _duplicate_urls(content.articles)
    content.problems.extend(duplicates)
    dropped = {p.path.as_posix() for p in duplicates}
    content.articles[:] = [a for a in content.articles if a.source not in dropped]
    return content


def build(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    lap = _Laps()
    config = read_config(options)
    check_output_dir(options.out, options.root)
    theme = load_theme(options.root, config.theme)
    env = make_environment(theme)
    key = f"{code_key()}|{config!r}"
    cache = load_cache(options.root, options.out, key)
    jobs = options.jobs or default_jobs()
    # The dev server keeps the index it has; a site with search turned off has none.
    search: SearchIndex = ("build" if options.search else "keep") if config.search else "drop"
    templates, cache.templates = template_hashes(env, cache.templates)
    hashes = _hash_theme(theme, templates)
    files, unreadable, stamps = discover(options.root, cache.stamps)
    inputs = _inputs_key(files, hashes, search, options.drafts)
    lap("config, theme, discover")
    last = cache.last_build
    if inputs == last.inputs and _intact(options.out):
        if last.problems and not options.keep_going:
            raise ContentError(list(last.problems))
        lap("nothing changed")
        return BuildReport(
            articles=last.articles, pages=last.pages, rendered=0, written=0,
            unchanged=len(_front(cache, options.out).files), removed=0,
            seconds=time.perf_counter() - started, out=options.out,
            undated_drafts=last.undated_drafts, problems=last.problems)
    # Everything is read and checked before anything is rendered or written. The text read
    # to fingerprint the files is let go (the parse reads again what it parses): kept, it
    # would weigh as much as the archive all build long, 400 MB for 100,000 articles.
    files = [f.without_text() for f in files]
    load_articles(options.root, key, cache)
    content = read_content(options.root, config, cache, jobs, options.progress, (files, unreadable))
    lap("cache, parse")
    problems = content.problems + _unknown_templates(env, content.articles)
    if problems and not options.keep_going:
        raise ContentError(problems)
    broken = {p.path.as_posix() for p in problems}
    articles = [a for a in content.articles if a.source not in broken]
    published = newest_first(a for a in articles if options.drafts or not a.draft)
    key_now = related_key(published)
    if cache.related[0] != key_now:
        cache.related = (key_now, find_related(published, jobs=jobs))
    site = build_site(published, config.min_articles_for_tag_page, related=cache.related[1])
    pages = plan_pages(site, config)
    lap("index, plan")
    fragments = Fragments(cache.fragments)
    renderer = Renderer(env, theme, config, site, hashes.templates, fragments)
    written = _write_site(options.out, renderer, pages, theme, hashes, cache, jobs, lap, search,
                          options.progress, atomic=options.atomic)
    # Fragments of articles still shown, drawn by the templates as they are now.
    teasers = {a.teaser for a in site.articles}
    cache.fragments = {key: html for key, html in fragments.known.items()
                       if key[2] in teasers and hashes.templates.get(key[0]) == key[1]}
    cache.stamps = stamps
    cache.last_build = LastBuild(inputs, len(pages), len(site.articles), tuple(problems),
                                 tuple(content.undated_drafts))
    save_cache(options.root, options.out, key, cache)
    lap("save cache")
    return BuildReport(
        articles=len(site.articles), pages=len(pages), rendered=written.rendered,
        written=written.written, unchanged=written.unchanged, removed=written.removed,
        seconds=time.perf_counter() - started, out=options.out,
        undated_drafts=tuple(content.undated_drafts), problems=tuple(problems),
        notes=written.notes,
    )


@dataclass(frozen=True)
class _ThemeHashes:
    templates: dict[str, str]  # template name -> hash of it and what it extends or includes
    static: dict[str, str]  # output path -> hash of the file
    site_key: str  # what every page depends on: asset hashes (pages link them), map data


def _hash_theme(theme: Theme, templates: dict[str, str]) -> _ThemeHashes:
    static = {path: file_hash(source) for path, source in theme.static_files.items()}
    geometry = theme.data_file(MAP_GEOMETRY)
    site_key = "|".join([*sorted(static.values()), file_hash(geometry) if geometry else ""])
    return _ThemeHashes(templates, static, site_key)


def _inputs_key(files: list[SourceFile], hashes: _ThemeHashes, search: SearchIndex, drafts: bool) -> str:
    """Every input of a build besides code and config (which key the whole cache)."""
    parts = [str(search), str(drafts), hashes.site_key, *(f.fingerprint for f in files),
             *(f"{n}={h}" for n, h in sorted(hashes.templates.items())),
             *(f"{n}={h}" for n, h in sorted(hashes.static.items()))]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _intact(out: Path) -> bool:
    """Every file the last build wrote is still there (one may have been deleted by hand)."""
    listed = previous_files(out)
    return bool(listed) and all(os.path.exists(os.path.join(out, path)) for path in listed)


def _front(cache: BuildCache, out: Path) -> Tree:
    """What the cache knows `out` holds; nothing, if the folder is not the one it remembers."""
    return cache.trees.get(tree_id(out) or "", Tree({}))


def _write_site(out: Path, renderer: Renderer, pages: list[Page], theme: Theme,
                hashes: _ThemeHashes, cache: BuildCache, jobs: int, lap: _Laps, search: SearchIndex = "build",
                progress: Callable[[str, int, int], None] | None = None,
                atomic: bool = True) -> _Written:
    """Render only pages whose fingerprint changed; carry the rest over from the old site."""
    static = theme.static_files
    wanted = {p.output_path: page_fingerprint(p, hashes.templates, hashes.site_key) for p in pages}
    wanted.update(hashes.static)
    old = previous_files(out.resolve())
    held = _front(cache, out).files
    fresh = {path for path, fingerprint in wanted.items()
             if path not in old or held.get(path) != fingerprint
             or not os.path.exists(os.path.join(out, path))}  # deleted by hand: made anew
    # The search index is made anew, year by year, when the year's articles changed.
    keys: dict[str, str] = {}
    carry: dict[str, str] = {}
    years: list[str] = []
    if search == "build":
        keys = index_keys({p.output_path: search_fingerprint(p, hashes.templates, hashes.site_key)
                           for p in pages if p.indexed})
        carry, years = plan_index(keys, old, held)
    elif search == "keep":
        carry = {path: held.get(path, "") for path in old if path.startswith(f"{INDEX_DIR}/")}
    removed = {p for p in old - wanted.keys() - carry.keys() if p != MARKER}
    lap("fingerprints")
    if old and not fresh and not removed and not years:
        return _Written(unchanged=len(wanted) + len(carry))
    wanted.update(carry)
    stage = Stage(out, cache.trees) if atomic or not old else InPlace(out, _front(cache, out).foreign)
    try:
        stage.remove(removed)
        # Linking thousands of files is system calls: spread over processes too.
        keep = [path for path in wanted if path not in fresh]
        chunks = [keep[i: i + LINK_CHUNK] for i in range(0, len(keep), LINK_CHUNK)]
        for _ in run_all(partial(stage.link_old, fingerprints=wanted), chunks, jobs, min_items=2):
            pass
        statuses = [stage.copy(path, static[path]) for path in static if path in fresh]
        to_render = [page for page in pages if page.output_path in fresh]
        lap("link unchanged files")
        # Workers get page numbers, not pages: a term page's context (its taxonomy, all its
        # articles) is far too big to pickle for each task. A forked worker already has every
        # page; a spawned one receives them all once, with the renderer.
        render = partial(_render_nth, renderer, stage, to_render)
        results = list(_counted(run_all(render, range(len(to_render)), jobs),
                                "render", len(to_render), progress))
        _raise_template_problems([problem for _, problem, _ in results])
        statuses += [written for written, _, _ in results]
        for _, _, drawn in results:  # by workers, for the next build
            renderer.fragments.known.update(drawn)
        lap("render, write")
        notes, indexed = _index(stage.path, years, keys, wanted, jobs)
        log.debug("every file in place, committing")
        stage.commit(wanted)
        lap(f"search index ({len(years)} years), swap")
    except BaseException:
        stage.discard()
        raise
    # Remember what the new site and the kept previous one hold, and nothing else.
    trees = {**cache.trees, stage.id: Tree(wanted, stage.foreign)}
    present = {tree_id(out), tree_id(staging_path(out.resolve()))}
    cache.trees = {key: tree for key, tree in trees.items() if key in present}
    written = sum(statuses) + indexed
    # An index file made again at its old path was replaced, not removed.
    return _Written(rendered=len(to_render), written=written, unchanged=len(wanted) - written,
                    removed=len(removed - wanted.keys()), notes=notes)


def _index(site: Path, years: list[str], keys: dict[str, str], wanted: dict[str, str],
           jobs: int) -> tuple[tuple[str, ...], int]:
    """Index `years` in the staged site; their files join `wanted` under the year's key, or
    under no key if Pagefind failed, so that the next build tries again. Returns the notes
    and how many files were made."""
    failures = index_years(site, years, jobs) if years else {}
    made = 0
    for year, failure in failures.items():
        files = files_below(site, f"{INDEX_DIR}/{year}")
        wanted.update(dict.fromkeys(files, "" if failure else keys[year]))
        made += len(files)
    return tuple(dict.fromkeys(note for note in failures.values() if note)), made


def _counted(results: Iterable[T], stage: str, total: int,
             progress: Callable[[str, int, int], None] | None) -> Iterator[T]:
    """Pass results through, telling `progress` every so often how far along they are."""
    step = max(1, total // 100)
    for done, result in enumerate(results, 1):
        if progress is not None and (done % step == 0 or done == total):
            progress(stage, done, total)
        yield result


def _render_nth(renderer: Renderer, stage: Stage, pages: list[Page], n: int) -> tuple[bool, Problem | None, Drawn]:
    """Runs in a worker: page `n` is written there; what comes back is small: whether the file
    changed, what went wrong, and the article fragments first drawn for it."""
    page = pages[n]
    try:
        return stage.write(page.output_path, renderer.render(page).encode("utf-8")), None, renderer.fragments.take_new()
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


def _unknown_templates(env: jinja2.Environment, articles: list[Article]) -> list[Problem]:
    known = set(env.list_templates(extensions=["html"]))
    return [Problem(Path(a.source), a.template_line,
                    f"unknown template '{a.template}' (not in the theme or templates/)")
            for a in articles if a.template not in known]


def _duplicate_urls(articles: list[Article]) -> list[Problem]:
    first_by_url: dict[str, Article] = {}
    problems = []
    for article in articles:
        other = first_by_url.setdefault(article.url, article)
        if other is not article:
            problems.append(Problem(Path(article.source), 1,
                                    f"same URL /{article.url} as {other.source}; change 'slug' or 'date'"))
    return problems
