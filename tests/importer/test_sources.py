"""The source is the agency the text names as reporting, normalised; a photo credit never is."""

import pytest

from site_builder.importer.sources import find_source
from tests.support.importer import one


@pytest.mark.parametrize(("text", "source"), [
    ("Recruits are sought, The Associated Press said.", "The Associated Press"),
    ("He told the AP that he would not.", "The Associated Press"),
    ("Zelenskyy told VOA in an interview.", "Voice of America"),
    ("Boats were used, Agence France-Presse reported.", "AFP"),
    ("MOSCOW, March 23 (Reuters) - Russia expelled diplomats.", "Reuters"),
    ("The Jerusalem Post reported that officials spoke, the Israeli news portal ynet reported.", None),
    ("Japanese media reported, citing NHK.", None),
])
def test_find_source(text, source):
    assert find_source([text]) == source


def test_photo_credit_is_not_the_source(tmp_path):
    post = one(tmp_path, "voa_crlf_bom_bullets.txt")
    assert post["source"] == "Voice of America"
    assert post["image"]["credit"] == "Sergei Supinsky / AFP"
