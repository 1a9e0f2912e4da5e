import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.config import Config, MarkdownSettings
from site_builder.content.parse import UndatedDraft, parse_file
from site_builder.model import Article, ArticleFile

CONFIG = Config(timezone="Europe/London")


def parse(text: str, config: Config = CONFIG):
    return parse_file(ArticleFile("/x", "content/articles/a.md", text), config)


def messages(text: str) -> list[str]:
    result = parse(text)
    assert not isinstance(result, Article), "expected problems"
    return [str(p) for p in result]


def test_a_full_article_is_read_with_every_field() -> None:
    result = parse(
        "---\ntitle: Raids in Moscow\ndate: 2024-12-04\nupdated: 2024-12-05T10:30:00+01:00\n"
        "topics: [Conscription]\ntags: [NATO, NATO]\nregions: Russia\nsource: Reuters\n"
        "byline: By Jane Doe\nimage:\n  caption: Police cars\n  credit: AP Photo\n"
        "analysis:\n  - First point.\nmood: grim\n---\nPolice raided clubs.\n\nMore.\n"
    )
    assert isinstance(result, Article)
    assert result.url == "2024/12/04/raids-in-moscow/"
    assert result.date == dt.datetime(2024, 12, 4, tzinfo=CONFIG.tz)
    assert result.updated.hour == 9  # 10:30+01:00 is 09:30 in London in winter
    assert (result.topics, result.tags, result.regions) == (("Conscription",), ("NATO",), ("Russia",))
    assert (result.agency, result.authors) == ("Reuters", ("Jane Doe",))  # the older byline: one author
    assert (result.timed, result.updated_timed) == (False, True)
    assert (result.image.caption, result.image.credit, result.image.src) == ("Police cars", "AP Photo", None)
    assert result.analysis == ("First point.",)
    assert result.summary == "Police raided clubs."
    assert result.standfirst == ""  # the summary is the body's opening: not shown twice
    assert result.extra == {"mood": "grim"}


def test_a_naive_datetime_is_in_the_site_timezone_and_sets_the_url_day() -> None:
    result = parse("---\ntitle: Late\ndate: '2024-06-30T23:30'\n---\nText.\n")
    assert result.date.utcoffset() == dt.timedelta(hours=1)
    assert result.url == "2024/06/30/late/"


def test_an_explicit_slug_wins_and_non_ascii_titles_slugify() -> None:
    assert parse("---\ntitle: x\ndate: 2024-01-01\nslug: my-story\n---\nT.\n").url.endswith("/my-story/")
    assert parse("---\ntitle: \"Ökonomie in Zürich: 5 Fragen\"\ndate: 2024-01-01\n---\nT.\n").slug == (
        "okonomie-in-zurich-5-fragen")


def test_every_problem_in_a_file_is_reported_with_its_line() -> None:
    assert messages(
        "---\ntitle: 42\ndate: 2024-13-45\ntags: 42\ndraft: maybe\nslug: Not A Slug\n---\nBody\n"
    ) == [
        # In the order of the file.
        "content/articles/a.md:2: 'title' must be text, not a number",
        "content/articles/a.md:3: 'date' is not a valid date: '2024-13-45' (use YYYY-MM-DD or ISO 8601)",
        "content/articles/a.md:4: 'tags' must be a list of text, not a number",
        "content/articles/a.md:5: 'draft' must be true or false, not 'maybe'",
        "content/articles/a.md:6: 'slug' must be lowercase letters, digits and hyphens, not 'Not A Slug'",
    ]


@pytest.mark.parametrize("text, expected", [
    ("", "content/articles/a.md:1: empty file: an article needs front matter with title and date"),
    ("Just text\n", "content/articles/a.md:1: no front matter: the file must start with a '---' line"),
    ("---\ntitle: x\ndate: 2024-01-01\ntags: [a, b\n---\nT\n", "content/articles/a.md:4: invalid YAML: did not find expected"),
    ("---\ndate: 2024-01-01\n---\nT\n", "content/articles/a.md:1: missing required field 'title'"),
    ("---\ntitle: x\n---\nT\n", "content/articles/a.md:1: missing required field 'date'"),
    ("---\n- a list\n---\nT\n", "content/articles/a.md:2: front matter must be a mapping"),
    ("---\ntitle: x\ndate: 2024-01-01\nimage: photo.jpg\n---\nT\n", "content/articles/a.md:4: 'image' must be a mapping"),
])
def test_bad_files_give_one_clear_line(text: str, expected: str) -> None:
    (message,) = messages(text)
    assert message.startswith(expected)


# Each engine marks footnotes up its own way (see tests/unit/test_markdown_engines.py).
FOOTNOTES = {"python-markdown": ('href="#fn:1"', '<li id="fn:1"'), "commonmark": ('href="#fn1"', '<li id="fn1"')}


@pytest.mark.parametrize("engine", FOOTNOTES)
def test_markdown_suits_news_text_and_raw_html_is_sanitised(engine: str) -> None:
    config = Config(timezone="Europe/London", markdown=MarkdownSettings(engine=engine))
    result = parse(
        "---\ntitle: x\ndate: 2024-01-01\n---\n"
        '# Big\n\nHe said "no" -- twice.\n\n| Party | Seats |\n|---|---|\n| LDP | 316 |\n\n'
        "Seats fell.[^1]\n\n[^1]: Official count.\n\n"
        "<script>alert(1)</script>\n\n<p onclick=\"x()\">hi</p>\n\n[bad](javascript:alert(1)) and [good](https://example.org/)\n",
        config)
    html = result.body_html
    assert '<h2 id="big">Big</h2>' in html
    assert "\u201cno\u201d \u2013 twice" in html
    assert "<td>LDP</td>" in html
    reference, note = FOOTNOTES[engine]
    assert reference in html and note in html and "Official count." in html
    assert "<script" not in html and "onclick" not in html and 'href="javascript' not in html
    assert '<a href="https://example.org/">good</a>' in html


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
    result = parse_file(ArticleFile("/x", "a.md", text), Config())
    assert isinstance(result, (Article, UndatedDraft, list))
    if isinstance(result, list):
        assert result and all(str(p).startswith("a.md:") for p in result)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_random_raw_text_never_breaks_the_parser(text) -> None:
    result = parse_file(ArticleFile("/x", "a.md", text), Config())
    assert isinstance(result, (Article, UndatedDraft, list))
