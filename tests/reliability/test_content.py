"""Article files that are not what they seem: unreadable, special (pipes, devices), linked out of
the project, hostile Markdown, control characters, impossible values. Each test is named after
the defect of the reliability review (shared/reviews/reliability-2026-12-06.md) it shows fixed."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest

from site_builder.config.markdown import MarkdownSettings
from site_builder.content.markup import render_markdown
from tests.support.processes import cli
from tests.support.servers import site_files
from tests.support.sites import SITE_TOML, article

NEW = "content/articles/2024/12/new.md"
STORY = "content/articles/2024/12/story.md"


def built_site(make_site, run, files: dict[str, str] | None = None) -> Path:
    root = make_site({STORY: article("A story", "2024-12-04", "Some text."), **(files or {})})
    code, _, err = run(root, "build")
    assert code == 0, err
    return root


BAD_FILES = {
    "invalid-utf8": (lambda path: path.write_bytes(b"---\ntitle: Bad\ndate: 2024-12-04\n---\nOne.\n\xff\n"),
                     f"{NEW}:6: not UTF-8 text"),
    "utf16": (lambda path: path.write_bytes("---\ntitle: Wide\ndate: 2024-12-04\n---\nText.\n".encode("utf-16")),
              f"{NEW}:1: not UTF-8 text"),
    "over-5MB": (lambda path: path.write_bytes(b"---\ntitle: Huge\ndate: 2024-12-04\n---\n" + b"x" * 6_000_000),
                 f"{NEW}:1: file too large (6.0 MB; the limit is 5 MB)"),
    "dangling-link": (lambda path: path.symlink_to("nowhere.md"), f"{NEW}: cannot be read: No such file or directory"),
    "link-loop": (lambda path: path.symlink_to(path.name), f"{NEW}: cannot be read: Too many levels of symbolic links"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_m1_a_bad_file_added_to_an_unchanged_site_is_reported(make_site, run, kind) -> None:
    root = built_site(make_site, run)
    before = site_files(root / "output")
    make, expected = BAD_FILES[kind]
    make(root / NEW)
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[0] == expected
    assert site_files(root / "output") == before


def test_s6_a_pipe_or_a_link_to_a_device_among_the_articles_is_refused_unread(make_site, tmp_path) -> None:
    root = make_site({STORY: article("A story", "2024-12-04", "Some text.")})
    os.mkfifo(root / NEW)  # opened, it would wait for a writer forever
    (root / "content/articles/2024/12/zero.md").symlink_to("/dev/zero")  # read, it would never end
    done = cli(root, "build")  # in a process of its own: a hang ends the test, not the suite
    assert done.returncode == 1
    assert done.stderr.splitlines()[:2] == [
        f"{NEW}: cannot be read: not a regular file (a pipe)",
        "content/articles/2024/12/zero.md: a link to /dev/zero, outside the project: not read"]


def test_m4_an_article_linked_from_outside_the_project_is_refused(make_site, run, tmp_path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(article("Not ours", "2024-12-04", "AWS_SECRET=hunter2"))
    root = make_site({STORY: article("A story", "2024-12-04", "Some text.")})
    (root / NEW).symlink_to(secret)
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[0] == f"{NEW}: a link to {secret}, outside the project: not read"
    inside = root / "content/articles/2024/12/also.md"
    inside.symlink_to("story.md")  # a link within the project is fine
    (root / NEW).unlink()
    code, _, err = run(root, "build")
    assert code == 1 and "same URL" in err  # read, as the article it links to


FIELD_CASES = {
    "blank-title": ('title: "   "\ndate: 2024-12-04', f"{NEW}:2: 'title' is empty"),
    "year-1-east-of-utc": ("title: Early\ndate: 0001-01-01T00:00:00+05:00",
                           f"{NEW}:3: 'date' is out of range: '0001-01-01T00:00:00+05:00' (the years 1 to 9998)"),
    "year-9999-west-of-utc": ("title: Late\ndate: 9999-12-31T23:00:00-05:00",
                              f"{NEW}:3: 'date' is out of range: '9999-12-31T23:00:00-05:00' (the years 1 to 9998)"),
    "year-9999": ("title: Late\ndate: 9999-12-31", f"{NEW}:3: 'date' is out of range: '9999-12-31' (the years 1 to 9998)"),
    "slug-300": ("title: Long\ndate: 2024-12-04\nslug: " + "a" * 300, f"{NEW}:4: 'slug' is 300 characters long; at most 200"),
}


@pytest.mark.parametrize("case", FIELD_CASES)
def test_m5_impossible_field_values_are_one_line_each(make_site, run, case) -> None:
    front, expected = FIELD_CASES[case]
    root = built_site(make_site, run)
    before = site_files(root / "output")
    (root / NEW).write_text(f"---\n{front}\n---\nText.\n")
    code, _, err = run(root, "build")
    assert code == 1
    assert err.splitlines()[:-1] == [expected]
    assert site_files(root / "output") == before


def test_m5_the_first_and_last_years_still_build(make_site, run) -> None:
    root = built_site(make_site, run, {
        "content/articles/first.md": article("First", "0001-01-01", "Text."),  # the site is in London
        "content/articles/last.md": article("Last", "9998-12-31", "Text.")})
    assert len(list((root / "output").glob("*/01/01/first/index.html"))) == 1
    assert (root / "output/9998/12/31/last/index.html").is_file()


def test_m2_control_characters_never_reach_the_feeds(make_site, run) -> None:
    root = make_site({STORY: article("A story", "2024-12-04", "Some text."),
                      NEW: '---\ntitle: "Breaking\\e[31m news\\0"\ndate: 2024-12-05\ntags: ["NA\\aTO"]\n---\n'
                           "Page one\fpage two\x1b[1m end.\x00\x7f\n"})
    code, _, err = run(root, "build")
    assert code == 0, err
    for feed in ["feed.xml", *(p.relative_to(root / "output").as_posix() for p in (root / "output").rglob("*/feed.xml"))]:
        ElementTree.parse(root / "output" / feed)  # well-formed, or this raises
    page = (root / "output/2024/12/05/breaking-31m-news/index.html").read_text()
    assert ">Breaking[31m news</h1>" in page and "<p>Page one page two[1m end.</p>" in page
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in page)


def test_m2_a_yaml_anchor_bomb_is_cleaned_without_expanding(make_site, run) -> None:
    levels = ['l0: &l0 ["\\e", "x"]'] + [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 11)]
    root = make_site({NEW: "---\ntitle: Bomb\ndate: 2024-12-05\n" + "\n".join(levels) + "\n---\nText.\n"})
    code, _, err = run(root, "build")  # 9^10 leaves if walked one by one: it would never end
    assert code == 0, err


HOSTILE = {
    # what it is, its body (the text starts at line 6 of the file), where and why it is refused
    "10KB-of-open-brackets": ("Intro.\n\n" + "[" * 10_000, 8, "too many '[' or '](' left open in this paragraph"),
    "10000-image-openings": ("![a](" * 10_000, 6, "too many '[' or '](' left open in this paragraph"),
    "1.5MB-of-divs": ("<div>" * 300_000, 6, "HTML elements left open 257 deep, more than 256"),
    "1000-nested-lists": ("".join("  " * i + "- x\n" for i in range(1000)), 6 + 32,
                           "lists or quotes nested about 33 deep, more than 32"),
    "1000-lists-on-one-line": ("- " * 1000 + "x\n", 6, "lists or quotes nested about 1000 deep, more than 32"),
    "60000-paragraphs": ("x\n\n" * 60_000, 6 + 2 * 50_001, "more than 50,000 paragraphs, list items and quoted lines"),
    "quotes-30-deep-4000-times": ((">" * 30 + " x\n") * 4_000, 6 + 3333,
                                    "more than 100,000 levels of lists and quotes in all"),
}


@pytest.mark.parametrize("engine", ["python-markdown", "commonmark"])
@pytest.mark.parametrize("case", HOSTILE)
def test_s5_hostile_markdown_is_refused_at_its_line_before_it_is_parsed(make_site, case, engine) -> None:
    body, line, message = HOSTILE[case]
    root = make_site({NEW: f"---\ntitle: Hostile\ndate: 2024-12-04\nslug: hostile\n---\n{body}\n"},
                     SITE_TOML + f'[markdown]\nengine = "{engine}"\n')
    done = cli(root, "build", timeout=60)  # before the limits: minutes, or a RecursionError
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith(f"{NEW}:{line}: {message}"), done.stderr


@pytest.mark.parametrize("engine", ["python-markdown", "commonmark"])
def test_s5_a_normal_5_MB_article_still_builds(make_site, run, engine) -> None:
    paragraph = " ".join(["A sentence of an ordinary article, with [a link](https://example.org/) in it."] * 8)
    body = "\n\n".join([paragraph] * (4_900_000 // (len(paragraph) + 2)))
    root = make_site({NEW: f"---\ntitle: Long\ndate: 2024-12-04\n---\n{body}\n"},
                     SITE_TOML + f'[markdown]\nengine = "{engine}"\n')
    code, _, err = run(root, "build")
    assert code == 0, err
    assert (root / "output/2024/12/04/long/index.html").stat().st_size > 4_900_000


def cpu_seconds(work, repeats: int = 3) -> float:
    """The least processor time of a few runs of `work`: a machine busy with others stretches
    each run, not all of them."""
    times = []
    # What earlier tests left in the process is set aside from the collector: each full
    # collection would scan it, and the larger work, making more garbage, pays that more often.
    gc.collect()
    gc.freeze()
    try:
        for _ in range(repeats):
            started = time.process_time()
            work()
            times.append(time.process_time() - started)
    finally:
        gc.unfreeze()
    return min(times)


@pytest.mark.parametrize("engine", ["python-markdown", "commonmark"])
def test_s5_repeated_subheadings_take_time_in_proportion_to_their_number(engine) -> None:
    settings = MarkdownSettings(engine=engine)
    small = cpu_seconds(lambda: render_markdown("## Update\n\nText.\n\n" * 1_000, settings))
    large = cpu_seconds(lambda: render_markdown("## Update\n\nText.\n\n" * 10_000, settings))
    assert large < 20 * small, f"ten times the headings took {large / small:.0f} times as long"


def test_m16_a_draft_at_a_published_articles_url_does_not_block_it(make_site, run) -> None:
    draft = "content/articles/2024/12/a-story-rewrite.md"
    root = make_site({STORY: article("A story", "2024-12-04", "As published."),
                      draft: article("A story", "2024-12-04", "A rewrite, not ready.", draft="true")})
    code, _, err = run(root, "build")
    assert code == 0, err
    assert "As published." in (root / "output/2024/12/04/a-story/index.html").read_text()
    code, _, err = run(root, "build", "--drafts")  # both would be built: the draft is the one to change
    assert code == 1
    assert err.splitlines()[0] == f"{draft}:1: same URL /2024/12/04/a-story/ as {STORY}; change 'slug' or 'date'"
