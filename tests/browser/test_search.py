"""Full-text search in a real browser: Pagefind's index, served over HTTP under a subpath."""

import datetime as dt
import gzip
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from site_builder.build import build
from site_builder.options import BuildOptions
from site_builder.output.folder import previous_files
from tests.support.corpus import DAYS, START, write_corpus
from tests.support.sites import SITE_TOML

PHONE, DESKTOP = 390, 1280
WORD = "zanzibarite"  # not in the corpus vocabulary: only the planted article has it
SEARCH_TOML = SITE_TOML.replace("articles_per_page = 3", "articles_per_page = 20").replace(
    "search = false", "search = true")

pytestmark = pytest.mark.slow  # Pagefind indexes every site here; most tests drive a browser


def corpus_site(root: Path, count: int) -> Path:
    write_corpus(root, count)
    (root / "site.toml").write_text(SEARCH_TOML)
    return root


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """150 generated articles, one of them carrying WORD in its body; built once."""
    root = corpus_site(tmp_path_factory.mktemp("search"), 150)
    planted = next((root / "content/articles").rglob("story-42.md"))
    text = planted.read_text()
    planted.write_text(text + f"\nInvestigators found traces of {WORD} near the border.\n")
    report = build(BuildOptions(root=root, out=root / "output"))
    assert report.notes == (), report.notes
    return root


@pytest.fixture
def search_page(archive, serve_dir, page_at):
    """Open the search page under /output/ with an optional query string."""
    base = serve_dir(archive) + "output/"

    def open_search(query: str = "", width: int = DESKTOP):
        page = page_at(width)
        page.goto(f"{base}search/{query}")
        return page

    return open_search


def errors(page) -> list[str]:
    """Console errors and failed requests, less favicon requests aborted by leaving the page."""
    return [e for e in page.errors if not re.match(r"failed: .*/favicon\.", e)]


def titles(page) -> list[str]:
    return page.locator("#search-results h2").all_inner_texts()


def planted_title(archive: Path) -> str:
    path = next((archive / "content/articles").rglob("story-42.md"))
    return re.search(r'^title: "(.*)"$', path.read_text(), re.M)[1]


def test_a_word_from_one_article_finds_it_first(archive, search_page) -> None:
    page = search_page()
    page.get_by_label("Search the archive").fill(WORD)  # answers as the reader types
    expect(page.locator("#search-status")).to_have_text(f"1 result for “{WORD}”")
    assert titles(page) == [planted_title(archive)]
    result = page.locator("#search-results li").first
    expect(result.locator("mark")).to_have_text(WORD)
    assert re.fullmatch(r"\d{1,2} \w+ \d{4}", result.locator(".meta span").first.inner_text())
    assert page.url.endswith(f"search/?q={WORD}")  # the search can be linked
    result.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(planted_title(archive))
    page.go_back()
    expect(page.locator("#search-results h2")).to_have_text([planted_title(archive)])
    assert errors(page) == []


def test_a_region_filter_narrows_the_results(search_page) -> None:
    page = search_page("?q=ceasefire")
    status = page.locator("#search-status")
    expect(status).to_contain_text("for “ceasefire”")
    everywhere = int(status.inner_text().split()[0])
    page.get_by_role("button", name="Narrow by topic, region, source or year").click()
    expect(page.get_by_label("Topic")).to_be_focused()
    expect(page.locator("#filter-region option")).not_to_have_count(1)
    options = page.locator("#filter-region option").all_inner_texts()
    assert "Japan" in " ".join(options) and len(options) > 10
    page.get_by_label("Region").select_option("Japan")
    expect(status).not_to_have_text(re.compile(rf"^{everywhere} "))
    in_japan = int(status.inner_text().split()[0])
    assert 0 < in_japan < everywhere
    assert "region=Japan" in page.url
    # A year some of those are from (a year none is from is not offered).
    years = page.locator("#filter-year option:not([value='']):not([disabled])")
    expect(years.first).to_have_text(re.compile(r"\(\d+\)$"))
    year = next(text for text in years.all_inner_texts() if int(text.rsplit("(", 1)[1][:-1]) < in_japan)
    page.get_by_label("Year").select_option(year.split()[0])
    expect(status).not_to_have_text(re.compile(rf"^{in_japan} "))
    assert errors(page) == []


def test_a_narrowed_search_in_the_url_shows_its_filters(search_page) -> None:
    page = search_page("?q=ceasefire&region=Japan")
    expect(page.get_by_label("Region")).to_have_value("Japan")
    expect(page.get_by_role("button", name="Narrow by topic, region, source or year")).to_be_hidden()
    expect(page.locator("#search-status")).to_contain_text("for “ceasefire”")
    assert errors(page) == []


def test_the_query_in_the_url_runs_on_load_on_a_phone(archive, search_page) -> None:
    page = search_page(f"?q={WORD}", PHONE)
    expect(page.locator("#search-results h2")).to_have_text([planted_title(archive)])
    expect(page.get_by_label("Search the archive")).to_have_value(WORD)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert errors(page) == []


def test_the_header_search_box_leads_to_the_results(archive, serve_dir, page_at) -> None:
    page = page_at(PHONE)
    page.goto(serve_dir(archive) + "output/topics/")
    page.get_by_role("search", name="Site").get_by_role("searchbox").fill(WORD)
    page.keyboard.press("Enter")
    expect(page.locator("#search-results h2")).to_have_text([planted_title(archive)])
    assert errors(page) == []


def test_only_articles_are_indexed_with_filters_and_meta(archive) -> None:
    article = next((archive / "output").rglob("story-42/index.html")).read_text()
    assert article.count("data-pagefind-body") == 1
    for name in ("topic", "region", "source"):
        assert f'data-pagefind-filter="{name}"' in article
    assert re.search(r'data-pagefind-filter="year:\d{4}"', article)
    assert 'data-pagefind-meta="summary[content]"' in article
    for listing in ("index.html", "topics/index.html", "search/index.html"):
        assert "data-pagefind-body" not in (archive / "output" / listing).read_text()


def test_a_copy_without_the_index_says_search_is_unavailable(archive, tmp_path, serve_dir, page_at) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(archive / "output", copy, ignore=shutil.ignore_patterns("pagefind"))
    page = page_at(DESKTOP)
    page.goto(serve_dir(copy) + "search/?q=ceasefire")
    expect(page.locator("#search-status")).to_have_text(
        "Search is not available for this copy of the site.")


def test_one_query_on_a_thousand_articles_fetches_little(tmp_path, serve_dir, page_at) -> None:
    root = corpus_site(tmp_path, 1000)
    build(BuildOptions(root=root, out=root / "output"))
    page = page_at(DESKTOP)
    fetched: dict[str, int] = {}
    page.on("requestfinished", lambda r: fetched.__setitem__(r.url, r.sizes()["responseBodySize"]))
    page.goto(serve_dir(root / "output") + "search/?q=ceasefire")
    expect(page.locator("#search-status")).to_contain_text("for “ceasefire”")
    index = sum(size for url, size in fetched.items() if "/pagefind/" in url)
    print(f"\nsearch bytes for one query on 1,000 articles: {index} "
          f"({len([u for u in fetched if '/pagefind/' in u])} files)")
    # One shard; the filters' lists wait until the reader narrows. The bytes are Pagefind 1.5.2's
    # (pinned in pyproject.toml): a new Pagefind may move them.
    assert index < 300_000
    assert not [url for url in fetched if "/filter/" in url]


def test_an_edit_goes_to_the_overlay_and_a_days_news_indexes_only_its_shard(tmp_path) -> None:
    root = corpus_site(tmp_path, 60)
    (root / "site.toml").write_text((root / "site.toml").read_text() + "search_shard_size = 10\n")
    out = root / "output"

    def entries() -> dict[str, int]:
        return {p.parent.name: p.stat().st_ino for p in out.glob("pagefind/*/pagefind-entry.json")}

    build(BuildOptions(root=root, out=out))
    first = entries()
    assert sorted(first) == ["0+40", "40+10", "50+10"]  # four full tens made one forty
    # The oldest articles are in the big shard: story-7 is one of them if it is old enough.
    oldest = sorted((a.read_text().split("date: ")[1][:10], a.stem)
                    for a in (root / "content/articles").rglob("*.md"))
    story = next((root / "content/articles").rglob(f"{oldest[3][1]}.md"))
    story.write_text(story.read_text() + f"\nA late detail about {WORD}.\n")
    build(BuildOptions(root=root, out=out))
    edited = entries()
    # The sealed shard keeps its index; the edited article is indexed in the overlay.
    assert {name for name in first if edited[name] != first[name]} == set()
    assert sorted(edited) == ["0+40", "40+10", "50+10", "recent"]
    fragments = (out / "pagefind" / "recent" / "fragment").iterdir()
    assert any(WORD.encode() in gzip.decompress(f.read_bytes()) for f in fragments)
    write_corpus(root, 3, seed=5, first=900, day=START + dt.timedelta(days=DAYS))
    report = build(BuildOptions(root=root, out=out))
    news = entries()
    assert sorted(news) == ["0+40", "40+10", "50+10", "60+10", "recent"]
    assert {name for name in edited if news[name] != edited[name]} == set()
    # Written: the pages that show the news, and the new shard's index; no other index file.
    assert report.written <= report.rendered + len(list((out / "pagefind" / "60+10").rglob("*.*")))


def test_turning_search_off_takes_the_index_away_and_on_brings_it_back(tmp_path) -> None:
    root = corpus_site(tmp_path, 30)
    out = root / "output"
    build(BuildOptions(root=root, out=out))
    assert list(out.glob("pagefind/*/pagefind-entry.json"))
    (root / "site.toml").write_text(SEARCH_TOML.replace("search = true", "search = false"))
    report = build(BuildOptions(root=root, out=out))
    assert not (out / "pagefind").exists() and report.removed > 0
    assert build(BuildOptions(root=root, out=out)).written == 0  # and it stays away
    (root / "site.toml").write_text(SEARCH_TOML)
    build(BuildOptions(root=root, out=out))
    assert list(out.glob("pagefind/*/pagefind-entry.json"))


def test_search_finds_todays_news_and_an_article_from_ten_years_ago(tmp_path, serve_dir, page_at) -> None:
    root = corpus_site(tmp_path, 120)
    (root / "site.toml").write_text((root / "site.toml").read_text() + "search_shard_size = 20\n")
    oldest = min((a.read_text().split("date: ")[1][:10], a) for a in (root / "content/articles").rglob("*.md"))[1]
    oldest.write_text(oldest.read_text() + f"\nAn early mention of {WORD}.\n")
    build(BuildOptions(root=root, out=root / "output"))
    [today] = write_corpus(root, 1, seed=8, first=700, day=START + dt.timedelta(days=DAYS))
    today.write_text(today.read_text() + f"\nToday's news of {WORD}.\n")
    build(BuildOptions(root=root, out=root / "output"))  # the day's news: its shard alone
    assert len(list((root / "output/pagefind").iterdir())) > 2
    page = page_at(DESKTOP)
    page.goto(serve_dir(root / "output") + f"search/?q={WORD}")
    expect(page.locator("#search-status")).to_have_text(f"2 results for “{WORD}”")
    found = page.locator("#search-results h2").all_inner_texts()
    title = lambda path: re.search(r'^title: "(.*)"$', path.read_text(), re.M)[1]  # noqa: E731
    assert sorted(found) == sorted([title(oldest), title(today)])
    page.get_by_role("link", name=title(oldest)).click()
    expect(page.locator("h1")).to_have_text(title(oldest))
    assert errors(page) == []


def test_the_kept_previous_site_gets_the_index_of_every_shard_changed_since(tmp_path) -> None:
    # The third build brings the site of the first up to date: the overlay holds the articles
    # edited in the second build and in the third, and nothing else is left.
    root = corpus_site(tmp_path, 60)
    (root / "site.toml").write_text((root / "site.toml").read_text() + "search_shard_size = 10\n")
    out = root / "output"
    build(BuildOptions(root=root, out=out))
    by_date = sorted((re.search(r"^date: (\S+)", story.read_text(), re.M)[1], story)
                     for story in (root / "content/articles").rglob("story-*.md"))
    (_, first), (_, second) = by_date[0], by_date[-1]  # in shards 0+40 and 50+10
    for story, word in ((first, WORD), (second, "quokkalite")):
        story.write_text(story.read_text() + f"\nA late detail about {word}.\n")
        build(BuildOptions(root=root, out=out))
    for word in (WORD, "quokkalite"):
        fragments = (out / "pagefind" / "recent" / "fragment").iterdir()
        assert any(word.encode() in gzip.decompress(f.read_bytes()) for f in fragments), word
    index = {p.relative_to(out).as_posix() for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert index == {p for p in previous_files(out) if p.startswith("pagefind/")}



def test_the_filters_stay_out_of_the_way_until_asked_for(search_page) -> None:
    page = search_page("?q=ceasefire", PHONE)
    expect(page.locator("#search-status")).to_contain_text("for “ceasefire”")
    expect(page.get_by_role("button", name="Narrow by topic, region, source or year")).to_be_visible()
    expect(page.locator(".search-filters")).to_be_hidden()


def test_the_filters_count_within_the_results(search_page) -> None:
    """The walkthrough's "Japan (93)" for an 11-result query: archive totals, not counts
    within the results."""
    page = search_page("?q=ceasefire")
    status = page.locator("#search-status")
    expect(status).to_contain_text("for “ceasefire”")
    everywhere = int(status.inner_text().split()[0])
    page.get_by_role("button", name="Narrow by topic, region, source or year").click()
    region = page.locator("#filter-region option:not([value=''])")
    expect(region.first).to_have_text(re.compile(r"\(\d+\)$"))
    counts = {text.rsplit(" (", 1)[0]: int(text.rsplit("(", 1)[1][:-1]) for text in region.all_inner_texts()}
    assert max(counts.values()) <= everywhere and sum(counts.values()) >= everywhere
    japan = counts["Japan"]
    page.get_by_label("Region").select_option("Japan")
    expect(status).to_have_text(f"{japan} {'result' if japan == 1 else 'results'} for “ceasefire”")
    # The focus ring (3px, 2px out) of a select clears its label.
    label, select = page.locator("label[for=filter-topic]").bounding_box(), page.locator("#filter-topic").bounding_box()
    assert label["y"] + label["height"] <= select["y"] - 5
    assert errors(page) == []


def test_no_results_say_what_to_try_next(search_page) -> None:
    page = search_page("?q=zzzqqq")
    expect(page.locator("#search-status")).to_have_text("No articles found for “zzzqqq”.")
    advice = page.locator("#search-none")
    expect(advice).to_be_visible()
    expect(advice.get_by_role("link", name="region", exact=True)).to_be_visible()
    expect(advice.get_by_role("button", name="search without the filters")).to_be_hidden()
    # Filters that leave nothing (a year none of them is from): the way out of them.
    page = search_page("?q=ceasefire&region=Japan")
    empty = page.locator("#filter-year option[disabled]").first
    expect(empty).to_have_text(re.compile(r"\(0\)$"))
    page = search_page(f"?q=ceasefire&region=Japan&year={empty.get_attribute('value')}")
    expect(page.locator("#search-status")).to_have_text("No articles found for “ceasefire” with these filters.")
    page.get_by_role("button", name="search without the filters").click()
    expect(page.locator("#search-status")).to_contain_text("results for “ceasefire”")
    assert "region=" not in page.url
    assert errors(page) == []


def test_excerpts_come_from_the_body_alone(archive) -> None:
    """The README says only bodies are indexed; excerpts began with the topic kicker and took
    in the photo caption."""
    story = next((archive / "content/articles").rglob("story-42.md")).read_text()
    topic = re.search(r"^topics: \[([^,\]]+)", story, re.M)[1]
    fragments = [gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
                 for f in (archive / "output/pagefind").glob("*/fragment/*")]
    [planted] = [f for f in fragments if WORD in f]
    content = re.search(r'"content":"(.*?)","word_count"', planted)[1]
    assert content.startswith(story.split("---\n")[2].strip()[:40])
    assert planted_title(archive) not in content and not content.startswith(topic)
    assert f'"title":"{planted_title(archive)}"' in planted  # still each result's title


def test_from_disk_the_search_page_says_it_needs_a_server(tmp_path, page_at) -> None:
    """The walkthrough's search page opened from disk was blank: its message lived in the
    module script that file:// blocks."""
    root = corpus_site(tmp_path, 12)
    report = build(BuildOptions(root=root, out=root / "local", local=True))
    assert not (root / "local/pagefind").exists() and report.notes == ()
    page = page_at(DESKTOP)
    page.goto((root / "local/search/index.html").as_uri() + "?q=ceasefire")
    expect(page.locator("main")).to_contain_text("search needs a web server")
    expect(page.get_by_role("link", name="region", exact=True)).to_be_visible()
    expect(page.get_by_role("search", name="Site")).to_have_count(0)  # no header box either
    # A site built for a server, opened from disk all the same.
    build(BuildOptions(root=root, out=root / "served"))
    page.goto((root / "served/search/index.html").as_uri() + "?q=ceasefire")
    expect(page.locator("#search-offline")).to_be_visible()
    expect(page.locator("#search-offline")).to_contain_text("needs a web server")
    expect(page.locator("#search")).to_be_hidden()
    assert errors(page) == []


def test_the_page_holds_still_as_the_results_come(archive, serve_dir, page_at) -> None:
    """Lighthouse's performance score of a search with a query and filters was 0.77: the
    footer jumped down as the results came, a layout shift of most of the screen."""
    page = page_at(DESKTOP)
    page.add_init_script("""window.shifted = 0; new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.shifted += entry.value;
    }).observe({type: "layout-shift", buffered: true});""")
    page.goto(serve_dir(archive) + "output/search/?q=ceasefire&region=Japan")
    expect(page.locator("#search-status")).to_contain_text("for “ceasefire”")
    expect(page.locator("#search-results li").first).to_be_visible()
    page.wait_for_timeout(300)  # any shift after the results is counted too
    assert page.evaluate("window.shifted") < 0.01
    assert errors(page) == []


def results(page, query: str) -> tuple[str, set[str]]:
    """The status line and every result's link for `query`, all pages of them."""
    page.get_by_label("Search the archive").fill(query)
    status = page.locator("#search-status")
    expect(status).not_to_have_text("")
    expect(status).to_contain_text(f"“{query}”")
    more = page.locator("#search-more")
    while more.is_visible():
        count = page.locator("#search-results li").count()
        more.click()
        expect(page.locator("#search-results li")).not_to_have_count(count)
    links = page.locator("#search-results h2 a")
    return status.inner_text(), {link.get_attribute("href") for link in links.all()}


def test_an_edit_to_an_old_article_searches_as_a_fresh_build_does(tmp_path, serve_dir, page_at) -> None:
    """Edits to articles of sealed shards go to the overlay: the shards keep their index, and the
    search page drops their stale hits. The same queries give the same results as a fresh build
    of the edited archive, for a word the edit removed and a word it added."""
    root = corpus_site(tmp_path / "project", 60)
    (root / "site.toml").write_text((root / "site.toml").read_text() + "search_shard_size = 10\n")
    by_date = sorted((re.search(r"^date: (\S+)", story.read_text(), re.M)[1], story)
                     for story in (root / "content/articles").rglob("story-*.md"))
    (_, old), (_, kept), (_, recent) = by_date[2], by_date[5], by_date[45]  # shards 0+40, 0+40, 40+10
    old.write_text(old.read_text() + f"\nA detail about {WORD} and the ceasefire.\n")
    kept.write_text(kept.read_text() + f"\nAnother mention of {WORD}.\n")
    out = root / "output"
    build(BuildOptions(root=root, out=out))
    sealed = {p.name: p.stat().st_ino for p in (out / "pagefind/0+40/fragment").iterdir()}

    old.write_text(old.read_text().replace(f"about {WORD}", "about quokkalite"))  # one word out, one in
    recent.write_text(recent.read_text() + "\nA late correction about quokkalite.\n")
    build(BuildOptions(root=root, out=out))
    assert {p.name: p.stat().st_ino for p in (out / "pagefind/0+40/fragment").iterdir()} == sealed
    assert sorted(p.name for p in (out / "pagefind").iterdir()) == [
        "0+40", "40+10", "50+10", "recent", "recent.json"]

    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("output", ".output.staging", ".site-builder-cache"))
    build(BuildOptions(root=fresh, out=fresh / "output"))
    assert sorted(p.name for p in (fresh / "output/pagefind").iterdir()) == ["0+40", "40+10", "50+10", "recent.json"]

    # Words alone: a query of several words is matched index by index by Pagefind (every word
    # where a page of the index has them all, else any), so its results depend on which index
    # holds a page, in a fresh build's shards as in the overlay.
    queries = (WORD, "quokkalite", "ceasefire", "budget", "correction", "zanzib")
    answers = []
    for site in (out, fresh / "output"):
        page = page_at(DESKTOP)
        page.goto(serve_dir(site) + "search/")
        answers.append({query: results(page, query) for query in queries})
        assert errors(page) == []
    # And the filters count what a fresh build counts: the stale hit is not counted twice.
    source = re.search(r"^source: (.*)$", old.read_text(), re.M)[1].strip('"')
    counts = []
    for site in (out, fresh / "output"):
        page = page_at(DESKTOP)
        page.goto(serve_dir(site) + f"search/?q=ceasefire&source={source.replace(' ', '+')}")
        expect(page.locator("#search-status")).to_contain_text("“ceasefire”")
        expect(page.locator("#filter-topic option").nth(1)).to_contain_text("(")
        counts.append({name: page.locator(f"#filter-{name} option").all_inner_texts()
                       for name in ("topic", "region", "source", "year")})
    assert counts[0] == counts[1]
    incremental, from_scratch = answers
    assert incremental == from_scratch
    assert incremental[WORD][0] == f"1 result for “{WORD}”"  # the edit took it out of one of two
    assert incremental["quokkalite"][0] == "2 results for “quokkalite”"


def test_a_query_reads_the_newest_shards_first_and_earlier_years_on_request(tmp_path, serve_dir, page_at) -> None:
    """At 100,000 articles a query read every shard's index (a megabyte and more): the newest
    are read first now, older ones only while the results would not fill a page, or when the
    reader asks for earlier years. "Newest first" orders what was found by date."""
    root = corpus_site(tmp_path, 300)
    (root / "site.toml").write_text((root / "site.toml").read_text() + "search_shard_size = 50\n")
    build(BuildOptions(root=root, out=root / "output"))
    page = page_at(DESKTOP)
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url))
    page.goto(serve_dir(root / "output") + "search/?q=ceasefire")
    expect(page.locator("#search-status")).to_contain_text("for “ceasefire”")
    shards = page.locator("#search").get_attribute("data-shards").split()

    def read() -> list[str]:
        """The shards whose files the page fetched, once its requests have all ended."""
        page.wait_for_load_state("networkidle")
        return [s for s in shards if any(f"/pagefind/{s}/" in url for url in fetched)]

    newest = read()
    assert len(shards) >= 3 and newest == shards[:len(newest)] and len(newest) < len(shards), newest
    expect(page.locator("#search-status")).to_contain_text("in recent years")  # its count is theirs
    first = int(page.locator("#search-status").inner_text().split()[0])
    # The end of what the newest years gave: the rest of the archive on request.
    while page.locator("#search-more").is_visible():
        shown = page.locator("#search-results li").count()
        page.locator("#search-more").click()
        expect(page.locator("#search-results li")).not_to_have_count(shown)  # the next ten came
    earlier = page.get_by_role("button", name="Search earlier years")
    expect(earlier).to_be_visible()
    earlier.click()
    expect(page.locator("#search-status")).not_to_have_text(re.compile(rf"^{first} "))
    assert read() == shards
    assert int(page.locator("#search-status").inner_text().split()[0]) > first
    expect(earlier).to_be_hidden()
    expect(page.locator("#search-status")).not_to_contain_text("in recent years")
    # Newest first: the results in order of date, and the order kept in the URL.
    page.get_by_label("Order").select_option("newest")
    expect(page).to_have_url(re.compile(r"order=newest"))
    expect(page.locator("#search-results")).not_to_have_attribute("aria-busy", "true")  # the new order drawn
    shown = [dt.datetime.strptime(text, "%d %B %Y") for text in
             page.locator("#search-results li .meta span:first-child").all_inner_texts()]
    assert len(shown) >= 5 and shown == sorted(shown, reverse=True), shown
    assert errors(page) == []
