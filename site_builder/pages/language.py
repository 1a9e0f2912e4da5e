"""language: the site's language -> how its pages speak: the interface's words from the themes'
message catalogues (gettext, through Babel), dates, months and numbers formatted for it, and the
direction its script is written in.

A theme keeps its catalogues in `locale/<language>.po` (the bundled ones in English, French,
Spanish, Russian, Ukrainian and Arabic); a site overrides any string in `translations/<language>.po`
of the project. A word no catalogue has stays English.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from site_builder.errors import ContentError, Problem

# English without a region writes dates as newsrooms outside the United States do
# ("8 February 2026"); "en-US" gives "February 8, 2026".
_DEFAULT_REGION = {"en": "en_GB"}
RTL_SCRIPTS = {"ar", "fa", "ur", "he", "ps", "sd", "ug", "yi", "dv", "ckb"}


@dataclass(frozen=True)
class Language:
    """The site's language as its pages need it; `tag` is what `<html lang>` says."""

    tag: str  # as site.toml writes it: "en", "fr", "pt-BR"
    locale: Locale
    translations: NullTranslations
    catalogue_hash: str  # of every catalogue of every language: a change redraws every page
    sources: tuple[Path, ...] = ()  # the folders it was read from

    def __reduce__(self) -> tuple:
        # Read again where it is unpickled (a spawned worker, a cluster's): catalogues are small.
        return load_language, (self.tag, self.sources)

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def date(self, moment: dt.date) -> str:
        """'8 February 2026', '8 février 2026', '8 февраля 2026 г.'"""
        day = moment.date() if isinstance(moment, dt.datetime) else moment
        return _formatted("date", day, self.locale)

    def time(self, moment: dt.datetime) -> str:
        """'14:05 GMT': the time of day in its zone, with the zone's abbreviation as news sites
        print it (GMT, BST, CET, EST), in any language."""
        zone = moment.tzname() or ""
        if zone[:1] in "+-":  # a zone without a name ('+03') is told by its offset
            zone = f"UTC{zone}"
        return f"{_formatted('time', moment.time(), self.locale)} {zone}".rstrip()

    def month(self, moment: dt.date) -> str:
        """'February 2026', 'février 2026'."""
        return _formatted("yMMMM", dt.date(moment.year, moment.month, 1), self.locale)

    def day_and_month(self, moment: dt.date) -> str:
        """'24 May', '24 mai', '24 мая', '24 de mayo'."""
        return _formatted("MMMMd", dt.date(moment.year, moment.month, moment.day), self.locale)

    def month_name(self, moment: dt.date) -> str:
        """'February', standing alone ('février', 'февраль')."""
        return self.locale.months["stand-alone"]["wide"][moment.month]

    def month_abbr(self, moment: dt.date) -> str:
        """'Jan', 'janv.', 'янв.': the language's own short name, whatever its region."""
        return Locale(self.locale.language).months["stand-alone"]["abbreviated"][moment.month]

    @property
    def weekday_abbrs(self) -> list[str]:
        """Monday first: 'Mon' ... 'Sun', 'lun.' ... 'dim.'."""
        days = Locale(self.locale.language).days["stand-alone"]["abbreviated"]
        return [days[day] for day in range(7)]

    def number(self, value: float) -> str:
        return _formatted("number", value, self.locale)

    def plural_words(self, singular: str, plural: str) -> dict[str, str]:
        """The catalogue's forms of a counted phrase by CLDR plural category ('one', 'few',
        'many', 'other'...), as scripts choose them with Intl.PluralRules."""
        forms: dict[str, str] = {}
        for count in range(201):
            forms.setdefault(self.locale.plural_form(count), self.ngettext(singular, plural, count))
        return forms

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)


# Pages show the same days, months and counts over and over (each teaser's date, each listing's
# count): Babel's formatting, a pattern parsed and applied each time, is done once per value.
@functools.lru_cache(maxsize=8192)  # ten years of days, their months and the counts shown
def _formatted(how: str, value: Any, locale: Locale) -> str:
    if how == "date":
        return format_date(value, "long", locale=locale)
    if how == "time":
        return format_time(value, "short", locale=locale)
    if how == "number":
        return format_decimal(value, locale=locale)
    return format_skeleton(how, value, locale=locale)


def load_language(tag: str, catalogue_dirs: Iterable[Path] = (), root: Path | None = None) -> Language:
    """`tag` as site.toml names it; `catalogue_dirs`: the folders to read `<language>.po` from,
    the strongest first (the site's translations, the theme, its parents); `root`: the project,
    which a broken catalogue's message names it from."""
    catalogue_dirs = tuple(catalogue_dirs)
    locale = _locale(tag)
    found = [path for folder in catalogue_dirs for path in _candidates(folder, locale)]
    translations: NullTranslations = NullTranslations()
    digest = hashlib.blake2b(digest_size=16)
    for path in reversed(found):  # the weakest first; each stronger one is asked before it
        catalogue = _read(path, root)
        catalogue.add_fallback(translations)
        translations = catalogue
    # Every language's: an article in another language is drawn in its own (languages.py).
    for path in sorted(path for folder in catalogue_dirs if folder.is_dir() for path in folder.glob("*.po")):
        digest.update(f"{path}\0".encode() + path.read_bytes())
    return Language(tag, locale, translations, digest.hexdigest(), tuple(catalogue_dirs))


@functools.lru_cache(maxsize=32)
def _locale(tag: str) -> Locale:
    name = tag.replace("-", "_")
    try:
        return Locale.parse(_DEFAULT_REGION.get(name, name))
    except (UnknownLocaleError, ValueError):
        raise ContentError([Problem(Path("site.toml"), None, f"unknown language '{tag}'")]) from None


def _candidates(folder: Path, locale: Locale) -> list[Path]:
    """The catalogue of the language and territory ('pt_BR.po'), else of the language ('pt.po')."""
    names = [f"{locale.language}_{locale.territory}.po"] if locale.territory else []
    names.append(f"{locale.language}.po")
    return [path for name in names if (path := folder / name).is_file()][:1]


def _read(path: Path, root: Path | None) -> Translations:
    try:
        with path.open("rb") as handle:
            catalogue = read_po(handle, abort_invalid=True)
    except Exception as err:  # noqa: BLE001 (Babel's errors for a broken .po file come in several kinds)
        line = getattr(err, "lineno", None)  # Babel counts lines from 0
        why = re.sub(r" on \d+$", "", str(err))
        shown = path.relative_to(root) if root is not None and path.is_relative_to(root) else path
        raise ContentError([Problem(shown, None if line is None else line + 1,
                                    f"invalid message catalogue: {why}")]) from None
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


ENGLISH = load_language("en")  # the words' and formats' language where none is given (the CLI's)


def is_right_to_left(tag: str) -> bool:
    return tag.split("-")[0].split("_")[0].lower() in RTL_SCRIPTS


def missing_translations(tag: str, catalogue_dirs: Iterable[Path], shown: Callable[[Path], Path]) -> list[str]:
    """One line for each of the interface's words (those of the English catalogues in
    `catalogue_dirs`) that no catalogue of language `tag` translates: the page shows it in
    English. `shown` writes a path as messages name it."""
    catalogue_dirs = tuple(catalogue_dirs)
    locale = _locale(tag)
    if locale.language == "en":
        return []
    translated = {message.id for folder in catalogue_dirs for path in _candidates(folder, locale)
                  for message in _messages(path) if _has_string(message.string)}
    missing, seen = [], set()
    for folder in catalogue_dirs:
        english = folder / "en.po"
        for message in _messages(english) if english.is_file() else ():
            if message.id and message.id not in translated and message.id not in seen:
                seen.add(message.id)
                words = message.id[0] if isinstance(message.id, tuple) else message.id
                missing.append(f"{shown(english)}:{message.lineno}: warning: no '{tag}' translation of {words!r}; "
                               f"the pages show it in English (add it to translations/{locale.language}.po)")
    return missing


def _messages(path: Path) -> list:
    with path.open("rb") as handle:
        return list(read_po(handle))


def _has_string(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)
