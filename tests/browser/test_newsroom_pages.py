"""The newsroom's pages in a real browser, in both themes: the article with its photo (the variant
the browser picks for the screen, drawn at once), the author's page, the story, the corrections,
an About page; each clean on a phone and a desktop, light and dark, and passing axe-core; in
English, French and Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.links import find_broken_links
from site_builder.options import BuildOptions
from tests.support.newsroom import FIRST_URL, NEWSROOM_TOML, PHOTO_STORY_URL, write_newsroom

pytestmark = pytest.mark.slow  # a real browser

PHONE, DESKTOP = 390, 1280
PAGES = {"home": "", "article": PHOTO_STORY_URL, "earlier": FIRST_URL, "author": "authors/jane-doe/",
         "authors": "authors/", "story": "stories/japan-budget/", "stories": "stories/",
         "corrections": "corrections/", "about": "about/", "topic": "topics/economy/"}


@pytest.fixture(scope="module", params=["default", "compact", "default-fr", "default-ar"])
def newsroom_site(request, tmp_path_factory) -> tuple[str, Path]:
    """(theme, output folder) of the newsroom's archive, built once per theme, and in French
    and Arabic (right to left) with the default theme."""
    theme, _, language = request.param.partition("-")
    root = write_newsroom(tmp_path_factory.mktemp(request.param) / "site",
                          f'theme = "{theme}"\n' + (f'language = "{language}"\n' if language else "") + NEWSROOM_TOML)
    build(BuildOptions(root=root, out=root / "output"))
    return request.param, root / "output"


def test_the_newsroom_pages_render_cleanly_and_link_only_to_what_is_there(newsroom_site, serve_dir, page_at) -> None:
    theme, out = newsroom_site
    assert list(find_broken_links(out)) == []
    base = serve_dir(out.parent) + "output/"  # under a subpath
    for width in (PHONE, DESKTOP):
        for scheme in ("light", "dark"):
            page = page_at(width, scheme)
            for name, url in PAGES.items():
                page.goto(base + url)
                assert page.locator("h1").count() == 1, (theme, name, width)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (theme, name, width)
            assert page.errors == [], (theme, width, scheme)


def test_the_lead_photo_is_the_variant_the_screen_needs_and_drawn_at_once(newsroom_site, serve_dir, page_at) -> None:
    _, out = newsroom_site
    base = serve_dir(out)
    for width, wanted in ((PHONE, "-480.webp"), (DESKTOP, "-960.webp")):
        page = page_at(width)
        page.goto(base + PHOTO_STORY_URL)
        lead = page.locator(".lead-image img")
        lead.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=lead.element_handle())
        assert page.evaluate("img => img.currentSrc", lead.element_handle()).endswith(wanted), width
        assert lead.get_attribute("loading") is None  # the first thing a reader sees
        # Drawn at the column's width, in the photo's shape (2000x1300).
        box = lead.bounding_box()
        assert box is not None and abs(box["width"] / box["height"] - 2000 / 1300) < 0.02
        assert page.locator("figure.lead-image figcaption").inner_text().startswith("Lawmakers vote in the Diet")
        assert page.errors == []


def test_axe_finds_no_serious_problems_on_the_newsroom_pages(newsroom_site, serve_dir, page_at) -> None:
    axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_playwright.Axe()
    theme, out = newsroom_site
    base = serve_dir(out)
    for width, scheme in ((PHONE, "light"), (DESKTOP, "light"), (DESKTOP, "dark")):
        page = page_at(width, scheme)
        for name, url in PAGES.items():
            page.goto(base + url)
            violations = axe.run(page).response["violations"]
            bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in violations if v["impact"] in ("serious", "critical")]
            assert bad == [], (theme, width, scheme, name, bad)
