"""The dev server under attack and under faults: foreign Host headers and websocket origins
(DNS rebinding), absurd paths, pipes among the articles, a build holding the project. A real
server process, raw requests. Named after the defects of the reliability review."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.devserver import DevServer, until
from tests.support.processes import LockHolder
from tests.support.sites import article

STORY = "content/articles/2024/12/story.md"
PAGE = "/2024/12/04/story/"


def story(title: str) -> str:
    return article(title, "2024-12-04", "Some text.", slug="story")


@pytest.fixture
def serve(make_site, tmp_path) -> Iterator[Callable[[], DevServer]]:
    started = []

    def start() -> DevServer:
        server = DevServer(make_site({STORY: story("Old headline")}), tmp_path / "serve.log")
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def test_m3_the_dev_server_answers_only_its_own_host(serve) -> None:
    server = serve()
    port = server.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"preview.localhost:{port}"):
        assert server.get(PAGE, {"Host": host})[0] == 200, host
    for host in ("attacker.example", f"attacker.example:{port}", f"127.0.0.1.attacker.example:{port}",
                 f"127.0.0.1:{port + 1}", "127.0.0.1", f"localhost.attacker.example:{port}"):
        status, body = server.get(PAGE, {"Host": host})
        assert status == 403 and "Old headline" not in body, host
    assert server.get("/livereload.js", {"Host": f"attacker.example:{port}"})[0] == 403


def test_m3_the_livereload_socket_takes_only_the_dev_servers_own_pages(serve) -> None:
    server = serve()
    assert server.handshake(f"http://127.0.0.1:{server.port}").startswith("HTTP/1.1 101")
    assert server.handshake(f"http://localhost:{server.port}").startswith("HTTP/1.1 101")
    for origin in ("http://attacker.example", f"http://attacker.example:{server.port}", "null",
                   f"http://127.0.0.1:{server.port + 1}"):
        assert server.handshake(origin).startswith("HTTP/1.1 403"), origin
    # Its origin may be the rebinding page's own name, its Host too: refused either way.
    assert server.handshake(f"http://attacker.example:{server.port}", f"attacker.example:{server.port}"
                            ).startswith("HTTP/1.1 403")


def test_m14_a_path_too_long_for_the_system_is_a_404(serve) -> None:
    server = serve()
    status, _ = server.get("/" + "a/" * 3000)
    assert status == 404
    assert server.get(PAGE)[0] == 200
    assert "Traceback" not in server.errors()


def test_s6_a_pipe_among_the_articles_never_stops_the_rebuilds(serve) -> None:
    server = serve()
    pipe = server.root / "content/articles/2024/12/pipe.md"
    os.mkfifo(pipe)
    until(lambda: "content/articles/2024/12/pipe.md: cannot be read: not a regular file (a pipe)" in server.errors(),
          f"the pipe was never reported: {server.errors()}")
    pipe.unlink()
    (server.root / STORY).write_text(story("New headline"))
    until(lambda: "New headline" in server.get(PAGE)[1], f"the edit was never built: {server.errors()}")


def test_s1_a_rebuild_waits_for_a_build_that_holds_the_project(serve) -> None:
    server = serve()
    holder = LockHolder(server.root, "build")
    (server.root / STORY).write_text(story("New headline"))
    until(lambda: f"waiting for the build started by pid {holder.pid}" in server.output(),
          f"the rebuild never said it waits: {server.output()}")
    assert "Old headline" in server.get(PAGE)[1]
    holder.release()
    until(lambda: "New headline" in server.get(PAGE)[1], f"the edit was never built: {server.errors()}")
