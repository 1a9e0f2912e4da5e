"""patterns: many literal names -> one regular expression that matches the longest of them, fast."""

from __future__ import annotations

import re
from collections.abc import Iterable


def any_of(names: Iterable[str]) -> str:
    """A pattern matching any of the names, the longest first at a position, like a length-sorted
    alternation. It is built as a trie: thousands of alternatives tried one by one at every
    position of the text cost the gazetteer most of an import's time."""
    trie: dict[str, dict] = {}
    for name in filter(None, names):  # an empty name would match everywhere
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _pattern(trie)


def _pattern(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy: the longer name is tried first, the shorter one (ending here) on backtracking.
    return f"(?:{body})?" if ends_here else body
