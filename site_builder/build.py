"""build: the pipeline, top to bottom: config, discover, parse, index, plan, render, write."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from site_builder.config import Config, load_config
from site_builder.discover import discover
from site_builder.index import build_site
from site_builder.model import Article, ContentError, Page, Problem
from site_builder.parse import UndatedDraft, parse_file
from site_builder.plan import plan_pages
from site_builder.render import install_helpers, render_page
from site_builder.search import index_search
from site_builder.theme import load_theme, make_environment
from site_builder.write import check_output_dir, write_output

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path
    drafts: bool = False
    local: bool | None = None  # None: as site.toml says
    base_url: str | None = None  # the dev server serves at its own address
    keep_going: bool = False  # build the valid articles even when others have problems


@dataclass(frozen=True)
class BuildReport:
    articles: int
    pages: int
    files: int
    bytes: int
    seconds: float
    out: Path
    undated_drafts: tuple[Path, ...] = ()  # not built: they have no date, so no URL
    problems: tuple[Problem, ...] = ()  # with keep_going: what was left out
    notes: tuple[str, ...] = ()  # one line each, e.g. why search was not built


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


def read_content(root: Path, config: Config) -> Content:
    """Every article file, validated; problems are collected, never raised one by one."""
    files, problems = discover(root)
    content = Content([], [], problems)
    for source in files:
        result = parse_file(source, config)
        if isinstance(result, Article):
            content.articles.append(result)
        elif isinstance(result, UndatedDraft):
            content.undated_drafts.append(result.source)
        else:
            problems.extend(result)
    duplicates = _duplicate_urls(content.articles)
    problems.extend(duplicates)
    dropped = {p.path for p in duplicates}
    content.articles[:] = [a for a in content.articles if a.source not in dropped]
    return content


def build(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    config = read_config(options)
    check_output_dir(options.out, options.root)
    theme = load_theme(options.root, config.theme)
    env = make_environment(theme)
    # Everything is read and checked before anything is rendered or written.
    content = read_content(options.root, config)
    problems = content.problems + _unknown_templates(env, content.articles)
    if problems and not options.keep_going:
        raise ContentError(problems)
    broken = {p.path for p in problems}
    articles = [a for a in content.articles if a.source not in broken]
    site = build_site((a for a in articles if options.drafts or not a.draft),
                      config.min_articles_for_tag_page)
    pages = plan_pages(site, config)
    install_helpers(env, config, site)
    rendered = list(_render_all(env, pages))
    search_notes: list[str] = []
    written = write_output(options.out, rendered, theme.static_files,
                           finish=lambda stage: search_notes.extend(filter(None, [index_search(stage)])))
    log.info("built %d pages", len(pages))
    return BuildReport(
        articles=len(site.articles), pages=len(pages), files=written.files, bytes=written.bytes,
        seconds=time.perf_counter() - started, out=options.out,
        undated_drafts=tuple(content.undated_drafts), problems=tuple(problems),
        notes=tuple(search_notes),
    )


def _unknown_templates(env: jinja2.Environment, articles: list[Article]) -> list[Problem]:
    known = set(env.list_templates(extensions=["html"]))
    return [Problem(a.source, a.template_line,
                    f"unknown template '{a.template}' (not in the theme or templates/)")
            for a in articles if a.template not in known]


def _render_all(env: jinja2.Environment, pages: list[Page]) -> Iterator[tuple[str, bytes]]:
    problems: list[Problem] = []
    for page in pages:
        try:
            yield page.output_path, render_page(env, page).encode("utf-8")
        except jinja2.TemplateSyntaxError as err:
            problems.append(Problem(Path(err.filename or err.name or page.template), err.lineno,
                                    f"template error: {err.message}"))
            break  # the same broken template would fail every page
        except jinja2.TemplateNotFound as err:
            problems.append(Problem(Path(page.template), None, f"template not found: {err.name}"))
            break
        except jinja2.TemplateError as err:
            problems.append(Problem(Path(page.template), None,
                                    f"template error on {page.output_path}: {err}"))
            break
    if problems:
        raise ContentError(problems)


def _duplicate_urls(articles: list[Article]) -> list[Problem]:
    first_by_url: dict[str, Article] = {}
    problems = []
    for article in articles:
        other = first_by_url.setdefault(article.url, article)
        if other is not article:
            problems.append(Problem(article.source, 1,
                                    f"same URL /{article.url} as {other.source}; change 'slug' or 'date'"))
    return problems
