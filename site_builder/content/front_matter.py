"""front_matter: an article file's text -> its YAML front matter (values and the line of each) and
its Markdown body, or the Problem that stops it being read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import frontmatter
import yaml

from site_builder.errors import Problem
from site_builder.model import ArticleFile
from site_builder.text import without_controls

_YAML = frontmatter.YAMLHandler()


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML that leaves dates as text, so an impossible date is our problem with a line,
    not a crash inside the YAML library."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class FrontMatter:
    values: dict[str, Any]
    lines: dict[str, int]  # field -> line number in the file
    body: str
    body_line: int = 1  # the line of the file the body's first line is


def split_front_matter(file: ArticleFile) -> FrontMatter | Problem:
    """The front matter's values and their lines, and the body; or what stops it being read."""
    text = file.text
    if not text.strip():
        return Problem(file.relpath, 1, "empty file: an article needs front matter with title and date")
    if not _YAML.detect(text):
        return Problem(file.relpath, 1, "no front matter: the file must start with a '---' line")
    try:
        fm_text, body = _YAML.split(text)
        node, values = _load_yaml(fm_text)
    except yaml.MarkedYAMLError as err:
        # The context mark is where the broken construct starts ("tags: [a, b"), the
        # problem mark where the parser gave up, often the end of the front matter.
        mark = err.context_mark or err.problem_mark
        line = min(mark.line, fm_text.count("\n")) + 1 if mark else 1
        return Problem(file.relpath, line, f"invalid YAML: {err.problem or err.context}")
    except (ValueError, yaml.YAMLError) as err:
        return Problem(file.relpath, 1, f"invalid front matter: {err}")
    if not isinstance(values, dict):
        return Problem(file.relpath, 2, "front matter must be a mapping of 'field: value' lines")
    lines = {}
    if isinstance(node, yaml.MappingNode):
        # Marks are 0-based and the split text starts with the newline after '---'.
        lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    # A YAML escape ("\e", "\0") makes a control character the file itself does not hold.
    seen: dict[int, Any] = {}
    return FrontMatter(values={str(k): _without_controls(v, seen) for k, v in values.items()}, lines=lines,
                       body=body, body_line=text.count("\n", 0, len(text) - len(body)) + 1)


def _without_controls(value: Any, seen: dict[int, Any]) -> Any:
    """`value` with the control characters of its text dropped. YAML's aliases share a list or
    mapping (an anchor bomb shares them billions of times over, a list may hold itself): each is
    cleaned once, by identity."""
    if isinstance(value, str):
        return without_controls(value)
    if not isinstance(value, (list, dict)):
        return value
    if id(value) in seen:
        return seen[id(value)]
    if isinstance(value, list):
        cleaned: list[Any] = seen.setdefault(id(value), [])
        cleaned.extend(_without_controls(item, seen) for item in value)
        return cleaned
    mapping: dict[Any, Any] = seen.setdefault(id(value), {})
    mapping.update((key, _without_controls(item, seen)) for key, item in value.items())
    return mapping


def _load_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node (for line numbers) and its values, parsed once."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else {}
    finally:
        loader.dispose()
