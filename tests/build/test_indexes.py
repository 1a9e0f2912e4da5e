"""Every page kind of the archive's indexes, on a tiny site and on a generated one."""

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from site_builder.links import find_broken_links
from tests.support.corpus import write_corpus
from tests.support.sites import article

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    """Several hundred generated articles, built once for the module."""
    from site_builder.build import build
    from site_builder.options import BuildOptions

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


def walk_listing(site: Path, first_url: str) -> list[list[str]]:
    """The titles on a listing's own page, then on each page its "Older" links lead to."""
    pages, url = [], first_url
    while url is not None:
        html = (site / url / "index.html").read_text()
        pages.append(titles_on(site / url / "index.html"))
        older = re.search(r'<a rel="next" href="([^"]+)">Older', html)
        url = posixpath.normpath(posixpath.join(url, older[1])) + "/" if older else None
    return pages


def test_a_walk_down_a_listing_meets_every_article_once(big_site: Path) -> None:
    index = (big_site / "topics/index.html").read_text()
    count = int(re.search(r'href="elections/">Elections</a> <span class="count">(\d+)<', index)[1])
    first, *numbered = walk_listing(big_site, "topics/elections/")
    # The listing's own page: the block still filling and the newest full block.
    assert len(first) == 10 + count % 10 and len(numbered) == count // 10 - 1
    assert all(len(page) == 10 for page in numbered)
    everything = first + [title for page in numbered for title in page]
    assert len(everything) == len(set(everything)) == count
    dates = re.findall(r'<time datetime="([^"]+)"', (big_site / "topics/elections/index.html").read_text())
    assert dates == sorted(dates, reverse=True)
    # Counts are on the listing's own page only: a numbered page keeps its bytes as it grows.
    assert f"{count} articles" in (big_site / "topics/elections/index.html").read_text()
    assert "articles</span>" not in (big_site / "topics/elections/page/1/index.html").read_text()


@pytest.mark.parametrize("listing", ["", "topics/elections/", "regions/russia/"])
def test_older_never_opens_on_what_the_listing_just_showed(big_site: Path, listing: str) -> None:
    """The walkthrough's 1,005-article home page: "Older" opened a page with 15 of its 20
    stories. A listing's own page and the page its "Older" link opens share no article."""
    first, older, *_ = walk_listing(big_site, listing)
    assert first and older and not set(first) & set(older)


def test_numbered_pages_say_their_dates_and_listings_offer_a_jump(big_site: Path) -> None:
    page = (big_site / "page/3/index.html").read_text()
    dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)', page)
    heading = re.search(r'<h1 class="page-title" id="latest-title">(.*?)</h1>', page, re.S)[1]
    assert "page 3" not in heading and "Latest" in heading
    oldest, newest = (dt.date.fromisoformat(d) for d in (dates[-1], dates[0]))
    assert f"{newest.day} {newest:%B %Y}" in heading and f"{oldest.day} {oldest:%B}" in heading
    assert re.search(rf"<title>Latest · {oldest.day} {oldest:%B}.* – {newest.day} {newest:%B %Y} · Big</title>", page)
    # The home page jumps to the date archive: a year, or a month of it.
    home = (big_site / "index.html").read_text()
    jump = re.search(r'<nav class="jump".*?</nav>', home, re.S)[0]
    assert f'href="archive/{newest.year}/"' in jump and f'href="archive/{newest:%Y/%m}/"' in jump
    targets = re.findall(r'href="([^"]+)"', jump)
    assert all((big_site / target / "index.html").is_file() for target in targets)
    # A term's page jumps to its own pages of that month: the one that shows its newest article.
    topic = (big_site / "topics/elections/index.html").read_text()
    jump = re.search(r'<nav class="jump".*?</nav>', topic, re.S)[0]
    month = re.search(r'<a href="(page/\d+/)">(\w{3})<span class="visually-hidden"> (\d{4})</span>', jump)
    shown = re.findall(r'<time datetime="(\d{4}-\d\d)', (big_site / "topics/elections" / month[1] / "index.html").read_text())
    assert dt.datetime.strptime(f"{month[2]} {month[3]}", "%b %Y").strftime("%Y-%m") in shown


def pagination_links(site: Path, url: str) -> set[str]:
    """The site URLs (like 'page/2/', '' for the home page) the pagination of page `url` links."""
    nav = re.search(r'<nav class="pagination".*?</nav>', (site / url / "index.html").read_text(), re.S)
    targets = (posixpath.normpath(posixpath.join("/", url, link)).strip("/")
               for link in re.findall(r'href="([^"]+)"', nav[0] if nav else ""))
    return {f"{target}/" if target else "" for target in targets}


def test_numbered_pages_link_their_neighbours_and_the_latest(big_site: Path) -> None:
    assert len(list((big_site / "page").iterdir())) == 31  # 300 articles, 10 a page, one forwarding
    assert pagination_links(big_site, "") == {"page/29/"}  # the home page shows page 30's
    assert pagination_links(big_site, "page/15/") == {"", "page/14/", "page/16/"}
    assert pagination_links(big_site, "page/1/") == {"", "page/2/"}
    assert pagination_links(big_site, "page/30/") == {"", "page/29/", "page/31/"}
    assert 'http-equiv="refresh" content="0; url=../../"' in (big_site / "page/31/index.html").read_text()


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


def test_sitemaps_list_every_page_by_year_and_robots_points_at_them(big_site: Path) -> None:
    index = ET.parse(big_site / "sitemap.xml").getroot()
    sitemaps = [loc.text.removeprefix("https://example.org/news/") for loc in index.iter(f"{SITEMAP_NS}loc")]
    assert sitemaps == [*(f"sitemap-{year}.xml" for year in range(2015, 2025)), "sitemap-pages.xml"]
    locs: dict[str, str] = {}
    for name in sitemaps:
        for url in ET.parse(big_site / name).getroot().iter(f"{SITEMAP_NS}url"):
            locs[url.find(f"{SITEMAP_NS}loc").text] = name
    pages = {p.relative_to(big_site).as_posix() for p in big_site.rglob("index.html")
             if 'http-equiv="refresh"' not in p.read_text()}
    assert set(locs) == {"https://example.org/news/" + p.removesuffix("index.html") for p in pages}
    article = next(big_site.glob("2019/*/*/*/index.html")).parent.relative_to(big_site).as_posix()
    assert locs[f"https://example.org/news/{article}/"] == "sitemap-2019.xml"
    assert locs["https://example.org/news/page/1/"] == "sitemap-2015.xml"  # by its newest article
    assert locs["https://example.org/news/topics/elections/"] == "sitemap-pages.xml"
    assert "Sitemap: https://example.org/news/sitemap.xml" in (big_site / "robots.txt").read_text()


def test_related_articles_are_earlier_coverage_of_the_same_subjects(make_site, run) -> None:
    root = make_site({
        "content/articles/a.md": article("Raid one", "2024-03-01", tags="[IRGC]", regions="[Iran]"),
        "content/articles/b.md": article("Raid two", "2024-03-02", tags="[IRGC]", regions="[Iran]"),
        "content/articles/c.md": article("Iran only", "2024-03-03", regions="[Iran]"),
        "content/articles/d.md": article("Raid three", "2024-03-04", tags="[IRGC]", regions="[Iran]"),
        "content/articles/e.md": article("Unrelated", "2024-03-05", regions="[Peru]"),
    })
    run(root, "build")
    html = (root / "output/2024/03/04/raid-three/index.html").read_text()
    related = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <time', html.split('class="related"')[1])
    assert related == ["Raid two", "Raid one"]  # "Iran only" shares one term: not enough
    assert "Earlier coverage" in html
    assert 'class="related"' not in (root / "output/2024/03/01/raid-one/index.html").read_text()
    assert 'class="related"' not in (root / "output/2024/03/05/unrelated/index.html").read_text()


def test_one_incidental_tag_is_not_earlier_coverage_and_the_list_is_newest_first(make_site, run) -> None:
    """The walkthrough's Japanese election listed a Moscow nightclub raid as earlier coverage:
    they shared only the tag "Donald Trump". And the list was in no date order."""
    root = make_site({
        "content/articles/raid.md": article("Moscow raid", "2024-12-04", tags="[Donald Trump, Conscription]",
                                            regions="[Russia]"),
        "content/articles/poll.md": article("Japan polls open", "2023-05-01", topics="[Elections]",
                                            tags="[Takaichi, LDP]", regions="[Japan]"),
        "content/articles/vote.md": article("Japan votes", "2025-01-20", topics="[Elections]",
                                            regions="[Japan]"),
        "content/articles/win.md": article("Takaichi wins", "2026-02-08", topics="[Elections]",
                                           tags="[Donald Trump, Takaichi, LDP]", regions="[Japan]"),
    })
    run(root, "build")
    html = (root / "output/2026/02/08/takaichi-wins/index.html").read_text()
    section = html.split('class="related"')[1]
    related = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <time datetime="([^"T]+)', section)
    # The poll shares four terms, the vote two: the poll scores higher, the vote is newer.
    assert related == [("Japan votes", "2025-01-20"), ("Japan polls open", "2023-05-01")]
    assert "Moscow raid" not in html


def test_empty_taxonomies_have_an_index_page_that_says_so(make_site, run) -> None:
    root = make_site({"content/articles/a.md": article("Bare")})
    run(root, "build")
    assert "Nothing filed under tags yet." in (root / "output/tags/index.html").read_text()
    assert list(find_broken_links(root / "output")) == []


def test_a_term_fills_its_first_numbered_page_and_keeps_it(make_site, run) -> None:
    files = {f"content/articles/{n}.md": article(f"Story {n}", f"2024-01-0{n}", topics="[Trade]")
             for n in range(1, 4)}  # three per page in the test site
    root = make_site(files)
    run(root, "build")
    assert titles_on(root / "output/topics/trade/index.html") == ["Story 3", "Story 2", "Story 1"]
    page = root / "output/topics/trade/page/1/index.html"
    assert titles_on(page) == ["Story 3", "Story 2", "Story 1"]
    before = page.read_bytes()
    files["content/articles/4.md"] = article("Story 4", "2024-01-04", topics="[Trade]")
    root = make_site(files)
    run(root, "build")
    # The own page: the block filling (Story 4) and the newest full one.
    assert titles_on(root / "output/topics/trade/index.html") == ["Story 4", "Story 3", "Story 2", "Story 1"]
    assert page.read_bytes() == before


def archive_links(site: Path, url: str) -> dict[str, str]:
    """rel -> the site URL a date archive page's rel="prev"/"next" links lead to."""
    html = (site / url / "index.html").read_text()
    return {rel: posixpath.normpath(posixpath.join(url, href)) + "/"
            for rel, href in re.findall(r'<a rel="(prev|next)" href="([^"]+)"', html)}


def test_day_and_year_pages_link_the_ones_before_and_after(big_site: Path) -> None:
    days = sorted(p.parent.relative_to(big_site).as_posix() + "/"
                  for p in big_site.glob("archive/*/*/*/index.html"))
    for i in (0, len(days) // 2, len(days) - 1):
        expected = {"prev": days[i - 1] if i else None, "next": days[i + 1] if i + 1 < len(days) else None}
        assert archive_links(big_site, days[i]) == {rel: url for rel, url in expected.items() if url}
    years = sorted(p.parent.name for p in big_site.glob("archive/*/index.html"))
    assert archive_links(big_site, f"archive/{years[1]}/") == {
        "prev": f"archive/{years[0]}/", "next": f"archive/{years[2]}/"}
    assert archive_links(big_site, f"archive/{years[0]}/") == {"next": f"archive/{years[1]}/"}
    # A year page shows each month's newest headlines, not just the month's name.
    year = (big_site / f"archive/{years[1]}/index.html").read_text()
    for month in big_site.glob(f"archive/{years[1]}/*/index.html"):
        last_day = month.read_text().rsplit('<section class="archive-day"', 1)[1]
        newest = re.search(r'<li><a href="[^"]+">([^<]+)</a></li>', last_day)[1]
        assert f">{newest}</a>" in year


def test_a_big_tags_index_shows_the_most_used_first_then_a_to_z(make_site, run) -> None:
    """The walkthrough's 302 tags made a flat list 10,000 px tall on a phone."""
    names = ["Élysée", "ankara", "Zelensky", "3M", "Москва", *(f"Tag {n:02d}" for n in range(30))]
    files = {f"content/articles/{i}.md": article(f"Story {i}", f"2024-01-{i % 28 + 1:02d}",
                                                 tags=f"['{name}'" + (", 'Busy']" if i % 2 else "]"))
             for i, name in enumerate(names)}
    root = make_site(files)
    run(root, "build")
    html = (root / "output/tags/index.html").read_text()
    most = re.search(r'<section class="most-used".*?</section>', html, re.S)[0]
    assert re.findall(r'<a href="([^"]+)">', most)[0] == "busy/"  # 17 articles, the rest one each
    letters = re.findall(r'<h2 id="letter_\d+_title">([^<]+)</h2>', html)
    assert letters == ["#", "A", "B", "E", "T", "Z", "М"]  # digits first, accents aside, other scripts last
    az = re.search(r'<nav class="az".*?</nav>', html, re.S)[0]
    assert re.findall(r'<a href="#(letter_\d+)">', az) == [f"letter_{n}" for n in range(1, 8)]
    assert 'id="term-filter"' in html and "filter." in html
    # A small index stays a plain list.
    topics = (root / "output/topics/index.html").read_text()
    assert 'class="most-used"' not in topics and 'id="term-filter"' not in topics
