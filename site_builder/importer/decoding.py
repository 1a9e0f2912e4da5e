"""decoding: a dump's bytes -> text with LF line ends, stray bytes of a legacy encoding repaired and counted."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from site_builder.importer.report import ImportProblem

# The bytes UTF-8 could not decode, as surrogateescape keeps them.
_UNDECODED = re.compile("[\udc80-\udcff]+")


@dataclass(frozen=True)
class Decoded:
    """A dump's text, and how many bytes were not UTF-8 and were read as Windows-1252 instead."""

    text: str
    repaired: int = 0

    @property
    def note(self) -> str | None:
        """What the repair was, for the import's report; None when there was none."""
        if not self.repaired:
            return None
        noun = "byte" if self.repaired == 1 else "bytes"
        return f"{self.repaired} {noun} in a legacy encoding (Windows-1252) read as such and written as UTF-8"


def decode_dump(data: bytes) -> Decoded:
    """The dump's text, or an ImportProblem saying why it can't be read. UTF-8 (BOM or not) and
    UTF-16 with a BOM are read as they are; bytes that are not UTF-8 are read as Windows-1252."""
    if not data.strip():
        raise ImportProblem("cannot be read: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, repaired = data.decode("utf-16"), 0
        except UnicodeDecodeError as error:
            raise ImportProblem("cannot be read: broken UTF-16 text") from error
    else:
        if b"\x00" in data:
            raise ImportProblem("cannot be read: binary file")
        text, repaired = _repair(data.decode("utf-8-sig", errors="surrogateescape"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if _looks_binary(text) or repaired > max(8, len(data) // 20) and _mostly_controls(text):
        raise ImportProblem("cannot be read: binary file")
    if not text.strip():
        raise ImportProblem("cannot be read: empty file")
    return Decoded(unicodedata.normalize("NFC", text), repaired)


def _repair(text: str) -> tuple[str, int]:
    """Text pasted from old word processors carries curly quotes and dashes as single bytes
    (0x91-0x97) inside otherwise UTF-8 files: read each run of them as Windows-1252, and the five
    bytes 1252 leaves undefined as Latin-1."""
    repaired = 0

    def as_windows_1252(match: re.Match[str]) -> str:
        nonlocal repaired
        raw = bytes(ord(ch) - 0xDC00 for ch in match.group(0))
        repaired += len(raw)
        return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)

    return _UNDECODED.sub(as_windows_1252, text), repaired


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f\v")
    return controls > max(2, len(text) // 100)


def _mostly_controls(text: str) -> bool:
    printable = sum(1 for ch in text if ch.isalnum() or ch.isspace())
    return printable < len(text) * 0.7
