"""Builds under faults: two at once, a lock left by a killed build, an output folder or a kept
previous site changed by hand, a cache whose bytes rotted, a missing content folder. Each test
is named after the defect of the reliability review (shared/reviews/reliability-2026-12-06.md)
that it shows fixed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.support.corpus import write_corpus
from tests.support.processes import LockHolder, clean_build, cli, start_cli, without_search
from tests.support.servers import site_files
from tests.support.sites import SITE_TOML

WAITING = re.compile(r"waiting for the (\S+) started by pid (\d+) at \d\d:\d\d:\d\d")


def corpus_site(root: Path, articles: int = 60, config: str = SITE_TOML) -> Path:
    root.mkdir(parents=True)
    (root / "site.toml").write_text(config)
    write_corpus(root, articles)
    return root


def edit(path: Path, line: str) -> None:
    path.write_text(path.read_text() + f"\n{line}\n")


def test_s1_a_second_build_waits_for_the_first_and_says_who_it_is(tmp_path: Path) -> None:
    root = corpus_site(tmp_path / "site")
    holder = LockHolder(root, "build")
    second = start_cli(root, "build")
    try:
        line = second.stderr.readline()
        assert WAITING.search(line), line
        assert WAITING.search(line).groups() == ("build", str(holder.pid))
        assert second.poll() is None and not (root / "output").exists()  # still waiting, nothing written
        holder.release()
        out, err = second.communicate(timeout=120)
    finally:
        second.kill()
    assert second.returncode == 0, err
    assert (root / "output" / "index.html").is_file()


def test_s1_no_wait_or_a_time_limit_gives_up_with_exit_2(tmp_path: Path) -> None:
    root = corpus_site(tmp_path / "site")
    assert cli(root, "build").returncode == 0
    before = site_files(root / "output")
    edit(next((root / "content/articles").rglob("*.md")), "An edit.")
    holder = LockHolder(root, "deploy production")
    try:
        for args in (("--no-wait",), ("--wait", "0.2")):
            done = cli(root, "build", *args)
            assert done.returncode == 2, done.stderr
            assert f"the deploy production started by pid {holder.pid} at" in done.stderr
            assert len(done.stderr.strip().splitlines()) <= 2  # the waiting line, then why it gave up
        for command in (("check", "--no-wait"), ("deploy", "--no-wait")):
            done = cli(root, *command)
            assert done.returncode == 2 and f"pid {holder.pid}" in done.stderr, done.stderr
    finally:
        holder.release()
    assert site_files(root / "output") == before


def test_s1_a_lock_left_by_a_killed_build_recovers_itself(tmp_path: Path) -> None:
    root = corpus_site(tmp_path / "site")
    LockHolder(root, "build").kill()  # as kill -9 would: no chance to let go
    done = cli(root, "build", "--no-wait")
    assert done.returncode == 0, done.stderr
    assert "waiting" not in done.stderr


def test_s1_two_builds_at_once_leave_the_site_a_clean_build_makes(tmp_path: Path) -> None:
    root = corpus_site(tmp_path / "site", 150)
    assert cli(root, "build").returncode == 0
    for round in range(3):
        for path in (root / "content/articles").rglob("*.md"):
            edit(path, f"Round {round}.")
        builds = [start_cli(root, "build") for _ in range(2)]
        results = [build.communicate(timeout=300) for build in builds]
        assert [build.returncode for build in builds] == [0, 0], results
        assert sum(bool(WAITING.search(err)) for _, err in results) == 1, results
    assert without_search(site_files(root / "output")) == clean_build(root, tmp_path / "clean")
