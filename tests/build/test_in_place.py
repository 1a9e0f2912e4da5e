"""A day's news is written into output/ in place, in an order that keeps every link and stylesheet
of the site resolving at every moment; a build killed at any stage is completed by the next."""

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.links import find_broken_links
from site_builder.options import BuildOptions
from tests.support.corpus import DAYS, START, write_corpus
from tests.support.sites import REPO, SITE_TOML

pytestmark = pytest.mark.slow  # Pagefind, and a build killed at each of its stages

STAGE = re.compile(r"^DEBUG site_builder\.[\w.]+: .*\d+\.\d\d s$")  # a lap of --debug (laps.py)
TIMEOUT = 120


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and "pagefind" not in p.parts and p.name != ".site-builder-output"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """An archive of 150 articles, built with its search index."""
    root = tmp_path_factory.mktemp("in-place") / "project"
    write_corpus(root, 150)
    (root / "site.toml").write_text(SITE_TOML.replace("search = false", "search = true").replace(
        "articles_per_page = 3", "articles_per_page = 20") + "search_shard_size = 20\n")
    build(BuildOptions(root=root, out=root / "output"))
    return root


def with_a_days_news(built: Path, to: Path) -> Path:
    """A copy of the built project, then a day's news, a correction to an old article's
    headline and an article taken down."""
    shutil.copytree(built, to, symlinks=True)
    articles = sorted((to / "content/articles").rglob("*.md"))
    write_corpus(to, 3, seed=11, first=500, day=START + dt.timedelta(days=DAYS))
    articles[5].write_text(articles[5].read_text().replace('title: "', 'title: "Corrected: ', 1))
    articles[9].unlink()
    return to


def debug_build(root: Path, kill_at: int | None = None) -> list[str]:
    """`site-builder --debug build`, killed (SIGKILL) at its `kill_at`-th stage line; its lines."""
    proc = subprocess.Popen([sys.executable, "-m", "site_builder", "--root", str(root), "--debug", "build"],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    assert proc.stderr is not None
    for line in proc.stderr:
        lines.append(line.rstrip("\n"))
        if kill_at is not None and STAGE.match(lines[-1]) and sum(bool(STAGE.match(line)) for line in lines) == kill_at:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=TIMEOUT)
    return lines


def test_a_days_news_is_written_in_place_and_not_swapped(built: Path, tmp_path: Path) -> None:
    root = with_a_days_news(built, tmp_path / "project")
    folder = os.stat(root / "output").st_ino
    index = {p: p.stat().st_ino for p in (root / "output/pagefind").rglob("*") if p.is_file()}
    report = build(BuildOptions(root=root, out=root / "output"))
    assert os.stat(root / "output").st_ino == folder  # the same folder, not one swapped in
    assert 0 < report.rendered < report.pages / 4
    # The shards after the article taken down are indexed again (their articles moved up), yet
    # most of their files come out with the bytes they had, and stay the files they were.
    after = {p: p.stat().st_ino for p in (root / "output/pagefind").rglob("*") if p.is_file()}
    assert sum(index.get(p) == ino for p, ino in after.items()) > len(after) / 2
    assert not list((root / "output/pagefind").glob(".*"))  # no folder of the indexing left
    assert list(find_broken_links(root / "output")) == []
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("output", ".output.staging", ".site-builder-cache"))
    build(BuildOptions(root=fresh, out=fresh / "output"))
    assert snapshot(root / "output") == snapshot(fresh / "output")


def test_a_build_killed_at_any_stage_leaves_every_link_resolving_and_the_next_completes_it(
        built: Path, tmp_path: Path) -> None:
    stages = sum(bool(STAGE.match(line)) for line in debug_build(with_a_days_news(built, tmp_path / "whole")))
    assert stages >= 6
    expected = snapshot(tmp_path / "whole" / "output")
    for stage in range(1, stages + 1):
        root = with_a_days_news(built, tmp_path / f"killed-{stage}")
        debug_build(root, kill_at=stage)
        broken = list(find_broken_links(root / "output"))
        assert broken == [], f"killed at stage {stage}: {broken[:5]}"
        build(BuildOptions(root=root, out=root / "output"))
        assert snapshot(root / "output") == expected, f"killed at stage {stage}"
        shutil.rmtree(root)
