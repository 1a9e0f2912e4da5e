"""An edited article put in its place in a built Site (catalog/revise.py), as the dev server draws
it ahead of a rebuild: the new Site shows it everywhere the old one showed the article, and the
old Site is left as it was."""

import dataclasses

from site_builder.catalog import index_articles
from site_builder.catalog.revise import revise
from site_builder.config import Config
from site_builder.content.parse import parse_file
from site_builder.model import Article, ArticleFile, Site
from tests.support.sites import article

CONFIG = Config(timezone="Europe/London")


def parsed(name: str, text: str) -> Article:
    result = parse_file(ArticleFile("/x", f"content/articles/{name}.md", text), CONFIG)
    assert isinstance(result, Article), result
    return result


def titles(articles: tuple[Article, ...]) -> list[str]:
    return [a.title for a in articles]


def day_of(site: Site, url: str) -> tuple[Article, ...]:
    return next(day.articles for year in site.years for month in year.months for day in month.days
                if day.url == url)


def the_site() -> tuple[Site, Article]:
    """Four articles over two years; Talks shares a topic with the newest, Vote (same-day ties go by URL)."""
    vote = parsed("vote", article("Vote", "2024-01-03", topics="[Elections, Economy]", regions="[Japan]"))
    talks = parsed("talks", article("Talks", "2024-01-02", topics="[Elections]", tags="[NATO]", regions="[Japan]"))
    polls = parsed("polls", article("Polls", "2024-01-02", topics="[Elections]", regions="[Japan]"))
    budget = parsed("budget", article("Budget", "2023-12-31", topics="[Economy]"))
    site, _ = index_articles([vote, talks, polls, budget])
    return site, talks


def test_the_edited_article_shows_in_the_site_its_terms_and_its_day() -> None:
    site, talks = the_site()
    edited = dataclasses.replace(talks, title="Talks, revised", summary="New first line.")
    new = revise(site, {talks.url: edited})
    assert titles(new.articles) == ["Vote", "Polls", "Talks, revised", "Budget"]
    assert titles(new.taxonomy("topics").by_name["Elections"].articles) == ["Vote", "Polls", "Talks, revised"]
    assert titles(new.taxonomy("tags").by_name["NATO"].articles) == ["Talks, revised"]
    assert titles(new.taxonomy("regions").by_name["Japan"].articles) == ["Vote", "Polls", "Talks, revised"]
    assert titles(day_of(new, "archive/2024/01/02/")) == ["Polls", "Talks, revised"]
    # The articles that list it as earlier coverage show the edit.
    assert titles(new.related["2024/01/03/vote/"]) == ["Polls", "Talks, revised"]  # Budget shares one topic
    assert titles(new.related["2024/01/02/polls/"]) == ["Talks, revised"]
    assert new.taxonomy("topics").by_name["Elections"] is new.taxonomy("topics").terms[1]  # one term, two ways


def test_what_the_edit_does_not_touch_is_shared_with_the_old_site() -> None:
    site, talks = the_site()
    new = revise(site, {talks.url: dataclasses.replace(talks, title="Talks, revised")})
    assert new.taxonomy("source") is site.taxonomy("source")  # no source: untouched
    assert new.taxonomy("topics").by_name["Economy"] is site.taxonomy("topics").by_name["Economy"]
    assert new.years[0] is site.years[0]  # 2023
    assert day_of(new, "archive/2024/01/03/") is day_of(site, "archive/2024/01/03/")
    assert all(new.articles[n] is site.articles[n] for n in (0, 1, 3))


def test_the_old_site_is_left_as_it_was() -> None:
    site, talks = the_site()
    before = (site.articles, site.taxonomies, site.years, dict(site.related))
    revise(site, {talks.url: dataclasses.replace(talks, title="Talks, revised")})
    assert (site.articles, site.taxonomies, site.years, dict(site.related)) == before
    assert titles(site.articles) == ["Vote", "Polls", "Talks", "Budget"]
    assert titles(site.taxonomy("tags").by_name["NATO"].articles) == ["Talks"]
    assert titles(day_of(site, "archive/2024/01/02/")) == ["Polls", "Talks"]
    assert titles(site.related["2024/01/03/vote/"]) == ["Polls", "Talks"]


def test_no_edit_gives_an_equal_site() -> None:
    site, _ = the_site()
    new = revise(site, {})
    assert new == site
    assert all(a is b for a, b in zip(new.taxonomies, site.taxonomies))
    assert all(a is b for a, b in zip(new.years, site.years))
