"""The archive that ships in content/: the quick start's build, as a new user sees it."""

import re
from pathlib import Path

import frontmatter

from site_builder.build import build
from site_builder.links import find_broken_links, page_links
from site_builder.options import BuildOptions
from tests.support.sites import REPO

SEED_URLS = {
    "2024/12/04/russian-authorities-raid-moscow-nightclubs-to-detain-men-for-military/":
        "Russian Authorities Raid Moscow Nightclubs to Detain Men for Military Conscription",
    "2023/03/23/new-russian-campaign-tries-to-entice-men-to-fight-in-ukraine/":
        "New Russian Campaign Tries to Entice Men to Fight in Ukraine",
    "2026/02/08/israel-threatens-to-hit-irans-ballistic-missiles-questions-value-of-deal/":
        "Israel Threatens to Hit Iran\u2019s Ballistic Missiles, Questions \u2018Value\u2019 of Deal",
    "2026/02/08/prime-minister-takaichis-party-wins-a-supermajority-in-japans-lower-house/":
        "Prime Minister Takaichi\u2019s Party Wins a Supermajority in Japan&#39;s Lower House",
    "2026/02/08/uk-pms-top-aide-quits-over-mandelson-epstein-scandal/":
        "UK PM&#39;s Top Aide Quits over Mandelson-Epstein Scandal",
}


def test_the_seed_dumps_and_their_articles_ship_together() -> None:
    raw = sorted(p.name for p in (REPO / "content/raw").glob("*.txt"))
    assert raw == ["000_34ec1d1a22c0b314.txt", "002_4f3b0adaa9813eb7.txt"]
    articles = sorted((REPO / "content/articles").rglob("*.md"))
    assert len(articles) == 5
    origins = {frontmatter.load(p)["origin"]["file"] for p in articles}
    assert origins == {f"content/raw/{name}" for name in raw}


def test_the_bundled_archive_builds_every_seed_article(tmp_path: Path) -> None:
    # search=False: no Pagefind index, the search tests' subject; the pages are the same.
    report = build(BuildOptions(root=REPO, out=tmp_path / "site", search=False))
    assert report.articles == 5 and report.undated_drafts == ()
    site = tmp_path / "site"
    for url, headline in SEED_URLS.items():
        html = (site / url / "index.html").read_text()
        assert f'<h1 class="headline">{headline}</h1>' in html
    home = (site / "index.html").read_text()
    assert len(re.findall(r'class="teaser( lead-story| with-photo)?"', home)) == 5  # the newest leads the page
    for page in site.rglob("*.html"):
        links, _ = page_links(page.read_text())
        assert not [link for link in links if link.startswith("/")]
    assert list(find_broken_links(site)) == []
    briefing = (site / next(iter(SEED_URLS)) / "index.html").read_text()
    assert len(re.findall(r"<li>[^<]+</li>", briefing.split('class="analysis"')[1].split("</aside>")[0])) == 6
