"""The two seed dumps give the articles a careful editor would write."""

import datetime

from tests.support.importer import SEEDS, posts, run_import


def test_briefing_seed(tmp_path):
    report = run_import(tmp_path, SEEDS / "000_34ec1d1a22c0b314.txt")
    (post,) = posts(report)
    assert post["title"] == "Russian Authorities Raid Moscow Nightclubs to Detain Men for Military Conscription"
    assert post["date"] == datetime.date(2024, 12, 4)
    assert len(post["analysis"]) == 6
    assert "source" not in post
    assert post["regions"] == ["Russia", "Ukraine"]
    assert "Conscription" in post["topics"] and "NATO" in post["tags"]
    assert post["origin"]["file"] == "content/raw/000_34ec1d1a22c0b314.txt"
    assert not post.content.startswith("The raids on nightclubs highlight")


def test_wire_seed(tmp_path):
    report = run_import(tmp_path, SEEDS / "002_4f3b0adaa9813eb7.txt")
    russia, israel, japan, uk = posts(report)
    assert russia["title"] == "New Russian Campaign Tries to Entice Men to Fight in Ukraine"
    assert russia["date"] == datetime.date(2023, 3, 23)
    assert russia["source"] == "The Associated Press"
    assert russia["image"]["credit"] == "AP Photo"
    assert russia["regions"] == ["Russia", "Ukraine"]
    assert israel["date"] == datetime.date(2026, 2, 8)
    assert israel["image"]["credit"] == "ATTA KENARE / AFP"
    assert "source" not in israel
    assert set(israel["regions"]) == {"Israel", "Iran", "United States"}
    assert japan["source"] == "The Associated Press"
    assert japan["image"]["credit"] == "Kim Kyung-Hoon / POOL / AFP"
    assert not japan["image"]["caption"].startswith("TOPSHOT")
    assert japan["regions"] == ["Japan"]
    assert "Sanae Takaichi" in japan["tags"] and "Elections" in japan["topics"]
    assert [line for line in japan.content.splitlines() if line.startswith("## ")] == [
        "## Popular leader", "## Takaichi's policies", "## Divisive policies"]
    assert "date" not in uk and uk["draft"] is True
    assert uk["source"] == "Reuters"
    assert uk["image"]["credit"] == "Carl Court/Pool via REUTERS"
    assert "FILE PHOTO" not in uk["image"]["caption"]
    assert "/undated/" in report.articles[3].path.as_posix()
    assert "no date found: written as draft" in report.articles[3].notes


def test_wire_seed_single_newline_starts_paragraph(tmp_path):
    report = run_import(tmp_path, SEEDS / "002_4f3b0adaa9813eb7.txt")
    russia = posts(report)[0]
    assert "Stepanenko said.\n\nThe current recruitment effort" in russia.content
    assert "TT" not in russia.content.split()
    assert russia.content.count("A billboard advertising") == 0
