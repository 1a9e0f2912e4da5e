"""build: the pipeline, top to bottom: config, discover, parse, index, plan, render, write.

Parsing and rendering are pure, so both run across cores and both are skipped for inputs
that a previous build already turned into the same result (see cache.py, pages/fingerprint.py).
A long-lived caller (the dev server) hands each build what the last one left (`Warm`) and what
changed since (`Edits`), and gets back what this one leaves: values, never hooks.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jinja2

from site_builder.cache import BuildCache, LastBuild
from site_builder.catalog import index_articles, unused_notes, with_notes
from site_builder.catalog.moves import moved_urls
from site_builder.config import Config, load_config
from site_builder.content import Content, Extras, read_content, read_extras
from site_builder.content.discover import Discovery, discover, rediscover
from site_builder.content.files import SiteFiles, discover_files, rediscover_files
from site_builder.content.markup import extension_problems
from site_builder.errors import ContentError, Problem
from site_builder.laps import Laps
from site_builder.model import Article, Page, Site
from site_builder.options import BuildOptions, FirstPages
from site_builder.outcome import Outcome, record_outcome
from site_builder.output import render_first, write_site
from site_builder.output.folder import (OutputFolder, check_articles_folder, check_output_dir,
                                        read_output_folder, tree_id)
from site_builder.pages.clashes import url_clashes
from site_builder.pages.fingerprint import References, ThemeHashes, hash_theme, inputs_key
from site_builder.pages.language import Language, load_language
from site_builder.pages.plan import plan_pages
from site_builder.pages.render import Fragments, Renderer
from site_builder.pages.theme import Theme, load_theme, make_environment
from site_builder.pool import default_jobs
from site_builder.project import Edits
from site_builder.search import SearchMode, plan_search

log = logging.getLogger(__name__)


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
    # One line each: an article whose URL moved since the last build, a profile or a story's
    # introduction that nothing names.
    warnings: tuple[str, ...] = ()
    pages_written: int = 0  # of the files written, pages (the rest: static files, the search index)


@dataclass(frozen=True)
class LoadedTheme:
    theme: Theme
    env: jinja2.Environment
    hashes: ThemeHashes
    references: References  # what each template draws, for the next build (pages/fingerprint.py)
    language: Language  # the interface's words and formats in the site's language


@dataclass(frozen=True)
class Built:
    """What a build made of the content, for the dev server to draw a page again at once."""

    config: Config
    site: Site
    pages: list[Page]
    renderer: Renderer


@dataclass(frozen=True)
class Warm:
    """What one build leaves for the next in the same process: the cache (not saved: the caller
    saves it when it likes), the theme, the files discovered, and the site built."""

    cache: BuildCache
    cache_for: str  # the output folder and configuration the cache belongs to
    theme: LoadedTheme
    # The theme's name, whether its files' names carry hashes, the names pinned, the language.
    theme_for: tuple[str, bool, tuple[tuple[str, str], ...], str]
    discovery: Discovery
    built: Built | None  # None until a build draws the site
    files: SiteFiles | None = None  # the project's other files (content/files.py)


def read_config(options: BuildOptions) -> Config:
    config = load_config(options.root, check_extensions=extension_problems)
    overrides = {}
    if options.local is not None:
        overrides["local"] = options.local
    if options.base_url is not None:
        overrides["base_url"] = options.base_url
    return dataclasses.replace(config, **overrides)


def build(options: BuildOptions) -> BuildReport:
    """Read everything, check it, then render and write what changed; stop early when nothing
    did. The cache is saved for the next build."""
    report, warm = build_warm(options)
    warm.cache.save()
    return report


def build_warm(options: BuildOptions, warm: Warm | None = None, edits: Edits | None = None,
               first: FirstPages | None = None) -> tuple[BuildReport, Warm]:
    """`build`, from what the last build in this process left (`warm`) and what changed since
    (`edits`; None: anything may have); `first`: pages to draw before the others. How it ended
    is recorded either way, for `deploy` to know whether output/ may be published."""
    try:
        with _collecting_cycles_after():
            report, warm = _build(options, warm, edits, first)
    except BaseException as err:
        problems = len(err.problems) if isinstance(err, ContentError) else 0
        record_outcome(options.root, options.out, Outcome(False, tree_id(options.out), problems, options.base_url))
        raise
    record_outcome(options.root, options.out, Outcome(not report.problems, tree_id(options.out),
                                                      len(report.problems), options.base_url))
    return report, warm


@contextmanager
def _collecting_cycles_after() -> Iterator[None]:
    """A build makes millions of objects that live as long as it does (articles, pages, their
    inputs), and hardly any garbage cycles: Python's cycle collector, left on, would walk them
    all again and again. It waits until the build is over; the workers, which render thousands
    of pages each, collect as usual (pool.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(options: BuildOptions, warm: Warm | None, edits: Edits | None,
           first: FirstPages | None) -> tuple[BuildReport, Warm]:
    started, lap = time.perf_counter(), Laps(log)
    config = read_config(options)
    check_output_dir(options.out, options.root)
    cache, cache_for = _cache(options, config, warm)
    loaded, theme_for = _theme(options, config, cache, warm, edits)
    discovery = _discover(options.root, cache, warm, edits)
    files, unreadable, stamps = discovery
    site_files = _site_files(options.root, cache, warm, edits)
    search = _search_mode(options, config)
    inputs = inputs_key(files, loaded.hashes, search, str(options.drafts), *_hashed(site_files))
    folder = read_output_folder(options.out, cache.trees)
    warm = Warm(cache, cache_for, loaded, theme_for, discovery, warm.built if warm else None, site_files)
    lap("config, theme, discover")
    check_articles_folder(options.root, folder)
    # A file that cannot be read is in no key: the build goes on to report it.
    if inputs == cache.last_build.inputs and folder.listed and not folder.missing and not unreadable:
        cache.vouch(stamps)
        return _nothing_changed(cache, options, folder, started), warm
    jobs = options.jobs or default_jobs()
    content = read_content(options.root, config, cache.articles, jobs, options.progress, (files, unreadable),
                           options.runner, options.drafts)
    extras = read_extras(options.root, config, content.articles, site_files, jobs, options.progress)
    lap("cache, parse, photos")
    site, related, problems = _index(content, extras, loaded.env, options, config, cache, jobs)
    renderer = Renderer(loaded.env, loaded.theme, config, site, loaded.hashes.templates, Fragments(cache.fragments),
                        loaded.language)
    pages, drawn, fragments = render_first(options, first, plan_pages(site, config), renderer, loaded.hashes, folder)
    copies = _copies(options.root, site_files, extras)
    # Two things at one URL (an alias or a page on a page of the site's, a static file on a
    # generated one) are problems, raised with any left out by --keep-going.
    if clashes := url_clashes(pages, site_files.static(), loaded.theme.static_files):
        raise ContentError([*problems, *clashes])
    lap("index, plan")
    # A shard with a file deleted by hand is indexed again: a search index is whole or useless.
    searched = plan_search(search, pages, loaded.hashes.templates, loaded.hashes.site_key, folder.present,
                           folder.held_files, config.search_shard_size, cache.search_records)
    written = write_site(options, pages, renderer, loaded.hashes, folder, searched, drawn, copies)
    lap("write site (output/)")
    # Before the cache forgets the last build's URLs.
    warnings = (*moved_urls(cache.last_build.urls, site.articles), *unused_notes(site, extras.intros))
    cache.record(articles=content.parsed, stamps={**stamps, **site_files.stamps}, templates=loaded.references,
                 fragments=renderer.kept_fragments(site.articles, {**fragments, **written.fragments}),
                 related=related, trees=written.trees, search_records=written.search_records,
                 last_build=LastBuild(inputs, len(pages), len(site.articles), problems, content.undated_drafts,
                                      {a.path: a.url for a in site.articles}))
    report = BuildReport(
        articles=len(site.articles), pages=len(pages), rendered=written.rendered,
        written=written.written, unchanged=written.unchanged, removed=written.removed,
        seconds=time.perf_counter() - started, out=options.out,
        undated_drafts=content.undated_drafts, problems=problems, notes=written.notes,
        warnings=warnings, pages_written=written.pages_written)
    return report, dataclasses.replace(warm, built=Built(config, site, pages, renderer))


def _cache(options: BuildOptions, config: Config, warm: Warm | None) -> tuple[BuildCache, str]:
    """The cache the last build in this process kept, if it was made for this output folder
    and configuration; else the one on disk."""
    made_for = repr((options.out, config.cache_key()))
    if warm is not None and warm.cache_for == made_for:
        return warm.cache, made_for
    return BuildCache(options.root, options.out, config), made_for


def _theme(options: BuildOptions, config: Config, cache: BuildCache, warm: Warm | None,
           edits: Edits | None) -> tuple[LoadedTheme, tuple[str, bool, tuple[tuple[str, str], ...], str]]:
    """The theme the last build loaded, unless something outside content/ changed since."""
    made_for = (config.theme, options.fingerprint_assets, options.pinned_assets, config.language)
    if warm is not None and edits is not None and not edits.others and warm.theme_for == made_for:
        return warm.theme, made_for
    theme = load_theme(options.root, config.theme, options.fingerprint_assets, dict(options.pinned_assets))
    env = make_environment(theme)
    language = load_language(config.language, theme.locale_dirs, options.root)
    hashes, references = hash_theme(theme, env, cache.templates, language.catalogue_hash)
    return LoadedTheme(theme, env, hashes, references, language), made_for


def _discover(root: Path, cache: BuildCache, warm: Warm | None, edits: Edits | None) -> Discovery:
    """Every article file; given what changed since the last build, only those looked at again."""
    if warm is None or edits is None or edits.articles is None:
        return discover(root, cache.stamps)
    if not edits.articles:
        return warm.discovery
    return rediscover(root, warm.discovery, set(edits.articles))


def _site_files(root: Path, cache: BuildCache, warm: Warm | None, edits: Edits | None) -> SiteFiles:
    """The project's other files (photos, notes, static/); given what changed since the last
    build, only those looked at again."""
    if warm is None or warm.files is None or edits is None or edits.files is None:
        return discover_files(root, cache.stamps)
    return rediscover_files(root, warm.files, edits.files) if edits.files else warm.files


def _hashed(files: SiteFiles) -> list[str]:
    return [*(f"{key}={digest}" for key, digest in files.hashes.items()), *map(str, files.problems)]


def _index(content: Content, extras: Extras, env: jinja2.Environment, options: BuildOptions, config: Config,
           cache: BuildCache, jobs: int) -> tuple[Site, dict[str, tuple[str, ...]], tuple[Problem, ...]]:
    """The articles that can be published, ordered and filed; the related lists to keep; and
    the problems left out. Every problem is raised together, unless the build keeps going
    without the files that have them."""
    problems = (*content.problems, *extras.problems, *_unknown_templates(env, content.articles))
    if problems and not options.keep_going:
        raise ContentError(list(problems))
    broken = {p.path.as_posix() for p in problems}
    published = [a for a in extras.articles if a.path not in broken and (options.drafts or not a.draft)]
    site, related = index_articles(published, config, cache.related, jobs)
    return with_notes(site, extras.pages, extras.profiles, extras.intros), related, problems


def _copies(root: Path, files: SiteFiles, extras: Extras) -> dict[str, tuple[Path, str]]:
    """Files the site holds as they are, by path in the site, with their file and fingerprint:
    the site's static/, at the site's root, and the photos' variants."""
    copies = {path: (root / key, f"static:{files.hashes[key]}") for path, key in files.static().items()}
    copies.update({path: (source, f"media:{extras.media_key}") for path, source in (extras.media or {}).items()})
    return copies


def _search_mode(options: BuildOptions, config: Config) -> SearchMode:
    # The dev server keeps the index it has; a site with search turned off has none, and so
    # has a copy made to be opened from disk, where browsers refuse Pagefind's module scripts.
    if not config.search or config.local:
        return "drop"
    return "build" if options.search else "keep"


def _nothing_changed(cache: BuildCache, options: BuildOptions, folder: OutputFolder, started: float) -> BuildReport:
    last = cache.last_build
    if last.problems and not options.keep_going:
        raise ContentError(list(last.problems))
    return BuildReport(
        articles=last.articles, pages=last.pages, rendered=0, written=0,
        unchanged=len(folder.held_files), removed=0,
        seconds=time.perf_counter() - started, out=options.out,
        undated_drafts=last.undated_drafts, problems=last.problems)


def _unknown_templates(env: jinja2.Environment, articles: tuple[Article, ...]) -> list[Problem]:
    known = set(env.list_templates(extensions=["html"]))
    return [Problem(Path(a.path), a.template_line,
                    f"unknown template '{a.template}' (not in the theme or templates/)")
            for a in articles if a.template not in known]
