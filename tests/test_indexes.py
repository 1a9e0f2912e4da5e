"""Every page kind of the archive's indexes, on a tiny site and on a generated one."""

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from conftest import article

from benchmarks.corpus import write_corpus
from site_builder.links import find_broken_links
from site_builder.model import Page
from site_builder.plan import SITEMAP_LIMIT, _sitemaps

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    """Several hundred generated articles, built once for the module."""
    from site_builder.build import BuildOptions, build

    root = tmp_path_factory.mktemp("big")
    write_corpus(root, 300)
    (root / "site.toml").write_text(
        'title = "Big"\nbase_url = "https://example.org/news/"\nlanguage = "en-GB"\n'
        "articles_per_page = 10\nmin_articles_for_tag_page = 2\nsearch = false\n")
    build(BuildOptions(root=root, out=root / "output"))
    return root / "output"


def titles_on(page: Path) -> list[str]:
    return re.findall(r'class="teaser-title"><a href="[^"]+">([^<]+)<', page.read_text())


def test_every_page_kind_exists_on_a_big_archive(big_site: Path) -> None:
    for path in ["index.html", "page/2/index.html", "topics/index.html", "topics/elections/index.html",
                 "topics/elections/page/2/index.html", "topics/elections/feed.xml", "regions/index.html",
                 "regions/russia/index.html", "tags/index.html", "tags/tag-0/index.html",
                 "sources/index.html", "sources/reuters/index.html", "archive/index.html",
                 "feed.xml", "sitemap.xml", "robots.txt", "404.html"]:
        assert (big_site / path).is_file(), path
    years = sorted(p.name for p in (big_site / "archive").iterdir() if p.name.isdigit())
    assert len(years) >= 9
    assert list(find_broken_links(big_site)) == []


def test_term_listings_paginate_newest_first_with_counts(big_site: Path) -> None:
    index = (big_site / "topics/index.html").read_text()
    count = int(re.search(r'href="elections/">Elections</a> <span class="count">(\d+)<', index)[1])
    pages = sorted((big_site / "topics/elections/page").iterdir(), key=lambda p: int(p.name))
    assert len(pages) + 1 == -(-count // 10)
    listed = titles_on(big_site / "topics/elections/index.html")
    for page in pages:
        listed += titles_on(page / "index.html")
    assert len(listed) == count == len(set(listed))
    dates = re.findall(r'<time datetime="([^"]+)"', (big_site / "topics/elections/index.html").read_text())
    assert dates == sorted(dates, reverse=True)


def pagination_links(site: Path, url: str) -> set[str]:
    """The site URLs (like 'page/2/', '' for the home page) the pagination of page `url` links."""
    nav = re.search(r'<nav class="pagination".*?</nav>', (site / url / "index.html").read_text(), re.S)
    targets = (posixpath.normpath(posixpath.join("/", url, link)).strip("/")
               for link in re.findall(r'href="([^"]+)"', nav[0] if nav else ""))
    return {f"{target}/" if target else "" for target in targets}


def test_long_listings_link_nearby_pages_and_every_page_is_reachable(big_site: Path) -> None:
    count = len(list((big_site / "page").iterdir())) + 1
    assert count == 30  # 300 articles, 10 a page
    # Page 15 links the first and last pages and its neighbours, not all thirty.
    assert pagination_links(big_site, "page/15/") == {
        "", "page/13/", "page/14/", "page/15/", "page/16/", "page/17/", "page/30/"}
    # Following the links from the home page reaches every page.
    seen: set[str] = set()
    todo = [""]
    while todo:
        url = todo.pop()
        if url not in seen:
            seen.add(url)
            todo.extend(pagination_links(big_site, url))
    assert seen == {""} | {f"page/{n}/" for n in range(2, count + 1)}


def test_regions_are_grouped_by_world_region(big_site: Path) -> None:
    html = (big_site / "regions/index.html").read_text()
    europe = html.index(">Europe</h2>")
    eastern = html.index(">Eastern Europe</h3>", europe)
    assert eastern < html.index('href="russia/">Russia<') < html.index(">Northern Europe</h3>")
    assert html.index(">Asia</h2>") < html.index('href="japan/">Japan<') < europe


def test_rare_tags_link_to_their_article_instead_of_a_page(big_site: Path) -> None:
    index = (big_site / "tags/index.html").read_text()
    rare = re.search(r'<li id="([a-z0-9-]+)"><span class="term-name">[^<]+</span>: <a href="([^"]+)"', index)
    assert rare, "expected a one-article tag listed inline"
    assert not (big_site / "tags" / rare[1]).exists()
    assert (big_site / "tags" / rare[2] / "index.html").is_file()


def test_feeds_parse_with_absolute_links_and_dates(big_site: Path) -> None:
    feed = feedparser.parse((big_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and len(feed.entries) == 20
    for entry in feed.entries:
        assert entry.link.startswith("https://example.org/news/") and entry.published_parsed
    published = [e.published for e in feed.entries]
    assert published == sorted(published, reverse=True)
    topic = feedparser.parse((big_site / "topics/elections/feed.xml").read_bytes())
    assert not topic.bozo and topic.feed.link == "https://example.org/news/topics/elections/"
    assert all("Elections" in [t.term for t in e.tags] for e in topic.entries)


def test_sitemap_lists_every_page_and_robots_points_at_it(big_site: Path) -> None:
    root = ET.parse(big_site / "sitemap.xml").getroot()
    locs = {loc.text for loc in root.iter(f"{SITEMAP_NS}loc")}
    pages = {p.relative_to(big_site).as_posix() for p in big_site.rglob("index.html")}
    assert locs == {"https://example.org/news/" + p.removesuffix("index.html") for p in pages}
    assert "Sitemap: https://example.org/news/sitemap.xml" in (big_site / "robots.txt").read_text()


def test_a_sitemap_index_above_fifty_thousand_urls() -> None:
    pages = [Page(f"p{n}/", "x.html", {}) for n in range(SITEMAP_LIMIT + 5)]
    planned = list(_sitemaps(pages))
    assert [p.url for p in planned] == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]
    assert planned[0].template == "sitemap_index.xml"
    assert len(planned[2].context["urls"]) == 5


def test_every_article_carries_news_article_json_ld_and_social_meta(big_site: Path) -> None:
    articles = [p for p in big_site.glob("20*/*/*/*/index.html")]
    assert len(articles) == 300
    for page in articles:
        html = page.read_text()
        assert html.startswith('<!doctype html>\n<html lang="en-GB">')
        assert '<meta property="og:title"' in html and 'name="twitter:card"' in html
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
        assert data["@type"] == "NewsArticle"
        assert data["url"].startswith("https://example.org/news/20")
        assert data["datePublished"] and data["dateModified"] and data["headline"]
        assert data["contentLocation"][0]["@type"] == "Country"
        assert f'<link rel="canonical" href="{data["url"]}">' in html


def test_json_ld_carries_author_image_and_updated(make_site, run) -> None:
    root = make_site({"content/articles/a.md": article(
        "Talks </script><script>alert(1)</script>", updated="2024-12-09", byline="By Jane Doe",
        source="Reuters", image="{src: photos/a.jpg, caption: 'Talks in Muscat', credit: 'Reuters/File'}",
        tags="[IRGC]", regions="[Oman]")})
    run(root, "build")
    html = next((root / "output/2024").rglob("index.html")).read_text()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    data = json.loads(raw)
    assert data["author"] == {"@type": "Person", "name": "Jane Doe"}
    assert data["dateModified"].startswith("2024-12-09")
    assert data["image"]["contentUrl"] == "https://example.org/archive/photos/a.jpg"
    assert data["image"]["creditText"] == "Reuters/File"
    assert data["keywords"] == ["IRGC"]
    assert "<script>alert" not in html


def test_month_calendar_links_days_and_neighbouring_months(make_site, run) -> None:
    root = make_site({
        "content/articles/a.md": article("March one", "2024-03-05"),
        "content/articles/b.md": article("March two", "2024-03-05"),
        "content/articles/c.md": article("June", "2024-06-20"),
        "content/articles/d.md": article("Next year", "2025-01-02"),
    })
    run(root, "build")
    out = root / "output/archive"
    june = (out / "2024/06/index.html").read_text()
    assert '<a href="20/"><span class="day">20</span> <span class="count">1</span></a>' in june
    assert '<td><span class="day">19</span></td>' in june  # an empty day is shown, not linked
    assert 'rel="prev" href="../../../archive/2024/03/">' in june
    assert 'rel="next" href="../../../archive/2025/01/">' in june  # skips the empty months
    assert titles_on(out / "2024/03/05/index.html") == ["March one", "March two"] or titles_on(
        out / "2024/03/05/index.html") == ["March two", "March one"]
    years = (out / "index.html").read_text()
    assert re.findall(r'href="(\d{4})/">\d{4}</a> <span class="count">(\d+)', years) == [("2025", "1"), ("2024", "3")]
    assert not (out / "2024/04").exists()


def test_related_articles_share_subjects(make_site, run) -> None:
    root = make_site({
        "content/articles/a.md": article("Raid one", "2024-03-01", tags="[IRGC]", regions="[Iran]"),
        "content/articles/b.md": article("Raid two", "2024-03-02", tags="[IRGC]", regions="[Iran]"),
        "content/articles/c.md": article("Iran only", "2024-03-03", regions="[Iran]"),
        "content/articles/d.md": article("Unrelated", "2024-03-04", regions="[Peru]"),
    })
    run(root, "build")
    html = (root / "output/2024/03/01/raid-one/index.html").read_text()
    related = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <time', html.split('class="related"')[1])
    assert related == ["Raid two", "Iran only"]


def test_empty_taxonomies_have_an_index_page_that_says_so(make_site, run) -> None:
    root = make_site({"content/articles/a.md": article("Bare")})
    run(root, "build")
    assert "Nothing filed under tags yet." in (root / "output/tags/index.html").read_text()
    assert list(find_broken_links(root / "output")) == []


def test_a_term_with_exactly_one_full_page_has_no_pagination(make_site, run) -> None:
    files = {f"content/articles/{n}.md": article(f"Story {n}", f"2024-01-0{n}", topics="[Trade]")
             for n in range(1, 4)}  # three per page in the test site
    root = make_site(files)
    run(root, "build")
    assert len(titles_on(root / "output/topics/trade/index.html")) == 3
    assert not (root / "output/topics/trade/page").exists()
    files["content/articles/4.md"] = article("Story 4", "2024-01-04", topics="[Trade]")
    root = make_site(files)
    run(root, "build")
    assert titles_on(root / "output/topics/trade/page/2/index.html") == ["Story 1"]
