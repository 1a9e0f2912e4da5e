"""The news industry's formats (RSS, Atom, ninjs, NewsML-G2, WordPress exports, saved pages): told by content,
every field right against tests/importer/dumps/formats/expected.toml, bodies clean Markdown with no raw HTML."""

from __future__ import annotations

import re
import shutil
import tomllib

import frontmatter
import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support.importer import DUMPS, posts, run_import
from tests.support.sites import REPO

from site_builder.importer import explain_dumps, import_dumps
from site_builder.importer.sniff import sniff

FORMATS = DUMPS / "formats"
FILES = sorted(p for p in FORMATS.iterdir() if p.suffix not in (".md", ".toml"))


def _expected() -> list[dict]:
    return tomllib.loads((FORMATS / "expected.toml").read_text(encoding="utf-8"))["article"]


def _got(post: frontmatter.Post, field: str) -> object:
    image = post.get("image") or {}
    if field in ("src", "caption", "credit"):
        return image.get(field, "")
    if field in ("date", "updated"):
        value = post.get(field)
        return value.isoformat() if hasattr(value, "isoformat") else str(value or "")
    if field == "headings":
        return [line.lstrip("#").strip() for line in post.content.splitlines() if re.match(r"#{2,6} ", line)]
    if field == "body_starts":
        return post.content[:120]
    return post.get(field, [] if field in ("authors", "topics", "tags", "regions") else "")


def _right(post: frontmatter.Post, field: str, value: object) -> bool:
    if field == "body_starts":
        return post.content.startswith(value)
    if field == "present":
        return all(text in post.content for text in value)
    if field == "absent":
        return not any(text in post.content for text in value)
    return _got(post, field) == value


def test_every_field_of_every_format(tmp_path):
    report = run_import(tmp_path, *FILES)
    assert [(f.dump.name, f.message) for f in report.failures] == []
    found: dict[str, list[frontmatter.Post]] = {}
    for article, post in zip(report.articles, posts(report)):
        found.setdefault(article.dump.name, []).append(post)
    misses, checks = [], 0
    for entry in _expected():
        post = found[entry["file"]][entry.get("n", 1) - 1]
        for field, value in entry.items():
            if field in ("file", "n"):
                continue
            checks += 1
            if not _right(post, field, value):
                misses.append(f"{entry['file']} #{entry.get('n', 1)} {field}: got {_got(post, field)!r}")
    print(f"interchange formats: {checks - len(misses)}/{checks} checks right")
    print("\n".join(misses))
    assert misses == []


@pytest.mark.parametrize(("name", "kind"), [
    ("rss_agency_feed.xml", "feed"), ("atom_science_agency.txt", "feed"), ("ninjs_wire_story.json", "ninjs"),
    ("newsml_iptc_listing2.xml", "newsml"), ("newsml_message_with_picture.xml", "newsml"),
    ("wordpress_export.xml", "wxr"), ("saved_article_page.html", "webpage"),
])
def test_the_format_is_told_by_content_not_by_name(tmp_path, name, kind):
    renamed = tmp_path / "dump.txt"
    shutil.copyfile(FORMATS / name, renamed)
    assert sniff(renamed.read_text(encoding="utf-8"), renamed) == kind


def test_text_dumps_stay_text_whatever_their_name():
    wire = (DUMPS / "two_articles_no_tt.txt").read_text(encoding="utf-8")
    assert sniff(wire, FORMATS / "dump.xml") == "text"
    assert sniff('{"not": "ninjs"}') == "text" and sniff("[1, 2]") == "text"


def test_wordpress_export_imports_published_posts_only(tmp_path):
    report = run_import(tmp_path, FORMATS / "wordpress_export.xml")
    assert [a.headline for a in report.articles] == ["Flood-Damaged Bridge in Chester Reopens After Two Years",
                                                      "Town Meeting Approves Solar Array on Landfill"]


def test_no_raw_html_or_script_passes_from_imported_bodies(tmp_path):
    feed = tmp_path / "hostile.xml"
    feed.write_text("""<rss version="2.0"><channel><title>T</title><item><title>&lt;img src=x onerror=alert(1)&gt;Hi</title>
<pubDate>Mon, 13 May 2024 14:20:00 GMT</pubDate><description><![CDATA[<p>Text <script>alert(1)</script>
<img src="javascript:alert(2)" onerror="alert(3)"><a href="javascript:alert(4)">x</a> <iframe src="https://e.example/"></iframe>
&lt;b&gt;escaped&lt;/b&gt; <svg onload="alert(5)"></svg><p style="x" onclick="alert(6)">y</p><!-- <script>z</script> -->
<a href="data:text/html,evil">d</a></p>]]></description></item></channel></rss>""", encoding="utf-8")
    report = import_dumps([feed], tmp_path / "articles")
    post = frontmatter.load(str(report.articles[0].path))
    rendered = markdown.markdown(post.content)
    assert "<" not in post.content and "alert" not in post.content.replace("&lt;", "")
    assert not re.search(r"<(?:script|img|iframe|svg|b)\b|javascript:|data:|on\w+=", rendered)
    assert "&lt;b&gt;escaped&lt;/b&gt;" in post.content and post["title"] == "<img src=x onerror=alert(1)>Hi"


def test_every_field_is_explained(tmp_path):
    (article,) = explain_dumps([FORMATS / "newsml_message_with_picture.xml"]).articles
    where = {record.field: (record.line, record.rule) for record in article.provenance}
    assert where["title"] == (26, "the item's <headline>")
    assert where["date"] == (14, "the item's <firstCreated>")
    assert where["authors"][0] == 22 and where["credit"][1] == "the picture item beside the text"
    assert {"title", "date", "source", "authors", "topics", "regions", "image", "caption", "credit", "body"} <= set(where)
    (feed_entry, _) = explain_dumps([FORMATS / "rss_agency_feed.xml"]).articles
    rules = {record.field: record.rule for record in feed_entry.provenance}
    assert rules["authors"] == "the entry's <dc:creator> or <author>" and rules["tags"] == "the entry's <category> elements"


def test_cli_explain_names_the_format_fields(tmp_path, run):
    code, out, err = run(tmp_path, "import", "--explain", str(FORMATS / "ninjs_wire_story.json"))
    assert code == 0 and err == ""
    assert "  title        line 9    Ghana's Cocoa Harvest Falls to 20-Year Low" in out
    assert "(ninjs 'headline')" in out


def test_a_second_import_of_a_feed_writes_nothing(tmp_path):
    run_import(tmp_path, FORMATS / "rss_agency_feed.xml")
    again = run_import(tmp_path, FORMATS / "rss_agency_feed.xml")
    assert {a.status for a in again.articles} == {"unchanged"}


@pytest.mark.parametrize(("text", "message"), [
    ("<rss version=\"2.0\"><channel><title>T</title>\n</channel></rss>", "cannot be read: a feed without entries"),
    ("<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">\n<itemMeta><itemClass qcode=\"ninat:text\"/>\n</newsItem>",
     "cannot be read: line 3: not well-formed XML (Opening and ending tag mismatch: itemMeta line 2 and newsItem"),
    ('{"type": "picture", "uri": "x", "headline": "A photo"}', "cannot be read: no ninjs text item in it"),
])
def test_a_broken_file_is_one_line(tmp_path, text, message):
    dump = tmp_path / "broken.txt"
    dump.write_text(text, encoding="utf-8")
    report = import_dumps([dump], tmp_path / "articles")
    assert [f.message for f in report.failures][0].startswith(message)


def test_the_readme_examples_import_as_documented(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Importing"):readme.index("## Configuration")]
    dumps = []
    for index, (kind, body) in enumerate(re.findall(r"```(\w+)\n(.*?)```", section, re.S)):
        body = re.sub(r"[ \t]+<- .*|[ \t]{4,}then .*", "", body)  # the README's margin notes
        body = body.replace(" ...><channel>", ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>')
        dumps.append(tmp_path / f"example{index}.{kind}")
        dumps[-1].write_text(body, encoding="utf-8")
    report = import_dumps(dumps, tmp_path / "articles")
    assert report.failures == () and len(report.articles) == len(dumps) == 8
    assert all("School" in article.headline and article.date is not None for article in report.articles)


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from([p.name for p in FILES]), cut=st.tuples(st.floats(0, 1), st.floats(0, 1)),
       noise=st.binary(max_size=12), mode=st.sampled_from(["truncate", "delete", "insert", "repeat"]))
def test_damaged_files_of_every_format_never_raise(tmp_path_factory, name, cut, noise, mode):
    data = (FORMATS / name).read_bytes()
    start, end = sorted(int(c * len(data)) for c in cut)
    damaged = {"truncate": data[:start], "delete": data[:start] + data[end:], "insert": data[:start] + noise + data[start:],
               "repeat": data[:end] + data[start:]}[mode]
    root = tmp_path_factory.mktemp("damaged")
    (root / name).write_bytes(damaged)
    report = import_dumps([root / name], root / "articles")
    assert not any("internal error" in failure.message for failure in report.failures)
