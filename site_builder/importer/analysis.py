"""analysis: a briefing's opening lines -> where its analysis (what events suggest) ends and its report begins."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.importer.dates import find_full_dates

# Analysis lines interpret: they say what something suggests, may, could or shows.
_INTERPRETIVE = (
    # Lower-case "may" only: "May 3" is a date.
    (re.compile(r"\b(?:may|[Mm]ight|[Cc]ould|[Ww]ould|[Cc]an|[Ss]hould|[Mm]ust|will likely|is likely|are likely|"
                r"likely to)\b"), 1.5, "a modal verb"),
    (re.compile(
        r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bthis )\b(?:highlight|underscore|underline|signal|suggest|show|indicate|reflect|reveal|demonstrate|illustrate|"
        r"raise|mark|represent|reinforce|complicate|deepen|heighten|pose|expose|point|add|emphasi[sz]e|"
        r"threaten|risk|strain|undermine|bolster|shape|boost|weaken|strengthen|fuel|intensif(?:y|ie))s?\b"
        r"|\b(?:potentially|possibly|probably|implications?|significance|suggesting|signalling|signaling|"
        r"underscoring|highlighting|indicating|reflecting)\b", re.I),
     2.0, "an interpretive verb"),
)
# The report tells who did or said what, and when.
_REPORTING = (
    (re.compile(r"\b(?:said|says|told|tells|announced|reported|added|stated|declared|confirmed|denied|claimed|"
                r"according to|wrote|tweeted|posted|testified|quoted)\b", re.I), 2.5, "attribution"),
    (re.compile(r"[“”\"]"), 2.0, "a quotation"),
    (re.compile(r"\b(?:on|late|early|last|this|next)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
                r"|\b(?:yesterday|today|last week|last month|earlier this (?:week|month|year))\b"), 2.0, "a day"),
    (re.compile(r"^[A-Z][A-Z .,'’-]+(?:,\s*[A-Za-z. ]+\d{0,2})?\s*(?:\([A-Za-z]+\))?\s*[-–—]\s"), 3.0, "a dateline"),
    (re.compile(r"\b(?:was|were|had|did)\b"), 1.0, "a past-tense verb"),
)


_CLEARLY_REPORTS = -2.0
_NOT_VERBS = {"hundred", "indeed", "speed", "breed", "greed", "proceed", "exceed", "succeed", "embed"}
# Words after which an -ed word is a participle or an adjective, not the verb of a report.
_BEFORE_PARTICIPLE = {
    "", "to", "a", "an", "the", "be", "been", "being", "is", "are", "was", "were", "has", "have", "had", "get",
    "gets", "got", "become", "becomes", "more", "most", "less", "very", "well", "its", "their", "his", "her",
    "of", "and", "or", "by", "with", "for", "in", "on", "as", "not", "already", "so", "too",
}


@dataclass(frozen=True)
class Reading:
    """How one line reads: a positive score interprets, a negative one reports; cues say why."""

    score: float
    cues: tuple[str, ...]


def read_line(line: str) -> Reading:
    """Score a line by what it says: interpretive cues count up, reporting cues (and dates) count down."""
    score, cues = 0.0, []
    for pattern, weight, cue in _INTERPRETIVE:
        if pattern.search(line):
            score, cues = score + weight, cues + [cue]
    for pattern, weight, cue in _REPORTING:
        if pattern.search(line):
            score, cues = score - weight, cues + [cue]
    if find_full_dates(line):
        score, cues = score - 2.0, cues + ["a date"]
    if "a past-tense verb" not in cues and _has_past_tense(line):
        score, cues = score - 1.0, cues + ["a past-tense verb"]
    return Reading(score, tuple(cues))


def _has_past_tense(line: str) -> bool:
    """A verb in -ed that acts ("police raided"), not a participle ("to increased unrest", "were detained")."""
    words = re.findall(r"[A-Za-z’']+", line)
    for before, word in zip([""] + words, words):
        if len(word) > 4 and word.endswith("ed") and word.islower() and word not in _NOT_VERBS:
            if before.lower() not in _BEFORE_PARTICIPLE and not before.endswith("ly"):
                return True
    return False


def analysis_length(lines: Sequence[str], bounded: bool = False) -> int:
    """How many of the candidate lines are analysis: the prefix whose lines interpret the most.

    The block is a prefix, so the best cut is where the running score peaks; on a tie the
    shorter block wins, because a line that neither interprets nor reports is more often the
    body's plain first sentence than one more key point. The report, once begun, goes on: the
    block never reaches past the first line that clearly reports.

    `bounded`: the layout already ends the candidates (a paragraph of several sentences or a
    blank line follows); then every candidate that does not clearly report is analysis."""
    scores = [read_line(line).score for line in lines]
    if bounded and scores and all(score > _CLEARLY_REPORTS for score in scores):
        return len(scores)
    best, best_at, running = 0.0, 0, 0.0
    for index, score in enumerate(scores):
        if score <= _CLEARLY_REPORTS:
            break
        running += score
        if running > best:
            best, best_at = running, index + 1
    return best_at
