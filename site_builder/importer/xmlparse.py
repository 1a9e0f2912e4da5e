"""xmlparse: a document's bytes -> an lxml element tree, never resolving entities nor reaching the network."""

from __future__ import annotations

from lxml import etree

from site_builder.importer.report import ImportProblem


def parse_xml(data: bytes) -> etree._Element:
    """The root element; a document that is not well-formed XML is an ImportProblem naming its line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line = f"line {error.lineno}: " if error.lineno else ""
        raise ImportProblem(f"cannot be read: {line}not well-formed XML ({error.msg})") from error
    if root is None:
        raise ImportProblem("cannot be read: an empty XML document")
    return root


def local_name(element: etree._Element) -> str:
    """An element's name without its namespace: "newsItem" for {http://iptc.org/...}newsItem."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    # Not etree.QName: a recovered document may keep an undeclared prefix in the name ("wp:status").
    return tag.rpartition("}")[2].rpartition(":")[2]


def text_of(element: etree._Element | None) -> str:
    """All the text inside an element, whitespace collapsed; "" for None."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
