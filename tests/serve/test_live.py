"""The dev server's site kept in memory: rebuilds from what the watcher reports end as a fresh
build does, and the open page drawn ahead of a rebuild is the page the rebuild writes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from site_builder.build import build, build_warm
from site_builder.content.discover import discover, rediscover
from site_builder.options import BuildOptions
from site_builder.output.folder import MARKER
from site_builder.project import edits_of
from site_builder.serve.live import preview
from tests.support.newsroom import photo
from tests.support.sites import REPO, article, free_port

TIMEOUT = 30  # seconds; generous for a loaded CI machine, never slept blindly
ARTICLES = "content/articles"
STORY = f"{ARTICLES}/2024/12/story.md"
STORY_URL = "2024/12/04/story/"


def archive() -> dict[str, str]:
    files = {STORY: article("Old headline", "2024-12-04", "Some text.", slug="story", topics="[Economy]")}
    for n in range(1, 9):
        files[f"{ARTICLES}/2024/11/n{n}.md"] = article(
            f"November story {n}", f"2024-11-{n:02d}", f"Body {n}.", topics="[Economy]" if n % 2 else "[Trade]",
            tags="[budget]" if n % 3 else "[ports]")
    return files


def site_files(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes()
            for path in sorted(out.rglob("*")) if path.is_file() and path.name != MARKER}


def options_for(root: Path, out: Path, **changes: object) -> BuildOptions:
    # The dev server's: links to its own address, static files by their own names.
    base = dict(root=root, out=out, base_url="http://127.0.0.1:8000/", fingerprint_assets=False, jobs=1)
    return BuildOptions(**{**base, **changes})  # type: ignore[arg-type]


def fresh_build(root: Path, tmp_path: Path, **options: object) -> dict[str, bytes]:
    """The site a first build of the same project makes, in a copy without the cache."""
    copy = tmp_path / "fresh"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("output", ".site-builder-cache"))
    build(options_for(copy, copy / "output", **options))
    return site_files(copy / "output")


def assert_same_as_fresh(root: Path, out: Path, tmp_path: Path) -> None:
    served, made = site_files(out), fresh_build(root, tmp_path)
    assert served.keys() == made.keys()
    assert [path for path in made if served[path] != made[path]] == []


# Each step: (what it does to the project, the paths the watcher reports).
def _edit_body(root: Path) -> set[Path]:
    (root / STORY).write_text(article("Old headline", "2024-12-04", "Edited text.", slug="story", topics="[Economy]"))
    return {root / STORY}


def _edit_headline(root: Path) -> set[Path]:
    (root / STORY).write_text(article("New headline", "2024-12-04", "Edited text.", slug="story", topics="[Economy]"))
    return {root / STORY}


def _add(root: Path) -> set[Path]:
    path = root / ARTICLES / "2024/12/added.md"
    path.write_text(article("Added today", "2024-12-05", "New.", topics="[Trade]", tags="[ports]"))
    return {path}


def _move_to_another_folder(root: Path) -> set[Path]:
    old, new = root / ARTICLES / "2024/11/n3.md", root / ARTICLES / "elsewhere/n3.md"
    new.parent.mkdir()
    old.rename(new)
    return {old, new.parent, new}


def _new_slug(root: Path) -> set[Path]:
    path = root / ARTICLES / "2024/11/n4.md"
    path.write_text(article("November story 4", "2024-11-04", "Body 4.", slug="renamed-story"))
    return {path}


def _delete(root: Path) -> set[Path]:
    path = root / ARTICLES / "2024/11/n5.md"
    path.unlink()
    return {path}


def _override_template(root: Path) -> set[Path]:
    path = root / "templates/article.html"
    path.parent.mkdir()
    path.write_text('{% extends "default/article.html" %}{% block content %}<p class="edited">Override</p>'
                    "{{ super() }}{% endblock %}")
    return {path.parent, path}


def _new_folder_of_articles(root: Path) -> set[Path]:
    folder = root / ARTICLES / "2023"
    folder.mkdir()
    for n in range(3):
        (folder / f"old{n}.md").write_text(article(f"Old story {n}", f"2023-06-0{n + 1}", "Old."))
    return {folder}  # the files inside a new folder may come before it is watched


def _add_page_and_static_file(root: Path) -> set[Path]:
    page, ads = root / "content/pages/about.md", root / "static/ads.txt"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: About us\n---\nWho we are.\n")
    ads.parent.mkdir()
    ads.write_text("example.com, pub-1, DIRECT\n")
    return {page.parent, page, ads.parent, ads}


def _edit_page_and_profile(root: Path) -> set[Path]:
    page, profile = root / "content/pages/about.md", root / "content/authors/jane-doe.md"
    page.write_text("---\ntitle: About the archive\n---\nWho we are.\n")
    profile.parent.mkdir(parents=True)
    profile.write_text("---\nname: Jane Doe\nrole: Editor\n---\nJane edits.\n")
    (root / STORY).write_text(article("New headline", "2024-12-04", "Text.", slug="story", topics="[Economy]",
                                      authors="[Jane Doe]"))
    return {page, profile.parent, profile, root / STORY}


def _remove_static_file(root: Path) -> set[Path]:
    (root / "static/ads.txt").unlink()
    return {root / "static/ads.txt"}


STEPS = [_edit_body, _edit_headline, _add, _move_to_another_folder, _new_slug, _delete,
         _override_template, _new_folder_of_articles, _add_page_and_static_file, _edit_page_and_profile,
         _remove_static_file]


def test_each_rebuild_from_reported_paths_ends_as_a_fresh_build(make_site, tmp_path: Path) -> None:
    root = make_site(archive())
    out = root / "output"
    _, warm = build_warm(options_for(root, out))
    for step in STEPS:
        _, warm = build_warm(options_for(root, out, atomic=False), warm, edits_of(root, step(root)))
        assert_same_as_fresh(root, out, tmp_path), step.__name__
    assert (out / "about/index.html").is_file() and "Editor" in (out / "authors/jane-doe/index.html").read_text()
    assert not (out / "ads.txt").exists()
    assert (out / "2024/11/04/renamed-story/index.html").is_file()
    # Its old URL is gone with the slug, folder and all: a static server would list an empty one.
    assert not (out / "2024/11/04/november-story-4").exists() and (out / "2024/11/04").is_dir()
    assert not (out / "2024/11/05/november-story-5").exists()


def test_a_photo_saved_costs_only_the_pages_that_show_it(make_site, tmp_path: Path) -> None:
    files = archive()
    files[f"{ARTICLES}/2024/11/harbour/index.md"] = article(
        "With a photo", "2024-11-20", "Text.", topics="[Economy]", image="{src: lead.jpg, caption: The quay.}")
    root = make_site(files)
    lead = root / ARTICLES / "2024/11/harbour/lead.jpg"
    lead.write_bytes(photo(800, 500))
    out = root / "output"
    _, warm = build_warm(options_for(root, out))
    before = site_files(out)
    lead.write_bytes(photo(800, 500, colour=(250, 40, 0)))
    edits = edits_of(root, {lead})
    assert edits.articles == frozenset()  # not a reason to look at every article again
    report, warm = build_warm(options_for(root, out, atomic=False), warm, edits)
    after = site_files(out)
    page = after["2024/11/20/with-a-photo/index.html"].decode()
    name = re.search(r"media/([0-9a-f]{16})-800\.jpg", page)[1]
    showing = {path for path, data in after.items() if path.endswith((".html", ".xml")) and name.encode() in data}
    assert {"2024/11/20/with-a-photo/index.html", "index.html", "topics/economy/index.html"} <= showing
    changed = {path for path in after if before.get(path) != after[path]}
    assert changed == showing | {path for path in after if path.startswith(f"media/{name}-")}
    # Drawn: the pages that show it, and at most its neighbours, whose links to it its teaser covers.
    assert len(showing) <= report.rendered <= len(showing) + 2
    assert_same_as_fresh(root, out, tmp_path)


def test_the_open_page_drawn_ahead_is_the_page_the_rebuild_writes(make_site) -> None:
    root = make_site(archive())
    out = root / "output"
    shown = {STORY_URL + "index.html", "index.html", "topics/economy/index.html"}
    _, warm = build_warm(options_for(root, out))
    edits = edits_of(root, _edit_headline(root))
    before = warm.built.site if warm.built else None
    ahead = preview(warm, root, edits.articles, shown)
    assert b"New headline" in ahead[STORY_URL + "index.html"]
    assert b"New headline" in ahead["index.html"]  # the home page lists it
    assert warm.built is not None and warm.built.site is before  # the last build's site is untouched
    assert all(a.title != "New headline" for a in warm.built.site.articles)
    _, warm = build_warm(options_for(root, out, atomic=False), warm, edits)
    assert ahead == {path: (out / path).read_bytes() for path in ahead}

    # An edit that moves the article (another date) is not drawn ahead: the rebuild draws it first.
    (root / STORY).write_text(article("New headline", "2024-12-06", "Text.", slug="story", topics="[Economy]"))
    edits = edits_of(root, {root / STORY})
    assert preview(warm, root, edits.articles, shown) == {}
    _, warm = build_warm(options_for(root, out, atomic=False), warm, edits)
    # Undoing an edit drawn ahead is drawn from the file, not from the article it replaced.
    moved = {"2024/12/06/story/index.html"}
    (root / STORY).write_text(article("Newer headline", "2024-12-06", "Text.", slug="story", topics="[Economy]"))
    edits = edits_of(root, {root / STORY})
    assert b"Newer headline" in preview(warm, root, edits.articles, moved)["2024/12/06/story/index.html"]
    _, warm = build_warm(options_for(root, out, atomic=False), warm, edits)
    (root / STORY).write_text(article("New headline", "2024-12-06", "Text.", slug="story", topics="[Economy]"))
    _, warm = build_warm(options_for(root, out, atomic=False), warm, edits_of(root, {root / STORY}))
    assert b"Newer headline" not in (out / "2024/12/06/story/index.html").read_bytes()


def test_rediscovery_of_reported_paths_matches_a_whole_discovery(make_site) -> None:
    root = make_site(archive())
    before = discover(root)
    (root / ARTICLES / "2024/11/n1.md").write_text("---\ntitle: changed\n---\n")
    (root / ARTICLES / "2024/11/n2.md").unlink()
    (root / ARTICLES / "2024/11/new.md").write_text("---\ntitle: new\n---\n")
    (root / ARTICLES / "2024/11/bad.md").write_bytes(b"\xff\xfe")
    changed = {f"{ARTICLES}/2024/11/{name}.md" for name in ("n1", "n2", "new", "bad")}
    again, whole = rediscover(root, before, changed), discover(root)
    assert [f.key for f in again[0]] == [f.key for f in whole[0]]
    assert [f.fingerprint for f in again[0]] == [f.fingerprint for f in whole[0]]
    assert again[1] == whole[1] and [str(p) for p in again[1]] == [f"{ARTICLES}/2024/11/bad.md:1: not UTF-8 text"]


# Through the running server: the watcher, the build thread and the terminal's lines.

REBUILT = re.compile(r"^(edited|added|removed|moved|\d+ files changed).*: \d+ pages? in [\d.]+ s$", re.M)


class Server:
    def __init__(self, root: Path, port: int, proc: subprocess.Popen, log: Path):
        self.root, self.port, self.proc, self.log = root, port, proc, log
        self.url = f"http://127.0.0.1:{port}/"

    def rebuilds(self) -> int:
        return len(REBUILT.findall(self.log.read_text()))

    def wait_for(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not done():
            assert self.proc.poll() is None, self.log.with_suffix(".err").read_text()
            assert time.monotonic() < deadline, f"{what}: not after {TIMEOUT} s\n{self.log.read_text()}"
            time.sleep(0.05)  # polling the server's own account of what it did


@pytest.fixture
def server(make_site, tmp_path: Path) -> Iterator[Server]:
    root = make_site(archive())
    port, log = free_port(), tmp_path / "serve.log"
    proc = subprocess.Popen([sys.executable, "-m", "site_builder", "--root", str(root), "serve", "--port", str(port)],
                            cwd=REPO, stdout=log.open("w"), stderr=log.with_suffix(".err").open("w"))
    running = Server(root, port, proc, log)
    try:
        running.wait_for(lambda: "Serving" in log.read_text(), "the server never started")
        yield running
    finally:
        proc.kill()
        proc.wait()


def test_edits_through_the_server_end_as_a_fresh_build(server: Server, tmp_path: Path) -> None:
    out = server.root / "output"
    for step in STEPS:
        done = server.rebuilds()
        step(server.root)
        server.wait_for(lambda: server.rebuilds() > done, step.__name__)
    served, made = site_files(out), fresh_build(server.root, tmp_path, base_url=server.url)
    served = {path: data for path, data in served.items() if not path.startswith("pagefind/")}
    assert served.keys() == made.keys()
    assert [path for path in made if served[path] != made[path]] == []
    assert not (out / "2024/11/04/n4").exists() and (out / "2024/11/04/renamed-story/index.html").is_file()


def test_a_burst_of_fifty_saved_files_is_picked_up_whole(server: Server) -> None:
    out = server.root / "output"
    done = server.rebuilds()
    for n in range(50):
        (server.root / ARTICLES / "2024/11" / f"burst{n}.md").write_text(
            article(f"Burst {n}", "2024-11-20", "Saved in a burst.", slug=f"burst-{n}"))
    server.wait_for(lambda: all((out / f"2024/11/20/burst-{n}/index.html").is_file() for n in range(50))
                    and server.rebuilds() > done, "fifty articles saved at once")
    assert server.rebuilds() - done <= 5
