"""sources: article text -> the wire agency or broadcaster it names as reporting, normalised, or None."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Names as they appear in text -> the archive's one spelling. Only agencies and international
# broadcasters that file such copy count; local outlets a story quotes are not its source.
_AGENCIES = {
    "The Associated Press": "The Associated Press",
    "the Associated Press": "The Associated Press",
    "Associated Press": "The Associated Press",
    "the AP": "The Associated Press",
    "The AP": "The Associated Press",
    "AP": "The Associated Press",
    "Reuters": "Reuters",
    "Agence France-Presse": "AFP",
    "Agence France Presse": "AFP",
    "France-Presse": "AFP",
    "AFP": "AFP",
    "Voice of America": "Voice of America",
    "VOA": "Voice of America",
    "VOA News": "Voice of America",
    "Radio Free Europe/Radio Liberty": "Radio Free Europe/Radio Liberty",
    "RFE/RL": "Radio Free Europe/Radio Liberty",
    "Deutsche Presse-Agentur": "dpa",
    "dpa": "dpa",
    "Xinhua": "Xinhua",
    "Kyodo News": "Kyodo News",
    "Kyodo": "Kyodo News",
    "Yonhap": "Yonhap",
    "Yonhap News Agency": "Yonhap",
    "Bloomberg": "Bloomberg",
    "Bloomberg News": "Bloomberg",
    "United Press International": "UPI",
    "UPI": "UPI",
    "EFE": "EFE",
    "ANSA": "ANSA",
    "Anadolu Agency": "Anadolu Agency",
}
AGENCY_NAMES = tuple(_AGENCIES) + tuple(set(_AGENCIES.values()))
_NAME = "|".join(sorted((re.escape(n) for n in _AGENCIES), key=len, reverse=True))
_REPORTING = "said|says|reported|reports|wrote|writes|learned|has learned|confirmed|quoted|cited|found|reviewed|obtained|tallied|counted|calculated|estimated|contributed"
_PATTERNS = (
    (re.compile(rf"^[^()]{{0,80}}\((?P<name>{_NAME})\)\s*[-–—]"), 5),
    (re.compile(rf"(?<![\w-])(?P<name>{_NAME})(?![\w-])(?:'s)?(?:\s+news agency)?,?\s+(?:{_REPORTING})\b"), 3),
    (re.compile(rf"\b(?:told|tells|telling|according to|speaking to|spoke to|spoke with|interview with|cited by|quoted by|seen by|obtained by|reviewed by|confirmed to|said to)\s+(?P<name>{_NAME})(?![\w-])"), 3),
    (re.compile(rf"\b(?:an?|the)\s+(?P<name>{_NAME})\s+(?:tally|count|analysis|investigation|review|report|survey|poll|reporter|correspondent|journalist|photographer)\b"), 2),
)


def find_source(paragraphs: Sequence[str]) -> str | None:
    """The agency the text names as reporting most strongly; a photo credit is never read here."""
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    for index, paragraph in enumerate(paragraphs):
        for pattern, weight in _PATTERNS:
            if weight == 5 and index > 0:
                continue
            for match in pattern.finditer(paragraph):
                name = _AGENCIES[match.group("name")]
                scores[name] = scores.get(name, 0) + weight
                first_seen.setdefault(name, index)
    if not scores:
        return None
    return max(scores, key=lambda name: (scores[name], -first_seen[name]))
