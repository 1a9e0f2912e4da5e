"""fingerprint: a Page and the templates that draw it -> one hash; equal hashes, equal bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import jinja2
import jinja2.meta
import jinja2.nodes

from site_builder.model import Page


def _hash(*parts: str) -> str:
    # One encode and one update: a listing page has dozens of parts, the sitemap thousands.
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


def template_hashes(env: jinja2.Environment) -> dict[str, str]:
    """Each template's hash covers its own source and every template it extends, includes or
    imports, so editing `term.html` changes only the pages drawn with it."""
    sources: dict[str, str] = {}
    references: dict[str, set[str | None]] = {}
    for name in env.list_templates(filter_func=lambda n: not n.startswith(".")):
        try:
            source = env.loader.get_source(env, name)[0]
            tree = env.parse(source)
            references[name] = {*jinja2.meta.find_referenced_templates(tree), *_article_partials(tree)}
        except (jinja2.TemplateError, UnicodeDecodeError):
            source, references[name] = "", set()  # rendering will report it with its line
        sources[name] = source
    everything = _hash(*(f"{n}\0{s}" for n, s in sorted(sources.items())))
    hashes = {}
    for name in sources:
        seen = _closure(name, references)
        # A template named by a variable could be any of them.
        hashes[name] = everything if None in seen else _hash(*(f"{n}\0{sources.get(n, '')}" for n in sorted(seen)))
    return hashes


def _article_partials(tree: jinja2.nodes.Template) -> Iterator[str | None]:
    """Templates drawn with `article_partial("name", article)`; None for a name not written out."""
    for call in tree.find_all(jinja2.nodes.Call):
        if isinstance(call.node, jinja2.nodes.Name) and call.node.name == "article_partial":
            first = call.args[0] if call.args else None
            yield first.value if isinstance(first, jinja2.nodes.Const) and isinstance(first.value, str) else None


def _closure(name: str, references: dict[str, set[str | None]]) -> set[str | None]:
    seen: set[str | None] = set()
    todo: list[str | None] = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if current is not None:
            todo.extend(references.get(current, ()))
    return seen


def page_fingerprint(page: Page, templates: dict[str, str], site_key: str) -> str:
    return _hash(site_key, page.url, page.template, templates.get(page.template, "?"), *page.inputs)


def search_fingerprint(page: Page, templates: dict[str, str], site_key: str) -> str:
    """Of what the search index holds of an article page: changes to the pages beside it
    (related articles, neighbours) leave it as it is."""
    return _hash(site_key, page.url, page.template, templates.get(page.template, "?"), *page.indexed)
