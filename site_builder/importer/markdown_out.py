"""markdown_out: Article -> the exact bytes of its Markdown file (YAML front matter, escaped body)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from site_builder.importer.model import Article, Block

_ENTITY = re.compile(r"&(?=#?\w+;)")


def render(article: Article, origin_file: str, origin_sha256: str) -> bytes:
    """Front matter in the archive's field order, then the body; UTF-8, LF, final newline."""
    front = yaml.safe_dump(_front_matter(article, origin_file, origin_sha256), sort_keys=False,
                           allow_unicode=True, width=1000, default_flow_style=False)
    body = "\n\n".join(_block(block) for block in article.blocks)
    return f"---\n{front}---\n\n{body}\n".encode("utf-8")


def _front_matter(article: Article, origin_file: str, origin_sha256: str) -> dict[str, Any]:
    image = None
    if article.image is not None and (article.image.caption or article.image.credit or article.image.src):
        image = {k: v for k, v in (("src", article.image.src), ("caption", article.image.caption),
                                   ("credit", article.image.credit)) if v}
    fields: list[tuple[str, Any]] = [
        ("title", article.title),
        ("date", article.date),
        ("updated", article.updated),
        ("slug", article.slug),
        ("summary", article.summary),
        ("source", article.source),
        ("authors", list(article.authors)),
        ("topics", list(article.topics)),
        ("tags", list(article.tags)),
        ("regions", list(article.regions)),
        ("image", image),
        ("analysis", list(article.analysis)),
        ("draft", True if article.date is None else None),
        ("origin", {"file": origin_file, "sha256": origin_sha256}),
    ]
    return {key: value for key, value in fields if value not in (None, "", [], {})}


def _block(block: Block) -> str:
    if block.kind == "markdown":
        return block.text  # made from HTML by html_markdown, escaped there
    if block.kind == "heading":
        return f"## {escape(block.text)}"
    if block.kind == "list":
        return "\n".join(f"- {escape(item)}" for item in block.items)
    return _escape_paragraph_start(escape(block.text))


def escape(text: str) -> str:
    """Dump text is text: characters that would form HTML become entities."""
    return _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def _escape_paragraph_start(text: str) -> str:
    # A paragraph must not turn into a heading, list, quote or code block by its first characters.
    if re.match(r"#|[-*+]\s|\d+[.)]\s|=+$|-+$", text):
        return "\\" + text if not text[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text
