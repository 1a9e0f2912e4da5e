"""build: the pipeline, top to bottom: config, discover, parse, index, plan, render, write.

Parsing and rendering are pure, so both run across cores and both are skipped for inputs
that a previous build already turned into the same result (see cache.py, fingerprint.py).
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import jinja2

from site_builder.cache import BuildCache, LastBuild
from site_builder.catalog import index_articles
from site_builder.config import Config, load_config
from site_builder.content.discover import Discovery, Stamp, discover
from site_builder.content.markup import extension_problems
from site_builder.errors import ContentError, Problem
from site_builder.fingerprint import References, ThemeHashes, hash_theme, inputs_key
from site_builder.laps import Laps
from site_builder.model import Article, ArticleFile, Page, Site
from site_builder.outcome import Outcome, record_outcome
from site_builder.output import SearchIndex, Target, draw_first, front, write_site
from site_builder.plan import plan_pages
from site_builder.pool import Progress, Runner, counted, default_jobs, run_all
from site_builder.render import Fragments, Renderer
from site_builder.theme import Theme, load_theme, make_environment
from site_builder.write import check_output_dir, previous_files, tree_id

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path
    drafts: bool = False
    local: bool | None = None  # None: as site.toml says
    base_url: str | None = None  # the dev server serves at its own address
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
    # Where parse and render run: this machine's processes, or a cluster's workers (cluster.py).
    runner: Runner = run_all


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


def read_config(options: BuildOptions) -> Config:
    config = load_config(options.root, check_extensions=extension_problems)
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
    parsed: list[Article] = field(default_factory=list)  # every article parsed, for the cache


@dataclass(frozen=True)
class LoadedTheme:
    theme: Theme
    env: jinja2.Environment
    hashes: ThemeHashes
    references: References  # what each template draws, for the next build (fingerprint.py)


@dataclass(frozen=True)
class Built:
    """What a build made of the content, for the dev server to draw a page again at once."""

    config: Config
    site: Site
    pages: list[Page]
    renderer: Renderer


class Memory:
    """What a build starts from. This one reads it all from disk, as a command-line build does;
    the dev server's (live.py) keeps it between builds and reads again only what changed."""

    def cache(self, options: BuildOptions, config: Config) -> BuildCache:
        return BuildCache(options.root, options.out, config)

    def theme(self, options: BuildOptions, config: Config, known: References) -> LoadedTheme:
        theme = load_theme(options.root, config.theme, options.fingerprint_assets)
        env = make_environment(theme)
        return LoadedTheme(theme, env, *hash_theme(theme, env, known))

    def discover(self, root: Path, stamps: Mapping[str, Stamp]) -> Discovery:
        return discover(root, stamps)

    def first(self) -> frozenset[str]:
        """Output paths to draw before the others (the pages open in a browser)."""
        return frozenset()

    def drawn_first(self, paths: list[str]) -> None:
        """Called once the pages `first` named are written, before the others are drawn."""

    def keep(self, built: Built) -> None:
        """What the build made; this one lets it go."""

    def save(self, cache: BuildCache) -> None:
        """What the build leaves for the next one, on disk now."""
        cache.save()


def build(options: BuildOptions, memory: Memory | None = None) -> BuildReport:
    """Read everything, check it, then render and write what changed; stop early when nothing did.
    How it ended is recorded either way, for `deploy` to know whether output/ may be published."""
    try:
        with _collecting_cycles_after():
            report = _build(options, memory or Memory())
    except BaseException as err:
        problems = len(err.problems) if isinstance(err, ContentError) else 0
        record_outcome(options.root, options.out, Outcome(False, tree_id(options.out), problems, options.base_url))
        raise
    record_outcome(options.root, options.out, Outcome(not report.problems, tree_id(options.out),
                                                      len(report.problems), options.base_url))
    return report


@contextmanager
def _collecting_cycles_after() -> Iterator[None]:
    """A build makes millions of objects that live as long as it does (articles, pages, their
    inputs), and hardly any garbage cycles: Python's cycle collector, left on, walks them all
    again and again, a tenth of a day's news build. It waits until the build is over; the
    workers, which render thousands of pages each, collect as usual (pool.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(options: BuildOptions, memory: Memory) -> BuildReport:
    started, lap = time.perf_counter(), Laps(log)
    config = read_config(options)
    check_output_dir(options.out, options.root)
    cache = memory.cache(options, config)
    loaded = memory.theme(options, config, cache.templates)
    theme, env, hashes = loaded.theme, loaded.env, loaded.hashes
    files, unreadable, stamps = memory.discover(options.root, cache.stamps)
    search = _search_index(options, config)
    inputs = inputs_key(files, hashes, search, str(options.drafts))
    lap("config, theme, discover")
    if inputs == cache.last_build.inputs and _intact(options.out):
        return _nothing_changed(cache, options, started)
    jobs = options.jobs or default_jobs()
    content = read_content(options.root, config, cache, jobs, options.progress, (files, unreadable),
                           options.runner)
    lap("cache, parse")
    site, related = _index(content, env, options, config, cache, jobs)
    renderer = Renderer(env, theme, config, site, hashes.templates, Fragments(cache.fragments))
    target = Target(options.out, jobs, search, options.atomic, options.progress, config.search_shard_size,
                    first=memory.first(), drawn_first=memory.drawn_first, runner=options.runner)
    pages, drawn = draw_first(target, plan_pages(site, config), renderer, hashes, cache.trees)
    lap("index, plan")
    written = write_site(target, pages, renderer, hashes, cache.trees, drawn)
    memory.keep(Built(config, site, pages, renderer))
    lap("write site (output.py)")
    problems = tuple(content.problems)
    cache.record(articles=content.parsed, stamps=stamps, templates=loaded.references,
                 fragments=renderer.kept_fragments(site.articles), related=related, trees=written.trees,
                 last_build=LastBuild(inputs, len(pages), len(site.articles), problems,
                                      tuple(content.undated_drafts)))
    memory.save(cache)
    lap("save cache")
    return BuildReport(
        articles=len(site.articles), pages=len(pages), rendered=written.rendered,
        written=written.written, unchanged=written.unchanged, removed=written.removed,
        seconds=time.perf_counter() - started, out=options.out,
        undated_drafts=tuple(content.undated_drafts), problems=problems, notes=written.notes)


def read_content(root: Path, config: Config, cache: BuildCache | None = None, jobs: int = 1,
                 progress: Progress | None = None,
                 found: tuple[list[ArticleFile], list[Problem]] | None = None,
                 runner: Runner = run_all) -> Content:
    """Every article file, validated; problems are collected, never raised one by one.
    Files whose text a previous build parsed under the same config come from `cache`;
    `found`: the files and problems of a discovery already made."""
    # Imported here: the Markdown and YAML libraries take a tenth of a second to load, which
    # a build with nothing to parse should not wait for.
    from site_builder.content.parse import UndatedDraft, parse_article_file

    files, unreadable = found or discover(root)[:2]
    # The text read to fingerprint the files is let go (the parse reads again what it parses):
    # kept, it would weigh as much as the archive all build long, 400 MB for 100,000 articles.
    files = [f.without_text() for f in files]
    known = cache.articles if cache else {}
    todo = [f for f in files if f.fingerprint not in known]
    parsed = dict(zip((f.fingerprint for f in todo),
                      counted(runner(partial(parse_article_file, config=config), todo, jobs), "parse", len(todo), progress)))
    content = Content([], [], list(unreadable))
    for file in files:
        result = known.get(file.fingerprint) or parsed[file.fingerprint]
        if isinstance(result, Article):
            content.articles.append(result)
        elif isinstance(result, UndatedDraft):
            content.undated_drafts.append(result.path)
        else:
            content.problems.extend(result)
    content.parsed.extend(content.articles)
    duplicates = _duplicate_urls(content.articles)
    content.problems.extend(duplicates)
    dropped = {p.path.as_posix() for p in duplicates}
    content.articles[:] = [a for a in content.articles if a.path not in dropped]
    return content


def _index(content: Content, env: jinja2.Environment, options: BuildOptions, config: Config,
           cache: BuildCache, jobs: int) -> tuple[Site, dict[str, tuple[str, ...]]]:
    """The articles that can be published, ordered and filed, and the related lists to keep;
    every problem is raised together, unless the build keeps going without the files that
    have them."""
    content.problems.extend(_unknown_templates(env, content.articles))
    if content.problems and not options.keep_going:
        raise ContentError(content.problems)
    broken = {p.path.as_posix() for p in content.problems}
    published = [a for a in content.articles if a.path not in broken and (options.drafts or not a.draft)]
    return index_articles(published, config.min_articles_for_tag_page, cache.related, jobs)


def _search_index(options: BuildOptions, config: Config) -> SearchIndex:
    # The dev server keeps the index it has; a site with search turned off has none.
    return ("build" if options.search else "keep") if config.search else "drop"


def _intact(out: Path) -> bool:
    """Every file the last build wrote is still there (one may have been deleted by hand)."""
    listed = previous_files(out)
    top = os.fspath(out)
    return bool(listed) and all(os.path.exists(f"{top}/{path}") for path in listed)


def _nothing_changed(cache: BuildCache, options: BuildOptions, started: float) -> BuildReport:
    last = cache.last_build
    if last.problems and not options.keep_going:
        raise ContentError(list(last.problems))
    return BuildReport(
        articles=last.articles, pages=last.pages, rendered=0, written=0,
        unchanged=len(front(cache.trees, options.out).files), removed=0,
        seconds=time.perf_counter() - started, out=options.out,
        undated_drafts=last.undated_drafts, problems=last.problems)


def _unknown_templates(env: jinja2.Environment, articles: list[Article]) -> list[Problem]:
    known = set(env.list_templates(extensions=["html"]))
    return [Problem(Path(a.path), a.template_line,
                    f"unknown template '{a.template}' (not in the theme or templates/)")
            for a in articles if a.template not in known]


def _duplicate_urls(articles: list[Article]) -> list[Problem]:
    first_by_url: dict[str, Article] = {}
    problems = []
    for article in articles:
        other = first_by_url.setdefault(article.url, article)
        if other is not article:
            problems.append(Problem(Path(article.path), 1,
                                    f"same URL /{article.url} as {other.path}; change 'slug' or 'date'"))
    return problems
