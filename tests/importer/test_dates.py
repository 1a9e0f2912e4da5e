"""Dates come from the caption, a dateline or the story's own date in the text, never invented."""

import datetime

from site_builder.importer.dates import story_date
from tests.support.importer import DUMPS, one, run_import


def test_dateline_month_day_takes_the_only_year(tmp_path):
    post = one(tmp_path, "reuters_dateline_no_caption.txt")
    assert post["date"] == datetime.date(2023, 3, 23)


def test_file_photo_date_is_not_the_article_date(tmp_path):
    report = run_import(tmp_path, DUMPS / "file_photo_dash.txt")
    (article,) = report.articles
    assert article.date is None and "undated" in article.path.parts
    assert "no date found: written as draft" in article.notes


def test_weekday_only_is_no_date(tmp_path):
    post = one(tmp_path, "no_date_weekday_only.txt")
    assert "date" not in post and post["draft"] is True


def test_text_date_after_said_on(tmp_path):
    assert one(tmp_path, "image_credit_subheading_residue.txt")["date"] == datetime.date(2024, 9, 11)


def test_historical_and_future_dates_are_skipped():
    paragraphs = ["The group has grown since March 3, 2019, and a vote is scheduled for June 5, 2030.",
                  "Officials met on Tuesday."]
    assert story_date(paragraphs, " ".join(paragraphs)) == (None, "", None)


def test_ambiguous_year_gives_no_date():
    paragraphs = ["KYIV, May 3 (Reuters) - Talks resumed, after failing in 2022 and 2023."]
    assert story_date(paragraphs, paragraphs[0])[0] is None


def test_a_historical_year_does_not_date_a_dateline(tmp_path):
    from site_builder.importer.dates import story_date

    lead = "BRUSSELS, June 23 (Reuters) - European Union leaders agreed on Friday a new package."
    history = lead + " The package, the 11th since the invasion of Ukraine in February 2022, adds firms."
    assert story_date([lead], history) == (None, "", None)
    assert story_date([lead], lead + " Trade rose in 2023.")[0] == datetime.date(2023, 6, 23)
