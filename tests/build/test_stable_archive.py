"""What shows the past stays as it is: a day's news rewrites only the pages that show it, a
numbered page keeps its articles, an article's earlier coverage never changes. The plans
behind it, on their own: tests/unit/test_paginate.py and tests/unit/test_search_shards.py."""

import datetime as dt
import hashlib
import re
from pathlib import Path

import frontmatter

from site_builder.build import build
from site_builder.catalog import newest_first
from site_builder.catalog.related import find_related
from site_builder.folders import files_below
from site_builder.options import BuildOptions
from site_builder.output.folder import MARKER
from site_builder.text import slugify
from tests.support.corpus import DAYS, START, write_corpus

SITE = 'title = "Stable"\nbase_url = "https://example.org/"\narticles_per_page = 5\nsearch = false\n'


def snapshot(out: Path) -> dict[str, str]:
    return {path: hashlib.blake2b((out / path).read_bytes()).hexdigest()
            for path in files_below(out) if path != MARKER}


def titles(page: Path) -> list[str]:
    return re.findall(r'class="teaser-title"><a href="[^"]+">([^<]+)<', page.read_text())


FORWARD = 'http-equiv="refresh"'
TAXONOMIES = {"topics": "topics", "tags": "tags", "regions": "regions", "source": "sources"}


def listings_of(files: list[Path]) -> set[str]:
    """The listings an article is shown on: the home page and each of its terms' pages."""
    found = {""}
    for path in files:
        front = frontmatter.load(path)
        for key, folder in TAXONOMIES.items():
            names = front.get(key) or []
            for name in [names] if isinstance(names, str) else names:
                found.add(f"{folder}/{slugify(name)}/")
    return found


def grown(listing: str, before: dict[str, str], after: dict[str, str], forwards: set[str]) -> set[str]:
    """A listing's own page and feed, and its numbered pages that are new or were forwarding."""
    numbered = re.compile(re.escape(listing) + r"page/\d+/index\.html$")
    return {f"{listing}index.html", f"{listing}feed.xml",
            *(p for p in after if numbered.match(p) and (p not in before or p in forwards))}


def build_site(root: Path) -> tuple[dict[str, str], set[str]]:
    build(BuildOptions(root=root, out=root / "output"))
    files = snapshot(root / "output")
    forwards = {p for p in files if p.endswith("index.html") and FORWARD in (root / "output" / p).read_text()}
    return files, forwards


def join_story(path: Path, story: str = "Japan budget") -> None:
    path.write_text(path.read_text().replace("\n---\n", f"\nstory: {story}\n---\n", 1))


def test_a_days_news_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    old_story = sorted(write_corpus(tmp_path, 150))[::30]  # five articles of a running story
    for path in old_story:
        join_story(path)
    (tmp_path / "site.toml").write_text(SITE)
    before, forwards = build_site(tmp_path)
    newest = re.search(r'teaser-title"><a href="([^"]+)"', (tmp_path / "output/index.html").read_text())[1]
    day = START + dt.timedelta(days=DAYS)
    news = write_corpus(tmp_path, 7, seed=3, first=150, day=day)
    join_story(news[0])  # what happened next: on the story's page, never on its older articles'
    after, _ = build_site(tmp_path)
    changed = {path for path in after if before.get(path) != after[path]}
    assert not set(before) - set(after)

    shown = {f"{day:%Y/%m/%d}/story-{n}/index.html" for n in range(150, 157)}
    expected = {*shown, f"{newest}index.html",  # the article before the news: its "Next" link
                f"archive/{newest[:10]}/index.html",  # and its day: its "next day" link
                f"archive/{day:%Y/%m/%d}/index.html", f"archive/{day:%Y/%m}/index.html",
                f"archive/{day:%Y}/index.html", "archive/index.html",
                *(f"{folder}/index.html" for folder in TAXONOMIES.values()),  # their counts
                f"sitemap-{day:%Y}.xml", "sitemap.xml", "sitemap-pages.xml", "news-sitemap.xml",
                "stories/index.html", "stories/japan-budget/index.html", "stories/japan-budget/feed.xml"}
    for listing in [*listings_of(news), f"archive/{day:%Y/%m/%d}/"]:
        expected |= grown(listing, before, after, forwards)
    assert changed <= expected, sorted(changed - expected)
    assert shown | {"index.html", "feed.xml"} <= changed
    # What shows the past did not move: full numbered pages, older articles' pages.
    numbered = {p for p in before if re.search(r"(^|/)page/\d+/index\.html$", p) and p not in forwards}
    assert numbered and not numbered & changed
    older = {p for p in before if re.match(r"\d{4}/\d\d/\d\d/[^/]+/index\.html$", p)} - {f"{newest}index.html"}
    assert len(older) == 150 - 1 and not older & changed
    assert {"stories/japan-budget/index.html", "stories/japan-budget/feed.xml"} <= changed
    # The story's older articles say they are part of it, and were not rewritten (above).
    told = [p for p in older if "Japan budget</a>, the" in (tmp_path / "output" / p).read_text()]
    assert len(told) >= len(old_story) - 1
    on_home = titles(tmp_path / "output/index.html")
    # 157 articles, 5 a page: the block filling (2) and the newest full one (5), all news.
    assert len(on_home) == 7 and all(title.endswith(tuple(f" {n}" for n in range(150, 157))) for title in on_home)


def test_an_article_dated_in_the_past_moves_only_pages_from_its_place_on(tmp_path: Path) -> None:
    write_corpus(tmp_path, 150)
    (tmp_path / "site.toml").write_text(SITE)
    before, forwards = build_site(tmp_path)
    home_pages = sorted((int(p.split("/")[1]), p) for p in before
                        if re.match(r"page/\d+/index\.html$", p) and p not in forwards)
    # Dated between the articles of the 12th block of the home page, counted from the oldest.
    twelfth = titles(tmp_path / "output" / home_pages[11][1])
    story = next((tmp_path / "content/articles").rglob(f"story-{twelfth[2].rsplit(' ', 1)[1]}.md"))
    date = re.search(r"^date: (\S+)", story.read_text(), re.M)[1]
    (tmp_path / "content/articles/past.md").write_text(
        f"---\ntitle: A late report\ndate: {date}\ntopics: [Elections]\n---\nFiled late.\n")
    after, _ = build_site(tmp_path)
    changed = {path for path in after if before.get(path) != after[path]}
    assert all(path not in changed for _, path in home_pages[:11])  # older blocks stay
    assert home_pages[11][1] in changed and "A late report" in (tmp_path / "output" / home_pages[11][1]).read_text()
    older = [p for p in before if re.match(r"\d{4}/\d\d/\d\d/[^/]+/index\.html$", p) and p[:10] < date.replace("-", "/")]
    moved = [p for p in older if p in changed]
    assert len(older) > 30 and len(moved) <= 1  # at most its older neighbour, for its "Next" link


def test_a_new_article_never_changes_an_older_ones_earlier_coverage(tmp_path: Path) -> None:
    from site_builder.config import Config
    from site_builder.content import read_content

    write_corpus(tmp_path, 400)
    articles = newest_first(read_content(tmp_path, Config()).articles)
    old, old_keys = find_related(articles[40:])
    new, new_keys = find_related(articles)
    assert {url: new[url] for url in old} == old
    assert sum(bool(urls) for urls in old.values()) > 300
    # Given what the older build kept, only the new articles' lists are worked out, the same.
    again, _ = find_related(articles, known=old_keys)
    assert again == new
    published = {a.url: a.date for a in articles}
    assert all(published[other] <= published[url] for url, others in new.items() for other in others)


def test_a_correction_rewrites_the_article_the_corrections_page_and_the_feeds_that_show_it(tmp_path: Path) -> None:
    write_corpus(tmp_path, 150)
    (tmp_path / "site.toml").write_text(SITE)
    before, _ = build_site(tmp_path)
    old = sorted((tmp_path / "content/articles").rglob("story-40.md"))[0]
    old.write_text(old.read_text().replace(
        "\n---\n", "\ncorrections:\n  - {date: 2025-01-02, text: An earlier version misspelt a name.}\n---\n", 1))
    after, _ = build_site(tmp_path)
    changed = {path for path in after if before.get(path) != after[path]}
    page = next(p for p in after if p.endswith("/story-40/index.html"))
    url = "https://example.org/" + page.removesuffix("index.html")
    feeds = {p for p in after if p.endswith("feed.xml") and f"<id>{url}</id>" in (tmp_path / "output" / p).read_text()}
    assert {page, "corrections/index.html", "corrections/feed.xml"} <= changed
    assert changed <= {page, "corrections/index.html", "corrections/feed.xml", *feeds}, sorted(changed)
    assert "misspelt a name" in (tmp_path / "output/corrections/index.html").read_text()
