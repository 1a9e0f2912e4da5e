"""The newsroom's pure parts: bylines, aliases and corrections read; a story's places; the time of
day; a URL that moved; two pages at one URL; where a photo is looked for; the menu."""

from __future__ import annotations

import datetime as dt
import tomllib
import zoneinfo

from site_builder.catalog.moves import moved_urls
from site_builder.catalog.stories import build_stories
from site_builder.config.menu import MenuItem, menu_table
from site_builder.content.fields import read_aliases, read_authors, read_corrections
from site_builder.content.files import SiteFiles
from site_builder.content.imaging import widths_for
from site_builder.content.photos import locate
from site_builder.model import Article, Page
from site_builder.pages.clashes import url_clashes
from site_builder.pages.words import format_date, ordinal

LONDON = zoneinfo.ZoneInfo("Europe/London")


def story_article(day: int, story: str = "Japan budget", path: str = "") -> Article:
    return Article(path=path or f"content/articles/{day}.md", title=f"Day {day}",
                   date=dt.datetime(2024, 6, day, tzinfo=LONDON), slug=f"day-{day}",
                   url=f"2024/06/{day:02d}/day-{day}/", summary="", body=b"", story=story)


def test_bylines_are_a_list_or_the_older_byline_as_one() -> None:
    said = []
    assert read_authors({"authors": ["Jane  Doe", "John Roe", "Jane Doe"]}, lambda *a: said.append(a)) == (
        "Jane Doe", "John Roe")
    assert read_authors({"byline": "By Jane Doe and John Roe"}, lambda *a: said.append(a)) == (
        "Jane Doe and John Roe",)  # one author, as written
    assert read_authors({"authors": "Jane Doe", "byline": "By Someone"}, lambda *a: said.append(a)) == ("Jane Doe",)
    assert said == []


def test_aliases_are_paths_in_the_site() -> None:
    said: list[str] = []
    assert read_aliases(["/2024/06/01/old-slug/", "2024/06/01/other", "/news/page.html"], said.append) == (
        "2024/06/01/old-slug/", "2024/06/01/other/", "news/page.html")
    assert read_aliases(["/../secret/", "https://example.org/x/", "/a b/", "/x?id=1"], said.append) == ()
    assert len(said) == 4


def test_corrections_are_oldest_first_whatever_the_order_written() -> None:
    said: list[str] = []

    def read(value):
        return (dt.datetime.fromisoformat(value).replace(tzinfo=LONDON), False)

    found = read_corrections([{"date": "2024-06-05", "text": "Second."}, {"date": "2024-06-04", "text": "First."}],
                             read, said.append)
    assert [c.text for c in found] == ["First.", "Second."] and said == []


def test_a_storys_places_count_from_its_first_article_and_never_move_for_a_later_one() -> None:
    before = build_stories([story_article(3), story_article(2, "japan budget"), story_article(1)])
    after = build_stories([story_article(9), story_article(3), story_article(2, "japan budget"), story_article(1)])
    assert [s.name for s in before] == ["Japan budget"]  # "japan budget" is the same story, spelt as most do
    assert before[0].places == {"2024/06/01/day-1/": 1, "2024/06/02/day-2/": 2, "2024/06/03/day-3/": 3}
    assert {url: n for url, n in after[0].places.items() if url in before[0].places} == before[0].places
    assert [a.url for a in after[0].articles][-1] == "2024/06/09/day-9/"


def test_the_time_of_day_is_shown_in_the_zone_of_the_moment() -> None:
    winter = dt.datetime(2026, 2, 8, 14, 5, tzinfo=LONDON)
    assert format_date(winter) == "8 February 2026"
    assert format_date(winter, True) == "8 February 2026, 14:05 GMT"
    assert format_date(dt.datetime(2024, 6, 3, 9, 0, tzinfo=LONDON), True) == "3 June 2024, 09:00 BST"
    istanbul = dt.datetime(2024, 6, 3, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Istanbul"))
    assert format_date(istanbul, True) == "3 June 2024, 09:00 UTC+03"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]


def test_a_moved_url_is_told_unless_an_alias_keeps_it() -> None:
    article = story_article(1)
    assert moved_urls({article.path: "2024/06/01/old/"}, [article]) == (
        f"{article.path}: warning: its URL moved from /2024/06/01/old/ to /2024/06/01/day-1/; to keep the old "
        'one working, add to its front matter: aliases: ["/2024/06/01/old/"]',)
    kept = Article(**{**article.__dict__, "aliases": ("2024/06/01/old/",)})
    assert moved_urls({article.path: "2024/06/01/old/"}, [kept]) == ()
    assert moved_urls({article.path: article.url}, [article]) == moved_urls({}, [article]) == ()


def test_two_pages_at_one_url_name_the_files_that_asked_for_it() -> None:
    pages = [Page("topics/", "terms.html", {}, kind="terms"),
             Page("2024/06/01/a/", "article.html", {}, kind="article", source="content/articles/a.md"),
             Page("2024/06/01/a/", "redirect.html", {}, kind="redirect", source="content/articles/b.md", source_line=4),
             Page("topics/", "page.html", {}, kind="page", source="content/pages/topics.md"),
             Page("robots.txt", "robots.txt", {}, kind="robots")]
    found = [str(p) for p in url_clashes(pages, {"robots.txt": "static/robots.txt", "topics": "static/topics",
                                                 "CNAME": "static/CNAME"}, {})]
    assert found == [
        "content/articles/b.md:4: alias /2024/06/01/a/ is the URL of content/articles/a.md",
        "content/pages/topics.md: the page's URL /topics/ is the URL of an index the build makes",
        "static/robots.txt: clashes with robots.txt the build makes at /robots.txt; rename or remove it",
        "static/topics: clashes with the folder /topics/ of the site's pages; rename or remove it"]


def test_a_photo_is_looked_for_beside_its_file_then_in_static() -> None:
    files = SiteFiles({"content/articles/2024/06/x/lead.jpg": "1", "static/lead.jpg": "2", "static/logo.png": "3"})
    assert locate("lead.jpg", "content/articles/2024/06/x/index.md", files) == [
        "content/articles/2024/06/x/lead.jpg", "static/lead.jpg"]
    beside = "content/articles/2024/06/x/lead.jpg"
    assert locate("../x/lead.jpg", "content/articles/2024/06/y/index.md", files)[0] == beside
    assert locate("/logo.png", "content/articles/2024/06/x/index.md", files) == ["static/logo.png"]
    assert widths_for(2000) == [480, 960, 1600]
    assert widths_for(1000) == [480, 960, 1000] and widths_for(1600) == [480, 960, 1600] and widths_for(300) == [300]


def test_the_menu_is_in_order_of_weight_and_says_what_is_wrong_where() -> None:
    text = ('[[menu]]\nname = "About"\nurl = "/about/"\nweight = 9\n\n[[menu]]\nname = "Latest"\nurl = "/"\n\n'
            '[[menu]]\nname = "Mastodon"\nurl = "https://mastodon.example/@news"\n\n'
            '[[menu]]\nname = "Bad"\nurl = "../x"\n')
    items, problems = menu_table(tomllib.loads(text)["menu"], text)
    assert items == (MenuItem("Latest", "", 0), MenuItem("Mastodon", "https://mastodon.example/@news", 0),
                     MenuItem("About", "about/", 9))
    assert items[1].external and not items[0].external
    assert problems == [(14, "menu entry 4 (Bad): url '../x' must be a path in the site (\"about/\") or an http(s) "
                             "address")]
