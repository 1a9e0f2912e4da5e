"""newsroom: the Site's corrections, stories and standalone pages -> their pages: `/corrections/`
(every correction, newest first, paged as listings are) and its feed, `/stories/`, and a page
per file of content/pages/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from site_builder.config import Config
from site_builder.model import Article, Page, Site, Story
from site_builder.pages.paginate import Forward, paginate

CORRECTIONS_URL = "corrections/"
FEED_SIZE = 20


@dataclass(frozen=True)
class Corrected:
    """One correction with the article it corrects; `number` counts the article's corrections
    from its first, and anchors it on the article's page (`#correction-2`)."""

    date: dt.datetime
    text: str
    number: int
    article: Article

    @property
    def token(self) -> str:
        return f"{self.article.url}>{self.article.title}>{self.date.isoformat()}>{self.number}>{self.text}"


def corrections_of(articles: Iterable[Article]) -> list[Corrected]:
    """Every correction, newest first."""
    found = [Corrected(c.date, c.text, n, a) for a in articles for n, c in enumerate(a.corrections, 1)]
    return sorted(found, key=lambda c: (c.date, c.article.url, c.number), reverse=True)


def plan_corrections(site: Site, config: Config) -> Iterator[Page]:
    """The corrections log, paged as a listing (numbered pages fixed from the oldest), and its
    feed: adding a correction changes these, the article and the feeds that show it."""
    corrections = corrections_of(site.articles)
    title = "Corrections"
    for paginator in paginate(corrections, config.articles_per_page, CORRECTIONS_URL):
        if isinstance(paginator, Forward):
            yield Page(paginator.url, "forward.html", {"title": title, "target": paginator.first_url},
                       inputs=(title, paginator.first_url), kind="forward")
            continue
        numbered = title if paginator.is_latest else f"{title}, page {paginator.number}"
        yield Page(paginator.url_of(paginator.number), "corrections.html", {"title": numbered, "paginator": paginator},
                   inputs=(numbered, str(paginator.newer_url), str(paginator.older_url),
                           *(c.token for c in paginator.items)), kind="corrections")
    latest = corrections[:FEED_SIZE]
    yield Page(f"{CORRECTIONS_URL}feed.xml", "corrections.xml",
               {"title": f"{title} · {config.title}", "corrections": latest,
                "updated": latest[0].date if latest else None},
               inputs=tuple(c.token for c in latest), kind="feed")


def story_index(stories: Iterable[Story]) -> Page:
    """The running stories, the one with the latest news first."""
    ordered = sorted(stories, key=lambda s: (-s.articles[-1].timestamp, s.name))
    return Page("stories/", "stories.html", {"title": "Stories", "stories": ordered},
                inputs=tuple(f"{s.token}>{len(s.articles)}>{s.articles[0].date}>{s.articles[-1].date}>"
                             f"{s.intro.summary if s.intro else ''}" for s in ordered), kind="stories")


def plan_standalone(site: Site) -> Iterator[Page]:
    for standalone in site.pages:
        yield Page(standalone.url, "page.html", {"title": standalone.title, "standalone": standalone},
                   inputs=(standalone.fingerprint,), kind="page", source=standalone.path)
