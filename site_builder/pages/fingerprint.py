"""fingerprint: a Page and the templates that draw it -> one hash; equal hashes, equal bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.meta
import jinja2.nodes

from site_builder.model import ArticleFile, Page
from site_builder.pages.theme import MAP_GEOMETRY, Theme
from site_builder.regular import read_regular


def _hash(*parts: str) -> str:
    # One encode and one update: a listing page has dozens of parts, the sitemap thousands.
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.blake2b(read_regular(path), digest_size=16).hexdigest()


# A template's source (its hash) -> the templates it extends, includes, imports or draws with
# article_partial (None: one named by a variable).
References = dict[str, frozenset[str | None]]


def template_hashes(env: jinja2.Environment, known: References | None = None) -> tuple[dict[str, str], References]:
    """Each template's hash covers its own source and every template it extends, includes or
    imports, so editing `term.html` changes only the pages drawn with it. `known`: what an
    earlier call found, so that only new sources are parsed (not every template on every
    build). Returns the hashes and the references of today's sources."""
    known = known or {}
    sources: dict[str, str] = {}
    references: dict[str, frozenset[str | None]] = {}
    found: References = {}
    for name in env.list_templates(filter_func=lambda n: not n.startswith(".")):
        try:
            source = env.loader.get_source(env, name)[0]
        except (jinja2.TemplateError, UnicodeDecodeError):
            source = ""  # rendering will report it with its line
        sources[name] = source
        key = _hash(source)
        if key not in found:
            found[key] = known[key] if key in known else _references(env, source)
        references[name] = found[key]
    everything = _hash(*(f"{n}\0{s}" for n, s in sorted(sources.items())))
    hashes = {}
    for name in sources:
        seen = _closure(name, references)
        # A template named by a variable could be any of them.
        hashes[name] = everything if None in seen else _hash(*(f"{n}\0{sources.get(n, '')}" for n in sorted(seen)))
    return hashes, found


def _references(env: jinja2.Environment, source: str) -> frozenset[str | None]:
    try:
        tree = env.parse(source)
    except jinja2.TemplateError:
        return frozenset()  # rendering will report it with its line
    return frozenset({*jinja2.meta.find_referenced_templates(tree), *_article_partials(tree)})


def _article_partials(tree: jinja2.nodes.Template) -> Iterator[str | None]:
    """Templates drawn with `article_partial("name", article)`; None for a name not written out."""
    for call in tree.find_all(jinja2.nodes.Call):
        if isinstance(call.node, jinja2.nodes.Name) and call.node.name == "article_partial":
            first = call.args[0] if call.args else None
            yield first.value if isinstance(first, jinja2.nodes.Const) and isinstance(first.value, str) else None


def _closure(name: str, references: Mapping[str, frozenset[str | None]]) -> set[str | None]:
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


def untracked_reads(env: jinja2.Environment, name: str, variable: str, tracked: frozenset[str]
                    ) -> list[tuple[int, str]]:
    """(line, what) for each use of `variable` in template `name` that reads beyond `tracked`:
    an attribute not in it, or the whole value handed on (to a macro, a filter's argument).
    A page keyed by `tracked` alone would go stale when such a thing changed."""
    source, filename, _ = env.loader.get_source(env, name)
    found: list[tuple[int, str]] = []

    def visit(node: jinja2.nodes.Node) -> None:
        if isinstance(node, (jinja2.nodes.Getattr, jinja2.nodes.Getitem)) and \
                isinstance(node.node, jinja2.nodes.Name) and node.node.name == variable:
            attribute = node.attr if isinstance(node, jinja2.nodes.Getattr) else getattr(node.arg, "value", None)
            if attribute not in tracked:
                found.append((node.lineno, f"{variable}.{attribute}"))
            return
        if isinstance(node, jinja2.nodes.Name) and node.name == variable and node.ctx == "load":
            found.append((node.lineno, variable))
            return
        for child in node.iter_child_nodes():
            visit(child)

    visit(env.parse(source, name, filename))
    return found


def page_fingerprint(page: Page, templates: dict[str, str], site_key: str) -> str:
    return _hash(site_key, page.url, page.template, templates.get(page.template, "?"), *page.inputs)


@dataclass(frozen=True)
class ThemeHashes:
    templates: dict[str, str]  # template name -> hash of it and what it extends or includes
    static: dict[str, str]  # output path -> hash of the file
    site_key: str  # what every page depends on: asset hashes (pages link them), map data


def hash_theme(theme: Theme, env: jinja2.Environment, known: References, words: str = ""
               ) -> tuple[ThemeHashes, References]:
    """The theme's hashes, and the template references to keep for the next call (see
    `template_hashes`). `words`: the hash of the interface's message catalogues."""
    templates, references = template_hashes(env, known)
    static = {path: file_hash(source) for path, source in theme.static_files.items()}
    geometry = theme.data_file(MAP_GEOMETRY)
    # Every page links the theme's files by their output paths, which carry their hashes when
    # fingerprinted (or were pinned by the dev server: then an edit changes no page).
    linked = sorted(theme.static_files) if theme.fingerprinted else []
    site_key = "|".join([*linked, file_hash(geometry) if geometry else "", words])
    return ThemeHashes(templates, static, site_key), references


def inputs_key(files: list[ArticleFile], hashes: ThemeHashes, *options: str) -> str:
    """Every input of a build besides code and config (which key the whole cache): while it
    stays the same, so does the site."""
    parts = [*options, hashes.site_key, *(f.fingerprint for f in files),
             *(f"{n}={h}" for n, h in sorted(hashes.templates.items())),
             *(f"{n}={h}" for n, h in sorted(hashes.static.items()))]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
