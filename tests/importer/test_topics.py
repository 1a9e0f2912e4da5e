"""Topics come from the editable vocabulary; tags name the people and organisations of the story."""

import pytest

from site_builder.importer import ImportProblem, import_dumps
from tests.support.importer import DUMPS, one


def test_topics_from_vocabulary(tmp_path):
    post = one(tmp_path, "briefing_text_date.txt")
    assert 1 <= len(post["topics"]) <= 4
    assert "Politics" in post["topics"]


def test_tags_use_vocabulary_spelling_and_full_names(tmp_path):
    post = one(tmp_path, "voa_crlf_bom_bullets.txt")
    assert post["tags"][:2] == ["Volodymyr Zelensky", "NATO"]


def test_agencies_are_not_tags(tmp_path):
    post = one(tmp_path, "getty_afp_dateline.txt")
    assert post["tags"] == ["Kyriakos Mitsotakis"]


def test_custom_vocabulary(tmp_path):
    vocabulary = tmp_path / "vocabulary.toml"
    vocabulary.write_text('[topics.Wildfires]\nkeywords = ["wildfire", "blaze", "firefighter"]\n')
    report = import_dumps([DUMPS / "getty_afp_dateline.txt"], tmp_path / "content" / "articles", vocabulary=vocabulary)
    assert report.articles[0].status == "written"
    assert "topics:\n- Wildfires\n" in report.articles[0].path.read_text()


def test_broken_vocabulary_is_an_import_problem(tmp_path):
    vocabulary = tmp_path / "vocabulary.toml"
    vocabulary.write_text("[topics.X\n")
    with pytest.raises(ImportProblem):
        import_dumps([DUMPS / "getty_afp_dateline.txt"], tmp_path / "articles", vocabulary=vocabulary)


def test_a_person_and_their_organisation_are_two_tags():
    from site_builder.importer.tags import _split_affiliation

    assert _split_affiliation("Marcio Astrini of the Climate Observatory") == [
        "Marcio Astrini", "Climate Observatory"]
    assert _split_affiliation("Institute of the Study of War") == ["Institute of the Study of War"]
