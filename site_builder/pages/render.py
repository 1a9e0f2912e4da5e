"""render: Page -> HTML text, from the page, the config and the templates alone; the article
fragments it draws on the way are remembered (Fragments), for other pages and later builds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import posixpath
import re
import urllib.parse
from collections.abc import Mapping
from typing import Any
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup, escape

from site_builder.config import Config
from site_builder.model import TEASER_FIELDS, TEASER_READS, Article, Page, Site
from site_builder.pages.fingerprint import untracked_reads
from site_builder.pages.language import Language, load_language
from site_builder.pages.theme import MAP_GEOMETRY, Theme, make_environment
from site_builder.pages.titles import localised
from site_builder.pages.widgets.charts import month_chart, month_counts
from site_builder.pages.widgets.metadata import image_url, news_article, person
from site_builder.pages.widgets.worldmap import world_map as draw_world_map
from site_builder.pages.words import counted, date_range, format_date, ordinal

# While a shared fragment is drawn (see `article_partial`), the page it will go into is not
# known: links are left as placeholders, made relative when the fragment is put in a page.
FRAGMENT = "\x00fragment"
PLACEHOLDER = re.compile("\x01([^\x02]*)\x02")


def relative_url(from_url: str, to_url: str, local: bool = False) -> str:
    """A link from page `from_url` to `to_url`, both site-relative; never starts with '/'."""
    path, _, fragment = to_url.partition("#")
    from_dir = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    if path.startswith(from_dir):
        link = path[len(from_dir):] or "./"  # below this page (or itself): no need to climb
    else:
        link = "../" * from_dir.count("/") + path
    if local and link.endswith("/"):
        link += "index.html"  # file:// has no directory index
    link = f"{link}#{fragment}" if fragment else link
    return link if link.isascii() else encoded(link)


def encoded(url: str) -> str:
    """A URL with a slug in any script (slugs = "unicode"), percent-encoded as links need it."""
    return urllib.parse.quote(url, safe="/#:?=&%")


def interface_words(language: Language) -> dict[str, Any]:
    """`_`, `gettext` and `ngettext` for templates: a message's translation, as markup (the
    catalogues are the theme's, trusted as its templates are), formatted with its escaped
    `variables`; `ngettext` gives `num` the count. Plain functions, each message looked up
    once: Jinja's own gettext wrappers cost two context calls each, on every page."""
    single = functools.lru_cache(maxsize=None)(lambda message: Markup(language.gettext(message)))
    plural = functools.lru_cache(maxsize=None)(lambda one, many, n: Markup(language.ngettext(one, many, n)))

    def gettext(message: str, **variables: Any) -> Markup:
        return single(message) % variables if variables else single(message)

    def ngettext(singular: str, plural_form: str, count: int, **variables: Any) -> Markup:
        return plural(singular, plural_form, count) % {"num": count, **variables}

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


RenderedFragments = dict[tuple[str, str, str], str]  # (template, its hash, article teaser) -> HTML


@dataclass
class Fragments:
    """The articles' partials (see `article_partial`), by template, the template's hash and the
    article's teaser hash: those earlier builds drew (`known`, never changed here), and those
    this process drew since, kept while it draws pages and handed back by `take_new`. Kept
    between builds: a listing draws only the articles no earlier build drew."""

    known: Mapping[tuple[str, str, str], str] = field(default_factory=dict)
    drawn: RenderedFragments = field(default_factory=dict)
    untaken: list[tuple[str, str, str]] = field(default_factory=list)

    def get(self, key: tuple[str, str, str]) -> str | None:
        found = self.known.get(key)
        return found if found is not None else self.drawn.get(key)

    def add(self, key: tuple[str, str, str], fragment: str) -> None:
        self.drawn[key] = fragment
        self.untaken.append(key)

    def take_new(self) -> RenderedFragments:
        """Those drawn since the last call, for the build to keep."""
        new = {key: self.drawn[key] for key in self.untaken}
        self.untaken = []
        return new


def install_helpers(env: jinja2.Environment, config: Config, site: Site, theme: Theme,
                    templates: dict[str, str], fragments: Fragments, language: Language) -> None:
    """Globals and filters every template may use. Call once per environment. `templates`:
    each template's hash (see fingerprint.template_hashes), which keys `fragments`; `language`:
    the interface's words (`_()`, `ngettext()`, `{% trans %}`), dates and numbers."""
    env.globals.update(interface_words(language))
    assets = theme.assets
    geometry = theme.data_file(MAP_GEOMETRY)

    @jinja2.pass_context
    def url(context: jinja2.runtime.Context, target: str) -> str:
        page_url = context["page_url"]
        if page_url is FRAGMENT:
            return Markup(f"\x01{target}\x02")  # escaped when the page fills it in
        return relative_url(page_url, target, config.local)

    @jinja2.pass_context
    def asset(context: jinja2.runtime.Context, name: str) -> str:
        """'style.css' -> the relative URL of the fingerprinted copy; unknown names fail the build."""
        if name not in assets:
            raise jinja2.TemplateRuntimeError(f"asset('{name}'): no such file in the theme's static/")
        return url(context, assets[name])

    @jinja2.pass_context
    def article_partial(context: jinja2.runtime.Context, name: str, article: Article) -> Markup:
        """`{{ article_partial("partials/teaser.html", article) }}`: the template drawn once
        for the article, however many listings show it, then given this page's links. It sees
        only `article` (and the globals); what it shows must be what `Article.teaser` hashes."""
        key = (name, templates.get(name, ""), article.teaser)
        fragment = fragments.get(key)
        if fragment is None:
            _check_teaser(env, name, key[1])
            fragment = env.get_template(name).render(article=article, page_url=FRAGMENT)
            fragments.add(key, fragment)
        page_url = context["page_url"]
        return Markup(PLACEHOLDER.sub(lambda link: escape(relative_url(page_url, link[1], config.local)), fragment))

    @jinja2.pass_context
    def world_map(context: jinja2.runtime.Context, taxonomy) -> Markup:
        if geometry is None:
            return Markup("")
        return draw_world_map(taxonomy, geometry, lambda target: url(context, target), language)

    @jinja2.pass_context
    def term_chart(context: jinja2.runtime.Context, term, month_pages: Mapping[str, str]) -> Markup:
        """`month_pages`: '2016-08' -> the URL of that month's coverage, each bar's link."""
        def link(month: dt.date) -> str | None:
            target = month_pages.get(f"{month:%Y-%m}")
            return None if target is None else url(context, target)

        return month_chart(term, link, language)

    def absolute_url(target: str) -> str:
        url = config.base_url + target
        return url if url.isascii() else encoded(url)

    # Links are filters (`{{ article.url | url }}`), not functions: Jinja calls a filter
    # directly, while each function call from a template costs several checks, and a page
    # makes thirty-odd links.
    env.filters["url"] = url
    env.filters["asset"] = asset
    env.globals.update(
        absolute_url=absolute_url, config=config, taxonomies=site.taxonomies,
        news_article=lambda article: news_article(article, config, site.authors),
        person=lambda term, profile: person(term, profile, config),
        image_url=lambda image: image_url(image, config),
        month_chart=term_chart, month_counts=month_counts, world_map=world_map,
        article_partial=article_partial,
    )
    env.filters["date"] = lambda moment, with_time=False: format_date(moment, with_time, language)
    env.filters["time"] = language.time
    env.filters["month"] = language.month
    env.filters["month_name"] = language.month_name
    env.filters["number"] = language.number
    env.filters["month_abbr"] = language.month_abbr
    env.filters["ordinal"] = ordinal
    # {{ n | counted("article") }}: "1 article", "2 articles"; the catalogue's plural forms.
    env.filters["counted"] = lambda count, noun, plural=None: counted(count, noun, plural, language)
    env.filters["date_range"] = lambda dates: date_range(*dates, language=language)
    env.globals["language"] = language
    env.filters["isodate"] = lambda moment: moment.isoformat()
    # JSON for <script type="application/ld+json">: '<' escaped so text cannot close the script.
    # Compact: indenting would take json's pure-Python encoder, several times slower.
    env.filters["jsonld"] = lambda value: Markup(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    )


@functools.lru_cache(maxsize=64)
def _teaser_problem(env: jinja2.Environment, name: str, template_hash: str) -> tuple[int, str] | None:
    reads = untracked_reads(env, name, "article", TEASER_READS)
    return reads[0] if reads else None


def _check_teaser(env: jinja2.Environment, name: str, template_hash: str) -> None:
    """A shared fragment is kept while the article's teaser hash stays the same, so its
    template may read only what that hash covers."""
    problem = _teaser_problem(env, name, template_hash)
    if problem is not None:
        line, what = problem
        raise jinja2.TemplateSyntaxError(f"uses {what}, which listings do not track (they show "
                                         f"only {', '.join(TEASER_FIELDS)})", line, name, name)


class Renderer:
    """Pages -> HTML with the theme's templates and the helpers above. A Jinja environment does
    not pickle: a renderer pickles as what it is made of, and a worker process that receives
    it (spawned, not forked) makes its own environment from that."""

    def __init__(self, env: jinja2.Environment | None, theme: Theme, config: Config, site: Site,
                 templates: dict[str, str], fragments: Fragments, language: Language | None = None):
        language = language or load_language(config.language, theme.locale_dirs)
        self._parts = (theme, config, site, templates, fragments, language)
        self.theme, self.templates, self.language = theme, templates, language
        self._others: dict[str, Renderer] = {}  # by language, see `_speaking`
        self.env = env or make_environment(theme)
        self.fragments = fragments
        install_helpers(self.env, config, site, theme, templates, fragments, language)

    def __getstate__(self) -> tuple:
        return self._parts

    def __setstate__(self, parts: tuple) -> None:
        self.__init__(None, *parts)  # type: ignore[misc]

    def kept_fragments(self, articles: tuple[Article, ...], drawn: RenderedFragments) -> RenderedFragments:
        """The fragments worth keeping for the next build (`drawn`: those this build drew): of
        articles still shown, drawn by the templates as they are now."""
        teasers = {a.teaser for a in articles}
        return {key: html for key, html in {**self.fragments.known, **drawn}.items()
                if key[2] in teasers and self.templates.get(key[0]) == key[1]}

    def render(self, page: Page) -> str:
        renderer = self._speaking(page.context.get("interface"))
        template = renderer.env.get_template(page.template)
        return template.render(localised(page, renderer.language), page_url=page.url)

    def _speaking(self, tag: str | None) -> Renderer:
        """This renderer, or one drawing in another language (an article in it, its listing):
        its own environment and fragments, the same theme and site."""
        if not tag or tag == self.language.tag:
            return self
        if tag not in self._others:
            theme, config, site, templates, _, _ = self._parts
            self._others[tag] = Renderer(None, theme, dataclasses.replace(config, language=tag), site, templates,
                                         Fragments(), load_language(tag, theme.locale_dirs))
        return self._others[tag]
