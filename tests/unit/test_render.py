import pytest

from site_builder.pages.render import relative_url


@pytest.mark.parametrize("from_url, to_url, local, expected", [
    ("", "2024/12/04/a/", False, "2024/12/04/a/"),
    ("", "", False, "./"),
    ("", "", True, "./index.html"),
    ("2024/12/04/a/", "", False, "../../../../"),
    ("2024/12/04/a/", "topics/x/", True, "../../../../topics/x/index.html"),
    ("2024/12/04/a/", "static/style.css", True, "../../../../static/style.css"),
    ("page/2/", "page/2/", False, "./"),
    ("404.html", "topics/", False, "topics/"),
    ("topics/", "topics/nato/#top", False, "nato/#top"),
    ("topics/nato/", "topics/", False, "../../topics/"),
])
def test_links_are_relative_to_the_page(from_url, to_url, local, expected) -> None:
    assert relative_url(from_url, to_url, local) == expected
