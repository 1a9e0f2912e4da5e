"""stamps: the timestamps interchange formats carry (ISO 8601, RFC 822, WordPress's) -> datetimes or dates, or None."""

from __future__ import annotations

import datetime
import email.utils
import re


def parse_stamp(value: object) -> datetime.date | None:
    """A datetime (with its offset when given) for "2024-05-07T14:30:00-04:00", "Tue, 07 May 2024 14:30:00 GMT"
    or "2024-05-07 14:30:00"; a date for "2024-05-07"; None for anything else, or a WordPress zero date."""
    if not isinstance(value, str) or not value.strip() or value.startswith("0000-00-00"):
        return None
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            return None
    try:
        stamp = datetime.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            stamp = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return stamp.replace(microsecond=0) if 1900 <= stamp.year <= 2999 else None
