"""Both themes in a real browser (layout, dark mode, pictures, axe-core audits), plus the theme
chain, fingerprinted assets, template overrides and the chart and map builders."""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from site_builder.build import build
from site_builder.catalog import index_articles
from site_builder.config import load_config
from site_builder.content.parse import parse_file
from site_builder.model import ArticleFile
from site_builder.options import BuildOptions
from site_builder.pages.theme import load_theme
from site_builder.pages.widgets.charts import month_chart, month_counts
from site_builder.pages.widgets.worldmap import world_map
from tests.support.corpus import write_corpus
from tests.support.sites import SITE_TOML, article

PHONE, DESKTOP = 390, 1280
THEMES = ["default", "compact"]


@pytest.fixture(scope="module", params=THEMES)
def built(request, tmp_path_factory) -> tuple[str, Path]:
    """(theme, output folder) of a 60-article generated archive, built once per theme, with
    the search index: the search page is among those audited."""
    root = tmp_path_factory.mktemp(request.param)
    write_corpus(root, 60)
    (root / "site.toml").write_text(SITE_TOML.replace("search = false", "search = true")
                                    + f'theme = "{request.param}"\n')
    build(BuildOptions(root=root, out=root / "output"))
    return request.param, root / "output"


def pages_of(out: Path) -> dict[str, str]:
    """One page of each kind, by name -> site-relative URL."""
    story = next(out.glob("20*/*/*/story-*/index.html")).parent.relative_to(out).as_posix()
    month = next(out.glob("archive/20*/*/index.html")).parent.relative_to(out).as_posix()
    day = next(out.glob("archive/20*/*/*/index.html")).parent.relative_to(out).as_posix()
    return {"home": "", "article": f"{story}/", "topic": "topics/elections/",
            "region": "regions/russia/", "regions": "regions/", "archive": f"{month}/",
            "year": f"{month[:12]}/", "day": f"{day}/", "tags": "tags/", "numbered": "page/3/",
            "search": "search/?q=ceasefire&region=Japan", "not found": "2015/01/01/no-such-story/"}


@pytest.mark.slow
def test_pages_render_cleanly_on_phone_and_desktop(built, serve_dir, page_at) -> None:
    theme, out = built
    base = serve_dir(out.parent) + "output/"  # under a subpath
    for width in (PHONE, DESKTOP):
        page = page_at(width)
        for name, url in pages_of(out).items():
            if name == "not found":  # tests/browser/test_browser.py serves it for missing pages
                continue
            page.goto(base + url)
            assert page.locator("h1").count() == 1, (name, width)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (theme, name, width)
            assert page.locator("main#main").count() == 1 and page.locator("header nav").count() == 1
        assert page.errors == [], (theme, width)


@pytest.mark.slow
def test_the_compact_theme_lists_articles_as_a_table(built, serve_dir, page_at) -> None:
    theme, out = built
    page = page_at(DESKTOP)
    page.goto(serve_dir(out))
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    if theme == "compact":
        expect(page.get_by_role("columnheader")).to_have_text(["Date", "Headline", "Source", "Regions"])
        assert "serif" not in font.replace("sans-serif", "")
    else:
        assert page.locator("table").count() == 0 and "Charter" in font


@pytest.mark.slow
def test_dark_mode_applies_in_both_themes(built, serve_dir, page_at) -> None:
    _, out = built
    colours = []
    for scheme in ("light", "dark"):
        page = page_at(DESKTOP, scheme)
        page.goto(serve_dir(out) + "regions/")
        colours.append(page.evaluate("""[getComputedStyle(document.body).backgroundColor,
            getComputedStyle(document.querySelector('.world-map .land')).fill]"""))
    assert colours[0][0] != colours[1][0] and colours[0][1] != colours[1][1]


@pytest.mark.slow
def test_the_chart_and_the_map_have_names_and_the_map_links_regions(built, serve_dir, page_at) -> None:
    _, out = built
    base = serve_dir(out)
    page = page_at(DESKTOP)
    page.goto(base + "topics/elections/")
    expect(page.locator(".month-chart p")).to_have_text(re.compile(r"^Articles per month about Elections"))
    page.get_by_text("The numbers behind the chart").click()
    expect(page.get_by_role("table", name="Articles per month about Elections")).to_be_visible()
    # A bar is a link to its month's coverage: the page that shows that month's newest article.
    bar = page.locator(".chart-bars a").first
    month = dt.datetime.strptime(bar.get_attribute("title").split(":")[0], "%B %Y")
    bar.click()
    page.wait_for_load_state()
    assert f'datetime="{month:%Y-%m}' in page.content()
    page.go_back()
    page.goto(base + "topics/elections/page/2/")
    assert page.locator(".month-chart").count() == 0  # first page only
    page.goto(base + "regions/")
    expect(page.locator("svg.world-map")).to_have_attribute("aria-label", re.compile("^World map"))
    # Russia's outline spans the antimeridian, so the keyboard reaches it, not a click at its centre.
    page.get_by_role("link", name=re.compile(r"^Russia: \d+ articles?$")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/regions/russia/")
    assert page.locator("h1").inner_text().startswith("Russia")
    page.go_back()
    page.get_by_role("link", name=re.compile(r"^Ukraine: \d+ articles?$")).click()
    page.wait_for_url("**/regions/ukraine/")
    # Leaving a page at once may abort its favicon request: the browser's doing, not the site's.
    assert [e for e in page.errors if not re.match(r"failed: .*/favicon\.", e)] == []


AUDITED = ["home", "article", "topic", "region", "archive", "year", "day", "tags", "numbered", "search",
           "not found"]


@pytest.mark.slow
def test_axe_finds_no_serious_problems(built, serve_dir, page_at) -> None:
    axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_playwright.Axe()
    theme, out = built
    base = serve_dir(out, not_found=out / "404.html")
    pages = pages_of(out)
    for scheme in ("light", "dark"):
        page = page_at(DESKTOP, scheme)
        for name in AUDITED:
            page.goto(base + pages[name])
            if name == "search":
                expect(page.locator("#search-results li").first).to_be_visible()
            violations = axe.run(page).response["violations"]
            bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in violations if v["impact"] in ("serious", "critical")]
            assert bad == [], (theme, scheme, name, bad)


# Without a browser: the theme chain, assets, overrides and the picture builders.

def test_compact_extends_default_and_assets_are_fingerprinted(make_site, run) -> None:
    root = make_site({"content/articles/2024/12/a.md": article(regions="[Japan]", topics="[Trade]")},
                     SITE_TOML + 'theme = "compact"\n')
    theme = load_theme(root, "compact")
    assert [folder.name for folder in theme.chain] == ["compact", "default"]
    assert set(theme.assets) == {"compact.css", "favicon.svg", "filter.js", "scheme.js", "search.js", "style.css"}
    assert theme.static_files[theme.assets["favicon.svg"]].parent.parent.name == "compact"
    assert all(re.fullmatch(r"static/[a-z]+\.[0-9a-f]{10}\.(css|js|svg)", p) for p in theme.assets.values())
    assert run(root, "build")[0] == 0
    html = (root / "output/2024/12/04/a-headline/index.html").read_text()
    for name in ("style.css", "compact.css", "favicon.svg"):
        path = theme.assets[name]
        assert f'href="../../../../{path}"' in html and (root / "output" / path).is_file()
    assert not (root / "output/static/style.css").exists()
    assert "data-pagefind-body" in html  # the article template comes from default


def test_a_site_template_extends_the_themes_own_version(make_site, run) -> None:
    override = ('{% extends "default/article.html" %}'
                '{% block content %}<p class="edited">Edited</p>{{ super() }}{% endblock %}')
    root = make_site({"content/articles/2024/12/a.md": article(),
                      "templates/article.html": override})
    assert run(root, "build")[0] == 0
    html = (root / "output/2024/12/04/a-headline/index.html").read_text()
    assert '<p class="edited">Edited</p>' in html and '<h1 class="headline">A headline</h1>' in html


def site_of(make_site, files: dict[str, str]):
    root = make_site(files)
    config = load_config(root)
    articles = [parse_file(ArticleFile(str(root), name, text), config)
                for name, text in files.items()]
    return index_articles(articles)[0]


def test_the_month_chart_has_a_bar_per_month_and_escapes_names(make_site) -> None:
    site = site_of(make_site, {
        "content/articles/a.md": article("One", "2024-01-10", topics="['<b>&Co</b>']"),
        "content/articles/b.md": article("Two", "2024-01-20", topics="['<b>&Co</b>']"),
        "content/articles/c.md": article("Three", "2024-04-02", topics="['<b>&Co</b>']"),
    })
    term = site.taxonomy("topics").terms[0]
    assert month_counts(term.articles) == [(dt.date(2024, 1, 1), 2), (dt.date(2024, 2, 1), 0),
                                           (dt.date(2024, 3, 1), 0), (dt.date(2024, 4, 1), 1)]
    html = str(month_chart(term, lambda month: f"../m/{month:%Y-%m}/"))
    # Each month with articles a bar, a link to that month's coverage; empty months empty.
    assert re.findall(r'<a href="([^"]+)" tabindex="-1" title="([^"]+)"', html) == [
        ("../m/2024-01/", "January 2024: 2 articles"), ("../m/2024-04/", "April 2024: 1 article")]
    assert html.count("<li></li>") == 2 and "<b>" not in html and "&lt;b&gt;&amp;Co" in html
    # Under a year: each month named, and the year where it starts.
    assert re.findall(r'<li style="grid-area: 1 / (\d+)">(\w+)</li>', html) == [
        ("1", "Jan"), ("2", "Feb"), ("3", "Mar"), ("4", "Apr")]
    assert '<li class="year" style="grid-area: 2 / 1 / 3 / span 4">2024</li>' in html
    assert '<p class="visually-hidden">Articles per month about &lt;b&gt;&amp;Co&lt;/b&gt;, January 2024' in html


def chart_of(make_site, dates: list[str]) -> str:
    site = site_of(make_site, {f"content/articles/{i}.md": article(f"Story {i}", date, topics="[Trade]")
                               for i, date in enumerate(dates)})
    return str(month_chart(site.taxonomy("topics").terms[0], lambda month: None))


def test_a_chart_labels_each_year_where_it_starts_and_never_clips_one(make_site) -> None:
    """The walkthrough's charts: December 2024 under a "2025" label, the last label cut to
    "20", one month drawn as one bar across the chart."""
    html = chart_of(make_site, ["2024-12-04", "2025-01-10", "2026-03-01", "2026-04-01"])
    years = re.findall(r'<li class="year" style="grid-area: 1 / (\d+) / 2 / span (\d+)">(\d{4})</li>', html)
    # 17 months: a year's label needs two of them; 2024 has one (December), 2026 four.
    assert years == [("2", "12", "2025"), ("14", "4", "2026")]
    assert "--months: 17" in html
    # One month: one bar in one column (at most 2.5rem wide, see style.css), named.
    single = chart_of(make_site, ["2024-12-04"])
    assert "--months: 1" in single and ">Dec</li>" in single and ">2024</li>" in single
    # Ten years: every full year labelled, none crowding the next.
    decade = chart_of(make_site, [f"{year}-{month:02d}-01" for year in range(2015, 2025) for month in (1, 12)])
    assert re.findall(r">(\d{4})</li>", decade) == [str(year) for year in range(2015, 2025)]
    # Twelve years: a phone has room for every other label (the rest are "minor", hidden
    # there by the stylesheet), a desktop for all.
    twelve = chart_of(make_site, [f"{year}-{month:02d}-01" for year in range(2014, 2026) for month in (1, 12)])
    labels = re.findall(r'<li class="year( minor)?"[^>]*>(\d{4})</li>', twelve)
    assert [year for _, year in labels] == [str(year) for year in range(2014, 2026)]
    assert [year for minor, year in labels if minor] == [str(year) for year in range(2015, 2026, 2)]


def test_the_world_map_links_known_countries_only(make_site) -> None:
    site = site_of(make_site, {
        "content/articles/a.md": article("One", regions="[Russia, United Kingdom, Atlantis]"),
        "content/articles/b.md": article("Two", regions="[Russia, Singapore]"),
    })
    geometry = load_theme(Path("."), "default").data_file("map/countries-110m.geojson")
    svg = str(world_map(site.taxonomy("regions"), geometry, lambda url: "../" + url))
    assert re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', svg) == [
        ("../regions/russia/", "Russia: 2 articles"), ("../regions/singapore/", "Singapore: 1 article"),
        ("../regions/united-kingdom/", "United Kingdom: 1 article")]
    assert 'class="m5 marker"' not in svg and "marker" in svg  # Singapore is too small to click
    assert len(svg) < 90_000
