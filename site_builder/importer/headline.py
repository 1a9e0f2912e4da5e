"""headline: a briefing's opening sentence -> a short, title-cased headline of who did what (rules, no ML)."""

from __future__ import annotations

import re

_MAX_CHARS = 90
_LEADING_ADVERBIAL = re.compile(
    r"^(?:In|On|At|After|Amid|Amidst|During|Following|Despite|Meanwhile|As|With|Under|Since|Before|"
    r"Earlier|Late|Early|Today|Yesterday|Last|This|Overnight|Separately|However|Also)\b[^,]{0,100},\s*"
)
_CLAUSE_BREAK = re.compile(r",\s+(?:which|who|where|while|as|after|amid|despite|saying|according|but|and)\b|;|\s+[-–—]\s+")
_PARTICIPLE = re.compile(r",\s+([a-z]+ing)\b\s*(.*)$")
_IRREGULAR = {
    "said": "say", "took": "take", "made": "make", "met": "meet", "won": "win", "held": "hold", "began": "begin",
    "sent": "send", "left": "leave", "struck": "strike", "hit": "hit", "shot": "shoot", "fled": "flee",
    "gave": "give", "told": "tell", "became": "become", "brought": "bring", "sought": "seek", "found": "find",
    "lost": "lose", "led": "lead", "went": "go", "ran": "run", "rose": "rise", "fell": "fall", "saw": "see",
    "spent": "spend", "bought": "buy", "sold": "sell", "built": "build", "chose": "choose", "came": "come",
    "drew": "draw", "threw": "throw", "broke": "break", "froze": "freeze", "stole": "steal", "wrote": "write",
    "set": "set", "cut": "cut", "put": "put", "quit": "quit", "shut": "shut", "spread": "spread", "bid": "bid",
    "beat": "beat", "hid": "hide", "kept": "keep", "paid": "pay", "laid": "lay", "swept": "sweep",
    "withdrew": "withdraw", "overtook": "overtake", "undertook": "undertake", "forbade": "forbid",
}
_LIGHT_VERB = re.compile(
    r"^(?:conducted|carried out|launched|staged|mounted|made|unleashed)\s+(?:an?\s+|a series of\s+|several\s+|multiple\s+|\w+\s+)?"
    r"(raid|strike|attack|search|arrest|crackdown|assault|incursion)s?\s+(?:on|against|in|at)\s+(.*)$"
)
_QUANTIFIERS = re.compile(
    r"^(?:(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|millions|"
    r"several|numerous|many|some|multiple|various|a number|a series|a handful)\s+(?:of\s+)?)+"
)
_FILLER_ADJECTIVES = re.compile(r"\b(?:major|significant|large|huge|massive|several|numerous)\s+")
_PLURAL_NOUNS = {"police", "people", "military", "children", "men", "women", "staff", "personnel"}
_WEEKDAY = re.compile(r"\s+(?:on|late on|early on)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# ", May 6, 2024" after a weekday, and a closing ", officials said": neither belongs in a headline.
_FULL_DATE = re.compile(r",?\s+(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
                        r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                        r"\s+\d{1,2},\s+\d{4}\b")
_ATTRIBUTION = re.compile(r",\s+(?:[\w'’-]+\s+){1,4}(?:said|says|reported|announced|told reporters)$")
_DATE_PHRASE = re.compile(
    r",?\s+(?:on|in)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?\b"
)
_SMALL_WORDS = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
                "off", "on", "per", "to", "up", "via", "vs"}


def headline_from_sentence(sentence: str) -> str:
    """A headline built from the sentence's subject, verb and object; a trimmed sentence if that fails."""
    clause = _LEADING_ADVERBIAL.sub("", sentence.strip().rstrip(".!?")).strip()
    clause = re.sub(r"\s+today\b", "", _ATTRIBUTION.sub("", _FULL_DATE.sub("", clause)))
    clause = re.sub(r"^The\s+(?=[A-Z])", "", _DATE_PHRASE.sub("", _WEEKDAY.sub("", clause)))
    participle = _PARTICIPLE.search(clause)
    main = clause[: participle.start()] if participle else clause
    main = _CLAUSE_BREAK.split(main)[0].strip()
    built = _subject_verb_object(main)
    if built is None:
        return title_case(_cut(main))
    if participle:
        extended = f"{built} to {_base(participle.group(1), 'ing')} {_simplify_object(_CLAUSE_BREAK.split(participle.group(2))[0])}"
        if len(extended) <= _MAX_CHARS:
            built = extended
    return title_case(_cut(built))


def _subject_verb_object(main: str) -> str | None:
    words = main.split()
    for index, word in enumerate(words[1:], start=1):
        lower = word.lower()
        if lower in ("was", "were") and index + 1 < len(words) and _past_base(words[index + 1].lower()):
            return " ".join(words[:index] + words[index + 1 :])
        # "Children have been forced from their homes" -> "Children Forced From Their Homes"
        if (lower in ("has", "have", "had") and index + 2 < len(words) and words[index + 1].lower() == "been"
                and _past_base(words[index + 2].lower())):
            return " ".join(words[:index] + words[index + 2 :])
        base = _past_base(lower)
        if base is None:
            continue
        subject, rest = " ".join(words[:index]), " ".join(words[index + 1 :])
        light = _LIGHT_VERB.match(f"{lower} {rest}")
        if light:
            base, rest = light.group(1), light.group(2)
        return f"{subject} {_conjugate(base, subject)} {_simplify_object(rest)}".strip()
    return None


def _past_base(word: str) -> str | None:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 3 and word.endswith("ed") and word.isalpha() and word not in ("need", "speed", "seed", "breed"):
        return _base(word, "ed")
    return None


def _base(word: str, suffix: str) -> str:
    stem = word[: -len(suffix)]
    if suffix == "ed" and stem.endswith("i"):
        return stem[:-1] + "y"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    if _wants_final_e(stem):
        return stem + "e"
    return stem


def _wants_final_e(stem: str) -> bool:
    if re.search(r"(?:[^aeiou][vzcg]|[aeiou][vzcgs]|[aiou]r|[^aeiou]l)$", stem) and not stem.endswith(("ss", "ng")):
        return not re.search(r"(?:ai|ea|ee|oa|oo|ou|ie)[a-z]$", stem) or stem.endswith(("eas", "ous", "eiz", "eiv"))
    # One-syllable consonant-vowel-consonant stems (vot, hop, rul) lost an e: "voted" is "vote".
    return bool(re.fullmatch(r"[^aeiou]*[aeiou][bdkmnpt]", stem))


def _conjugate(base: str, subject: str) -> str:
    # The head noun comes before any "in Moldova" or "of the party" that follows it.
    head = re.split(r"\s+(?:in|of|from|at|on|for|with)\s+", subject)[0]
    last = head.split()[-1].lower() if head else ""
    plural = " and " in head or last in _PLURAL_NOUNS or (last.endswith("s") and not last.endswith(("ss", "us", "is")))
    if plural:
        return base
    if re.search(r"(?:s|sh|ch|x|z|o)$", base):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


def _simplify_object(text: str) -> str:
    text = _FILLER_ADJECTIVES.sub("", _QUANTIFIERS.sub("", text.strip()))
    # "nightclubs in Moscow" reads as "Moscow nightclubs" in a headline.
    match = re.fullmatch(r"([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+in\s+([A-Z][\w'’-]+)", text)
    return f"{match.group(2)} {match.group(1)}" if match else text


def _cut(text: str) -> str:
    if len(text) <= _MAX_CHARS:
        return text
    return text[:_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:")


def title_case(text: str) -> str:
    """Headline capitalisation: every word capitalised except short function words inside the title."""
    words = text.split()
    result = []
    for index, word in enumerate(words):
        if word.lower() in _SMALL_WORDS and 0 < index < len(words) - 1:
            result.append(word.lower() if word.islower() else word)
        elif word[:1].islower():
            result.append(word[:1].upper() + word[1:])
        else:
            result.append(word)
    return " ".join(result)
