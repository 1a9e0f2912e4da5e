"""sealed: a pickle read back only while its bytes are the ones written."""

from __future__ import annotations

import io

import pytest

from site_builder import sealed


def sealed_bytes(value: object) -> bytes:
    buffer = io.BytesIO()
    sealed.dump(value, buffer)
    return buffer.getvalue()


def test_a_value_comes_back_as_it_was_written() -> None:
    value = ("key", {"a": "Nightclubs" * 10_000, "b": list(range(50_000))})
    assert sealed.load(io.BytesIO(sealed_bytes(value))) == value


@pytest.mark.parametrize("damage", [
    lambda data: data.replace(b"Nightclubs", b"Nightclxbs", 1),  # still a valid pickle
    lambda data: data[: len(data) // 2],
    lambda data: data[:-1],
    lambda data: data + b"\0",
    lambda data: b"",
    lambda data: data[len(sealed.SEAL):],  # a pickle without its seal, as older versions wrote
])
def test_changed_bytes_are_refused_whole(damage) -> None:
    data = sealed_bytes(("key", {"title": "Nightclubs", "n": list(range(1000))}))
    with pytest.raises(sealed.BrokenSeal):
        sealed.load(io.BytesIO(damage(data)))
