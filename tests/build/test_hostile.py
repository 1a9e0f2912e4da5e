"""Hostile input is harmless: no script in any page or feed, nothing written outside output/,
and a build killed at any moment leaves a complete site."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.links import find_broken_links
from site_builder.output.folder import tree_id
from tests.support.corpus import write_corpus
from tests.support.markup import dangerous
from tests.support.sites import REPO, SITE_TOML, article

EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.mark.parametrize("engine", ["python-markdown", "commonmark"])
def test_script_in_body_and_every_front_matter_value_stays_text(make_site, run, engine) -> None:
    root = make_site({"content/articles/evil.md": article(
        f"Headline {EVIL}", "2024-05-01",
        f"Body {EVIL}\n\n[click](javascript:alert(3)) [data](data:text/html,<script>x</script>)\n\n"
        '<a href="JaVaScRiPt:alert(4)">x</a> <iframe src="https://evil.example"></iframe>',
        summary=f"'{EVIL}'", byline=f"'{EVIL}'", source=f"'{EVIL}'", topics=f"['{EVIL}']",
        tags=f"['{EVIL}']", regions=f"['{EVIL}']", analysis=f"['{EVIL}']",
        image=f"{{caption: '{EVIL}', credit: '{EVIL}'}}")},
        config=SITE_TOML + f'[markdown]\nengine = "{engine}"\n')
    assert run(root, "build")[0] == 0
    outputs = [p for p in (root / "output").rglob("*") if p.suffix in (".html", ".xml")]
    assert len(outputs) > 10
    for path in outputs:
        if path.suffix == ".xml":
            # A feed's type="html" content is HTML a reader renders; other elements are text.
            for element in ET.parse(path).getroot().iter():
                if element.get("type") == "html":
                    assert not dangerous(element.text or ""), path
        else:
            assert not dangerous(path.read_text()), path


@pytest.mark.parametrize("engine", ["python-markdown", "commonmark"])
def test_trusted_raw_html_is_for_hand_written_articles_only(make_site, run, engine) -> None:
    widget = '<div class="widget"><iframe src="https://maps.example/embed"></iframe></div>'
    root = make_site({
        "content/articles/hand.md": article("Hand written", "2024-05-01", widget),
        "content/articles/imported.md": article("Imported", "2024-05-02", widget,
                                                origin="{file: content/raw/x.txt, sha256: abc}"),
    }, config=f'title = "T"\ntrust_raw_html = true\nsearch = false\n[markdown]\nengine = "{engine}"\n')
    run(root, "build")
    assert "<iframe" in (root / "output/2024/05/01/hand-written/index.html").read_text()
    assert "<iframe" not in (root / "output/2024/05/02/imported/index.html").read_text()


@pytest.mark.parametrize("out", ["/", "~", ".", "content", "themes", ".."])
def test_out_refuses_folders_that_are_not_a_site(make_site, run, out) -> None:
    root = make_site({"content/articles/a.md": article("A")})
    target = Path(out).expanduser() if out.startswith(("/", "~")) else root / out
    code, _, err = run(root, "build", "--out", str(target))
    assert code == 2 and "refusing" in err
    assert (root / "content/articles/a.md").is_file()


# With the search index too: Pagefind gets the names as filters.
@pytest.mark.parametrize("search", ["false", pytest.param("true", marks=pytest.mark.slow)])
def test_nothing_is_written_outside_output_whatever_the_names(make_site, run, tmp_path, search) -> None:
    root = make_site({"content/articles/a.md": article(
        "../../../../escape", "2024-05-01", "x", tags="['../../../x', '..', '/etc/passwd']",
        regions="['..\\\\..\\\\win']", source="'../../up'")},
        SITE_TOML.replace("search = false", f"search = {search}"))
    before = {p for p in tmp_path.rglob("*")}
    assert run(root, "build")[0] == 0
    created = {p for p in tmp_path.rglob("*")} - before
    # Only the output folder, and the build cache in its fixed place.
    allowed = (root / "output", root / ".site-builder-cache")
    assert created and all(any(p.is_relative_to(a) for a in allowed) for p in created)
    assert list(find_broken_links(root / "output")) == []


# Where a build is killed: as soon as its --debug log (a line a stage) shows that it got
# there and, mid-render, once it has drawn that many article pages; and which site a reader
# must then find in output/.
KILL_POINTS = [
    ("cache, parse", 0, "old"),  # every article read, nothing written yet
    ("link unchanged files", 50, "old"),  # a quarter of the article pages drawn
    ("render, write", 0, "old"),  # every page drawn; the search index being made
    ("every file in place, committing", 0, "either"),  # the kill meets the swap
    ("search index", 0, "new"),  # swapped in; the cache not yet saved
]
ARTICLES = 200


@pytest.mark.slow  # eight builds of 200 articles, with the search index
def test_a_build_killed_at_any_moment_leaves_a_complete_site(tmp_path: Path) -> None:
    write_corpus(tmp_path, ARTICLES)
    (tmp_path / "site.toml").write_text('title = "Killed"\n')
    build = [sys.executable, "-m", "site_builder", "--root", str(tmp_path), "--debug", "build"]
    for edition in (0, 1):  # the first killed build brings the kept previous site up to date
        set_edition(tmp_path, edition)
        subprocess.run(build, check=True, capture_output=True, cwd=REPO)
    shown = 1
    for edition, (point, drawn, expected) in enumerate(KILL_POINTS, 2):
        set_edition(tmp_path, edition)
        finished = run_until(build, point,
                             lambda: not drawn or pages_of_edition(tmp_path, edition) >= drawn)
        if expected == "old":
            assert not finished, f"the build ended before the kill after {point!r}"
        now = edition_of(tmp_path / "output")
        allowed = {"old": {shown}, "new": {edition}, "either": {shown, edition}}[expected]
        assert now in allowed, f"killed after {point!r}: edition {now}, expected one of {allowed}"
        shown = now
    set_edition(tmp_path, 99)
    subprocess.run(build, check=True, capture_output=True, cwd=REPO)
    assert edition_of(tmp_path / "output") == 99
    # Beside the output, only the previous site is kept, whole, for the next build to update
    # (a killed build's half-made folder may still be being deleted in the background).
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".") and ".trash-" not in p.name) == [
        ".output.staging", ".site-builder-cache"]
    assert edition_of(tmp_path / ".output.staging") == shown
    assert tree_id(tmp_path / ".output.staging") not in (None, tree_id(tmp_path / "output"))


def run_until(command: list[str], stage: str, then: Callable[[], bool]) -> bool:
    """Run `command` until one of our modules logs a line starting with `stage` and `then()`
    holds, then kill it and its workers at once, as a power cut would. True if it ended by
    itself first (it may, after its last step)."""
    logged_stage = re.compile(rf"DEBUG site_builder\.[\w.]+: {re.escape(stage)}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               cwd=REPO, start_new_session=True)
    guard = threading.Timer(300, os.killpg, (process.pid, signal.SIGKILL))  # never hang the suite
    guard.start()
    seen = []
    try:
        for logged in process.stderr:
            seen.append(logged)
            if logged_stage.match(logged):
                while not then() and process.poll() is None:
                    time.sleep(0.01)  # watching the build's progress, not waiting for it
                os.killpg(process.pid, signal.SIGKILL)
                break
        process.wait()
    finally:
        guard.cancel()
        process.stderr.close()
    assert any(map(logged_stage.match, seen)), f"the build never logged {stage!r}: {seen}"
    assert process.returncode in (0, -signal.SIGKILL), seen
    return process.returncode == 0


def set_edition(root: Path, edition: int) -> None:
    """Every article ends with the line 'Edition N.': a page of another edition is a stale one."""
    for path in (root / "content/articles").rglob("*.md"):
        text = re.sub(r"\nEdition \d+\.\n$", "\n", path.read_text())
        path.write_text(f"{text}\nEdition {edition}.\n")


def pages_of_edition(root: Path, edition: int) -> int:
    """Article pages of `edition` drawn so far, in the staged site or (wrongly) in the output."""
    found = 0
    for page in [*root.glob("output/20*/*/*/*/index.html"), *root.glob(".output.staging/20*/*/*/*/index.html")]:
        try:
            found += f"<p>Edition {edition}.</p>" in page.read_text(errors="replace")
        except OSError:
            pass  # a folder of the build's moved away under us
    return found


def edition_of(out: Path) -> int:
    """The edition every article page of the site shows, asserting that there is one and that
    every article has its page."""
    pages = list(out.glob("20*/*/*/*/index.html"))
    assert len(pages) == ARTICLES, f"{out}: {len(pages)} article pages"
    editions = {int(re.findall(r"<p>Edition (\d+)\.</p>", p.read_text())[-1]) for p in pages}
    assert len(editions) == 1, f"{out}: a mix of editions {editions}"
    return editions.pop()
