"""Installed as a user installs it: the wheel, in a fresh virtual environment outside the
repository, starts an archive, imports a raw dump, builds it and checks its links."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.sites import REPO

pytestmark = pytest.mark.slow


def sh(*command: str | Path, cwd: Path) -> str:
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_wheel_starts_imports_builds_and_checks_an_archive(tmp_path: Path) -> None:
    # Built from a copy of the sources: building in the checkout would leave build/ in it.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for name in ("site_builder", "themes"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    sh(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "dist", source, cwd=tmp_path)
    [wheel] = (tmp_path / "dist").glob("site_builder-*.whl")
    sh(sys.executable, "-m", "venv", tmp_path / "venv", cwd=tmp_path)
    sh(tmp_path / "venv" / "bin" / "pip", "install", "-q", wheel, cwd=tmp_path)
    tool = tmp_path / "venv" / "bin" / "site-builder"

    out = sh(tool, "init", "archive", cwd=tmp_path)
    assert "site-builder build" in out
    archive = tmp_path / "archive"
    dump = sorted((REPO / "content" / "raw").glob("*.txt"))[0]
    shutil.copy(dump, archive / "content" / "raw" / dump.name)
    out = sh(tool, "import", f"content/raw/{dump.name}", cwd=archive)
    imported = len(list((archive / "content" / "articles").rglob("*.md"))) - 1  # less the example
    assert imported >= 1, out
    out = sh(tool, "build", cwd=archive)
    assert f"from {imported + 1} articles" in out
    assert (archive / "output" / "static").is_dir() and (archive / "output" / "regions" / "index.html").exists()
    assert "<svg" in (archive / "output" / "regions" / "index.html").read_text()  # the map data came along
    out = sh(tool, "check", cwd=archive)
    assert out.strip().endswith("no problems.")
    # The interface's words came along: the built-in ones and the theme's.
    config = archive / "site.toml"
    config.write_text(f'language = "fr"\n{config.read_text()}')
    sh(tool, "build", cwd=archive)
    home = (archive / "output" / "index.html").read_text()
    assert "À la une" in home and "Aller au contenu" in home
    # Nothing of the installed package reaches back into the repository.
    assert str(REPO) not in sh(tool.parent / "python", "-c",
                               "import site_builder.pages.theme as t; print(t.BUNDLED_THEMES)", cwd=tmp_path)
