"""Wire pages and briefings are detected and split; bodies keep paragraphs, lists and subheadings."""

import datetime

from site_builder.importer.formats import detect_format
from tests.support.importer import DUMPS, one, posts, run_import


def test_detects_both_formats():
    assert detect_format((DUMPS / "briefing_text_date.txt").read_text()) == "briefing"
    assert detect_format((DUMPS / "voa_crlf_bom_bullets.txt").read_text(encoding="utf-8-sig")) == "wire"


def test_crlf_bom_bullets_and_residue(tmp_path):
    post = one(tmp_path, "voa_crlf_bom_bullets.txt")
    assert post["title"] == "Ukraine Asks Allies for More Air Defense Systems Ahead of Winter"
    assert "- more Patriot batteries\n- interceptor missiles for existing systems" in post.content
    assert "WATCH" not in post.content and "\r" not in post.content
    assert post.content.count("Ukrainian President Volodymyr Zelenskyy speaks") == 0


def test_subheading_and_residue_lines(tmp_path):
    post = one(tmp_path, "image_credit_subheading_residue.txt")
    assert "## Aid response" in post.content
    assert "Advertisement" not in post.content and "Read more" not in post.content


def test_two_articles_without_marker_or_caption(tmp_path):
    report = run_import(tmp_path, DUMPS / "two_articles_no_tt.txt")
    metro, copper = posts(report)
    assert metro["title"] == "São Paulo Mayor Unveils Plan to Expand Metro"
    assert metro["slug"] == "sao-paulo-mayor-unveils-plan-to-expand-metro"
    assert copper["date"] == datetime.date(2024, 3, 7)
    assert "no caption" in report.articles[0].notes
    assert "image" not in metro


def test_briefing_headline_analysis_and_summary(tmp_path):
    post = one(tmp_path, "briefing_text_date.txt")
    assert post["title"] == "Kenyan Police Fire Tear Gas at Thousands of Protesters in Nairobi"
    assert len(post["analysis"]) == 3
    assert post["summary"].startswith("Kenyan police fired tear gas")
    assert len(post["summary"]) <= 300


def test_a_detached_possessive_is_rejoined():
    from site_builder.importer.text import clean_line

    assert clean_line("Prime Minister Sanae Takaichi 's party won.") == "Prime Minister Sanae Takaichi's party won."
    assert clean_line("Takaichi \u2019s 'snap' vote") == "Takaichi\u2019s 'snap' vote"


def test_wire_credits_become_the_authors_not_body_text():
    from site_builder.importer.body import parse_body

    body = parse_body(["Leaders agreed on a deal.", "", "Reporting by Jan Strupczewski; Editing by Alex Richardson"])
    assert body.authors == ("Jan Strupczewski",)
    assert [b.text for b in body.blocks] == ["Leaders agreed on a deal."]
