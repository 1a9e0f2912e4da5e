"""What a build must do to the output folder (output/plan.py), worked out from values made by
hand: no disk, no build."""

from pathlib import Path

from site_builder.output.folder import MARKER, OutputFolder, Tree
from site_builder.output.plan import plan_output
from site_builder.search import SearchPlan

NO_SEARCH = SearchPlan()


def folder(held: dict[str, str] | None, listed: set[str] | None = None, missing: set[str] | None = None
           ) -> OutputFolder:
    """An output folder whose last build wrote `listed` (by default what the cache `held`, and
    the marker), of which `missing` were deleted by hand since."""
    if listed is None:
        listed = {*(held or {}), MARKER}
    return OutputFolder(Path("/nowhere/output"), "build-1", frozenset(listed), frozenset(missing or ()),
                        Tree(held) if held is not None else None)


def test_new_changed_kept_and_removed_files() -> None:
    held = {"index.html": "home-1", "a/index.html": "a-1", "b/index.html": "b-1",
            "gone/index.html": "gone-1", "static/style.css": "css-1"}
    wanted = {"index.html": "home-1", "a/index.html": "a-2", "b/index.html": "b-1",
              "new/index.html": "new-1", "static/style.css": "css-1"}
    plan = plan_output(wanted, folder(held), NO_SEARCH)
    assert plan.fresh == {"a/index.html", "new/index.html"}
    assert plan.keep == ("index.html", "b/index.html", "static/style.css")
    assert plan.removed == {"gone/index.html"}
    assert plan.files == wanted
    assert plan.shards == {} and plan.shard_keys == {}
    assert plan.changes


def test_a_file_deleted_by_hand_is_made_again() -> None:
    held = {"index.html": "home-1", "a/index.html": "a-1"}
    plan = plan_output(dict(held), folder(held, missing={"a/index.html"}), NO_SEARCH)
    assert plan.fresh == {"a/index.html"}
    assert plan.keep == ("index.html",)
    assert plan.removed == frozenset()
    assert plan.changes


def test_nothing_to_do_when_nothing_changed() -> None:
    held = {"index.html": "home-1", "a/index.html": "a-1", "static/style.css": "css-1"}
    plan = plan_output(dict(held), folder(held), NO_SEARCH)
    assert (plan.fresh, plan.removed, dict(plan.shards)) == (frozenset(), frozenset(), {})
    assert plan.keep == ("index.html", "a/index.html", "static/style.css")
    assert not plan.changes


def test_the_marker_is_never_removed() -> None:
    # The marker is no page of the site, and the old build listed it; it is written anew, never deleted.
    held = {"index.html": "home-1"}
    plan = plan_output({"index.html": "home-1"}, folder(held, listed={"index.html", MARKER}), NO_SEARCH)
    assert MARKER not in plan.removed and plan.removed == frozenset()
    assert not plan.changes


def test_without_the_caches_record_every_file_is_fresh() -> None:
    # The folder lists its files, but the cache that knew their fingerprints is gone.
    wanted = {"index.html": "home-1", "a/index.html": "a-1"}
    plan = plan_output(wanted, folder(None, listed={"index.html", "a/index.html", "old.html", MARKER}), NO_SEARCH)
    assert plan.fresh == {"index.html", "a/index.html"}
    assert plan.keep == ()
    assert plan.removed == {"old.html"}


def test_an_empty_folder_gets_every_file() -> None:
    wanted = {"index.html": "home-1", "a/index.html": "a-1"}
    plan = plan_output(wanted, OutputFolder(Path("/nowhere/output"), None, frozenset(), frozenset(), None),
                       NO_SEARCH)
    assert plan.fresh == {"index.html", "a/index.html"}
    assert (plan.keep, plan.removed) == ((), frozenset())


def test_the_search_index_is_carried_over_or_made_again_by_shard() -> None:
    held = {"index.html": "home-1", "pagefind/0+2/pagefind-entry.json": "key-a",
            "pagefind/0+2/index/a.pf_index": "key-a", "pagefind/2+2/pagefind-entry.json": "key-b"}
    search = SearchPlan(keys={"0+2": "key-a", "2+2": "key-c"},
                        carry={"pagefind/0+2/pagefind-entry.json": "key-a", "pagefind/0+2/index/a.pf_index": "key-a"},
                        shards={"2+2": ["2024/01/03/c/index.html", "2024/01/04/d/index.html"]})
    plan = plan_output({"index.html": "home-1"}, folder(held), search)
    # The shard to index again leaves its old files to be removed; the carried one stays as it is.
    assert plan.removed == {"pagefind/2+2/pagefind-entry.json"}
    assert plan.keep == ("index.html", "pagefind/0+2/pagefind-entry.json", "pagefind/0+2/index/a.pf_index")
    assert plan.fresh == frozenset()
    assert plan.files == {"index.html": "home-1", "pagefind/0+2/pagefind-entry.json": "key-a",
                          "pagefind/0+2/index/a.pf_index": "key-a"}
    assert plan.shards == {"2+2": ["2024/01/03/c/index.html", "2024/01/04/d/index.html"]}
    assert plan.shard_keys == {"0+2": "key-a", "2+2": "key-c"}
    assert plan.changes  # a shard to index again is a change, though no page is


def test_a_search_index_turned_off_is_removed() -> None:
    held = {"index.html": "home-1", "pagefind/0+2/pagefind-entry.json": "key-a"}
    plan = plan_output({"index.html": "home-1"}, folder(held), NO_SEARCH)
    assert plan.removed == {"pagefind/0+2/pagefind-entry.json"}
    assert plan.keep == ("index.html",)


def test_a_shard_to_index_alone_is_a_change() -> None:
    # The first build with search turned on: every page as it was, one shard to make.
    held = {"index.html": "home-1", "2024/01/01/a/index.html": "a-1"}
    search = SearchPlan(keys={"0+250": "key-a"}, shards={"0+250": ["2024/01/01/a/index.html"]})
    plan = plan_output(dict(held), folder(held), search)
    assert (plan.fresh, plan.removed) == (frozenset(), frozenset())
    assert plan.changes
