"""Hostile input is harmless: no script in any page or feed, nothing written outside output/,
and a build killed at any moment leaves a complete site."""

from html.parser import HTMLParser
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO, SITE_TOML, article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.corpus import write_corpus
from site_builder.config import Config
from site_builder.links import find_broken_links
from site_builder.model import Article, SourceFile
from site_builder.parse import UndatedDraft, parse_file
from site_builder.text import SLUG_PATTERN, slugify
from site_builder.write import tree_id

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


def dangerous(html: str) -> list[str]:
    """What in a page could run script: script elements (other than JSON-LD), event handler
    attributes, javascript:/data: links, frames."""
    found: list[str] = []

    class Finder(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            # The theme's own fingerprinted scripts (search.js) are not from the content.
            ours = re.fullmatch(r"(\.\./)*static/[a-z]+\.[0-9a-f]{10}\.js", attrs.get("src") or "")
            if tag == "script" and attrs.get("type") != "application/ld+json" and not ours:
                found.append("script")
            if tag in ("iframe", "object", "embed"):
                found.append(tag)
            for name, value in attrs.items():
                if name.startswith("on"):
                    found.append(name)
                if name in ("href", "src") and re.match(r"(?i)\s*(javascript|data):", value or ""):
                    found.append(value)

    Finder().feed(html)
    return found


@pytest.mark.parametrize("engine", ["python-markdown", "commonmark"])
def test_trusted_raw_html_is_for_hand_written_articles_only(make_site, run, engine) -> None:
    widget = '<div class="widget"><iframe src="https://maps.example/embed"></iframe></div>'
    root = make_site({
        "content/articles/hand.md": article("Hand written", "2024-05-01", widget),
        "content/articles/imported.md": article("Imported", "2024-05-02", widget,
                                                origin="{file: content/raw/x.txt, sha256: abc}"),
    }, config=f'title = "T"\ntrust_raw_html = true\n[markdown]\nengine = "{engine}"\n')
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


def test_nothing_is_written_outside_output_whatever_the_names(make_site, run, tmp_path) -> None:
    root = make_site({"content/articles/a.md": article(
        "../../../../escape", "2024-05-01", "x", tags="['../../../x', '..', '/etc/passwd']",
        regions="['..\\\\..\\\\win']", source="'../../up'")})
    before = {p for p in tmp_path.rglob("*")}
    assert run(root, "build")[0] == 0
    created = {p for p in tmp_path.rglob("*")} - before
    # Only the output folder, and the build cache in its fixed place.
    allowed = (root / "output", root / ".site-builder-cache")
    assert created and all(any(p.is_relative_to(a) for a in allowed) for p in created)
    assert list(find_broken_links(root / "output")) == []


def test_a_build_killed_at_any_moment_leaves_a_complete_site(tmp_path: Path) -> None:
    write_corpus(tmp_path, 400)
    (tmp_path / "site.toml").write_text('title = "Old"\n')
    build = [sys.executable, "-m", "site_builder", "--root", str(tmp_path), "build"]
    subprocess.run(build, check=True, capture_output=True, cwd=REPO)
    (tmp_path / "site.toml").write_text('title = "New"\n')
    for delay in (0.3, 0.9, 1.6, 2.4):
        process = subprocess.Popen(build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
        time.sleep(delay)  # a point in the middle of the build, not a wait for anything
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert titles_of(tmp_path / "output")[1] == 400, f"a site cut short by a kill at {delay}s"
    done = subprocess.run(build, capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0
    assert {titles_of(tmp_path / "output")} == {("New", 400)}
    # Beside the output, only the previous site is kept, whole, for the next build to update
    # (a killed build's half-made folder may still be being deleted in the background).
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".") and ".trash-" not in p.name) == [
        ".output.staging", ".site-builder-cache"]
    assert titles_of(tmp_path / ".output.staging")[1] == 400
    assert tree_id(tmp_path / ".output.staging") not in (None, tree_id(tmp_path / "output"))


def titles_of(out: Path) -> tuple[str, int]:
    """The site title all article pages show (asserting there is one), and how many there are."""
    pages = list(out.glob("20*/*/*/*/index.html"))
    titles = {re.search(r"<title>.*· (\w+)</title>", p.read_text())[1] for p in pages}
    assert len(titles) == 1, titles
    return titles.pop(), len(pages)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields=st.dictionaries(st.sampled_from(["title", "date", "updated", "slug", "tags", "topics",
                                               "regions", "image", "draft", "source", "analysis",
                                               "summary", "template", "origin", "other"]),
                              yaml_values, max_size=8),
       body=st.text(max_size=200))
def test_random_front_matter_gives_an_article_or_problems_never_an_exception(fields, body) -> None:
    import yaml

    text = "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body
    result = parse_file(SourceFile("/x", "a.md", text), Config())
    assert isinstance(result, (Article, UndatedDraft, list))
    if isinstance(result, list):
        assert result and all(str(p).startswith("a.md:") for p in result)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_random_raw_text_never_breaks_the_parser(text) -> None:
    result = parse_file(SourceFile("/x", "a.md", text), Config())
    assert isinstance(result, (Article, UndatedDraft, list))


@given(st.text(max_size=200))
def test_slugs_are_always_safe(text) -> None:
    slug = slugify(text)
    assert slug == "" or (SLUG_PATTERN.fullmatch(slug) and len(slug) <= 80)
