import pytest

from site_builder.content.markup.typography import smarten


@pytest.mark.parametrize("html, expected", [
    ('<p>He said "no" -- twice...</p>', "<p>He said \u201cno\u201d \u2013 twice\u2026</p>"),
    ("<p>It's the '90s --- 'quoted'</p>", "<p>It\u2019s the \u201990s \u2014 \u2018quoted\u2019</p>"),
    ('<p><em>word</em>\'s "<em>em</em>" (\'<b>x</b>\')</p>',
     "<p><em>word</em>\u2019s \u201c<em>em</em>\u201d (\u2018<b>x</b>\u2019)</p>"),
    ('<pre><code>x = "a" -- b</code></pre><p>"y"</p>', '<pre><code>x = "a" -- b</code></pre><p>\u201cy\u201d</p>'),
    ('<a href="x--y" title="a \'b\'">"z"</a>', '<a href="x--y" title="a \'b\'">\u201cz\u201d</a>'),
])
def test_quotes_dashes_and_ellipses_outside_code_and_tags(html: str, expected: str) -> None:
    assert smarten(html) == expected
