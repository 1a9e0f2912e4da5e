"""The dev server's pure helpers: the reload snippet, the error banner, the page an address
names, which hosts are loopback, which file systems are polled. The server itself: tests/serve/."""

from pathlib import Path

import pytest

from site_builder.serve import is_loopback
from site_builder.serve.http import error_banner, inject, page_of
from site_builder.serve.watch import on_network_filesystem


def test_the_snippet_reaches_pages_with_or_without_a_body() -> None:
    assert inject(b"<html><body><p>x</p></BODY></html>", b"<s>") == b"<html><body><p>x</p><s></BODY></html>"
    assert inject(b"<p>bare</p>", b"<s>") == b"<p>bare</p><s>"


def test_the_error_banner_is_escaped() -> None:
    assert error_banner(()) == ""
    banner = error_banner(("content/a.md:3: bad value '<script>alert(1)</script>'",))
    assert "<script>" not in banner and "&lt;script&gt;alert(1)&lt;/script&gt;" in banner
    assert "content/a.md:3: bad value" in banner


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                            ("0.0.0.0", False), ("192.0.2.2", False), ("example.org", False)])
def test_only_loopback_hosts_go_without_a_warning(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_network_file_systems_are_polled() -> None:
    mounts = ["/dev/sda1 / ext4 rw 0 0", "server:/export /srv/news nfs4 rw 0 0",
              "tmpfs /srv/news/tmp tmpfs rw 0 0"]
    assert on_network_filesystem(Path("/srv/news/content"), mounts)
    assert not on_network_filesystem(Path("/srv/news/tmp/x"), mounts)
    assert not on_network_filesystem(Path("/srv/newsroom"), mounts)
    assert not on_network_filesystem(Path("/home"), mounts)


def test_a_browsers_address_names_the_page_it_shows() -> None:
    assert page_of("http://127.0.0.1:8000/") == "index.html"
    assert page_of("http://127.0.0.1:8000/2024/12/04/story/?q=1#top") == "2024/12/04/story/index.html"
    assert page_of("http://[::1]:8000/search/index.html") == "search/index.html"
    assert page_of("http://127.0.0.1:8000/topics/caf%C3%A9/") == "topics/café/index.html"
