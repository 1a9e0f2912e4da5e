from hypothesis import given
from hypothesis import strategies as st

from site_builder.text import SLUG_PATTERN, slugify, summarize


def test_slugify_is_ascii_and_cut_at_a_word() -> None:
    assert slugify("Prime Minister Takaichi’s Party Wins") == "prime-minister-takaichis-party-wins"
    assert slugify("Ιsrael ‘value’ of deal — Ölfeld") == "srael-value-of-deal-olfeld"
    assert len(slugify("word " * 40)) <= 80 and not slugify("word " * 40).endswith("-")
    assert slugify("!!!") == ""


def test_summary_is_the_first_paragraph_cut_after_a_sentence() -> None:
    body = "## Heading\n\n" + "First sentence here. " * 30 + "\n\nSecond paragraph."
    summary = summarize(body, limit=100)
    assert summary.endswith("here.") and len(summary) <= 100
    assert summarize("Short *opening* with a [link](x).\n\nMore.") == "Short opening with a link."


def test_one_slug_rule_for_new_and_import(tmp_path) -> None:
    import datetime as dt

    from site_builder.scaffold import new_article

    headline = "Straße in Tromsø: Đoković’s `big` day"
    assert slugify(headline) == "strasse-in-tromso-dokovics-big-day"
    assert new_article(tmp_path, headline, dt.date(2026, 1, 2)).stem == "strasse-in-tromso-dokovics-big-day"
    assert new_article(tmp_path, headline, dt.date(2026, 1, 2)).stem == "strasse-in-tromso-dokovics-big-day-2"


@given(st.text(max_size=200))
def test_slugs_are_always_safe(text) -> None:
    slug = slugify(text)
    assert slug == "" or (SLUG_PATTERN.fullmatch(slug) and len(slug) <= 80)
