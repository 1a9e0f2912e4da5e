"""The search index's shards and what a build does with them (search/shards.py, search.plan_search)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.model import Page
from site_builder.search import SearchPlan, plan_search
from site_builder.search.shards import (
    GROWTH,
    MERGES,
    SEARCH_DIR,
    shard_blocks,
    shard_names,
)


@settings(max_examples=300, deadline=None)
@given(count=st.integers(0, 3000), added=st.integers(1, 400), size=st.integers(1, 50))
def test_search_shards_tile_the_archive_and_full_big_ones_never_change(count: int, added: int, size: int) -> None:
    blocks = shard_blocks(count, size)
    assert [first for first, _ in blocks] == [0, *(f + c for f, c in blocks[:-1])][:len(blocks)]  # no gap
    assert sum(capacity for _, capacity in blocks[:-1]) + (count - blocks[-1][0] if blocks else 0) == count
    sizes = [size * GROWTH ** n for n in range(MERGES + 1)]  # 1, 4, 16, 64 times the smallest
    assert all(capacity in sizes for _, capacity in blocks)
    assert all(first + capacity <= count for first, capacity in blocks[:-1])  # only the newest fills
    for capacity in sizes[:-1]:
        assert sum(c == capacity for _, c in blocks) <= 4  # then four make one bigger
    largest = {block for block in blocks if block[1] == sizes[-1]}
    assert largest <= set(shard_blocks(count + added, size))


def test_blocks_grow_by_four_up_to_sixty_four_times_the_smallest() -> None:
    assert shard_blocks(0, 1) == []
    assert shard_blocks(3, 1) == [(0, 1), (1, 1), (2, 1)]
    assert shard_blocks(4, 1) == [(0, 4)]  # four complete blocks make one four times as big
    assert shard_blocks(5, 1) == [(0, 4), (4, 1)]
    assert shard_blocks(21, 1) == [(0, 16), (16, 4), (20, 1)]
    assert shard_blocks(133, 1) == [(0, 64), (64, 64), (128, 4), (132, 1)]
    assert shard_blocks(256, 1) == [(0, 64), (64, 64), (128, 64), (192, 64)]  # and no bigger
    assert shard_blocks(5, 2) == [(0, 2), (2, 2), (4, 2)]  # the newest still filling
    assert shard_blocks(17_000) == [(0, 16_000), (16_000, 1_000)]
    assert shard_names(21, 1) == ["20+1", "16+4", "0+16"]  # newest first, as the search page loads them


TEMPLATES = {"article.html": "<article>{{ article.title }}</article>", "home.html": "<main></main>"}


def article_page(n: int, title: str | None = None) -> Page:
    """The page of article n (a higher n is newer), with what search takes from it."""
    return Page(f"2024/01/{n:02d}/story-{n}/", "article.html", {}, searchable=(title or f"Story {n}", "Elections"),
                kind="article")


def pages(*edited: Page) -> list[Page]:
    """Five article pages and the home page, newest first, with `edited` in place of theirs."""
    replaced = {page.url: page for page in edited}
    articles = [replaced.get(page.url, page) for page in map(article_page, range(5, 0, -1))]
    return [Page("", "home.html", {}, kind="listing"), *articles]


def index_files(plan: SearchPlan) -> dict[str, str]:
    """The files Pagefind would have written for the plan's shards, each with its shard's key."""
    return {f"{SEARCH_DIR}/{name}/{file}": plan.keys[name]
            for name in plan.keys for file in ("pagefind-entry.json", "index/a.pf_index")}


def test_a_first_build_indexes_every_shard_of_the_article_pages() -> None:
    plan = plan_search("build", pages(), TEMPLATES, "site-1", old=(), held={}, shard_size=2)
    # Oldest first, two to a shard: stories 1-2, 3-4, and 5 in the shard still filling.
    assert plan.shards == {"0+2": ["2024/01/01/story-1/index.html", "2024/01/02/story-2/index.html"],
                           "2+2": ["2024/01/03/story-3/index.html", "2024/01/04/story-4/index.html"],
                           "4+2": ["2024/01/05/story-5/index.html"]}
    assert list(plan.keys) == ["0+2", "2+2", "4+2"] and len(set(plan.keys.values())) == 3
    assert plan.carry == {}


def test_unchanged_shards_are_carried_over_and_a_changed_one_indexed_again() -> None:
    first = plan_search("build", pages(), TEMPLATES, "site-1", old=(), held={}, shard_size=2)
    old = index_files(first)
    again = plan_search("build", pages(), TEMPLATES, "site-1", old=old, held=old, shard_size=2)
    assert (again.keys, again.carry, again.shards) == (first.keys, old, {})

    edited = plan_search("build", pages(article_page(3, "Story 3, revised")), TEMPLATES, "site-1",
                         old=old, held=old, shard_size=2)
    assert edited.shards == {"2+2": ["2024/01/03/story-3/index.html", "2024/01/04/story-4/index.html"]}
    assert edited.keys["2+2"] != first.keys["2+2"]
    assert {name: key for name, key in edited.keys.items() if name != "2+2"} == {
        "0+2": first.keys["0+2"], "4+2": first.keys["4+2"]}
    assert edited.carry == {path: key for path, key in old.items() if not path.startswith("pagefind/2+2/")}


def test_a_shard_with_a_file_of_another_key_is_indexed_again() -> None:
    first = plan_search("build", pages(), TEMPLATES, "site-1", old=(), held={}, shard_size=2)
    old = index_files(first)
    held = {**old, "pagefind/0+2/index/a.pf_index": "a key of before"}  # a build stopped mid-shard
    plan = plan_search("build", pages(), TEMPLATES, "site-1", old=old, held=held, shard_size=2)
    assert plan.shards == {"0+2": ["2024/01/01/story-1/index.html", "2024/01/02/story-2/index.html"]}
    assert set(plan.carry) == {path for path in old if not path.startswith("pagefind/0+2/")}


def test_the_article_template_or_the_site_changes_every_key() -> None:
    first = plan_search("build", pages(), TEMPLATES, "site-1", old=(), held={}, shard_size=2)
    old = index_files(first)
    for templates, site in [({**TEMPLATES, "article.html": "<article>new</article>"}, "site-1"),
                            (TEMPLATES, "site-2")]:
        plan = plan_search("build", pages(), templates, site, old=old, held=old, shard_size=2)
        assert set(plan.shards) == {"0+2", "2+2", "4+2"} and plan.carry == {}
    # The home page is not indexed: its template changes no key.
    plan = plan_search("build", pages(), {**TEMPLATES, "home.html": "<main>new</main>"}, "site-1",
                       old=old, held=old, shard_size=2)
    assert (plan.keys, plan.shards) == (first.keys, {})


def test_keep_carries_the_old_index_as_it_is_and_drop_has_none() -> None:
    old = {"index.html": "home", "pagefind/0+2/pagefind-entry.json": "key-a", "pagefind/2+2/pagefind-entry.json": "key-b"}
    held = {"pagefind/0+2/pagefind-entry.json": "key-a"}
    kept = plan_search("keep", pages(), TEMPLATES, "site-1", old=old, held=held, shard_size=2)
    assert kept == SearchPlan(keys={}, carry={"pagefind/0+2/pagefind-entry.json": "key-a",
                                              "pagefind/2+2/pagefind-entry.json": ""}, shards={})
    assert plan_search("drop", pages(), TEMPLATES, "site-1", old=old, held=held, shard_size=2) == SearchPlan()
