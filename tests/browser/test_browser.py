"""The built site in a real browser: served over HTTP under a subpath, and from disk."""

import pytest

from tests.support.sites import article

pytestmark = pytest.mark.slow  # a real browser

PHONE, DESKTOP = 390, 1280


def sample_site(make_site, run, *args: str):
    files = {
        f"content/articles/2025/0{n}/s{n}.md": article(
            f"Parliament votes on budget, round {n}", f"2025-0{n}-0{n}",
            "Lawmakers debated a long list of amendments well into the night. " * 12,
            topics="[Elections]", regions="[Japan]", source="Reuters",
            image="{caption: 'Lawmakers in the chamber in Tokyo', credit: 'Kim Kyung-Hoon / AFP'}",
            analysis="['The vote tests the coalition.']")
        for n in range(1, 6)
    }
    root = make_site(files)
    assert run(root, "build", *args)[0] == 0
    return root


def test_pages_work_under_a_subpath_on_phone_and_desktop(make_site, run, serve_dir, page_at) -> None:
    root = sample_site(make_site, run)
    base = serve_dir(root) + "output/"  # the site lives under /output/, not at the root
    for width in (PHONE, DESKTOP):
        page = page_at(width)
        page.goto(base)
        assert page.locator("h1").inner_text() == "Latest"
        page.get_by_role("link", name="Parliament votes on budget, round 5").click()
        page.wait_for_url("**/2025/05/05/parliament-votes-on-budget-round-5/")
        assert page.locator("h1").inner_text() == "Parliament votes on budget, round 5"
        assert page.locator(".analysis").is_visible()
        # The stylesheet loaded: the masthead uses the theme's layout, not browser defaults.
        assert page.evaluate("getComputedStyle(document.querySelector('.site-nav ul')).display") == "flex"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.get_by_role("link", name="Elections").first.click()
        page.wait_for_url("**/topics/elections/")  # else h1 may still be the article's
        assert page.locator("h1").inner_text().startswith("Elections")
        assert page.errors == []


def test_a_local_build_browses_from_disk(make_site, run, page_at) -> None:
    root = sample_site(make_site, run, "--local")
    page = page_at(DESKTOP)
    page.goto((root / "output/index.html").as_uri())
    page.get_by_role("link", name="Older →").click()  # 3 a page: the oldest three, newest first
    page.wait_for_url("**/output/page/1/index.html")
    page.get_by_role("link", name="Parliament votes on budget, round 1").click()
    page.wait_for_url("**/parliament-votes-on-budget-round-1/index.html")
    assert page.locator("h1").inner_text() == "Parliament votes on budget, round 1"
    page.get_by_role("link", name="Latest", exact=True).click()
    page.wait_for_url("**/output/index.html")
    assert page.errors == []


def test_dark_mode_follows_the_reader_preference(make_site, run, serve_dir, page_at) -> None:
    root = sample_site(make_site, run)
    base = serve_dir(root / "output")
    backgrounds = []
    for scheme in ("light", "dark"):
        page = page_at(DESKTOP, scheme)
        page.goto(base)
        backgrounds.append(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert backgrounds[0] != backgrounds[1]
