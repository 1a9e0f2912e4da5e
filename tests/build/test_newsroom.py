"""A newsroom's archive built whole: a photo story, an author with a profile, a correction, an
alias, a story of two articles, an About page, a menu and a static/CNAME each appear as a
reader and a search engine expect; the same site without its photo fails and leaves output/."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import feedparser
import pytest
from PIL import Image

from site_builder.build import build
from site_builder.options import BuildOptions
from tests.support.newsroom import (
    FIRST_URL,
    OLD_URL,
    PHOTO_STORY,
    PHOTO_STORY_URL,
    STORY_DIR,
    photo,
    write_newsroom,
)
from tests.support.sites import article

BASE = "https://example.org/archive/"


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    return write_newsroom(tmp_path / "site")


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


def test_a_newsrooms_archive_shows_each_thing_where_it_belongs(newsroom: Path, run) -> None:
    code, _, err = run(newsroom, "build")
    assert code == 0, err
    out = newsroom / "output"
    page = (out / PHOTO_STORY_URL / "index.html").read_text()

    # The photo: variants in WebP and JPEG, never wider than the photo, named by its bytes.
    name = re.search(r'og:image" content="[^"]*media/([0-9a-f]{16})-1600\.jpg"', page)[1]
    variants = sorted(p.name for p in (out / "media").glob(f"{name}-*"))
    assert variants == sorted(f"{name}-{w}.{s}" for w in (480, 960, 1600) for s in ("jpg", "webp"))
    for width in (480, 960, 1600):
        with Image.open(out / "media" / f"{name}-{width}.webp") as made:
            assert made.size == (width, round(1300 * width / 2000)) and made.format == "WEBP"
    lead = re.search(r'<figure class="lead-image"[^>]*>(.*?)</figure>', page, re.S)[1]
    assert f'srcset="../../../../media/{name}-480.webp 480w, ../../../../media/{name}-960.webp 960w, ' \
           f'../../../../media/{name}-1600.webp 1600w"' in lead
    assert 'width="1600" height="1040"' in lead and 'sizes="' in lead
    assert 'loading="lazy"' not in lead  # the photo a reader sees first
    assert ('<figcaption>Lawmakers vote in the Diet in Tokyo. <span class="credit">Jane Doe / Newsroom</span>'
            "</figcaption>") in lead
    share = f"{BASE}media/{name}-1600.jpg"
    assert f'<meta property="og:image" content="{share}">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    data = json_ld(page)[0]
    assert data["image"]["url"] == share and data["image"]["width"] == 1600

    # Bylines, linked; the author's page with the profile, as a schema.org Person.
    assert 'By <a href="../../../../authors/jane-doe/" rel="author">Jane Doe</a> and ' \
           '<a href="../../../../authors/john-roe/" rel="author">John Roe</a>' in page
    assert data["author"][0] == {"@type": "Person", "name": "Jane Doe", "url": f"{BASE}authors/jane-doe/"}
    author = (out / "authors/jane-doe/index.html").read_text()
    assert "Tokyo correspondent" in author and "covered Japan&#39;s politics" in author.replace("’", "&#39;")
    assert 'href="https://mastodon.example/@jane" rel="me">mastodon.example</a>' in author
    assert 'srcset="../../media/' in author  # the profile's photo, from static/
    person = json_ld(author)[0]
    assert person["@type"] == "Person" and person["url"] == f"{BASE}authors/jane-doe/"
    assert person["sameAs"] == ["https://mastodon.example/@jane"] and person["jobTitle"] == "Tokyo correspondent"
    assert author.count('class="teaser') >= 2
    assert "Jane Doe" in (out / "authors/index.html").read_text()
    assert len(feedparser.parse((out / "authors/jane-doe/feed.xml").read_bytes()).entries) == 2

    # The correction: on the article, in its JSON-LD, on /corrections/ and in its feed.
    assert re.search(r'<p class="correction" id="correction-1"><strong>Correction</strong> '
                     r'<time datetime="2024-06-04T09:30:00\+01:00">4 June 2024</time>: An earlier version', page)
    assert data["correction"] == [{"@type": "CorrectionComment", "datePublished": "2024-06-04T09:30:00+01:00",
                                   "text": "An earlier version of this article misstated the budget's total."}]
    assert data["dateModified"] == "2024-06-04T09:30:00+01:00"
    log = (out / "corrections/index.html").read_text()
    assert f'href="../{PHOTO_STORY_URL}#correction-1">Japan passes record budget</a>' in log
    entries = feedparser.parse((out / "corrections/feed.xml").read_bytes()).entries
    assert [e.link for e in entries] == [f"{BASE}{PHOTO_STORY_URL}#correction-1"]

    # The alias: a page that sends readers on, and the rule for hosts that read _redirects.
    moved = (out / OLD_URL / "index.html").read_text()
    assert f'<meta http-equiv="refresh" content="0; url=../../../../{PHOTO_STORY_URL}">' in moved
    assert f'<link rel="canonical" href="{BASE}{PHOTO_STORY_URL}">' in moved and 'content="noindex"' in moved
    assert f"/archive/{OLD_URL} /archive/{PHOTO_STORY_URL} 301" in (out / "_redirects").read_text().splitlines()
    assert OLD_URL not in (out / "sitemap-2024.xml").read_text()

    # The story: in date order with its introduction; each article knows its place.
    story = (out / "stories/japan-budget/index.html").read_text()
    assert story.index("Budget talks begin") < story.index("Japan passes record budget")
    assert "<strong>record budget</strong>" in story
    assert 'Part of: <a href="../../../../stories/japan-budget/">Japan budget</a>, the 2nd article' in page
    assert "the 1st article" in (out / FIRST_URL / "index.html").read_text()
    assert "Japan budget" in (out / "stories/index.html").read_text()
    assert len(feedparser.parse((out / "stories/japan-budget/feed.xml").read_bytes()).entries) == 2

    # The About page, in the menu and the sitemap; the site's static/ at the root.
    about = (out / "about/index.html").read_text()
    assert '<h1 class="headline">About this archive</h1>' in about and "economy" in about
    assert '<a href="./" aria-current="page">About</a>' in about
    assert f"<loc>{BASE}about/</loc>" in (out / "sitemap-pages.xml").read_text()
    assert (out / "CNAME").read_text() == "news.example.org\n"

    # The time of day, where the date was written with one; the news sitemap.
    assert '<time datetime="2024-06-03T14:05:00+01:00">3 June 2024, 14:05 BST</time>' in page
    earlier = (out / FIRST_URL / "index.html").read_text()
    assert '<time datetime="2024-06-01T00:00:00+01:00">1 June 2024</time>' in earlier  # no time written
    news = (out / "news-sitemap.xml").read_text()
    # Only the articles of the two days up to the newest (3 June, 14:05): not 1 June's.
    assert news.count("<news:news>") == 1 and f"<loc>{BASE}{PHOTO_STORY_URL}</loc>" in news
    assert "<news:name>Test Archive</news:name><news:language>en</news:language>" in news
    assert f"Sitemap: {BASE}news-sitemap.xml" in (out / "robots.txt").read_text()

    # The home page's lead story with its photo, drawn first; listings show a thumbnail, lazily.
    home = (out / "index.html").read_text()
    assert re.search(r'class="teaser lead-story">\s*<figure class="lead-story-photo">\s*<picture>', home)
    topic = (out / "topics/economy/index.html").read_text()
    assert re.search(r'<div class="teaser-photo"><picture>.*?alt="" loading="lazy"', topic, re.S)


def test_without_its_photo_the_site_fails_at_the_line_of_image_and_output_stays(newsroom: Path, run) -> None:
    assert run(newsroom, "build")[0] == 0
    out = newsroom / "output"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (newsroom / STORY_DIR / "lead.jpg").unlink()
    code, out_text, err = run(newsroom, "build")
    assert code == 1 and out_text == ""
    assert err.splitlines()[0] == (f"{PHOTO_STORY}:8: photo 'lead.jpg' not found: looked for "
                                   f"{STORY_DIR}/lead.jpg and static/lead.jpg")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_photo_is_made_once_and_an_unchanged_one_is_not_read_again(newsroom: Path) -> None:
    options = BuildOptions(root=newsroom, out=newsroom / "output", jobs=1)
    lead = newsroom / STORY_DIR / "lead.jpg"
    past = time.time_ns() - 60_000_000_000  # saved a minute ago: its stamp is trusted
    os.utime(lead, ns=(past, past))
    build(options)
    made = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (newsroom / ".site-builder-cache/media").glob("*-*")}
    assert len(made) == 6 + 2 * 2  # the story's photo, and the profile's (600 px: 480 and 600)
    # Other bytes behind the same size and time: a build that read the photo would see them.
    (newsroom / "content/articles/2024/06/talks.md").write_text(article("Budget talks begin", "2024-06-01",
                                                                        "Edited.", story="Japan budget"))
    lead.write_bytes(photo(colour=(200, 10, 10))[: lead.stat().st_size].ljust(lead.stat().st_size, b"\0"))
    os.utime(lead, ns=(past, past))
    report = build(options)
    assert report.written >= 1
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in made} == made  # none made again


def test_a_url_that_moves_is_told_once_with_the_alias_that_keeps_it(make_site, run) -> None:
    root = make_site({"content/articles/a.md": article("Welcome to your news archive", "2024-06-01")})
    assert run(root, "build")[2] == ""
    (root / "content/articles/a.md").write_text(article("Welcome to our news archive", "2024-06-01"))
    code, _, err = run(root, "build")
    assert code == 0
    assert err.splitlines() == [
        "content/articles/a.md: warning: its URL moved from /2024/06/01/welcome-to-your-news-archive/ to "
        "/2024/06/01/welcome-to-our-news-archive/; to keep the old one working, add to its front matter: "
        'aliases: ["/2024/06/01/welcome-to-your-news-archive/"]']
    assert run(root, "build")[2] == ""  # told once
    (root / "content/articles/a.md").write_text(article(
        "Welcome to our news archive", "2024-06-01", aliases='["/2024/06/01/welcome-to-your-news-archive/"]'))
    assert run(root, "build")[0:3:2] == (0, "")
    old = root / "output/2024/06/01/welcome-to-your-news-archive/index.html"
    assert 'url=../../../../2024/06/01/welcome-to-our-news-archive/"' in old.read_text()


def test_a_link_out_of_the_project_in_static_is_refused(make_site, run, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the site\n")
    root = make_site({"content/articles/a.md": article(), "static/ads.txt": "example.com, pub-1, DIRECT\n"})
    (root / "static/leak.txt").symlink_to(secret)
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[0] == ("static/leak.txt: a link to a file outside the project; copy the file into "
                                   "the project instead")
    (root / "static/leak.txt").unlink()
    assert run(root, "build")[0] == 0
    assert (root / "output/ads.txt").read_text() == "example.com, pub-1, DIRECT\n"
    assert not (root / "output/leak.txt").exists()


def test_without_a_menu_the_navigation_is_the_sections_and_news_sitemap_can_be_turned_off(make_site, run) -> None:
    from tests.support.sites import SITE_TOML

    root = make_site({"content/articles/a.md": article()}, SITE_TOML + "news_sitemap = false\n")
    assert run(root, "build")[0] == 0
    home = (root / "output/index.html").read_text()
    nav = re.search(r'<nav class="wrap site-nav".*?</nav>', home, re.S)[0]
    assert re.findall(r">([^<>]+)</a>", nav) == ["Latest", "Topics", "Regions", "Tags", "Sources", "Archive", "Search"]
    assert not (root / "output/news-sitemap.xml").exists()
    assert "news-sitemap" not in (root / "output/robots.txt").read_text()


def test_the_news_sitemap_holds_the_archives_last_two_days_whatever_the_clock(make_site, run) -> None:
    files = {f"content/articles/{day}.md": article(f"Story of {day}", day)
             for day in ("2019-03-01", "2019-03-07", "2019-03-08", "2019-03-09T23:00")}
    root = make_site(files)
    assert run(root, "build")[0] == 0
    news = (root / "output/news-sitemap.xml").read_text()
    assert re.findall(r"<news:title>(.*?)</news:title>", news) == [
        "Story of 2019-03-09T23:00", "Story of 2019-03-08"]


def test_a_profile_or_introduction_named_by_another_spelling_is_told(make_site, run) -> None:
    root = make_site({"content/articles/a.md": article(authors="[Jane Doe]", story="Japan budget"),
                      "content/authors/jane.md": "---\nrole: Editor\n---\nBio.\n",
                      "content/stories/budget.md": "---\ntitle: The budget\n---\nIntro.\n"})
    code, _, err = run(root, "build")
    assert code == 0
    assert err.splitlines() == [
        "content/authors/jane.md: warning: no article's byline makes /authors/jane/; a profile is named by its "
        "byline's slug (authors: [Jane Doe] is jane-doe.md)",
        "content/stories/budget.md: warning: no article is part of a story at /stories/budget/; an introduction "
        "is named by its story's slug (story: Japan budget is japan-budget.md)"]
