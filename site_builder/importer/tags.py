"""tags: article text -> the people and organisations it is about, by salience, spelled by the vocabulary."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from site_builder.importer.regions import Weighted, is_place_word
from site_builder.importer.sources import AGENCY_NAMES
from site_builder.importer.text import split_sentences
from site_builder.importer.vocabulary import Vocabulary

_MAX_TAGS = 8
_MIN_TAGS = 3
_WORD = r"[A-Z][\w’'.-]*[\w]|[A-Z]"
_CONNECTOR = r"of the|of|for|de|da|del|van|von|bin|al|la|le"
_SEQUENCE = re.compile(rf"(?:{_WORD})(?:\s+(?:(?:{_CONNECTOR})\s+)?(?:{_WORD}))*")
_ACRONYM_DEFINITION = re.compile(rf"((?:{_WORD})(?:\s+(?:(?:{_CONNECTOR})\s+)?(?:{_WORD}))+)\s*(?:\(|,\s+or\s+)([A-Z]{{2,6}})\b")
_ORG_WORDS = {
    "Party", "Ministry", "University", "Institute", "Council", "Corps", "Organization", "Organisation",
    "Union", "Agency", "Bank", "Court", "Army", "Forces", "Parliament", "Commission", "Committee", "Group",
    "Front", "Movement", "Association", "Foundation", "Company", "Corporation", "Airlines", "Guard",
    "Fund", "Alliance", "Assembly", "Congress", "Senate", "Department", "Office", "League", "Police",
    "Service", "Navy", "Force", "Network", "School", "Church", "Federation", "Authority", "Board",
}
# Words that head a capitalised run without being part of a name: titles, sentence openers.
_LEADING_NOISE = {
    "The", "A", "An", "In", "On", "At", "By", "For", "But", "And", "As", "After", "Before", "During",
    "Despite", "With", "If", "When", "While", "Whether", "Other", "Some", "Many", "One", "All", "Also",
    "Meanwhile", "According", "It", "He", "She", "They", "We", "I", "This", "That", "There", "Though",
    "Prime", "Minister", "President", "Foreign", "Defense", "Defence", "Energy", "Finance", "Interior",
    "Chief", "Secretary", "Spokesman", "Spokeswoman", "Spokesperson", "Lawyer", "Professor", "Mr", "Mrs",
    "Ms", "Dr", "Gen", "General", "Sen", "Senator", "Rep", "Governor", "Mayor", "Judge", "Justice",
    "Leader", "Deputy", "Vice", "Former", "Late", "Kremlin", "King", "Queen", "Prince", "Pope", "Ambassador",
    "Commander", "Colonel", "Lieutenant", "Captain", "Sergeant", "Admiral", "Chancellor", "Premier",
    "Speaker", "Opposition", "Supreme", "State", "Lawmaker", "Analyst", "Official", "Officials", "Under",
    "Since", "From", "To", "Of", "His", "Her", "Their", "Its", "Our", "Your", "My", "What", "Why", "How",
    "Who", "Where", "Even", "Back", "Regime", "Russia", "Ukraine",
}
_CALENDAR = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
}
# Reporting agencies are the source field, not tags.
_NOT_TAGS = set(AGENCY_NAMES) | {"Associated Press", "TT", "Photo", "TOPSHOT"}


def find_tags(vocabulary: Vocabulary, headline: str, texts: Sequence[Weighted]) -> tuple[str, ...]:
    """People and organisations named repeatedly or in the headline, most salient first."""
    # Title-cased text capitalises every word, so names are read from running text only.
    body = " ".join(piece.text for piece in texts if not piece.title_case)
    acronyms = {short: _trim(long) for long, short in _ACRONYM_DEFINITION.findall(body)}
    candidates = _candidates(body, acronyms)
    candidates.update({tag: 0 for tag in vocabulary.known_tags + tuple(vocabulary.aliases) if tag in body})
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for name in candidates:
        tag = _canonical(name, vocabulary, acronyms)
        if tag in _NOT_TAGS or is_place_word(tag) or not tag:
            continue
        score = _mentions(name, body, acronyms) + (3 if _in_headline(name, headline, acronyms) else 0)
        score += 1 if tag in vocabulary.known_tags else 0
        scores[tag] = max(scores[tag], score)
        first_seen.setdefault(tag, body.find(name.split()[-1]))
    ranked = sorted(scores, key=lambda tag: (-scores[tag], first_seen[tag], tag))
    strong = [tag for tag in ranked if scores[tag] >= 2]
    # Too few repeated names: fill with full names mentioned once, in order of appearance.
    once = sorted((t for t in ranked if scores[t] < 2 and " " in t), key=lambda t: first_seen[t])
    return tuple((strong + once[: max(0, _MIN_TAGS - len(strong))])[:_MAX_TAGS])


def _candidates(body: str, acronyms: dict[str, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for sentence in split_sentences(body):
        for match in _SEQUENCE.finditer(sentence):
            # A possessive ends a name: "Takaichi’s Liberal Democratic Party" names two things.
            for part in re.split(r"[’']s\s+", match.group(0)):
                for piece in _split_affiliation(part):
                    name = _trim(piece)
                    if name and _is_name(name, acronyms):
                        found[name] = found.get(name, 0) + 1
    return found


def _split_affiliation(run: str) -> list[str]:
    """"Marcio Astrini of the Climate Observatory" is a person and an organisation; "Institute
    of the Study of War" is one name, because its head is an organisation word."""
    match = re.match(r"(.+?)\s+of(?:\s+the)?\s+(.+)", run)
    if match and len(match[1].split()) >= 2 and not _ORG_WORDS & set(match[1].split()):
        return [match[1], match[2]]
    return [run]


def _trim(run: str) -> str:
    words = re.sub(r"[’']s\b", "", run).split()
    is_org = bool(_ORG_WORDS & set(words))
    while words and (words[0] in _LEADING_NOISE or (is_place_word(words[0]) and not is_org)
                     or words[0] in _CALENDAR or re.fullmatch(rf"{_CONNECTOR}|the", words[0])):
        words = words[1:]
    while words and (words[-1] in _CALENDAR or re.fullmatch(_CONNECTOR, words[-1])):
        words = words[:-1]
    return " ".join(words).strip(".’'")


def _is_name(name: str, acronyms: dict[str, str]) -> bool:
    words = name.split()
    if len(words) == 1:
        return name in acronyms
    return len(words) <= 6 and not all(w.isupper() for w in words)


def _canonical(name: str, vocabulary: Vocabulary, acronyms: dict[str, str]) -> str:
    if name in vocabulary.aliases:
        return vocabulary.aliases[name]
    if name in acronyms and acronyms[name] not in vocabulary.aliases:
        return acronyms[name] if name not in vocabulary.known_tags else name
    long_form = next((short for short, long in acronyms.items() if long == name), None)
    if long_form in vocabulary.known_tags:
        return long_form
    return vocabulary.aliases.get(long_form or "", name)


def _mentions(name: str, body: str, acronyms: dict[str, str]) -> int:
    # A person is mostly named by surname after the first mention: count the surname alone.
    key = name.split()[-1] if _is_person(name, acronyms) else name
    count = len(re.findall(rf"(?<![\w-]){re.escape(key)}(?![\w-])", body))
    short = next((s for s, long in acronyms.items() if long == name), None)
    if short:
        count += len(re.findall(rf"(?<![\w-]){re.escape(short)}(?![\w-])", body))
    return count


def _is_person(name: str, acronyms: dict[str, str]) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and not _ORG_WORDS & set(words) and name not in acronyms.values()


def _in_headline(name: str, headline: str, acronyms: dict[str, str]) -> bool:
    keys = {name} | {s for s, long in acronyms.items() if long == name}
    if _is_person(name, acronyms):
        keys.add(name.split()[-1])
    return any(re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", headline) for k in keys)
