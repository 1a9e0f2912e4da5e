"""The overlay of articles edited after their shard was sealed (search/overlay.py, search.plan_search)."""

import json
import pickle

from site_builder.search import OVERLAY, SearchPlan, ShardRecord, plan_search
from site_builder.search.overlay import MANIFEST
from tests.unit.test_search_shards import TEMPLATES, article_page, pages


def index_files(plan: SearchPlan) -> dict[str, str]:
    """The files Pagefind would have written for each shard: its fragments, named after the
    hits of its record, and its entry file, each with the shard's key."""
    files = {}
    for name, key in plan.keys.items():
        record = plan.records.get(key)
        hits = record.hits if record else ()
        files.update({f"pagefind/{name}/fragment/{hit}.pf_fragment": key for hit in hits})
        files[f"pagefind/{name}/pagefind-entry.json"] = key
    return files


def first_build(shard_size: int = 2) -> tuple[SearchPlan, dict[str, str]]:
    plan = plan_search("build", pages(), TEMPLATES, "site-1", old=(), held={}, shard_size=shard_size)
    # What the build records once Pagefind indexed each shard: a hit for each of its pages.
    records = {plan.keys[name]: ShardRecord(tuple((p, plan.fingerprints[p]) for p in paths),
                                            tuple(f"en_{p.split('/')[3]}" for p in paths))
               for name, paths in plan.shards.items()}
    plan = SearchPlan(plan.keys, plan.carry, plan.shards, plan.writes, records, plan.fingerprints)
    return plan, index_files(plan)


def manifest(plan: SearchPlan) -> dict:
    return json.loads(plan.writes[MANIFEST][0])


def test_a_first_build_has_an_empty_overlay() -> None:
    plan, _ = first_build()
    assert manifest(plan) == {"index": None, "stale": []}
    assert OVERLAY not in plan.shards


def test_an_edit_in_a_full_shard_goes_to_the_overlay_and_its_stale_hit_is_named() -> None:
    first, old = first_build()
    edited = plan_search("build", pages(article_page(3, "Story 3, revised")), TEMPLATES, "site-1",
                         old=old, held=old, shard_size=2, records=first.records)
    # The full shard 2+2 keeps its index and its key; the overlay indexes story 3 alone.
    assert edited.shards == {OVERLAY: ["2024/01/03/story-3/index.html"]}
    assert edited.keys["2+2"] == first.keys["2+2"]
    assert edited.carry == old
    assert manifest(edited) == {"index": OVERLAY, "stale": ["en_story-3"]}
    assert edited.records == first.records  # the sealed shards' records, kept

    # The next build with the same edit carries the overlay over as it is.
    overlay = {f"pagefind/{OVERLAY}/pagefind-entry.json": edited.keys[OVERLAY]}
    again = plan_search("build", pages(article_page(3, "Story 3, revised")), TEMPLATES, "site-1",
                        old={**old, **overlay}, held={**old, **overlay}, shard_size=2, records=first.records)
    assert (again.shards, again.writes) == ({}, edited.writes)
    # The edit undone: the overlay empties, and its files go.
    undone = plan_search("build", pages(), TEMPLATES, "site-1", old={**old, **overlay}, held={**old, **overlay},
                         shard_size=2, records=first.records)
    assert (undone.shards, manifest(undone)) == ({}, {"index": None, "stale": []})
    assert set(undone.carry) == set(old)


def test_an_edit_in_the_shard_still_filling_indexes_it_again() -> None:
    first, old = first_build()
    edited = plan_search("build", pages(article_page(5, "Story 5, revised")), TEMPLATES, "site-1",
                         old=old, held=old, shard_size=2, records=first.records)
    assert edited.shards == {"4+2": ["2024/01/05/story-5/index.html"]}
    assert manifest(edited)["index"] is None


def test_a_shard_without_its_record_or_its_stale_hit_is_indexed_again() -> None:
    first, old = first_build()
    edit = pages(article_page(3, "Story 3, revised"))
    unknown = plan_search("build", edit, TEMPLATES, "site-1", old=old, held=old, shard_size=2, records={})
    assert set(unknown.shards) == {"2+2"}
    lost = {path: key for path, key in old.items() if "en_story-3" not in path}  # deleted by hand
    gone = plan_search("build", edit, TEMPLATES, "site-1", old=lost, held=lost, shard_size=2, records=first.records)
    assert set(gone.shards) == {"2+2"}


def test_an_overlay_past_its_limit_is_folded_back_into_the_shards() -> None:
    first, old = first_build(shard_size=1)
    edit = pages(*(article_page(n, f"Story {n}, revised") for n in (1, 2, 3)))
    within = plan_search("build", edit, TEMPLATES, "site-1", old=old, held=old, shard_size=1, records=first.records)
    assert set(within.shards) == {OVERLAY} and len(manifest(within)["stale"]) == 3
    folded = plan_search("build", edit, TEMPLATES, "site-1", old=old, held=old, shard_size=1,
                         records=first.records, overlay_limit=2)
    assert set(folded.shards) == {"0+4"}  # indexed again, once; no overlay
    assert manifest(folded) == {"index": None, "stale": []}


def test_a_shard_record_pickles_as_it_was() -> None:
    record = ShardRecord((("a/index.html", "f1"), ("b/index.html", "f2")), ("en_1", ""))
    assert pickle.loads(pickle.dumps(record)) == record
    assert pickle.loads(pickle.dumps(ShardRecord((), ()))) == ShardRecord((), ())
