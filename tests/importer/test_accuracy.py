"""Field accuracy on the three kinds of dump that misled the importer: single-sentence briefing bodies,
media labels between paragraphs, and a publisher named only in the headline."""

import datetime

import pytest

from site_builder.importer.analysis import analysis_length
from site_builder.importer.labels import label_kind
from site_builder.importer.sources import find_source
from tests.support.importer import DUMPS, one, posts, run_import


def _headings(post):
    return [line[3:] for line in post.content.splitlines() if line.startswith("## ")]


@pytest.mark.parametrize(("name", "analysis", "body_start", "date"), [
    ("briefing_single_sentence_body.txt", 3, "Georgian police detained opposition leader", datetime.date(2024, 10, 28)),
    ("briefing_spaced_single_sentences.txt", 3, "Russian missiles hit grain silos", datetime.date(2024, 9, 9)),
    ("briefing_modal_in_report.txt", 3, "Poland's main opposition alliance won", datetime.date(2023, 10, 15)),
    ("briefing_related_label.txt", 3, "Firefighters battled a wildfire", datetime.date(2025, 7, 8)),
])
def test_briefing_analysis_ends_where_the_report_begins(tmp_path, name, analysis, body_start, date):
    post = one(tmp_path, name)
    assert len(post["analysis"]) == analysis
    assert post.content.startswith(body_start)
    assert post["date"] == date


def test_briefing_headline_comes_from_the_first_reported_sentence(tmp_path):
    post = one(tmp_path, "briefing_single_sentence_body.txt")
    assert post["title"] == "Georgian Police Detain Opposition Leader Nika Melia in Tbilisi"
    assert post["regions"] == ["Georgia"]


@pytest.mark.parametrize(("lines", "count"), [
    (["The vote suggests a shift.", "Prices could rise.", "The ministry said on Monday it would act."], 2),
    (["Tensions may rise.", "Police detained 40 people on May 3, 2024.", "Unrest could spread."], 1),
    (["Police detained 40 people.", "“We will not stop,” a protester told reporters."], 0),
    (["The talks highlight the gap.", "Negotiators met in Geneva."], 1),
])
def test_analysis_length_follows_what_lines_say(lines, count):
    assert analysis_length(lines) == count


def test_layout_decides_when_no_line_reports():
    neutral = ["The protests come amid rising living costs.", "Opposition parties back the demonstrators."]
    assert analysis_length(neutral, bounded=True) == 2
    assert analysis_length(neutral) == 0
    assert analysis_length(neutral + ["Police fired tear gas on Monday, officials said."], bounded=True) == 0


@pytest.mark.parametrize(("name", "headings", "absent"), [
    ("wire_media_labels.txt", ["Power grid under strain"],
     ["Interview with", "WATCH", "Related:"]),
    ("wire_stray_caption_and_photos_label.txt", ["Relief efforts"],
     ["Slideshow", "PHOTOS", "A boy wades through floodwater"]),
    ("briefing_related_label.txt", [], ["Related:", "Video:"]),
    ("image_credit_subheading_residue.txt", ["Aid response"], ["Advertisement", "Read more"]),
])
def test_labels_and_stray_captions_are_no_subheadings(tmp_path, name, headings, absent):
    post = one(tmp_path, name)
    assert _headings(post) == headings
    for text in absent:
        assert text not in post.content


@pytest.mark.parametrize(("line", "kind"), [
    ("Interview with Ukrainian Foreign Minister Dmytro Kuleba", "media or link label"),
    ("WATCH: Zelenskyy visits front-line positions", "media or link label"),
    ("VIDEO — Rescuers pull survivors from the rubble", "media or link label"),
    ("Related: Ukraine's winter energy plan explained", "media or link label"),
    ("AP PHOTOS | Monsoon floods", "media or link label"),
    ("Read more: What the sanctions mean", "media or link label"),
    ("Floodwater in Jacobabad, Pakistan, August 25, 2022. REUTERS/Akhtar Soomro",
     "photo caption (it ends with a photo credit)"),
    ("Slideshow (3 Images)", "page furniture"),
    ("Power grid under strain", None),
    ("Watchdogs said the vote was fair.", None),
    ("More-aggressive policing has not cut crime, the report said.", None),
    ("Interviews with survivors describe panic.", None),
])
def test_label_kind(line, kind):
    assert label_kind(line) == kind


def test_publisher_label_in_headline_names_the_source(tmp_path):
    report = run_import(tmp_path, DUMPS / "wire_publisher_in_headline.txt", DUMPS / "wire_publisher_label_no_marker.txt")
    voa, explains, photos, poll = posts(report)
    assert voa["source"] == "Voice of America" and voa["image"]["credit"] == "Daniel Mihailescu / AFP"
    assert explains["source"] == "The Associated Press"
    assert photos["source"] == "The Associated Press"
    assert poll["source"] == "Reuters"
    assert voa["title"].startswith("VOA Interview: ")


@pytest.mark.parametrize(("headline", "source"), [
    ("AFP Fact Check - Video Does Not Show Flooding in Valencia", "AFP"),
    ("Russia Expels Two Diplomats | Reuters", "Reuters"),
    ("Reuters Journalist Detained in Belarus", None),
    ("Voice of America Exclusive: Talks Stall", "Voice of America"),
])
def test_find_source_in_headline(headline, source):
    assert find_source(["Officials met on Monday."], headline) == source
