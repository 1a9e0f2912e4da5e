"""sources: article text -> the wire agency or broadcaster it names as reporting, normalised, or None."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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
_REPORTING = "said|says|reported|reports|wrote|writes|learned|learns|has learned|confirmed|confirms|quoted|cited|found|finds|reviewed|obtained|tallied|counted|calculated|estimated|contributed|reveals|shows"
_PATTERNS = (
    (re.compile(rf"^[^()]{{0,80}}\((?P<name>{_NAME})\)\s*[-–—]"), 5),
    (re.compile(rf"(?<![\w-])(?P<name>{_NAME})(?![\w-])(?:'s)?(?:\s+news agency)?,?\s+(?:{_REPORTING})\b"), 3),
    (re.compile(rf"\b(?:told|tells|telling|according to|speaking to|spoke to|spoke with|interview with|cited by|quoted by|seen by|obtained by|reviewed by|confirmed to|said to)\s+(?P<name>{_NAME})(?![\w-])"), 3),
    (re.compile(rf"\b(?:an?|the)\s+(?P<name>{_NAME})\s+(?:tally|count|analysis|investigation|review|report|survey|poll|reporter|correspondent|journalist|photographer)\b"), 2),
)


# A headline that opens with the publisher's own label: "VOA Interview: ...", "AP Explains: ...",
# "AP PHOTOS: ...", "AFP Fact Check - ...". Two words at most sit between the name and the colon.
_HEADLINE_LABEL = re.compile(rf"^(?P<name>{_NAME})(?:[-/ ][\w&]+){{0,2}}\s*(?::|\s[-–—|]\s)")
# A page title that ends with the publisher: "... | Reuters", "... - VOA News", "... (AP)".
_HEADLINE_SUFFIX = re.compile(rf"(?:\s[|–—-]\s*|\s\()(?P<name>{_NAME})\)?\s*$")


@dataclass(frozen=True)
class Attribution:
    """The source found, where (-1: the headline, else a paragraph index), and the words that named it."""

    name: str
    where: int
    evidence: str


def agency_name(text: str) -> str | None:
    """The archive's spelling of a wire agency or broadcaster named by exactly this text, or None."""
    return _AGENCIES.get(text.strip()) or _AGENCIES.get(re.sub(r"^[Tt]he\s+", "", text.strip()))


def normalise_source(name: str | None) -> str | None:
    """The archive's spelling of a source a format names ("Associated Press" -> "The Associated Press")."""
    if not name or not name.strip():
        return None
    return agency_name(name) or " ".join(name.split())


def find_source(paragraphs: Sequence[str], headline: str | None = None) -> str | None:
    """The agency the text names as reporting most strongly; a photo credit is never read here."""
    found = attribute_source(paragraphs, headline)
    return found.name if found else None


def attribute_source(paragraphs: Sequence[str], headline: str | None = None) -> Attribution | None:
    """The source and the evidence for it: a publisher's label in the headline wins, then the text's attributions."""
    if headline:
        match = _HEADLINE_LABEL.match(headline) or _HEADLINE_SUFFIX.search(headline)
        if match:
            return Attribution(_AGENCIES[match.group("name")], -1, match.group(0).strip())
    scores: dict[str, float] = {}
    first_seen: dict[str, tuple[int, str]] = {}
    # "..., AP finds" in a headline attributes like the same words in the text.
    texts = ([(-1, headline)] if headline else []) + list(enumerate(paragraphs))
    for index, paragraph in texts:
        for pattern, weight in _PATTERNS:
            if weight == 5 and index != 0:
                continue
            for match in pattern.finditer(paragraph):
                name = _AGENCIES[match.group("name")]
                scores[name] = scores.get(name, 0) + weight
                first_seen.setdefault(name, (index, match.group(0).strip()))
    if not scores:
        return None
    best = min(scores, key=lambda name: (-scores[name], first_seen[name][0]))
    return Attribution(best, *first_seen[best])
