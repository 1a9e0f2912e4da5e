"""Deploys under faults: a build started during one, destinations that never answer or hand back
damaged manifests, a project made by `init`. Named after the defects of the reliability review."""

from __future__ import annotations

import gzip
import io
import os
import re
import signal
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.corpus import write_corpus
from tests.support.processes import cli, start_cli
from tests.support.servers import folder_files, site_files
from tests.support.sites import SITE_TOML, article

STORY = "content/articles/2024/12/story.md"

STYLESHEET = re.compile(rb'href="([^"]*static/style\.[0-9a-f]{10}\.css)"')
WAITING = re.compile(r"waiting for the deploy mirror started by pid (\d+) at")


def unstyled_pages(files: dict[str, bytes]) -> list[str]:
    """The pages of a deployed site whose stylesheet the destination does not hold."""
    missing = []
    for path, data in files.items():
        if path.endswith(".html"):
            for href in STYLESHEET.findall(data):
                target = os.path.normpath(os.path.join(os.path.dirname(path), href.decode()))
                if target not in files:
                    missing.append(path)
    return missing


def restyle(root: Path, edition: int) -> None:
    stylesheet = root / "themes/mine/static/style.css"
    stylesheet.write_text(re.sub(r"\n/\* edition \d+ \*/\n$", "\n", stylesheet.read_text()) + f"\n/* edition {edition} */\n")


def test_s7_a_build_started_during_a_deploy_waits_until_the_deploy_has_sent_its_site(tmp_path: Path) -> None:
    root, www = tmp_path / "site", tmp_path / "www"
    root.mkdir()
    write_corpus(root, 300)
    (root / "site.toml").write_text(f'title = "Restyled"\ntheme = "mine"\nsearch = false\n'
                                    f'[deploy.mirror]\nurl = "file://{www}"\n')
    assert cli(root, "theme", "copy", "default", "mine").returncode == 0
    assert cli(root, "build").returncode == 0 and cli(root, "deploy").returncode == 0
    restyle(root, 2)
    assert cli(root, "build").returncode == 0
    restyle(root, 3)
    deploy = start_cli(root, "--debug", "deploy")
    try:
        # Its log is left unread from here: once the pipe is full the deploy waits, part-way.
        assert any(" uploaded " in line for line in iter(deploy.stderr.readline, "")), "nothing uploaded"
        deploy.send_signal(signal.SIGSTOP)
        build = start_cli(root, "build")
        line = build.stderr.readline()
        assert WAITING.search(line) and WAITING.search(line).group(1) == str(deploy.pid), line
        deploy.send_signal(signal.SIGCONT)
        deploy.communicate(timeout=300)
        build.communicate(timeout=300)
    finally:
        deploy.kill()
    assert (deploy.returncode, build.returncode) == (0, 0)
    assert unstyled_pages(folder_files(www)) == []
    assert cli(root, "deploy").returncode == 0
    published = folder_files(www)
    assert unstyled_pages(published) == []
    assert {p: d for p, d in published.items() if not p.startswith(".site-builder")} == site_files(root / "output")


AWS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port on loopback that takes connections (the system's backlog does) and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()[1]


@pytest.mark.parametrize("kind", ["s3", "sftp"])
def test_m9_a_destination_that_never_answers_fails_after_its_timeout(make_site, run, tmp_path, silent_server,
                                                                      kind) -> None:
    table = {"s3": f'url = "s3://bucket/archive/"\nendpoint_url = "http://127.0.0.1:{silent_server}"',
             "sftp": f'url = "sftp://tester@127.0.0.1:{silent_server}/srv/www"'}[kind]
    root = make_site({STORY: article("A story")}, SITE_TOML + f"[deploy.silent]\n{table}\ntimeout = 1\n")
    assert run(root, "build")[0] == 0
    home = tmp_path / "home"  # no keys, no known hosts: the server never gets as far as asking
    home.mkdir()
    done = cli(root, "deploy", timeout=90, env={**AWS, "HOME": str(home)})  # a hang fails the test
    assert done.returncode == 1, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("site-builder deploy: silent (") and "timeout" in line.lower(), line


def folder_destination(make_site, run, tmp_path) -> tuple[Path, Path]:
    www = tmp_path / "www"
    root = make_site({STORY: article("A story")}, SITE_TOML + f'[deploy.mirror]\nurl = "file://{www}"\n')
    assert run(root, "build")[0] == 0 and run(root, "deploy")[0] == 0
    return root, www


def gzip_bomb(inflated: int) -> bytes:
    """A gzip file that inflates to `inflated` bytes of a JSON manifest's opening and spaces."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=6, mtime=0) as packing:
        packing.write(b'{"format":1,"files":{')
        chunk = b" " * 1_000_000
        for _ in range(inflated // len(chunk)):
            packing.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize("case", ["huge-size", "gzip-bomb"])
def test_m5_a_damaged_manifest_is_refused_in_one_line(make_site, run, tmp_path, case) -> None:
    root, www = folder_destination(make_site, run, tmp_path)
    before = folder_files(www)
    manifest = www / ".site-builder-manifest.json.gz"
    if case == "huge-size":
        manifest.write_bytes(gzip.compress(b'{"format":1,"files":{"index.html":["h",1e400]}}'))
    else:
        manifest.write_bytes(gzip_bomb(300_000_000))  # 300 MB from 0.3 MB
    before[".site-builder-manifest.json.gz"] = manifest.read_bytes()
    code, _, err = run(root, "deploy")
    assert code == 1
    (line,) = err.splitlines()
    assert line.startswith("site-builder deploy: mirror: its manifest ") and line.endswith("; nothing was changed")
    assert ("gzip bomb" in line) == (case == "gzip-bomb"), line
    assert folder_files(www) == before


def test_a_git_deploy_works_from_a_project_made_by_init(run, tmp_path, monkeypatch) -> None:
    remote = tmp_path / "pages.git"
    subprocess.run(["git", "init", "--bare", "--quiet", str(remote)], check=True)
    monkeypatch.chdir(tmp_path)
    assert run(Path("."), "init", "archive")[0] == 0
    monkeypatch.chdir(tmp_path / "archive")  # as a user does next, with relative paths throughout
    with open("site.toml", "a") as config:
        config.write(f'\n[deploy.pages]\nurl = "git+file://{remote}#gh-pages"\n')
    assert run(Path("."), "build")[0] == 0
    code, out, err = run(Path("."), "deploy")
    assert code == 0, err
    published = subprocess.run(["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"],
                               capture_output=True, text=True, check=True).stdout.split()
    assert "index.html" in published and ".site-builder-manifest.json.gz" in published
