"""Builds under faults: two at once, a lock left by a killed build, an output folder or a kept
previous site changed by hand, a cache whose bytes rotted, a missing content folder. Each test
is named after the defect of the reliability review (shared/reviews/reliability-2026-12-06.md)
that it shows fixed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_builder import sealed
from site_builder.build import read_config
from site_builder.cache import BuildCache
from site_builder.options import BuildOptions
from site_builder.project import cache_file
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
    root = corpus_site(tmp_path / "site", config=SITE_TOML + f'[deploy.mirror]\nurl = "file://{tmp_path}/www"\n')
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
        # whether the second one started before the first finished is up to the scheduler; the
        # waiting itself is shown by the test above
        assert sum(bool(WAITING.search(err)) for _, err in results) <= 1, results
    assert without_search(site_files(root / "output")) == clean_build(root, tmp_path / "clean")


def listed_but_missing(out: Path) -> list[str]:
    """Files the output folder's marker says the build wrote that are not there."""
    listed = (out / ".site-builder-output").read_text().splitlines()
    return [name for name in listed if not name.startswith("# ") and not (out / name).exists()]


def test_s2_a_page_deleted_from_output_by_hand_comes_back_and_stays(tmp_path: Path) -> None:
    root = corpus_site(tmp_path / "site")
    story = sorted((root / "content/articles").rglob("*.md"))[-1]
    assert cli(root, "build").returncode == 0
    (root / "output/404.html").unlink()
    for round in range(4):
        done = cli(root, "build")
        assert done.returncode == 0, done.stderr
        assert (root / "output/404.html").is_file(), f"round {round}: 404.html is gone"
        assert listed_but_missing(root / "output") == []
        if round < 3:
            edit(story, f"Round {round}.")
    assert site_files(root / "output") == clean_build(root, tmp_path / "clean")


def test_s2_a_file_missing_from_the_kept_previous_site_is_carried_over_again(tmp_path: Path) -> None:
    root = corpus_site(tmp_path / "site")
    story = sorted((root / "content/articles").rglob("*.md"))[-1]
    for round in range(2):  # the second build leaves the first's site beside output/
        edit(story, f"Round {round}.")
        assert cli(root, "build").returncode == 0
    (root / ".output.staging/404.html").unlink()
    edit(story, "Round 2.")
    assert cli(root, "build").returncode == 0
    assert listed_but_missing(root / "output") == []
    assert site_files(root / "output") == clean_build(root, tmp_path / "clean")


def test_s8_a_file_changed_in_the_kept_previous_site_is_not_published(tmp_path: Path) -> None:
    root = corpus_site(tmp_path / "site")
    story = sorted((root / "content/articles").rglob("*.md"))[-1]
    for round in range(2):
        edit(story, f"Round {round}.")
        assert cli(root, "build").returncode == 0
    kept = root / ".output.staging/404.html"
    kept.unlink()
    kept.write_bytes(b"<p>Not the page the build made.</p>")  # a new file, as a tool's rewrite makes
    edit(story, "Round 2.")
    assert cli(root, "build").returncode == 0
    assert site_files(root / "output") == clean_build(root, tmp_path / "clean")


def test_s8_a_cache_whose_bytes_rotted_costs_time_not_correctness(tmp_path: Path) -> None:
    root = corpus_site(tmp_path / "site")
    first, *_, last = sorted((root / "content/articles").rglob("*.md"))
    title = re.search(r'^title: "(.+)"$', first.read_text(), re.MULTILINE).group(1)
    assert cli(root, "build").returncode == 0
    rotted = 0
    for cache in (root / ".site-builder-cache").glob("*.pickle"):
        data = cache.read_bytes()
        # One letter changed, as bit rot or a search-and-replace over the project would: the
        # pickle still loads.
        cache.write_bytes(data.replace(title.encode(), title.replace(title[1], "#", 1).encode()))
        rotted += title.encode() in data
    assert rotted
    edit(last, "An edit elsewhere.")
    done = cli(root, "build")
    assert done.returncode == 0, done.stderr
    assert site_files(root / "output") == clean_build(root, tmp_path / "clean")


SEARCH_TOML = SITE_TOML.replace("search = false", "search = true\nsearch_shard_size = 20")


def test_s3_a_search_index_deleted_from_output_is_made_again(tmp_path: Path) -> None:
    root = corpus_site(tmp_path / "site", 100, SEARCH_TOML)
    story = sorted((root / "content/articles").rglob("*.md"))[10]  # in an old, full shard
    assert cli(root, "build").returncode == 0
    shards = sorted(p.name for p in (root / "output/pagefind").iterdir() if p.is_dir())
    shutil.rmtree(root / "output/pagefind")
    done = cli(root, "build")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (root / "output/pagefind").iterdir() if p.is_dir()) == shards
    assert listed_but_missing(root / "output") == []
    for round in range(2):
        edit(story, f"Round {round}.")
        done = cli(root, "build")
        assert done.returncode == 0, done.stderr
        assert listed_but_missing(root / "output") == []


@pytest.mark.parametrize("gone", ["content", "content/articles"])
def test_m7_a_missing_content_folder_is_an_error_where_a_site_was_built(tmp_path: Path, gone: str) -> None:
    root = corpus_site(tmp_path / "site", 10)
    assert cli(root, "build").returncode == 0
    before = site_files(root / "output")
    shutil.move(root / gone, tmp_path / "away")  # a wrong checkout, a failed submodule fetch
    done = cli(root, "build")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith("content/articles: no such folder, yet ")
    assert site_files(root / "output") == before


def test_m7_a_new_project_without_articles_still_builds(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "site.toml").write_text(SITE_TOML)
    done = cli(root, "build")
    assert done.returncode == 0, done.stderr
    assert (root / "output/index.html").is_file()


def test_m5_a_cache_file_of_the_wrong_shape_costs_time_not_a_failure(tmp_path: Path) -> None:
    root = corpus_site(tmp_path / "site", 20)
    assert cli(root, "build").returncode == 0
    options = BuildOptions(root=root, out=root / "output")
    key = BuildCache(root, options.out, read_config(options)).key
    pages = cache_file(root, "pages", options.out, ".pickle")
    with pages.open("wb") as handle:  # the right key, sealed as the cache seals it: another shape
        sealed.dump((key, {"trees": {}}), handle)
    edit(sorted((root / "content/articles").rglob("*.md"))[-1], "An edit.")
    done = cli(root, "build")
    assert done.returncode == 0, done.stderr
    assert site_files(root / "output") == clean_build(root, tmp_path / "clean")
