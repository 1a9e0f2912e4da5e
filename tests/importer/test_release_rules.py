"""The rules behind press releases and agency copy, one class of miss at a time, on small real inputs."""

from __future__ import annotations

import datetime

import pytest

from site_builder.importer.bylines import read_byline
from site_builder.importer.captions import parse_caption
from site_builder.importer.dates import find_full_dates, story_date
from site_builder.importer.decoding import decode_dump
from site_builder.importer.regions import Weighted, find_regions
from site_builder.importer.release import header_date, split_release


@pytest.mark.parametrize(("line", "following", "authors", "organisation"), [
    ("By MARY CLARE JALONICK and KEVIN FREKING", "Associated Press", ("Mary Clare Jalonick", "Kevin Freking"),
     "The Associated Press"),
    ("Mauricio Savarese, Associated Press", "", ("Mauricio Savarese",), "The Associated Press"),
    ("By Jane Mills with Marc Dupont in Brussels", "", ("Jane Mills", "Marc Dupont"), None),
    ("By Staff Sgt. Maria Gonzalez, 3rd Infantry Division Public Affairs", "", ("Maria Gonzalez",), "3rd Infantry Division"),
    ("By PAUL WISEMAN, AP Economics Writer", "", ("Paul Wiseman",), "The Associated Press"),
])
def test_bylines_name_authors_and_their_agency(line, following, authors, organisation):
    byline = read_byline(line, following)
    assert (byline.authors, byline.organisation) == (authors, organisation)


@pytest.mark.parametrize("line", ["Kyiv, Ukraine", "Power grid under strain", "By the end of the year, prices rose.",
                                  "Officials said the vote was fair."])
def test_lines_that_are_no_bylines(line):
    assert read_byline(line) is None


@pytest.mark.parametrize(("text", "date"), [
    ("Release Date: MARCH 12, 2024", datetime.date(2024, 3, 12)),
    ("Press release 045/2024 | 15.04.2024", datetime.date(2024, 4, 15)),
    ("For Release: 05/21/2024", datetime.date(2024, 5, 21)),
    ("Published: 2024-04-22T10:00:00Z", datetime.date(2024, 4, 22)),
    ("Posted On: 22 MAY 2024 4:15PM by PIB Delhi", datetime.date(2024, 5, 22)),
])
def test_day_month_year_numeric_and_labelled_iso_dates(text, date):
    assert find_full_dates(text)[0][0] == date


def test_update_lines_are_not_the_date_and_a_deadline_is_no_story_date():
    parts = split_release(["Last updated: March 9, 2024", "Date: March 5, 2024", "", "The agency opened a centre."],
                          [1, 2, 0, 4])
    assert header_date(parts.header)[0] == datetime.date(2024, 3, 5)
    lead = ["Concept papers are due by 5 p.m. ET on May 16, 2024, the department said."]
    assert story_date(lead, lead[0]) == (None, "", None)


@pytest.mark.parametrize("mark", ["###", "# # #", "-30-", "— 30 —", "ENDS", "-- ENDS --", "[ENDS]", "-end-", "XXX",
                                  "End of Media Release", "*** END ***"])
def test_end_marks(mark):
    parts = split_release(["The agency opened a centre.", "", mark, "", "Jane Doe, 202-555-0100"], [1, 0, 3, 0, 5])
    assert [line.text for line in parts.body if line.text] == ["The agency opened a centre."]


def test_end_matter_is_cut_after_an_end_mark_and_before_contacts():
    lines = ["FOR IMMEDIATE RELEASE", "", "The agency opened a centre.", "", "How to apply",
             "Call the number below.", "", "Media contact:", "Jane Doe", "202-555-0100", "", "###", "", "About the Agency",
             "The Agency helps people."]
    parts = split_release(lines, range(1, len(lines) + 1))
    assert [line.text for line in parts.header] == ["FOR IMMEDIATE RELEASE"]
    assert [line.text for line in parts.body if line.text] == ["The agency opened a centre.", "How to apply",
                                                               "Call the number below."]


@pytest.mark.parametrize(("raw", "caption", "credit"), [
    ("A seismograph records. Photo courtesy of the Alaska Earthquake Center", "A seismograph records.",
     "Alaska Earthquake Center"),
    ("Crews prepare. (Courtesy of Brightwater Energy Inc.)", "Crews prepare.", "Brightwater Energy Inc."),
    ("Researchers at work. Image credit: Zenith Labs", "Researchers at work.", "Zenith Labs"),
    ("Soldiers fire. Credit: U.S. Army photo by Sgt. Jane Doe.", "Soldiers fire.", "U.S. Army photo by Sgt. Jane Doe"),
    ("Kayaks near Peru, Indiana. Photo by Frank Oliver, Indiana DNR", "Kayaks near Peru, Indiana.", "Frank Oliver, Indiana DNR"),
    ("PHOTO: A technician works on the mirror. (NASA/Chris Gunn)", "A technician works on the mirror.", "NASA/Chris Gunn"),
    ("Photo: Jane Doe/USDA - Farmers inspect wheat near Salina, Kansas.", "Farmers inspect wheat near Salina, Kansas.",
     "Jane Doe/USDA"),
    ("Vilsack speaks at the event. USDA photo by Lance Cheung.", "Vilsack speaks at the event.", "USDA photo by Lance Cheung"),
    ("The ship at sea. (Courtesy photo)", "The ship at sea.", "Courtesy photo"),
    ("Photo: NASA/Bill Ingalls", None, "NASA/Bill Ingalls"),
])
def test_credits_in_more_forms_than_parentheses(raw, caption, credit):
    image = parse_caption(raw)
    assert (image.caption, image.credit) == (caption, credit)


@pytest.mark.parametrize(("texts", "regions"), [
    (["HOUSTON, April 2, 2024 /PRNewswire/", "Crews started work on the plant."], ("United States",)),
    (["Kayaks near Peru, Indiana, and a club called China Grove Outfitters.", "Trails between Peru and Somerset."],
     ("United States",)),
    (["Zambian health authorities reported cases.", "Haitian families and Zambian doctors."], ("Zambia",)),
    (["The Bank of England held rates.", "The Bank of England said."], ()),
])
def test_cities_demonyms_and_names_inside_names(texts, regions):
    pieces = [Weighted(texts[0], 2.0, dateline="PRNewswire" in texts[0])] + [Weighted(t, 1.0) for t in texts[1:]]
    assert find_regions(pieces) == regions


def test_legacy_bytes_are_read_as_windows_1252():
    decoded = decode_dump("“Café” – ok".encode("utf-8").replace("–".encode(), b"\x96") + b" \x93quoted\x94")
    assert decoded.text == "“Café” – ok “quoted”" and decoded.repaired == 3


def test_a_release_explains_its_issuer_date_and_dropped_lines():
    from tests.support.importer import DUMPS

    from site_builder.importer import explain_dumps

    (article,) = explain_dumps([DUMPS / "releases" / "cdc_measles.txt"]).articles
    records = {record.field: record for record in article.provenance}
    assert (records["source"].value, records["source"].line) == ("Centers for Disease Control and Prevention", 22)
    assert records["source"].rule == "the issuer, labelled: 'Content source: Centers for Disease Control and Prevention'"
    assert (records["date"].line, records["date"].rule) == (4, "the release's date in its header: 'Wednesday, March 20, 2024'")
    dropped = [(r.line, r.rule.split(" (")[0]) for r in article.provenance if r.field == "body"]
    assert dropped[:4] == [(3, "dropped: a header line of the release"), (4, "dropped: a header line of the release"),
                           (5, "dropped: a header line of the release"), (6, "dropped: a header line of the release")]
    assert [line for line, why in dropped if why == "dropped: end matter"] == [17, 19, 21, 22]
