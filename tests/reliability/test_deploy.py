"""Deploys under faults: a build started during one, destinations that never answer or hand back
damaged manifests, a project made by `init`. Named after the defects of the reliability review."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

from tests.support.corpus import write_corpus
from tests.support.processes import cli, start_cli
from tests.support.servers import folder_files, site_files

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
