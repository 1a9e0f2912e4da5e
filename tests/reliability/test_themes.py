"""Themes, templates and site.toml under faults: links to files elsewhere on the machine, pipes,
bad theme.toml files, a site.toml that is not text. Named after the defects of the reliability
review."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from site_builder.content.markup.headings import THEME_IDS
from site_builder.pages.theme import BUILTIN_TEMPLATES, BUNDLED_THEMES
from tests.support.processes import cli
from tests.support.servers import site_files
from tests.support.sites import SITE_TOML, article

STORY = "content/articles/2024/12/story.md"


def project(make_site, run, theme: str | None = None) -> Path:
    """A built site; with `theme`, using a copy of the default theme by that name."""
    root = make_site({STORY: article("A story", "2024-12-04", "Some text.")})
    if theme:
        assert run(root, "theme", "copy", "default", theme)[0] == 0
        (root / "site.toml").write_text((root / "site.toml").read_text() + f'theme = "{theme}"\n')
    code, _, err = run(root, "build")
    assert code == 0, err
    return root


def secret_file(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text("AWS_SECRET=hunter2\n")
    return secret


@pytest.mark.parametrize("where", ["templates/robots.txt", "themes/mine/static/notes.txt",
                                   "themes/mine/templates/partials/notes.html"])
def test_m4_a_link_in_the_templates_or_a_theme_to_a_file_elsewhere_is_refused(make_site, run, tmp_path, where) -> None:
    root = project(make_site, run, "mine")
    before = site_files(root / "output")
    (root / where).parent.mkdir(parents=True, exist_ok=True)
    (root / where).symlink_to(secret_file(tmp_path))
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[0] == (f"{where}: a link to {tmp_path / 'secret.txt'}, outside the project: "
                                   "refused, as the site would publish it")
    assert site_files(root / "output") == before
    assert not any(b"hunter2" in data for data in site_files(root / "output").values())


def test_m4_a_theme_folder_linked_from_elsewhere_is_refused(make_site, run, tmp_path) -> None:
    root = project(make_site, run, "mine")
    os.rename(root / "themes/mine", tmp_path / "mine")
    (root / "themes/mine").symlink_to(tmp_path / "mine")
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[0].startswith(f"themes/mine: a link to {tmp_path / 'mine'}, outside the project")


@pytest.mark.parametrize("where", ["templates/article.html", "themes/mine/static/style.css", "site.toml"])
def test_s6_a_pipe_in_the_templates_a_theme_or_for_site_toml_is_refused_unread(make_site, run, where) -> None:
    root = project(make_site, run, "mine")
    (root / where).parent.mkdir(parents=True, exist_ok=True)
    if (root / where).exists():
        (root / where).unlink()
    os.mkfifo(root / where)
    done = cli(root, "build")  # a process of its own: a hang ends the test, not the suite
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == f"{where}: cannot be read: not a regular file (a pipe)"


THEME_TOML = {
    "extends-outside": ('extends = "../outside"\n',
                        "themes/mine/theme.toml:1: 'extends' must be a theme's folder name under themes/, not '../outside'"),
    "extends-number": ('# the parent\nextends = 42\n',
                       "themes/mine/theme.toml:2: 'extends' must be a theme's folder name under themes/, not 42"),
    "invalid": ("extends = \n", "themes/mine/theme.toml:1: invalid TOML: Invalid value (at line 1, column 11)"),
    "unknown-key": ('extends = "default"\ncolour = "red"\n',
                    "themes/mine/theme.toml:2: unknown key 'colour' (known: extends: the theme it extends, "
                    "by its folder name under themes/)"),
    "missing-parent": ('extends = "nosuch"\n',
                       "themes/mine/theme.toml:1: theme 'nosuch' not found in themes/ (known: mine, compact, default)"),
    "not-utf8": (b'extends = "d\xe9fault"\n', "themes/mine/theme.toml:1: not UTF-8 text"),
}


@pytest.mark.parametrize("case", THEME_TOML)
def test_m11_theme_toml_is_checked_as_site_toml_is(make_site, run, tmp_path, case) -> None:
    root = project(make_site, run, "mine")
    (tmp_path / "outside/templates").mkdir(parents=True)
    text, expected = THEME_TOML[case]
    toml = root / "themes/mine/theme.toml"
    toml.write_bytes(text) if isinstance(text, bytes) else toml.write_text(text)
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[:-1] == [expected]


def test_m11_a_missing_theme_is_reported_at_its_line_in_site_toml(make_site, run) -> None:
    root = project(make_site, run)
    (root / "site.toml").write_text((root / "site.toml").read_text() + 'theme = "nosuch"\n')
    code, _, err = run(root, "build")
    assert code == 1
    line = (root / "site.toml").read_text().splitlines().index('theme = "nosuch"') + 1
    assert err.splitlines()[0] == f"site.toml:{line}: theme 'nosuch' not found in themes/ (known: compact, default)"


def test_m5_a_site_toml_that_is_not_utf8_or_not_a_file_is_one_line(make_site, run) -> None:
    root = project(make_site, run)
    (root / "site.toml").write_bytes(b'title = "Caf\xe9"\nsearch = false\n')
    code, _, err = run(root, "build")
    assert (code, err.splitlines()[0]) == (1, "site.toml:1: not UTF-8 text")
    (root / "site.toml").unlink()
    (root / "site.toml").mkdir()
    code, _, err = run(root, "build")
    assert (code, err.splitlines()[0]) == (1, "site.toml: cannot be read: not a regular file (a folder)")


def test_m5_a_template_that_includes_itself_is_reported_where_the_loop_starts(make_site, run) -> None:
    root = project(make_site, run)
    (root / "templates/partials").mkdir(parents=True)
    (root / "templates/partials/loop.html").write_text("<p>\n{% include 'partials/again.html' %}\n")
    (root / "templates/partials/again.html").write_text("{% include 'partials/loop.html' %}\n")
    (root / "templates/article.html").write_text(
        "{% extends 'default/article.html' %}\n{% block content %}{% include 'partials/loop.html' %}{% endblock %}\n")
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[:-1] == [
        "templates/partials/loop.html:2: template error: templates include each other without end "
        "(partials/loop.html -> partials/again.html -> partials/loop.html)"]


@pytest.mark.parametrize("engine", ["python-markdown", "commonmark"])
def test_m15_ids_in_an_article_body_never_repeat_the_themes(make_site, run, engine) -> None:
    body = ('## Main\n\nText with <span id="header-q">a span</span>, [a link to it](#header-q).\n\n'
            "## Main\n\nMore.\n")
    root = make_site({STORY: article("A story", "2024-12-04", body)},
                     (SITE_TOML + f'trust_raw_html = true\n[markdown]\nengine = "{engine}"\n'))
    code, _, err = run(root, "build")
    assert code == 0, err
    page = (root / "output/2024/12/04/a-story/index.html").read_text()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert '<h2 id="main-1">Main</h2>' in page and '<h2 id="main-2">Main</h2>' in page
    assert '<span id="header-q-1">a span</span>' in page and 'href="#header-q-1"' in page
    assert page.count('id="main"') == 1  # the theme's, the skip link's target


def test_m15_the_reserved_ids_are_every_id_the_bundled_themes_write() -> None:
    written = set()
    for template in [*BUNDLED_THEMES.rglob("*.html"), *BUILTIN_TEMPLATES.rglob("*.html")]:
        written |= {value for value in re.findall(r'\sid="([^"]+)"', template.read_text()) if "{" not in value}
    assert written == THEME_IDS
