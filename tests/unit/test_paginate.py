"""Listings cut into numbered pages counted from the oldest: a numbered page keeps its articles
as the archive grows, and "Older" never shows what the listing's own page showed (pages/paginate.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.pages.paginate import LATEST, Forward, Paginator, page_of, paginate


@settings(max_examples=300, deadline=None)
@given(count=st.integers(0, 120), per_page=st.integers(1, 12), added=st.integers(0, 30))
def test_walking_down_a_listing_meets_every_article_once(count: int, per_page: int, added: int) -> None:
    items = [f"a{n}" for n in range(count, 0, -1)]  # newest first
    pages = list(paginate(items, per_page, "topics/x/"))
    by_url = {p.url_of(p.number): p for p in pages if isinstance(p, Paginator)}
    latest = pages[0]
    assert latest.number == LATEST and list(latest.items) == items[: len(latest.items)]
    # The block still filling and the newest full block, or everything while none is full.
    assert len(latest.items) == (count if count < per_page else per_page + count % per_page)
    walk, page = [], latest
    while page.older_url is not None:
        page = by_url[page.older_url]
        walk.append(page)
    full = count // per_page
    assert [p.number for p in walk] == list(range(full - 1, 0, -1))  # every numbered page below
    met = [item for p in walk for item in p.items]
    assert len(met) == len(set(met)) and set(met) | set(latest.items) == set(items)
    assert not set(latest.items) & set(met)  # "Older" never repeats what was just read
    # The newest full block has its page too, which the block below links up to.
    if full:
        newest = by_url[f"topics/x/page/{full}/"]
        assert set(newest.items) <= set(latest.items)
        assert full == 1 or by_url[f"topics/x/page/{full - 1}/"].newer_url == newest.url_of(full)
    # Tomorrow's news leaves every numbered page as it is, and adds only full ones.
    later = list(paginate([f"a{n}" for n in range(count + added, count, -1)] + items, per_page, "topics/x/"))
    for before in (p for p in pages if isinstance(p, Paginator) and not p.is_latest):
        assert next(p for p in later if isinstance(p, Paginator) and p.number == before.number).items == before.items
    # The next block's URL already exists, so the newest numbered page's "Newer" link holds.
    forward = [p for p in pages if isinstance(p, Forward)]
    assert [f.url for f in forward] == ([f"topics/x/page/{full + 1}/"] if full else [])


@settings(max_examples=200, deadline=None)
@given(count=st.integers(1, 120), per_page=st.integers(1, 12))
def test_page_of_names_the_page_that_shows_an_article(count: int, per_page: int) -> None:
    items = list(range(count))
    shown = {}
    for page in paginate(items, per_page, ""):
        if isinstance(page, Paginator):
            for item in page.items:
                shown.setdefault(item, page.number)  # the listing's own page comes first
    assert all(page_of(position, count, per_page) == shown[position] for position in items)
