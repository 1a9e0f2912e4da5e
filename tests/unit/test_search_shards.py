"""The search index's shards and what a build does with them (search/shards.py, search.plan_search)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.search.shards import GROWTH, MERGES, shard_blocks


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
