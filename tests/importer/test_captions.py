"""Captions lose their credit and file-photo marks; the credit goes to image.credit."""

import pytest

from site_builder.importer.captions import parse_caption
from tests.support.importer import one


@pytest.mark.parametrize(("raw", "caption", "credit", "is_file"), [
    ("A billboard outside Krasnodar, Russia, Thursday, March 23, 2023. (AP Photo)",
     "A billboard outside Krasnodar, Russia, Thursday, March 23, 2023.", "AP Photo", False),
    ("People walk past a billboard in Tehran on February 8, 2026. (Photo by ATTA KENARE / AFP)",
     "People walk past a billboard in Tehran on February 8, 2026.", "ATTA KENARE / AFP", False),
    ("FILE PHOTO: Keir Starmer in Washington, DC, US. Carl Court/Pool via REUTERS/File Photo",
     "Keir Starmer in Washington, DC, US.", "Carl Court/Pool via REUTERS", True),
    ("Residents wade through floodwaters. Image: Audu Marte/AFP.", "Residents wade through floodwaters.", "Audu Marte/AFP", False),
    ("TOPSHOT - Takaichi reacts in Tokyo. (Photo by Kim Kyung-Hoon / POOL / AFP)", "Takaichi reacts in Tokyo.", "Kim Kyung-Hoon / POOL / AFP", False),
    ("FILE - The court in Washington, June 30, 2023. (AP Photo/Mariam Zuhaib, File)", "The court in Washington, June 30, 2023.", "AP Photo/Mariam Zuhaib", True),
    ("A quiet street in Kyiv at dawn.", "A quiet street in Kyiv at dawn.", None, False),
])
def test_caption_and_credit(raw, caption, credit, is_file):
    image = parse_caption(raw)
    assert (image.caption, image.credit, image.is_file_photo) == (caption, credit, is_file)


def test_getty_credit_in_article(tmp_path):
    post = one(tmp_path, "getty_afp_dateline.txt")
    assert post["image"] == {"caption": "Firefighters battle a wildfire near Varnavas, north of Athens, on August 11, 2024.",
                             "credit": "Angelos Tzortzinis/Getty Images"}
