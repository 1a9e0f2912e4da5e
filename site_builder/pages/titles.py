"""titles: a planned page's context -> the same with its title and page dates in the site's
language: the plan names pages in English (its words are the page's inputs, and the catalogue
is in every page's fingerprint through the theme's key), a page is named in its reader's at
render time."""

from __future__ import annotations

from typing import Any

from site_builder.model import Page
from site_builder.pages.language import Language
from site_builder.pages.listing import page_dates

# The titles the planner gives, as the catalogues know them.
PLANNED_TITLES = frozenset({
    "Latest", "Search", "Archive", "Page not found", "Corrections", "Stories",
    "Topics", "Regions", "Tags", "Sources", "Authors",
})
NAMED_BY_CONTENT = frozenset({"term", "article", "story", "page"})  # a tag may be called "Search"


def localised(page: Page, language: Language) -> dict[str, Any]:
    """`page.context` with `title`, `heading` and `page_dates` in `language`."""
    context = page.context
    heading = _heading(page, language)
    if heading is None:
        return context
    paginator = context.get("paginator")
    dates = context.get("page_dates", "")
    if dates and paginator is not None:
        dates = page_dates(paginator, heading, language)
    title = f"{heading} · {dates}" if dates else heading
    if page.kind == "corrections" and paginator is not None and not paginator.is_latest:
        title = language.gettext("%(title)s, page %(number)s") % {"title": heading,
                                                                  "number": language.number(paginator.number)}
    return {**context, "title": title, "heading": heading, "page_dates": dates}


def _heading(page: Page, language: Language) -> str | None:
    """The page's own name, without its dates; None for a page named by what it shows (an
    article's headline, a term's name), which no catalogue translates."""
    context = page.context
    if "day" in context and page.kind in ("archive-day", "forward"):
        return language.date(context["day"].date)
    if page.kind == "archive-month":
        return language.month(context["month"].first_day)
    base = context.get("heading", context.get("title"))
    if page.kind == "corrections":
        base = "Corrections"
    if base in PLANNED_TITLES and page.kind not in NAMED_BY_CONTENT:
        return language.gettext(base)
    return base if "paginator" in context else None
