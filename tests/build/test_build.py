"""Whole builds of tiny real sites, checked through the files they write."""

import re

from site_builder.links import find_broken_links, page_links
from tests.support.sites import article


def five_articles() -> dict[str, str]:
    return {
        f"content/articles/2024/0{n}/story-{n}.md": article(
            f"Story number {n}", f"2024-0{n}-1{n}", f"Body of story {n}.",
            topics=f"[Elections, Topic {n % 2}]", regions="[Japan]")
        for n in range(1, 6)
    }


def test_each_article_gets_its_dated_page_with_its_headline(make_site, run) -> None:
    root = make_site(five_articles())
    code, out, err = run(root, "build")
    assert (code, err) == (0, "")
    assert "Built" in out and "5 articles" in out
    for n in range(1, 6):
        html = (root / f"output/2024/0{n}/1{n}/story-number-{n}/index.html").read_text()
        assert f"<h1 class=\"headline\">Story number {n}</h1>" in html
    assert (root / "output/404.html").is_file()
    assert (root / "output/topics/elections/index.html").is_file()


def test_home_shows_the_newest_and_numbers_pages_from_the_oldest(make_site, run) -> None:
    root = make_site(five_articles())  # 3 per page: one full block of the three oldest
    run(root, "build")
    teaser = r'teaser-title"><a href="[^"]+">([^<]+)<'
    first = (root / "output/index.html").read_text()
    # The block filling and the newest full one: nothing older to go to.
    assert re.findall(teaser, first) == [f"Story number {n}" for n in range(5, 0, -1)]
    assert "Older" not in first
    numbered = (root / "output/page/1/index.html").read_text()
    assert re.findall(teaser, numbered) == ["Story number 3", "Story number 2", "Story number 1"]
    assert "Latest <span class=\"page-dates\">· 11 January – 13 March 2024</span>" in numbered  # the dates it covers
    assert '<a rel="prev" href="../../page/2/">← Newer</a>' in numbered and 'rel="next"' not in numbered
    # The next block's URL exists before it fills, sending readers to the latest articles.
    forward = (root / "output/page/2/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../../">' in forward
    assert '<meta name="robots" content="noindex">' in forward
    assert not (root / "output/page/3").exists()


def test_a_listing_shorter_than_a_page_has_no_numbered_pages(make_site, run) -> None:
    files = five_articles()
    files.pop("content/articles/2024/05/story-5.md")
    files.pop("content/articles/2024/04/story-4.md")
    files.pop("content/articles/2024/03/story-3.md")
    root = make_site(files)  # 2 articles, 3 per page
    run(root, "build")
    assert (root / "output/index.html").is_file()
    assert not (root / "output/page").exists()
    assert 'class="pagination"' not in (root / "output/index.html").read_text()


def test_an_empty_archive_still_builds_a_home_page(make_site, run) -> None:
    root = make_site({})
    assert run(root, "build")[0] == 0
    assert "No articles yet." in (root / "output/index.html").read_text()


def test_every_internal_link_is_relative_and_resolves(make_site, run) -> None:
    root = make_site(five_articles())
    run(root, "build")
    pages = list((root / "output").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        links, _ = page_links(page.read_text())
        assert not [link for link in links if link.startswith("/")], page
    assert list(find_broken_links(root / "output")) == []


def test_local_build_links_end_in_index_html(make_site, run) -> None:
    root = make_site(five_articles())
    run(root, "build", "--local")
    links, _ = page_links((root / "output/2024/03/13/story-number-3/index.html").read_text())
    folder_links = [link for link in links if not link.startswith(("http", "#")) and not link.endswith((".css", ".svg", ".xml", ".js"))]
    assert folder_links and all(link.endswith("index.html") for link in folder_links)
    assert list(find_broken_links(root / "output")) == []


def test_a_teaser_drawn_once_links_its_article_from_every_listing(make_site, run) -> None:
    # A teaser is drawn once and shared by every listing (home, topic, region, day): its
    # link must still be made from each page that shows it, on the web and from disk.
    root = make_site(five_articles())
    for flags in ((), ("--local",)):
        run(root, "build", *flags)
        target = root / "output/2024/03/13/story-number-3/index.html"
        listings = ["index.html", "page/1/index.html", "topics/elections/index.html",
                    "regions/japan/index.html", "archive/2024/03/13/index.html"]
        found = 0
        for listing in listings:
            page = root / "output" / listing
            for href in re.findall(r'<a href="([^"]+)">Story number 3</a>', page.read_text()):
                resolved = (page.parent / href).resolve()
                assert (resolved / "index.html" if resolved.is_dir() else resolved) == target, (listing, href)
                assert href.endswith("index.html") == bool(flags), (listing, href)
                found += 1
        assert found >= 4, flags


def test_drafts_are_built_only_when_asked(make_site, run) -> None:
    root = make_site({"content/articles/d.md": article("Draft story", draft="true")})
    run(root, "build")
    assert not (root / "output/2024/12/04/draft-story").exists()
    run(root, "build", "--drafts")
    assert (root / "output/2024/12/04/draft-story/index.html").is_file()


def test_a_failed_build_leaves_the_previous_output_as_it_was(make_site, run) -> None:
    root = make_site(five_articles())
    run(root, "build")
    before = {p: p.read_bytes() for p in (root / "output").rglob("*") if p.is_file()}
    (root / "content/articles/bad.md").write_text("---\ntitle: [unclosed\n---\n")
    (root / "content/articles/worse.md").write_text("---\ntitle: No date\n---\nText\n")
    code, out, err = run(root, "build")
    assert code == 1
    assert err.splitlines() == [
        "content/articles/bad.md:2: invalid YAML: did not find expected ',' or ']'",
        "content/articles/worse.md:1: missing required field 'date'",
        "2 problems found; nothing was written.",
    ]
    after = {p: p.read_bytes() for p in (root / "output").rglob("*") if p.is_file()}
    assert after == before
    # The old site is deleted in the background after a swap: only that may linger.
    assert [p.name for p in root.iterdir() if p.name.startswith(".")
            and p.name != ".site-builder-cache" and ".trash-" not in p.name] == []


def test_two_articles_at_one_url_name_both_files(make_site, run) -> None:
    root = make_site({"content/articles/a.md": article("Same"), "content/articles/b.md": article("Same")})
    code, _, err = run(root, "build")
    assert code == 1
    assert "content/articles/b.md:1: same URL /2024/12/04/same/ as content/articles/a.md" in err


def test_a_rebuild_replaces_the_site_and_drops_removed_articles(make_site, run) -> None:
    root = make_site(five_articles())
    run(root, "build")
    (root / "content/articles/2024/05/story-5.md").unlink()
    run(root, "build")
    assert not (root / "output/2024/05/15").exists()
    assert "Story number 5" not in (root / "output/index.html").read_text()


def test_it_refuses_to_replace_a_folder_it_did_not_build(make_site, run) -> None:
    root = make_site(five_articles())
    (root / "elsewhere").mkdir()
    (root / "elsewhere/precious.txt").write_text("keep me")
    code, _, err = run(root, "build", "--out", str(root / "elsewhere"))
    assert code == 2 and "not built by site-builder" in err
    assert (root / "elsewhere/precious.txt").read_text() == "keep me"
    code, _, err = run(root, "build", "--out", str(root / "content"))
    assert code == 2 and "refusing" in err


def test_article_page_shows_everything_an_editor_wrote(make_site, run) -> None:
    root = make_site({"content/articles/a.md": article(
        "Raids in Moscow", "2024-12-04", "Police raided <b>three</b> clubs.\n\n## Aftermath\n\nMore.",
        updated="2024-12-06", source="The Associated Press", byline="By Jane Doe",
        image="{src: 'https://photos.example.org/raid.jpg', caption: 'Police cars outside a club', credit: AP Photo}",
        analysis="['The raids show pressure.', 'More may follow.']",
        topics="[Conscription]", tags="[NATO]", regions="[Russia, Ukraine]")})
    run(root, "build")
    html = (root / "output/2024/12/04/raids-in-moscow/index.html").read_text()
    for expected in ['By <a href="../../../../authors/jane-doe/" rel="author">Jane Doe</a>', "The Associated Press",
                     '<img src="https://photos.example.org/raid.jpg" alt="Police cars outside a club"',
                     '<time datetime="2024-12-04T00:00:00+00:00">4 December 2024</time>',
                     "Updated <time", "Police cars outside a club", '<span class="credit">AP Photo</span>',
                     "<li>The raids show pressure.</li>", "<b>three</b>", '<h2 id="aftermath">Aftermath</h2>',
                     'href="../../../../topics/conscription/"', 'href="../../../../regions/ukraine/"',
                     'href="../../../../tags/nato/"', '<html lang="en">']:
        assert expected in html, expected


def test_analysis_is_labelled_as_such_and_follows_the_report(make_site, run) -> None:
    """The walkthrough's briefing: speculation titled "Key points" above the report, its
    straight apostrophes beside the body's curly ones."""
    root = make_site({"content/articles/a.md": article(
        "Raids in Moscow", "2024-12-04", "Police raided the city's clubs.",
        analysis="[\"The raids may lead to unrest in the city's suburbs -- or not.\"]")})
    run(root, "build")
    html = (root / "output/2024/12/04/raids-in-moscow/index.html").read_text()
    assert "Key points" not in html and '<h2 id="analysis-title">Analysis</h2>' in html
    assert html.index('class="article-body"') < html.index('class="analysis"')
    assert "<li>The raids may lead to unrest in the city\u2019s suburbs \u2013 or not.</li>" in html
    assert "city\u2019s clubs" in html


def test_a_page_without_a_description_has_no_empty_one(make_site, run) -> None:
    root = make_site({"content/articles/a.md": article("One")},
                     'title = "T"\nbase_url = "https://example.org/"\nsearch = false\n')
    run(root, "build")
    assert '<meta name="description"' not in (root / "output/index.html").read_text()
    article_page = (root / "output/2024/12/04/one/index.html").read_text()
    assert '<meta name="description" content="Some text.">' in article_page


def test_files_the_builder_did_not_write_survive_a_rebuild(make_site, run) -> None:
    root = make_site(five_articles())
    run(root, "build")
    (root / "output/CNAME").write_text("archive.example.org\n")
    (root / "output/.well-known").mkdir()
    (root / "output/.well-known/security.txt").write_text("Contact: x\n")
    (root / "content/articles/2024/05/story-5.md").unlink()
    run(root, "build")
    assert (root / "output/CNAME").read_text() == "archive.example.org\n"
    assert (root / "output/.well-known/security.txt").is_file()
    assert not (root / "output/2024/05/15").exists()  # ours, and its source is gone
