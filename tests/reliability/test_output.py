"""The output folder under faults: a folder that is not ours to build into, a mount point (a Docker
volume), a read-only or full disk. Named after the defects of the reliability review; the mounts
are made in a mount namespace of the test's own (`unshare`), skipped where the machine allows none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.corpus import write_corpus
from tests.support.processes import clean_build, cli, in_mount_namespace, mount_namespace
from tests.support.servers import folder_files, site_files
from tests.support.sites import SITE_TOML, article

STORY = "content/articles/2024/12/story.md"
MOUNT = mount_namespace()
needs_mounts = pytest.mark.skipif(MOUNT is None, reason="no mount namespace (unshare) on this machine")


@pytest.mark.parametrize("out", ["templates", "static", "themes/mine", "content/articles/site", ".site-builder-cache",
                                 ".site-builder-cache/sites"])
def test_m10_out_refuses_the_projects_sources_and_cache(make_site, run, out) -> None:
    root = make_site({STORY: article("A story")})
    code, _, err = run(root, "build", "--out", str(root / out))
    assert code == 2
    assert "inside the project's" in err and "choose an output folder outside it" in err
    assert not (root / out / "index.html").exists()


def project(root: Path, articles: int = 30) -> Path:
    root.mkdir(parents=True)
    (root / "site.toml").write_text(SITE_TOML)
    write_corpus(root, articles)
    return root


@needs_mounts
@pytest.mark.parametrize("mount", ["bind", "tmpfs"])
def test_m6_an_output_folder_that_is_a_mount_point_is_built_in_place(tmp_path: Path, mount: str) -> None:
    root, volume, seen = project(tmp_path / "site"), tmp_path / "volume", tmp_path / "seen"
    volume.mkdir()
    (root / "output").mkdir()
    story = sorted((root / "content/articles").rglob("*.md"))[-1]
    mounting = (f"mount --bind {volume} {root}/output" if mount == "bind"
                else f"mount -t tmpfs none {root}/output")
    done = in_mount_namespace(MOUNT, f"""
        {mounting}
        $PY --root {root} build
        echo 'An edit.' >> {story}
        $PY --root {root} build
        cp -a {root}/output {seen}
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("cannot be swapped for a new site whole (it is a mount point): built in place") == 2
    assert site_files(seen) == clean_build(root, tmp_path / "clean")


@needs_mounts
def test_m6_a_read_only_output_folder_is_one_line_and_left_as_it_was(tmp_path: Path) -> None:
    root, volume = project(tmp_path / "site"), tmp_path / "volume"
    assert cli(root, "build").returncode == 0
    shutil.copytree(root / "output", volume)
    before = folder_files(volume)
    story = sorted((root / "content/articles").rglob("*.md"))[-1]
    story.write_text(story.read_text() + "\nAn edit.\n")
    done = in_mount_namespace(MOUNT, f"""
        mount --bind {volume} {root}/output
        mount -o remount,bind,ro {root}/output
        $PY --root {root} build || echo "exit $?"
    """)
    assert done.stdout.splitlines()[-1] == "exit 1", done.stdout
    (line,) = done.stderr.splitlines()
    assert line.startswith("site-builder: cannot write: ") and line.endswith("Read-only file system"), line
    assert folder_files(volume) == before


@needs_mounts
def test_m13_a_read_only_project_is_one_line(tmp_path: Path) -> None:
    root = project(tmp_path / "site")
    assert cli(root, "build").returncode == 0
    before = site_files(root / "output")
    story = sorted((root / "content/articles").rglob("*.md"))[-1]
    story.write_text(story.read_text() + "\nAn edit.\n")
    done = in_mount_namespace(MOUNT, f"""
        mount --bind {root} {root}
        mount -o remount,bind,ro {root}
        $PY --root {root} build || echo "exit $?"
    """)
    assert done.stdout.splitlines()[-1] == "exit 1", done.stdout
    (line,) = done.stderr.splitlines()
    assert line.startswith("site-builder: cannot write: ") and line.endswith("Read-only file system"), line
    assert site_files(root / "output") == before


@needs_mounts
def test_m13_a_full_disk_is_one_line_and_the_next_build_recovers(tmp_path: Path) -> None:
    root, seen = tmp_path / "disk", tmp_path / "seen"
    root.mkdir()
    done = in_mount_namespace(MOUNT, f"""
        mount -t tmpfs -o size=3m none {root}
        printf '%s' '{SITE_TOML}' > {root}/site.toml
        mkdir -p {root}/content/articles/2024/12
        printf -- '---\\ntitle: A story\\ndate: 2024-12-04\\n---\\nText.\\n' > {root}/{STORY}
        $PY --root {root} build
        cp -a {root}/output {seen}
        printf -- '---\\ntitle: Big\\ndate: 2024-12-05\\n---\\n' > {root}/content/articles/2024/12/big.md
        head -c 1500000 /dev/zero | tr '\\0' 'x' >> {root}/content/articles/2024/12/big.md  # more than is left
        $PY --root {root} build 2> {tmp_path}/full.err || echo "exit $?"
        diff -r {root}/output {seen} && echo "output as it was"
        ls -a {root}
        rm {root}/content/articles/2024/12/big.md
        $PY --root {root} build
    """)
    assert done.returncode == 0, done.stderr
    assert "exit 1" in done.stdout and "output as it was" in done.stdout
    (line,) = (tmp_path / "full.err").read_text().splitlines()
    assert line.startswith("site-builder: cannot write: ") and line.endswith("No space left on device"), line
    assert ".output.staging" not in done.stdout  # nothing half-made left beside output/
