"""bodies: a site pickled for a cluster's workers with its articles' bodies kept apart, in a
file of the project that the workers read a body from when a page shows it.

Every worker gets the whole indexed site (listings and term pages show any article), but each
body is drawn by one article page and a few feeds: sent with the site, the bodies were nearly
half of what every worker received (see benchmarks/notes/2026-12-02.md, "On a cluster: the
site sent once, without bodies").
"""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path
from typing import Any, NamedTuple

from site_builder.model import Article


class BodyInFile(NamedTuple):
    """Where an article's body (zlib-compressed HTML) lies in a bodies file: a model.StoredBody."""

    path: str
    offset: int
    length: int

    def read(self) -> bytes:
        return os.pread(_descriptor(self.path), self.length, self.offset)


def dumps_apart(value: Any, path: Path) -> bytes:
    """`value` pickled, every article in it without its body, which goes to the file at `path`
    instead (made anew). The file must stay until the workers are done with `value`."""
    buffer = io.BytesIO()
    with open(path, "wb") as bodies:
        _BodiesApart(buffer, bodies, os.fspath(path)).dump(value)
    return buffer.getvalue()


class _BodiesApart(pickle.Pickler):
    def __init__(self, buffer: io.BytesIO, bodies: io.BufferedWriter, path: str):
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self._bodies, self._path, self._offset = bodies, path, 0

    def reducer_override(self, obj: Any) -> Any:
        # Called once per article however many pages show it: the pickle's memo comes first.
        if type(obj) is not Article or not isinstance(obj.body, bytes):
            return NotImplemented
        stored = BodyInFile(self._path, self._offset, len(obj.body))
        self._bodies.write(obj.body)
        self._offset += stored.length
        # As pickle makes a dataclass again: a new object, its attributes set from a dict
        # (cached properties included), here with the body's place for the body.
        return object.__new__, (Article,), {**obj.__dict__, "body": stored}


# The bodies file last read from, open: a worker renders one build's pages at a time.
_open: tuple[str, int] | None = None


def _descriptor(path: str) -> int:
    global _open
    if _open is None or _open[0] != path:
        if _open is not None:
            os.close(_open[1])
        _open = (path, os.open(path, os.O_RDONLY))
    return _open[1]
