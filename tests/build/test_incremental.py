"""Incremental and parallel builds, proven through the build report and the files."""

import os
import shutil
import time
from pathlib import Path

import pytest

from site_builder.build import build, read_config
from site_builder.cache import BuildCache
from site_builder.catalog import newest_first
from site_builder.content import read_content
from site_builder.content.discover import discover
from site_builder.options import BuildOptions
from site_builder.output.foreign import _files_in_changed_folders, folder_times
from site_builder.search.shards import shard_blocks
from tests.support.corpus import write_corpus
from tests.support.sites import article


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and "pagefind" not in p.parts and p.name != ".site-builder-output"}


def inodes(out: Path, with_time: bool = False) -> dict[str, object]:
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) if with_time else p.stat().st_ino
            for p in out.rglob("*") if p.is_file()}


# Without the search index, but where the test is about it: Pagefind is most of these builds.
TOML = 'title = "Inc"\narticles_per_page = 10\nsearch = false\n'


def search_on(root: Path) -> None:
    (root / "site.toml").write_text(TOML.replace("search = false", "search = true"))


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    write_corpus(tmp_path, 120)
    (tmp_path / "site.toml").write_text(TOML)
    return tmp_path


def run_build(root: Path, out: str = "output", **options):
    return build(BuildOptions(root=root, out=root / out, **options))


@pytest.mark.parametrize("search", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_a_second_build_writes_nothing(archive: Path, search: bool) -> None:
    if search:
        search_on(archive)
    first = run_build(archive)
    assert first.rendered == first.pages and first.written > first.pages
    before = inodes(archive / "output")
    second = run_build(archive)
    assert (second.rendered, second.written, second.removed) == (0, 0, 0)
    assert second.unchanged == first.written
    assert inodes(archive / "output") == before  # not even re-linked: the folder was not touched


def test_editing_one_article_rewrites_exactly_the_pages_that_show_it(archive: Path) -> None:
    run_build(archive)
    path = next((archive / "content/articles").rglob("story-7.md"))
    path.write_text(path.read_text().replace("title: \"", "title: \"Revised: ", 1))
    report = run_build(archive)
    out = archive / "output"
    url = next(out.glob("20*/*/*/story-7/index.html")).parent.relative_to(out).as_posix()
    showing = {p.relative_to(out).as_posix() for p in out.rglob("*.html")
               if "Revised: " in p.read_text()}
    showing |= {p.relative_to(out).as_posix() for p in out.rglob("*.xml") if "Revised: " in p.read_text()}
    assert f"{url}/index.html" in showing and "sitemap.xml" not in showing
    # Every page that shows the new headline was written, and nothing else but the sitemap
    # (unchanged here: the date did not move) and pages that only link to it.
    assert report.written >= len(showing)
    assert report.rendered < report.pages / 5


def test_an_incremental_build_equals_a_clean_one(archive: Path) -> None:
    run_build(archive)
    files = sorted((archive / "content/articles").rglob("*.md"))
    files[3].write_text(files[3].read_text().replace("topics: [", "topics: [Breaking, ", 1))
    files[10].unlink()
    write_corpus(archive, 5, seed=99, first=500)  # five new articles
    (archive / "site.toml").write_text(TOML)
    run_build(archive)
    run_build(archive, out="clean", jobs=1)
    shutil.rmtree(archive / ".site-builder-cache")
    run_build(archive, out="fresh")
    assert snapshot(archive / "output") == snapshot(archive / "fresh")
    assert snapshot(archive / "clean") == snapshot(archive / "fresh")


def test_the_kept_previous_site_is_brought_up_to_date_build_after_build(archive: Path) -> None:
    out, articles = archive / "output", archive / "content/articles"
    run_build(archive)
    first_site = out.stat().st_ino  # the folder itself: a kept site is reused, not remade
    (out / "CNAME").write_text("news.example.org\n")  # someone else's file
    files = sorted(articles.rglob("*.md"))
    steps = [
        lambda: files[3].write_text(files[3].read_text().replace("title: \"", "title: \"Revised: ", 1)),
        lambda: (files[10].unlink(), write_corpus(archive, 5, seed=7, first=500)),
        lambda: ((out / "CNAME").write_text("archive.example.org\n"), files[20].unlink()),
        lambda: (files[3].write_text(files[3].read_text().replace("Revised: ", "")), (out / "CNAME").unlink()),
    ]
    for number, step in enumerate(steps, 1):
        step()
        report = run_build(archive)
        clean = f"clean-{number}"
        run_build(archive, out=clean, jobs=1)
        cname = (out / "CNAME").read_text() if (out / "CNAME").exists() else None
        assert cname == (None if number == 4 else "archive.example.org\n" if number >= 3 else "news.example.org\n")
        assert {k: v for k, v in snapshot(out).items() if k != "CNAME"} == snapshot(archive / clean), number
        assert report.rendered < report.pages / 3
        if number % 2 == 0:  # the site of two builds ago was updated and swapped in
            assert out.stat().st_ino == first_site
    assert (archive / ".output.staging").stat().st_ino != first_site


def test_a_file_of_others_deleted_stays_deleted_after_in_place_builds(archive: Path) -> None:
    # The dev server updates the site in place; builds after it still know the others' files
    # it held, so one deleted by hand is not brought back from the kept previous site.
    out = archive / "output"
    story = next((archive / "content/articles").rglob("story-7.md"))

    def edit(step: str, **options) -> None:
        story.write_text(story.read_text().replace("title: \"", f"title: \"{step} ", 1))
        run_build(archive, **options)

    run_build(archive)
    (out / "CNAME").write_text("news.example.org\n")  # someone else's file
    edit("One")  # staged: the first site is kept beside, without the CNAME
    edit("Two", atomic=False)  # in place, as the dev server
    edit("Three")  # staged: the site updated in place is now the kept one, with the CNAME
    assert (out / "CNAME").exists()
    (out / "CNAME").unlink()
    edit("Four")  # the kept site, brought up to date and swapped in
    assert not (out / "CNAME").exists()
    run_build(archive, out="fresh")
    assert snapshot(out) == snapshot(archive / "fresh")


def test_files_added_by_hand_deep_in_the_site_survive(archive: Path) -> None:
    out, articles = archive / "output", archive / "content/articles"
    run_build(archive)
    folder = next(out.glob("topics/*/"))
    (folder / "notes.txt").write_text("kept by hand\n")
    story = next(articles.rglob("story-5.md"))
    for number in range(3):  # into the kept previous site, then back, then again
        story.write_text(story.read_text() + f"\nCorrection {number}.\n")
        run_build(archive)
        assert (folder / "notes.txt").read_text() == "kept by hand\n", number


def test_others_files_are_found_by_the_folders_they_changed(archive: Path) -> None:
    # A build lists only the folders whose time moved since the last one: files added to a
    # folder, in a new folder deep below one, or at the top are all still found and kept.
    out, articles = archive / "output", archive / "content/articles"
    run_build(archive)
    story = next(articles.rglob("story-5.md"))
    added = {"topics/verification.txt": "a", "2019/extra/deep/notes.txt": "b", "robots-extra.txt": "c"}
    for number, (relpath, text) in enumerate(added.items()):
        (out / relpath).parent.mkdir(parents=True, exist_ok=True)
        (out / relpath).write_text(text)
        story.write_text(story.read_text() + f"\nCorrection {number}.\n")
        run_build(archive)
        for earlier in list(added)[: number + 1]:
            assert (out / earlier).read_text() == added[earlier], (number, earlier)
    (out / "topics/verification.txt").unlink()
    story.write_text(story.read_text() + "\nOne more.\n")
    run_build(archive)
    assert not (out / "topics/verification.txt").exists() and (out / "2019/extra/deep/notes.txt").exists()


def test_unchanged_folders_are_not_listed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for relpath in ("index.html", "a/index.html", "a/b/index.html", "c/index.html"):
        (site / relpath).parent.mkdir(parents=True, exist_ok=True)
        (site / relpath).write_text("page")
    times = folder_times(site, ["index.html", "a/index.html", "a/b/index.html", "c/index.html"])
    assert set(times) == {"", "a", "a/b", "c"}
    assert _files_in_changed_folders(site, times) == []
    (site / "a/b/CNAME").write_text("x")
    (site / "c/new/deeper").mkdir(parents=True)
    (site / "c/new/deeper/file.txt").write_text("y")
    assert sorted(_files_in_changed_folders(site, times)) == ["a/b/CNAME", "a/b/index.html", "c/index.html",
                                                              "c/new/deeper/file.txt"]


def test_removed_articles_are_pruned(archive: Path) -> None:
    run_build(archive)
    gone = next((archive / "content/articles").rglob("story-3.md"))
    page = next((archive / "output").glob("20*/*/*/story-3/index.html"))
    gone.unlink()
    report = run_build(archive)
    assert report.removed >= 1 and not page.exists()


def test_changing_a_template_rebuilds_the_pages_that_use_it(archive: Path) -> None:
    run_build(archive)
    (archive / "templates").mkdir()
    (archive / "templates/term.html").write_text(
        '{% extends "default/term.html" %}{% block content %}<p>Term page</p>{{ super() }}{% endblock %}')
    report = run_build(archive)
    out = archive / "output"
    # Every term's page and numbered pages, less the numbered pages that forward to the
    # term's page (forward.html draws them, not term.html).
    listings = {p.relative_to(out).as_posix() for folder in ("topics", "tags", "regions", "sources")
                for p in out.glob(f"{folder}/*/**/index.html")}
    forwards = {p for p in listings if 'http-equiv="refresh"' in (out / p).read_text()}
    term_pages = listings - forwards
    assert any("/page/" in p for p in term_pages) and "topics/elections/index.html" in term_pages
    drawn = {p.relative_to(out).as_posix() for p in out.rglob("index.html") if "<p>Term page</p>" in p.read_text()}
    assert drawn == term_pages
    assert report.rendered == report.written == len(term_pages)


def test_a_partial_newly_included_is_followed_in_later_builds(archive: Path) -> None:
    # What each template draws is remembered between builds: an edited template is read
    # again, so a partial it starts to include counts from then on.
    templates = archive / "templates"
    (templates / "partials").mkdir(parents=True)
    (templates / "partials/note.html").write_text("<p>Note one</p>")
    (templates / "home.html").write_text('{% extends "default/home.html" %}')
    run_build(archive)
    (templates / "home.html").write_text(
        '{% extends "default/home.html" %}{% block content %}{% include "partials/note.html" %}'
        '{{ super() }}{% endblock %}')
    run_build(archive)
    (templates / "partials/note.html").write_text("<p>Note two</p>")
    report = run_build(archive)
    out = archive / "output"
    homes = [p for p in [out / "index.html", *out.glob("page/*/index.html")]
             if 'http-equiv="refresh"' not in p.read_text()]  # not the forwarding page
    assert len(homes) > 1 and all("<p>Note two</p>" in p.read_text() for p in homes)
    assert report.rendered == len(homes)


def test_teasers_kept_from_earlier_builds_follow_their_template(archive: Path) -> None:
    # Listings reuse the teasers earlier builds drew; a changed teaser template draws them anew.
    run_build(archive)
    (archive / "templates/partials").mkdir(parents=True)
    (archive / "templates/partials/teaser.html").write_text(
        '<li class="teaser"><a href="{{ article.url | url }}">{{ article.title }}</a> (override)</li>\n')
    run_build(archive)
    out = archive / "output"
    home = (out / "index.html").read_text()
    assert home.count("(override)") == 9  # and the newest, which leads the page (partials/lead.html)
    (archive / "templates/partials/teaser.html").unlink()
    run_build(archive)
    assert "(override)" not in (out / "index.html").read_text()
    run_build(archive, out="fresh", jobs=1)
    assert snapshot(out) == snapshot(archive / "fresh")


def test_a_few_new_articles_leave_the_big_cache_file_alone(archive: Path) -> None:
    run_build(archive)
    big = archive / ".site-builder-cache/articles.pickle"
    before = big.stat().st_ino, big.stat().st_mtime_ns
    write_corpus(archive, 3, seed=5, first=900)  # 3 new to 120: saved beside it
    (archive / "site.toml").write_text(TOML)
    run_build(archive)
    assert (big.stat().st_ino, big.stat().st_mtime_ns) == before
    config = read_config(BuildOptions(root=archive, out=archive / "output"))
    cache = BuildCache(archive, archive / "output", config)
    assert len(cache.articles) == 123  # the big file's and the three beside it
    # So are the teasers' HTML: every article's, the three new ones' beside the big file.
    assert {a.teaser for a in cache.articles.values()} <= {teaser for _, _, teaser in cache.fragments}
    write_corpus(archive, 20, seed=6, first=950)  # a sixth more: the big file is written anew
    (archive / "site.toml").write_text(TOML)
    run_build(archive)
    assert (big.stat().st_ino, big.stat().st_mtime_ns) != before
    run_build(archive, out="fresh", jobs=1)
    shutil.rmtree(archive / ".site-builder-cache")
    run_build(archive, out="clean")
    assert snapshot(archive / "output") == snapshot(archive / "clean") == snapshot(archive / "fresh")


def test_parallel_output_is_byte_identical_to_serial(archive: Path) -> None:
    run_build(archive, out="serial", jobs=1)
    run_build(archive, out="parallel", jobs=2)
    assert snapshot(archive / "serial") == snapshot(archive / "parallel")


def test_a_deleted_output_file_is_made_again(archive: Path) -> None:
    run_build(archive)
    (archive / "output/index.html").unlink()
    report = run_build(archive)
    assert report.rendered == 1 and (archive / "output/index.html").is_file()


def test_a_broken_template_is_reported_once_by_its_path_in_the_project(make_site, run) -> None:
    root = make_site({f"content/articles/{n}.md": article(f"Story {n}", f"2024-01-0{n}") for n in range(1, 6)}
                     | {"templates/article.html": "{% extends 'base.html' %}{% block content %}{{ oops( }}{% endblock %}"})
    code, _, err = run(root, "build")
    assert code == 1
    # Once, named by its path in the project, though five articles use it.
    first, *rest = err.splitlines()
    assert first.startswith("templates/article.html:1: template error: ")
    assert rest == ["1 problem found; nothing was written."]


@pytest.mark.slow  # Pagefind
def test_an_in_place_rebuild_updates_only_what_changed(archive: Path) -> None:
    search_on(archive)
    (archive / "site.toml").write_text((archive / "site.toml").read_text() + "search_shard_size = 20\n")
    run_build(archive)
    out = archive / "output"
    # Inode and time: a folder deleted and made again (a shard's search index) may get its
    # files' inode numbers back.
    before = inodes(out, with_time=True)
    oldest_first = [a.url for a in reversed(newest_first(read_content(archive, read_config(
        BuildOptions(root=archive, out=out))).articles))]
    shard_of = {url: f"{first}+{size}" for first, size in shard_blocks(len(oldest_first), 20)
                for url in oldest_first[first: first + size]}
    path = next((archive / "content/articles").rglob("story-9.md"))
    path.write_text(path.read_text().replace("title: \"", "title: \"Changed: ", 1))
    gone = next((archive / "content/articles").rglob("story-4.md"))
    gone_url = next(out.glob("20*/*/*/story-4/index.html")).parent.relative_to(out).as_posix() + "/"
    gone.unlink()
    report = run_build(archive, atomic=False)
    after = inodes(out, with_time=True)
    assert f"{gone_url}index.html" not in after and report.removed >= 1
    files = {p for p in after if p != ".site-builder-output"}  # pages, assets, search index
    rewritten = {p for p in files if before.get(p) != after[p]}  # new, or replaced
    assert len(rewritten) == report.written
    pages = {p for p in files if not p.startswith("pagefind/")}
    assert 0 < len(rewritten & pages) < len(pages) / 4
    # The search index of the shards that changed was made again, and only theirs: the
    # edited article's, and from the removed one's on (the articles after it moved up).
    edited = next(out.glob("20*/*/*/story-9/index.html")).parent.relative_to(out).as_posix() + "/"
    expected = {shard_of[edited]} | {shard_of[url] for url in oldest_first[oldest_first.index(gone_url):]}
    assert {p.split("/")[1] for p in rewritten - pages} == expected
    run_build(archive, out="fresh")
    assert snapshot(out) == snapshot(archive / "fresh")


def test_discovery_reads_only_files_whose_size_or_time_changed(archive: Path) -> None:
    articles = sorted((archive / "content/articles").rglob("*.md"))
    for number, path in enumerate(articles):  # as if saved a minute ago, not just now
        os.utime(path, ns=(time.time_ns() - 60_000_000_000 + number,) * 2)
    files, _, stamps = discover(archive)
    assert all(f.text is not None for f in files) and len(stamps) == len(files)
    edited, touched = articles[5], articles[6]
    edited.write_text(edited.read_text().replace("title: \"", "title: \"Edited: ", 1))
    os.utime(touched, ns=(time.time_ns(),) * 2)  # same bytes, new time: read, same fingerprint
    again, _, new_stamps = discover(archive, stamps)
    read = {f.full_path for f in again if f.text is not None}
    assert read == {edited, touched}
    assert [f.fingerprint for f in again if f.full_path != edited] == [f.fingerprint for f in files if f.full_path != edited]
    # Files changed within the last moments are not vouched for by their stamp next time.
    assert edited.relative_to(archive).as_posix() not in new_stamps


def test_a_kept_going_build_reports_its_problems_again_when_nothing_changed(make_site, run) -> None:
    root = make_site({"content/articles/good.md": article("Good", "2024-01-01"),
                      "content/articles/bad.md": "---\ntitle: Bad\ndate: someday\n---\n"})
    first = run(root, "build", "--keep-going")
    again = run(root, "build", "--keep-going")
    strict = run(root, "build")
    # --keep-going builds the rest and still fails; without it, nothing is built.
    assert first[0] == again[0] == strict[0] == 1
    assert "Built" in first[1] and "Nothing changed" in again[1] and "Built" not in strict[1]
    problem = "content/articles/bad.md:3: 'date' is not a valid date"
    assert problem in first[2] and problem in again[2] and strict[2].startswith(problem)


def test_a_teaser_that_shows_what_listings_do_not_track_is_refused(make_site, run) -> None:
    # Teasers are kept while the article's teaser hash stays the same: one drawing a field
    # outside it would show stale text after an edit, so the build says so instead.
    teaser = ('<li>{{ article.title }}\n'
              '{% for point in article.analysis %}<p>{{ point }}</p>{% endfor %}</li>\n')
    root = make_site({"content/articles/a.md": article("One", analysis="[A point]"),
                      "templates/partials/teaser.html": teaser})
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[0].startswith(
        "partials/teaser.html:2: template error: uses article.analysis, which listings do not track")
    (root / "templates/partials/teaser.html").write_text('<li>{{ teaser_of(article) }}</li>\n')
    code, _, err = run(root, "build")
    assert code == 1 and "partials/teaser.html:1: template error: uses article, which listings" in err
    (root / "templates/partials/teaser.html").write_text(
        '<li>{{ article.title }} {{ article.modified | date }} {{ article["agency"] }}</li>\n')
    assert run(root, "build")[0] == 0
