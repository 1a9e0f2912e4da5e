"""The built site in a real browser: served over HTTP under a subpath, and from disk."""

import pytest
from playwright.sync_api import expect

from tests.support.sites import SITE_TOML, article

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
        # Earlier coverage: a date never wraps over two lines ("4 / December 2024").
        assert page.evaluate("getComputedStyle(document.querySelector('.related time')).whiteSpace") == "nowrap"
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
    page.get_by_role("link", name="Archive", exact=True).first.click()
    page.wait_for_url("**/output/archive/index.html")
    page.get_by_role("link", name="2025").click()
    page.wait_for_url("**/output/archive/2025/index.html")
    page.get_by_role("link", name="January").click()
    page.wait_for_url("**/output/archive/2025/01/index.html")
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


def test_the_dark_mode_toggle_remembers_the_choice(make_site, run, serve_dir, page_at) -> None:
    root = sample_site(make_site, run)
    base = serve_dir(root / "output")
    page = page_at(DESKTOP, "light")
    page.goto(base)
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    toggle = page.get_by_role("button", name="Dark mode")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light and toggle.get_attribute("aria-pressed") == "true"
    # Another page opens dark, before its scripts run: no flash of the light scheme.
    page.goto(base + "topics/elections/", wait_until="commit")
    page.wait_for_selector("body")
    assert page.evaluate("document.documentElement.dataset.scheme") == "dark"
    page.wait_for_load_state()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
    # Back to the system's scheme: the choice is forgotten, and the page follows the system.
    page.get_by_role("button", name="Dark mode").click()
    assert page.evaluate("localStorage.getItem('colour-scheme')") is None
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
    # The button follows the system's change when its listener runs, a moment after the change.
    expect(page.get_by_role("button", name="Dark mode")).to_have_attribute("aria-pressed", "true")
    assert page.errors == []


def test_print_shows_the_articles_address_and_leaves_out_the_navigation(make_site, run, serve_dir, page_at) -> None:
    root = sample_site(make_site, run)
    page = page_at(DESKTOP, "dark")
    page.goto(serve_dir(root / "output") + "2025/05/05/parliament-votes-on-budget-round-5/")
    assert not page.locator(".print-url").is_visible()
    page.emulate_media(media="print")
    address = page.locator(".print-url")
    assert address.is_visible()
    assert address.inner_text() == "https://example.org/archive/2025/05/05/parliament-votes-on-budget-round-5/"
    assert not page.locator(".site-nav").is_visible() and not page.locator(".scheme-toggle").is_visible()
    # On paper in the light scheme, whatever the screen's.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def test_the_tags_index_filters_thousands_of_tags(make_site, run, serve_dir, page_at) -> None:
    # 3,000 tags of one article each, listed on the index with their article (no pages).
    files = {f"content/articles/{n}.md": article(
        f"Story {n}", f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
        tags="[" + ", ".join(f"'Person {n * 20 + k}'" for k in range(20)) + (", Zürich]" if n == 7 else "]"))
        for n in range(150)}
    root = make_site(files, SITE_TOML.replace("articles_per_page = 3", "min_articles_for_tag_page = 1000"))
    assert run(root, "build")[0] == 0
    page = page_at(PHONE)
    page.goto(serve_dir(root / "output") + "tags/")
    assert page.locator(".term-list > li").count() == 3001
    box = page.get_by_label("Find a tag")
    box.fill("person 2999")
    expect(page.get_by_role("status")).to_have_text("1 tag matches “person 2999”.")
    assert page.locator(".term-list > li:visible").all_inner_texts() == ["Person 2999: Story 149"]
    assert not page.locator(".most-used").is_visible() and not page.locator(".az").is_visible()
    box.fill("zurich")  # accents aside
    assert page.locator(".term-list > li:visible").all_inner_texts() == ["Zürich: Story 7"]
    assert page.locator("section.letter:visible h2").all_inner_texts() == ["Z"]
    box.fill("nobody")
    expect(page.get_by_role("status")).to_have_text("No tag matches “nobody”.")
    box.fill("")
    assert page.locator(".term-list > li:visible").count() == 3001 and page.locator(".most-used").is_visible()
    assert page.errors == []


@pytest.mark.parametrize("base_url", ["http://localhost:8000/", "https://example.org/archive/"])
def test_the_404_page_works_from_any_host_and_subpath(make_site, run, serve_dir, page_at, base_url) -> None:
    """The walkthrough's 404 page carried <base href=base_url>: with base_url left at
    localhost, on a real host it had no stylesheet and every link led to localhost."""
    root = sample_site(make_site, run)
    (root / "site.toml").write_text(SITE_TOML.replace("https://example.org/archive/", base_url))
    assert run(root, "build")[0] == 0
    assert "<base" not in (root / "output/404.html").read_text()
    served = serve_dir(root, not_found=root / "output/404.html")  # the site under /output/
    page = page_at(PHONE)
    misses: list[str] = []  # every address answered 404: the missing page alone, never its stylesheet
    page.on("response", lambda response: misses.append(response.url) if response.status == 404 else None)
    # Drawn once, styled: its stylesheets, added by its script, block rendering as others' do.
    page.add_init_script("""window.shifted = 0; new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.shifted += entry.value;
    }).observe({type: "layout-shift", buffered: true});""")
    for missing in ("output/2025/05/05/no-such-story/", "output/topics/no-such-topic/",
                    "output/no-such-page", "output/archive/2031/"):
        misses.clear()
        response = page.goto(served + missing)
        assert response.status == 404 and page.locator("h1").inner_text() == "Page not found"
        page.wait_for_load_state("networkidle")
        assert misses == [served + missing] and page.evaluate("window.shifted") < 0.01
        # The stylesheet loaded: the navigation is the theme's, not a browser's list.
        assert page.evaluate("getComputedStyle(document.querySelector('.site-nav ul')).display") == "flex", missing
        page.get_by_role("link", name="Go to the latest articles").click()
        page.wait_for_url(served + "output/")
        assert page.locator("h1").inner_text() == "Latest"
    # At a domain's root as well.
    at_root = serve_dir(root / "output", not_found=root / "output/404.html")
    page.goto(at_root + "2025/05/05/no-such-story/")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-nav ul')).display") == "flex"
    page.get_by_role("link", name="search the archive").click()
    page.wait_for_url(at_root + "search/")
    # The only errors: the browser's note of each 404 answer.
    assert all("404" in error for error in page.errors), page.errors
