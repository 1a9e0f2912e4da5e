"""`site-builder serve` as an editor uses it: a real server process, real HTTP, a real browser."""

from __future__ import annotations

import asyncio
import http.client
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import tornado.httpserver
import tornado.netutil

from site_builder.scaffold import copy_theme
from site_builder.serve import is_loopback
from site_builder.serve.http import (
    Health,
    make_app,
    site_file,
)
from site_builder.serve.rebuilds import describe
from site_builder.serve.watch import changes
from tests.support.sites import REPO, SITE_TOML, article, free_port

STORY = "content/articles/2024/12/story.md"
STORY_URL = "2024/12/04/story/"
TIMEOUT = 20  # seconds; generous for a loaded CI machine, never slept blindly


def story(title: str) -> str:
    return article(title, "2024-12-04", "Some text.", slug="story")  # the URL must not follow the title


class Server:
    def __init__(self, root: Path, port: int, proc: subprocess.Popen, log: Path) -> None:
        self.root, self.port, self.proc, self.log = root, port, proc, log
        self.url = f"http://127.0.0.1:{port}/"

    def get(self, path: str, method: str = "GET") -> tuple[int, str]:
        """A raw request: the path goes out exactly as given, `..` and all."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            conn.request(method, path)
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def stderr(self) -> str:
        return self.log.with_suffix(".err").read_text()


@pytest.fixture
def start_server(make_site, tmp_path: Path) -> Iterator[Callable[..., Server]]:
    started: list[subprocess.Popen] = []

    def start(files: dict[str, str] | None = None) -> Server:
        root = make_site(files if files is not None else {STORY: story("Old headline")})
        port, log = free_port(), tmp_path / "serve.log"
        proc = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "--root", str(root), "serve", "--port", str(port)],
            cwd=REPO, stdout=log.open("w"), stderr=log.with_suffix(".err").open("w"))
        started.append(proc)
        server = Server(root, port, proc, log)
        _wait_until_ready(server)
        return server

    yield start
    for proc in started:
        proc.kill()
        proc.wait()


def _wait_until_ready(server: Server) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert server.proc.poll() is None, f"server exited: {server.stderr()}"
        try:
            server.get("/")
            return
        except OSError:
            time.sleep(0.05)  # not listening yet; poll again
    pytest.fail(f"server not ready after {TIMEOUT} s")


def _connected(page) -> None:
    """Wait for the page's livereload socket to finish its handshake, so no reload is missed."""
    page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol >= 7",
                           timeout=TIMEOUT * 1000)


def _save(page, path: Path, text: str) -> None:
    _connected(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.slow  # a real browser
def test_edits_errors_and_fixes_show_up_in_the_open_page(start_server, page_at) -> None:
    from playwright.sync_api import expect

    server = start_server()
    page = page_at()
    page.goto(server.url + STORY_URL)
    headline, errors = page.locator("h1"), page.locator("#site-builder-errors")
    expect(headline).to_have_text("Old headline")

    _save(page, server.root / STORY, story("New headline"))
    expect(headline).to_have_text("New headline", timeout=TIMEOUT * 1000)

    _save(page, server.root / STORY, story("Broken").replace("date: 2024-12-04", "date: [nope"))
    expect(errors).to_contain_text("content/articles/2024/12/story.md:3:", timeout=TIMEOUT * 1000)
    expect(headline).to_have_text("New headline")  # the last good page, under the banner
    assert server.get("/")[0] == 200

    _save(page, server.root / STORY, story("Fixed headline"))
    expect(headline).to_have_text("Fixed headline", timeout=TIMEOUT * 1000)
    expect(errors).to_have_count(0)

    override = ('{% extends "default/article.html" %}'
                '{% block content %}<p class="edited">From the override</p>{{ super() }}{% endblock %}')
    _save(page, server.root / "templates/article.html", override)
    expect(page.locator(".edited")).to_have_text("From the override", timeout=TIMEOUT * 1000)

    _connected(page)  # stopping with a browser attached is the usual case
    server.proc.send_signal(signal.SIGINT)
    assert server.proc.wait(timeout=TIMEOUT) == 0
    assert "Traceback" not in server.stderr()


@pytest.mark.slow  # a real browser
def test_a_stylesheet_edit_restyles_the_open_page_without_reloading_it(start_server, page_at, tmp_path) -> None:
    from playwright.sync_api import expect

    copy_theme(tmp_path / "site", "default", "mine")
    server = start_server({STORY: story("Old headline"), "site.toml": SITE_TOML + 'theme = "mine"\n'})
    page = page_at()
    page.goto(server.url + STORY_URL)
    page.evaluate("window.keptAcrossReloads = true")  # gone if the page reloads
    stylesheet = server.root / "themes/mine/static/style.css"
    _save(page, stylesheet, stylesheet.read_text() + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n")
    expect(page.locator("body")).to_have_css("outline-color", "rgb(1, 2, 3)", timeout=TIMEOUT * 1000)
    assert page.evaluate("window.keptAcrossReloads === true")
    assert (server.root / "output/static/style.css").read_text().endswith("rgb(1, 2, 3); }\n")


def test_missing_paths_get_the_sites_404_page_with_the_reload_script(start_server) -> None:
    server = start_server()
    status, body = server.get("/no/such/page/")
    assert status == 404 and "Page not found" in body and "/livereload.js" in body
    assert server.get("/2024/12/04/story")[0] == 302  # to the slash URL its relative links need
    assert server.get("/" + STORY_URL, method="HEAD") == (200, "")


def test_a_site_that_never_built_shows_its_errors_until_fixed(start_server) -> None:
    server = start_server({STORY: story("Broken").replace("date: 2024-12-04", "date: [nope")})
    status, body = server.get("/")
    assert status == 404 and "content/articles/2024/12/story.md:3:" in body
    assert "/livereload.js" in body
    (server.root / STORY).write_text(story("Fixed headline"))
    deadline = time.monotonic() + TIMEOUT
    while server.get("/")[0] != 200:
        assert time.monotonic() < deadline, "the fixed site never appeared"
        time.sleep(0.05)
    assert "Fixed headline" in server.get("/")[1] and "site-builder-errors" not in server.get("/")[1]


def test_no_request_reads_outside_the_output_folder(start_server) -> None:
    server = start_server()
    out = server.root / "output"
    (out / "leak.txt").symlink_to(server.root / "site.toml")
    (out / "up").symlink_to(server.root)
    for path in ("/../site.toml", "/%2e%2e/site.toml", "/..%2fsite.toml", "/%2E%2E%2Fsite.toml",
                 "/leak.txt", "/up/site.toml", "/static/../../site.toml", "//etc/passwd"):
        status, body = server.get(path)
        assert status == 404 and "Page not found" in body, path
        assert "base_url" not in body and "root:" not in body, path


def test_listens_on_loopback_only(start_server) -> None:
    server = start_server()
    other = _other_address()
    if other is None:
        pytest.skip("this machine has no address besides loopback")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((other, server.port), timeout=TIMEOUT).close()


def _other_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # picks the outgoing interface; sends nothing
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if is_loopback(address) else address


def test_a_port_in_use_is_a_one_line_usage_error(make_site) -> None:
    root = make_site({STORY: story("Old headline")})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "site_builder", "--root", str(root), "serve",
                               "--port", str(port)], cwd=REPO, capture_output=True, text=True,
                              timeout=TIMEOUT)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "--port" in done.stderr
    assert not (root / "output").exists()  # refused before building anything


def test_ctrl_c_stops_cleanly(start_server) -> None:
    server = start_server()
    server.proc.send_signal(signal.SIGINT)
    assert server.proc.wait(timeout=TIMEOUT) == 0
    assert "Traceback" not in server.stderr()


def test_site_file_stays_inside_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "output"
    (out / "a").mkdir(parents=True)
    (out / "a/index.html").write_text("page")
    (tmp_path / "secret").write_text("secret")
    (out / "link").symlink_to(tmp_path / "secret")
    assert site_file(out, "a/") == (out / "a/index.html").resolve()
    assert site_file(out, "/a/index.html") == (out / "a/index.html").resolve()
    for path in ("../secret", "a/../../secret", "link", "/" + str(tmp_path / "secret"), "a\0b", "a"):
        assert site_file(out, path) is None, path


def test_watch_reports_every_file_of_a_burst_in_a_few_sets(tmp_path: Path) -> None:
    watched, later = tmp_path / "content", tmp_path / "later"
    (watched / "sub").mkdir(parents=True)
    (watched / "kept.md").write_text("1")
    (watched / "gone.md").write_text("1")
    stop = threading.Event()
    guard = threading.Timer(TIMEOUT, stop.set)  # never hang the suite
    guard.start()
    edits = changes([watched, later], stop)
    expected = {watched / "kept.md", watched / "gone.md", *(watched / "sub" / f"new{n}.md" for n in range(50))}
    (watched / "kept.md").write_text("22")
    (watched / "gone.md").unlink()
    (watched / ".kept.md.swp").write_text("editor litter")
    for n in range(50):
        (watched / "sub" / f"new{n}.md").write_text("x")
    try:
        seen: list[set[Path]] = []
        while not set().union(*seen) >= expected:
            seen.append(next(edits))
        assert set().union(*seen) == expected  # no litter
        assert len(seen) <= 3
        # A new folder is reported (its files may be written before it is watched: the
        # server looks at every article again when a folder comes or goes).
        (watched / "sub" / "new").mkdir()
        assert watched / "sub" / "new" in next(edits)
        # A watched folder that was missing is watched from when it is reported.
        later.mkdir()
        assert next(edits) == {later}
        (later / "new.md").write_text("x")
        assert next(edits) == {later / "new.md"}
    finally:
        stop.set()
        guard.cancel()


def test_each_rebuild_is_told_in_words(tmp_path: Path) -> None:
    articles = tmp_path / "content/articles/2024"
    articles.mkdir(parents=True)
    (articles / "kept.md").write_text("x")
    (articles / "new.md").write_text("x")
    known = {"content/articles/2024/kept.md", "content/articles/2024/gone.md"}
    assert describe({articles / "kept.md"}, tmp_path, known) == "edited 2024/kept.md"
    assert describe({articles / "new.md"}, tmp_path, known) == "added 2024/new.md"
    assert describe({articles / "gone.md"}, tmp_path, known) == "removed 2024/gone.md"
    assert describe({articles / "gone.md", articles / "new.md"}, tmp_path, known) == "moved 2024/gone.md to 2024/new.md"
    # An editor's save by rename (sed -i, many editors): a temporary file renamed over the article.
    assert describe({articles / "sed5iACZM", articles / "kept.md"}, tmp_path, known) == "edited 2024/kept.md"
    assert describe({articles / "kept.md", articles / "new.md", articles}, tmp_path, known) == "3 files changed"
    assert describe({tmp_path / "site.toml"}, tmp_path, known) == "removed site.toml"


def test_a_page_drawn_ahead_is_served_in_place_of_its_file_until_dropped(tmp_path: Path) -> None:
    out = tmp_path / "output"
    (out / "a").mkdir(parents=True)
    (out / "a/index.html").write_text("<body>written</body>")
    drafts: dict[str, bytes] = {}
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    port = sockets[0].getsockname()[1]
    started, stop = threading.Event(), threading.Event()

    def serve_app() -> None:  # on a loop of its own, as the dev server does
        async def main() -> None:
            server = tornado.httpserver.HTTPServer(make_app(out, Health(), port, drafts))
            server.add_sockets(sockets)
            started.set()
            while not stop.is_set():
                await asyncio.sleep(0.01)
            server.stop()
        asyncio.run(main())

    thread = threading.Thread(target=serve_app, daemon=True)
    thread.start()
    started.wait(TIMEOUT)
    page = Server(tmp_path, port, None, tmp_path / "log")  # type: ignore[arg-type]
    try:
        assert "written" in page.get("/a/")[1]
        drafts["a/index.html"] = b"<body>drawn ahead</body>"
        status, body = page.get("/a/")
        assert status == 200 and "drawn ahead" in body and "/livereload.js" in body
        drafts.clear()
        assert "written" in page.get("/a/")[1]
    finally:
        stop.set()
        thread.join(TIMEOUT)


def test_watch_tells_of_a_pause_once(tmp_path: Path) -> None:
    stop = threading.Event()
    guard = threading.Timer(TIMEOUT, stop.set)  # never hang the suite
    guard.start()
    try:
        edits = changes([tmp_path], stop, idle=0.3)
        assert next(edits) == set()  # nothing saved for 0.3 s
        (tmp_path / "a.md").write_text("x")
        assert next(edits) == {tmp_path / "a.md"}  # not a second pause before it
        assert next(edits) == set()
    finally:
        stop.set()
        guard.cancel()
