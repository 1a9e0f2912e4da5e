"""Regions are the countries a story is about, as English short names, ranked by salience."""

from site_builder.importer.regions import Weighted, country_name, find_regions
from tests.support.importer import one


def test_short_names_for_awkward_official_names():
    assert [country_name(c) for c in ("KR", "IR", "RU", "VN", "TR", "TW", "SY", "BO", "VE", "MD", "TZ", "LA", "CZ")] == [
        "South Korea", "Iran", "Russia", "Vietnam", "Turkey", "Taiwan", "Syria", "Bolivia", "Venezuela",
        "Moldova", "Tanzania", "Laos", "Czech Republic"]


def test_cities_demonyms_and_aliases():
    text = [Weighted("Talks in Muscat, Oman and Kyiv. The Kremlin and U.K. officials and Japanese media.", 1.0)]
    for _ in range(2):
        text.append(text[0])
    assert set(find_regions(text)) >= {"Russia", "United Kingdom", "Japan"}


def test_common_words_and_people_are_not_places():
    text = [Weighted("Israel Katz met George Washington fans in March. Nice work, said Victoria.", 1.0)] * 3
    assert find_regions(text) == ()


def test_secondary_countries_are_dropped(tmp_path):
    post = one(tmp_path, "getty_afp_dateline.txt")
    assert post["regions"] == ["Greece"]


def test_latin_america_is_not_the_united_states():
    assert find_regions([Weighted("Latin America and South America and Voice of America", 1.0)] * 3) == ()
