"""sealed: a value pickled with a hash of its bytes after it, read back only while they still hash
the same, so that bit rot, a restore or a tool run over a cache file costs the value, never
hands back a wrong one.

The hash is made as the pickle is written and checked as it is read, without holding the file's
bytes whole: the articles' cache of a big archive is hundreds of megabytes.
"""

from __future__ import annotations

import hashlib
import pickle
from typing import IO, Any

SEAL = b"site-builder sealed pickle 1\n"
_DIGEST = 16


class BrokenSeal(ValueError):
    """The file is not a sealed pickle, or its bytes changed since it was written."""


def dump(value: Any, handle: IO[bytes]) -> None:
    handle.write(SEAL)
    writer = _Hashing(handle)
    pickle.dump(value, writer, protocol=pickle.HIGHEST_PROTOCOL)
    handle.write(writer.digest.digest())


def load(handle: IO[bytes]) -> Any:
    """The value `dump` wrote to the file; BrokenSeal if its bytes changed, or if they hold no
    pickle at all (a truncated or emptied file)."""
    if handle.read(len(SEAL)) != SEAL:
        raise BrokenSeal("not a sealed pickle")
    reader = _Hashing(handle)
    try:
        value = pickle.load(reader)
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError,
            IndexError, KeyError, MemoryError, RecursionError) as err:
        raise BrokenSeal(f"cannot be read: {type(err).__name__}") from None
    if handle.read(_DIGEST + 1) != reader.digest.digest():
        raise BrokenSeal("its bytes changed since it was written")
    return value


class _Hashing:
    """A file as pickle reads and writes it, hashing every byte that passes."""

    def __init__(self, handle: IO[bytes]):
        self.handle = handle
        self.digest = hashlib.blake2b(digest_size=_DIGEST)

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.handle.write(data)

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data

    def readline(self) -> bytes:
        data = self.handle.readline()
        self.digest.update(data)
        return data
