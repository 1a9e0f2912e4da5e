"""filetypes: a path in the site -> the Content-Type it is served with, the same by the dev server
and by every destination."""

from __future__ import annotations

import functools
import mimetypes
import re

# Python's own table, not the system's (/etc/mime.types differs between machines): the same
# site gets the same headers wherever it is deployed from.
_TYPES = mimetypes.MimeTypes()
_OWN_TYPES = {".js": "text/javascript", ".xml": "application/xml", ".pagefind": "application/octet-stream"}
_TEXT = re.compile(r"text/.*|application/(.*\+)?(xml|json|javascript)|image/svg\+xml")


def content_type(path: str) -> str:
    name = path.rpartition("/")[2]
    if name == "feed.xml":  # the Atom feeds (plan.py); sitemaps are plain XML
        return "application/atom+xml; charset=utf-8"
    return _type_of(name.rpartition(".")[2].lower() if "." in name else "")


@functools.cache  # by suffix: 30,000 files have a dozen
def _type_of(suffix: str) -> str:
    kind = _OWN_TYPES.get(f".{suffix}") or _TYPES.guess_type(f"x.{suffix}")[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if _TEXT.fullmatch(kind) else kind
