from hypothesis import given
from hypothesis import strategies as st

from site_builder.text import SLUG_PATTERN, is_slug, slugify, summarize


def test_slugify_is_ascii_and_cut_at_a_word() -> None:
    assert slugify("Prime Minister Takaichi’s Party Wins") == "prime-minister-takaichis-party-wins"
    # Any script is transliterated (the Greek capital iota too).
    assert slugify("Ιsrael ‘value’ of deal — Ölfeld") == "israel-value-of-deal-olfeld"
    assert slugify("Москва: новости дня") == "moskva-novosti-dnya"
    assert slugify("习近平 visits") == "xijinping-visits"
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


def test_unicode_slugs_keep_the_script_and_symbols_tell_names_apart() -> None:
    assert slugify("Москва: новости дня", style="unicode") == "москва-новости-дня"
    assert slugify("Ελλάδα", style="unicode") == "ελλάδα"
    assert [slugify(name, symbols=True) for name in ("C++", "C#", "C", "AT&T")] == [
        "c-plus-plus", "c-sharp", "c", "at-and-t"]
    assert is_slug("москва-дня", "unicode") and not is_slug("Москва", "unicode")
    assert not is_slug("москва", "ascii") and is_slug("moskva", "ascii")
