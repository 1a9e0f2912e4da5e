"""Sitemaps planned from the pages (pages/sitemaps.py)."""

from site_builder.model import Page
from site_builder.pages.sitemaps import SITEMAP_LIMIT, plan_sitemaps


def test_a_sitemap_over_fifty_thousand_urls_is_split() -> None:
    pages = [Page(f"p{n}/", "x.html", {}) for n in range(SITEMAP_LIMIT + 5)]
    planned = list(plan_sitemaps(pages))
    assert [p.url for p in planned] == ["sitemap-pages.xml", "sitemap-pages-2.xml", "sitemap.xml"]
    assert planned[-1].template == "sitemap_index.xml"
