"""Unreadable dumps are reported, never raised; random text raises nothing but ImportProblem."""

import string

import frontmatter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.importer import ImportProblem, import_dumps
from tests.support.importer import DUMPS, run_import


def test_unreadable_files_are_failures(tmp_path):
    report = run_import(tmp_path, DUMPS / "binary.txt", DUMPS / "empty.txt")
    assert report.articles == ()
    assert sorted(f.message for f in report.failures) == ["cannot be read: binary file", "cannot be read: empty file"]


def test_legacy_bytes_are_repaired_and_reported(tmp_path):
    report = run_import(tmp_path, DUMPS / "releases" / "eccc_legacy_bytes.txt", DUMPS / "briefing_text_date.txt")
    repaired, clean = report.articles
    assert repaired.notes[0] == "8 bytes in a legacy encoding (Windows-1252) read as such and written as UTF-8"
    assert not any("legacy" in note for note in clean.notes)
    text = repaired.path.read_text(encoding="utf-8")
    assert "“Inuit have cared for these lands for thousands of years,” said" in text and "country’s" in text


def test_missing_file_is_a_failure(tmp_path):
    report = import_dumps([tmp_path / "nope.txt"], tmp_path / "articles")
    assert report.failures[0].message.startswith("cannot be read:")


def test_html_is_escaped_and_front_matter_stays_plain(tmp_path):
    report = run_import(tmp_path, DUMPS / "html_in_text.txt")
    post = frontmatter.load(str(report.articles[0].path))
    assert "&lt;script&gt;alert('hacked')&lt;/script&gt;" in post.content
    assert "<script>" not in post.content and "AT&T-style" in post.content
    assert isinstance(post["summary"], str)


_LINE = st.one_of(
    st.text(alphabet=string.ascii_letters + " .,'\"“”’-:()/", max_size=80),
    st.sampled_from(["TT", "", "", "- item", "Popular leader", "(AP Photo)", "By Jane Doe", "<b>&amp;",
                     "MOSCOW, March 23 (Reuters) - Text.", "FILE PHOTO: x. REUTERS/File Photo"]),
    st.text(max_size=40),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_LINE, max_size=30), crlf=st.booleans())
def test_random_text_never_raises_anything_else(tmp_path, lines, crlf):
    dump = tmp_path / "random.txt"
    dump.write_bytes(("\r\n" if crlf else "\n").join(lines).encode("utf-8", "surrogatepass"))
    try:
        report = import_dumps([dump], tmp_path / "content" / "articles")
    except ImportProblem:
        return
    assert not any("internal error" in f.message for f in report.failures)
    for article in report.articles:
        post = frontmatter.load(str(article.path))
        assert post["title"] and post["slug"]


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes_never_raise(data, tmp_path_factory):
    root = tmp_path_factory.mktemp("bytes")
    dump = root / "dump.txt"
    dump.write_bytes(data)
    report = import_dumps([dump], root / "articles")
    assert not any("internal error" in f.message for f in report.failures)
