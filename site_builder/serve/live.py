"""live: the pages open in the dev server's browsers, drawn with the edited articles before the
rebuild, when every edit leaves its article where it was (its URL, date and terms: most edits
to a body or a headline). The rebuild then makes every page as a fresh build would."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from pathlib import Path

import jinja2

from site_builder.build import Warm
from site_builder.catalog.revise import revise
from site_builder.config import Config
from site_builder.model import Article, ArticleFile, Page, Site
from site_builder.pages.languages import versions
from site_builder.pages.plan import article_page, plan_pages
from site_builder.pages.render import Renderer

log = logging.getLogger(__name__)


def preview(warm: Warm | None, root: Path, edited: Iterable[str] | None, shown: Iterable[str]) -> dict[str, bytes]:
    """The pages at `shown` (output paths) as the articles at `edited` (files below `root`) now
    make them, by output path; nothing if an edit moves its article, adds or removes one."""
    shown, edited = frozenset(shown), frozenset(edited) if edited is not None else None
    built = warm.built if warm is not None else None
    if not shown or not edited or built is None:
        log.debug("not drawn ahead: shown %s, edited %s, built %s", sorted(shown), edited, built is not None)
        return {}
    by_path = {article.path: article for article in built.site.articles}
    replacements: dict[str, Article] = {}
    for key in edited:
        old = by_path.get(key)
        new = _parse(root, key, built.config) if old is not None else None
        if old is None or new is None or _place(new) != _place(old):
            log.debug("not drawn ahead: %s moves or is new, gone or broken", key)
            return {}
        replacements[new.url] = _with_photo_of(old, new)
    site = revise(built.site, replacements)
    renderer = Renderer(warm.theme.env, warm.theme.theme, built.config, site, warm.theme.hashes.templates,
                        built.renderer.fragments, warm.theme.language)
    try:
        return {page.output_path: renderer.render(page).encode("utf-8")
                for page in _pages_at(site, built.config, shown)}
    except jinja2.TemplateError:
        return {}  # the build reports it


def _pages_at(site: Site, config: Config, paths: frozenset[str]) -> list[Page]:
    """The pages of `site` at these output paths: an article's at once, the others as planned
    (the home page first)."""
    found = []
    articles = site.articles
    translated = versions(site, config)
    for i, article in enumerate(articles):
        if f"{article.url}index.html" in paths:
            found.append(article_page(site, article, articles[i - 1] if i > 0 else None,
                                      articles[i + 1] if i + 1 < len(articles) else None,
                                      config, translated.get(article.url, ())))
    wanted = paths - {page.output_path for page in found}
    for page in plan_pages(site, config) if wanted else ():
        if page.kind != "article" and page.output_path in wanted:
            found.append(page)
            wanted -= {page.output_path}
            if not wanted:
                break
    return found


def _parse(root: Path, key: str, config: Config) -> Article | None:
    from site_builder.content.parse import (
        parse_article_file,  # as content.read_content: loads Markdown
    )

    parsed = parse_article_file(ArticleFile(str(root), key, None), config)
    return parsed if isinstance(parsed, Article) else None


def _place(article: Article) -> tuple:
    """What decides where an article is shown: its URL, date, terms, bylines, story, and whether
    it is shown; and its photo, which only the rebuild makes."""
    return (article.url, article.date, article.draft, article.template, article.topics, article.tags,
            article.regions, article.agency, article.authors, article.story, article.aliases,
            article.image.src if article.image else None)


def _with_photo_of(old: Article, new: Article) -> Article:
    """`new`, with the photo the last build made for the same `src` (parsing makes none)."""
    if old.image is None or new.image is None or old.image.photo is None:
        return new
    return dataclasses.replace(new, image=dataclasses.replace(new.image, photo=old.image.photo))
