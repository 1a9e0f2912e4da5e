"""Search in a site of several languages: Pagefind indexes each language apart (by <html lang>),
each language has its search page under /<language>/search/, and the search page takes a reader
to the one in the browser's language."""

from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from site_builder.build import build
from site_builder.options import BuildOptions
from tests.support.sites import SITE_TOML, article, write_site

pytestmark = pytest.mark.slow

RUSSIAN_WORD = "шахтёров"  # in the Russian article only


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("bilingual"), {
        "content/articles/2026/budget-en.md": article(
            "Parliament passes the budget", "2026-02-08", "Parliament passed the budget after a night of debate.",
            translation_key="budget"),
        "content/articles/2026/budget-ru.md": article(
            "Парламент принял бюджет", "2026-02-08", f"Депутаты обсуждали субсидии для {RUSSIAN_WORD}.",
            language="ru", translation_key="budget"),
        "content/articles/2026/frost-ru.md": article("Морозы в Сибири", "2026-02-09", "В Сибири ударили морозы.",
                                                     language="ru"),
    }, SITE_TOML.replace("search = false", "search = true"))
    build(BuildOptions(root=root, out=root / "output"))
    return root


def test_a_russian_word_is_found_in_the_russian_article(bilingual, serve_dir, page_at) -> None:
    page = page_at()
    page.goto(serve_dir(bilingual) + "output/ru/search/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.get_by_label("Поиск по архиву").fill(RUSSIAN_WORD)
    expect(page.locator("#search-status")).to_have_text(f"1 результат по запросу «{RUSSIAN_WORD}»")
    expect(page.locator("#search-results h2")).to_have_text(["Парламент принял бюджет"])
    assert page.errors == []


def test_the_search_page_takes_a_reader_to_their_language_until_they_choose(bilingual, serve_dir, page_at) -> None:
    page, base = page_at(locale="ru-RU"), serve_dir(bilingual) + "output/"
    page.goto(f"{base}search/?q={RUSSIAN_WORD}")
    expect(page).to_have_url(f"{base}ru/search/?q={quote(RUSSIAN_WORD)}")
    expect(page.locator("#search-results h2")).to_have_text(["Парламент принял бюджет"])
    page.get_by_role("link", name="English").click()  # a choice, kept for the visit
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation", name="Search in another language")).to_be_visible()
    page.get_by_label("Search the archive").fill("budget")
    expect(page.locator("#search-results h2")).to_have_text(["Parliament passes the budget"])


def test_translations_link_each_other(bilingual, serve_dir, page_at) -> None:
    page = page_at()
    page.goto(serve_dir(bilingual) + "output/2026/02/08/parliament-passes-the-budget/")
    page.get_by_role("navigation", name="Translations").get_by_role("link", name="Русский").click()
    expect(page.locator("h1")).to_have_text("Парламент принял бюджет")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("link", name="Свежее")).to_have_attribute("href", "../../../../ru/")
