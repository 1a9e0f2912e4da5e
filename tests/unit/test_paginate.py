"""Listings cut into numbered pages counted from the oldest: a numbered page keeps its articles
as the archive grows (pages/paginate.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.pages.paginate import LATEST, Forward, Paginator, paginate


@settings(max_examples=300, deadline=None)
@given(count=st.integers(0, 120), per_page=st.integers(1, 12), added=st.integers(0, 30))
def test_walking_down_a_listing_meets_every_article_once(count: int, per_page: int, added: int) -> None:
    items = [f"a{n}" for n in range(count, 0, -1)]  # newest first
    pages = list(paginate(items, per_page, "topics/x/"))
    by_url = {p.url_of(p.number): p for p in pages if isinstance(p, Paginator)}
    latest = pages[0]
    assert latest.number == LATEST and list(latest.items) == items[:per_page]
    walk, page = [], latest
    while page.older_url is not None:
        page = by_url[page.older_url]
        walk.append(page)
    assert [p.number for p in walk] == list(range(count // per_page, 0, -1))  # every numbered page
    met = [item for p in walk for item in p.items]
    assert len(met) == len(set(met)) and set(met) | set(latest.items) == set(items)
    newest_numbered = set(walk[0].items) if walk else set()
    assert set(latest.items) & set(met) <= newest_numbered  # only those may repeat
    # Tomorrow's news leaves every numbered page as it is, and adds only full ones.
    later = list(paginate([f"a{n}" for n in range(count + added, count, -1)] + items, per_page, "topics/x/"))
    for before in walk:
        assert next(p for p in later if isinstance(p, Paginator) and p.number == before.number).items == before.items
    # The next block's URL already exists, so the newest numbered page's "Newer" link holds.
    forward = [p for p in pages if isinstance(p, Forward)]
    assert [f.url for f in forward] == ([walk[0].newer_url] if walk else [])
