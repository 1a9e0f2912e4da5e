"""The inline pass that skips runs of text where no pattern can begin gives Python-Markdown's own
output, byte for byte, on every kind of inline syntax and on random text."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import InlineProcessor

from site_builder.config.markdown import MarkdownSettings
from site_builder.content.markup import python_markdown
from tests.support.sites import REPO

SAMPLES = [
    "Plain prose, with commas; colons: and full stops. Then more.",
    "*em* and **strong** and _under_ and __double__ and ***both***",
    "a `code span` and ``double `ticks` `` and \\*escaped\\* and \\\\",
    "[link](https://example.org) ![image](x.png \"t\") [ref][r] [short] ![short img]\n\n[r]: https://a.b\n[short]: /x",
    "<https://auto.example> <mail@example.org> <span>raw</span> &amp; &#169; & alone",
    "line with two spaces  \nbreaks here, and a footnote[^1].\n\n[^1]: The note.",
    "~~struck~~ and ~single~ and 2 ~ 3",
    "# Heading *em*\n\n- item `code`\n- item [link](/a)\n\n> quote **strong**\n\n| a | b |\n|---|---|\n| *x* | y |",
    "snake_case_words and 5 * 3 * 2 and a lone ! and [ bracket",
]


def _both(text: str) -> tuple[str, str]:
    quick = python_markdown._instance(MarkdownSettings())
    assert isinstance(quick.treeprocessors["inline"], python_markdown._QuickInline)
    plain = markdown.Markdown(extensions=[*(cls(**python_markdown.DEFAULT_CONFIGS.get(name, {}))
                                            for name, cls in python_markdown.DEFAULTS.items()),
                                          python_markdown._HeadingsExtension(quick=False)], output_format="html")
    plain.treeprocessors.register(InlineProcessor(plain), "inline", 20)
    quick.reset()
    return quick.convert(text), plain.convert(text)


def test_every_kind_of_inline_syntax_comes_out_as_python_markdown_makes_it() -> None:
    for text in SAMPLES:
        quick, plain = _both(text)
        assert quick == plain, text


def test_the_bundled_and_golden_articles_come_out_the_same() -> None:
    paths = [*(REPO / "content/articles").rglob("*.md"), *(REPO / "tests/golden").rglob("*.md")]
    assert len(paths) > 5
    for path in paths:
        body = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        quick, plain = _both(body)
        assert quick == plain, path


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab c\n*_`[]()!<>&~\\#:/.-\"'", "  \n", "https://x.y", "word "]),
               max_size=40).map("".join))
def test_random_text_comes_out_the_same(text: str) -> None:
    quick, plain = _both(text)
    assert quick == plain


def test_a_site_with_extensions_of_its_own_keeps_the_full_pass() -> None:
    # pymdownx.mark widens a pattern of the defaults to '==': the quick pass would miss it.
    md = python_markdown._instance(MarkdownSettings(extensions=("pymdownx.mark",)))
    assert not isinstance(md.treeprocessors["inline"], python_markdown._QuickInline)
    md.reset()
    assert md.convert("a ==marked== b") == "<p>a <mark>marked</mark> b</p>"
