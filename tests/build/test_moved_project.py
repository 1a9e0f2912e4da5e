"""The cache survives a moved folder and a fresh clone: nothing in what decides that a page is
unchanged depends on where the project is, nor on its files' times."""

import datetime as dt
import os
import shutil
from pathlib import Path

from site_builder.build import build
from site_builder.options import BuildOptions
from tests.support.corpus import DAYS, START, write_corpus
from tests.support.sites import SITE_TOML

SEARCH_TOML = SITE_TOML.replace("search = false", "search = true") + "search_shard_size = 20\n"


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and "pagefind" not in p.parts and p.name != ".site-builder-output"}


def moved(project: Path, to: Path) -> Path:
    """`project` copied elsewhere as a CI job restores it: its files new (no hard links to the
    old output), every file's time now, as in a fresh clone."""
    shutil.copytree(project, to, symlinks=True)
    later = dt.datetime(2031, 1, 1).timestamp()
    for path in to.rglob("*"):
        os.utime(path, (later, later), follow_symlinks=False)
    return to


def test_a_moved_project_renders_nothing_and_then_only_a_days_news(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_corpus(project, 120)
    (project / "site.toml").write_text(SEARCH_TOML)
    build(BuildOptions(root=project, out=project / "output"))
    copy = moved(project, tmp_path / "elsewhere" / "checkout")

    again = build(BuildOptions(root=copy, out=copy / "output"))
    assert (again.rendered, again.written, again.removed) == (0, 0, 0)

    # The same day's news, in the first folder and in the moved one: the same pages drawn.
    day = START + dt.timedelta(days=DAYS)
    news = [build(BuildOptions(root=root, out=root / "output"))
            for root in (project, copy) if write_corpus(root, 5, seed=4, first=500, day=day)]
    assert news[0].rendered == news[1].rendered < news[0].pages // 4
    assert news[0].written == news[1].written
    assert tree(project / "output") == tree(copy / "output")
    assert sorted(p.name for p in (copy / "output/pagefind").iterdir()) == sorted(
        p.name for p in (project / "output/pagefind").iterdir())


def test_an_output_folder_outside_the_project_is_found_again_beside_it(tmp_path: Path) -> None:
    # `--out ../site`: the project and its site moved together keep their cache.
    project = tmp_path / "a" / "project"
    write_corpus(project, 30)
    (project / "site.toml").write_text(SITE_TOML)
    build(BuildOptions(root=project, out=tmp_path / "a" / "site"))
    shutil.copytree(tmp_path / "a", tmp_path / "b", symlinks=True)
    again = build(BuildOptions(root=tmp_path / "b" / "project", out=tmp_path / "b" / "site"))
    assert (again.rendered, again.written) == (0, 0)
