"""Both Markdown engines: the same HTML for what news articles use (apart from the documented
differences), every library that shapes it in the cache key, and harmless hostile HTML. The
engines in whole builds: tests/build/test_markdown_engines.py."""

import re
from importlib import metadata

import pytest

from site_builder.cache import LIBRARIES
from site_builder.config import MarkdownSettings
from site_builder.content.markup import render_markdown
from tests.support.markup import ENGINES, dangerous, normalised

# What news articles are made of: each renders to the same HTML in both engines.
CORPUS = {
    "paragraphs": "Police raided three clubs.\nThe men were detained.\n\nA second paragraph.",
    "subheadings": "# Top\n\nText.\n\n## Who voted?\n\nText.\n\n### Turnout in Zürich, 2024\n\nText.",
    "repeated subheadings": "## Update\n\nA.\n\n## Update\n\nB.\n\n## Update\n\nC.",
    "subheading with code and html": "## The `x` &amp; <em>y</em> <b>z</b>\n\nText.",
    "emphasis and code": "A *brief* and **strong** `statement` with an_underscore_word.",
    "quote": '> "We will not back down," he said.\n> Another line.\n>\n> > Nested.',
    "bulleted list": "Points:\n\n- one\n- two\n- three",
    "numbered list": "Steps:\n\n1. first\n2. second\n3. third",
    "loose list": "- one\n\n- two\n\n- three",
    "list starting at 4": "4. fourth\n5. fifth",
    "links": "See [the report](https://example.org/report \"Report\") and <https://example.org/>.",
    "images": '![Police vans outside a club](photos/vans.jpg "Moscow, 2024")',
    "table": "| Party | Seats | Change |\n|:---|---:|:---:|\n| LDP | 316 | +25 |\n| CDP | 148 | -10 |",
    "typography": "He said \"no\" -- twice --- and left... It's the '90s.",
    "fenced code": '```python\nprint("a -- b")\n```',
    "rule": "Before.\n\n---\n\nAfter.",
    "raw html cleaned": '<script>alert(1)</script>\n\n<p onclick="x()">hi <b>there</b></p>\n\n'
                        'Text <iframe src="https://evil.example"></iframe> and <a href="javascript:x()">bad</a>.',
    "lone tildes": "About ~300 people; H~2~O.",
    "entities": "AT&amp;T &copy; 5 < 6 & 7 > 3",
}

# Where the engines differ, on purpose or by their dialects; README.md lists the same.
DIFFERENCES = {
    "footnotes": ("Seats fell.[^1]\n\n[^1]: Official count.",
                  "each engine's own footnote markup: Python-Markdown's ids fn:1/fnref:1 in a "
                  "div.footnote, markdown-it-py's fn1/fnref1 in a section.footnotes"),
    "strikethrough": ("The ~~old~~ figure.", "<del> (pymdownx.tilde) against <s>"),
    "list right after a paragraph": ("Points:\n- one\n- two",
                                     "Python-Markdown needs a blank line before a list"),
    "nested list indented by 2": ("- one\n  - inner\n- two",
                                  "Python-Markdown nests by 4 spaces, CommonMark by the item's width"),
    "quotes with a blank line between": ("> One.\n\n> Two.",
                                         "Python-Markdown makes them one quote, CommonMark two"),
    "blank line between some list items": ("1. first\n2. second\n\n3. third",
                                           "Python-Markdown wraps every item in <p>, CommonMark some"),
    "unsafe link": ("[bad](javascript:alert(1))",
                    "markdown-it-py leaves it as text, Python-Markdown makes a link whose address "
                    "the sanitiser drops"),
}


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", normalised(html)).split())


def render(text: str, engine: str, **settings) -> str:
    return render_markdown(text, MarkdownSettings(engine=engine, **settings))


@pytest.mark.parametrize("name", CORPUS)
def test_news_constructs_render_the_same_in_both_engines(name: str) -> None:
    python_markdown, commonmark = (normalised(render(CORPUS[name], e)) for e in ENGINES)
    assert python_markdown == commonmark
    assert "<h1" not in python_markdown  # the headline is the page's only h1


@pytest.mark.parametrize("name", DIFFERENCES)
def test_the_documented_differences_are_real_and_only_markup(name: str) -> None:
    text, why = DIFFERENCES[name]
    python_markdown, commonmark = (render(text, e) for e in ENGINES)
    assert normalised(python_markdown) != normalised(commonmark), f"no longer differs: {why}"
    if "list" not in name and "link" not in name:  # there the dialects really read the text differently
        assert text_of(python_markdown).replace("\u21a9", "").replace("[1]", "1").split() == (
            text_of(commonmark).replace("\u21a9\ufe0e", "").replace("[1]", "1").split())


def test_every_library_that_shapes_article_html_is_in_the_cache_key() -> None:
    import site_builder.content.markup.commonmark
    import site_builder.content.markup.python_markdown  # noqa: F401  (their imports are the point)

    providers = metadata.packages_distributions()
    for module in ("markdown", "pymdownx", "markdown_it", "mdit_py_plugins", "nh3"):
        assert {d.lower() for d in providers[module]} & set(LIBRARIES), module


@pytest.mark.parametrize("engine", ENGINES)
def test_one_document_leaves_nothing_behind_for_the_next(engine: str) -> None:
    render("Seats fell.[^1]\n\n[^1]: Official count.\n\n## Turnout", engine)
    html = render("## Turnout\n\nNo notes here.", engine)
    assert "Official count" not in html and "footnote" not in html
    assert 'id="turnout"' in html  # not turnout_1: the ids of the last document are forgotten


HOSTILE = [
    '<script>alert(1)</script>', '<img src=x onerror="alert(2)">', '<svg onload=alert(3)>',
    '<a href="JaVaScRiPt:alert(4)">x</a>', '<iframe src="https://evil.example"></iframe>',
    '[click](javascript:alert(5))', '![x](data:text/html,<script>alert(6)</script>)',
    '<object data="x.swf"></object>', '<div markdown="1" onclick="alert(7)">*x*</div>',
    '<style>body{display:none}</style>', '<form action="https://evil.example"><input></form>',
    '[x](  javascript:alert(8))', '<a href="&#106;avascript:alert(9)">x</a>',
    "```\n<script>alert(10)</script>\n```", "    <script>alert(11)</script>",
    '<math><mi xlink:href="javascript:alert(12)">x</mi></math>',
    '<p style="background:url(javascript:alert(13))">x</p>',
]


@pytest.mark.parametrize("engine, extensions", [
    ("commonmark", ()), ("python-markdown", ()), ("python-markdown", ("attr_list", "md_in_html", "admonition"))])
def test_hostile_raw_html_stays_harmless(engine: str, extensions: tuple[str, ...]) -> None:
    text = "\n\n".join(HOSTILE) + '\n\nA paragraph {: onclick="alert(14)" }\n'
    settings = MarkdownSettings(engine=engine, extensions=extensions)
    assert dangerous(render_markdown(text, settings, trusted=True))  # the payloads are real
    html = render_markdown(text, settings)
    assert dangerous(html) == []
    assert "<style" not in html and "<form" not in html and "style=" not in html
