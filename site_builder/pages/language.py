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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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
    catalogue_hash: str  # of every catalogue read: a change redraws every page
    sources: tuple[Path, ...] = ()  # the folders it was read from

    def __reduce__(self) -> tuple:
        # Read again where it is unpickled (a spawned worker, a cluster's): catalogues are small.
        return load_language, (self.tag, self.sources)

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def date(self, moment: dt.date) -> str:
        """'8 February 2026', '8 février 2026', '8 февраля 2026 г.'"""
        return format_date(moment, "long", locale=self.locale)

    def time(self, moment: dt.datetime) -> str:
        """'14:05 GMT': the time of day in its zone, with the zone's abbreviation as news sites
        print it (GMT, BST, CET, EST), in any language."""
        zone = moment.tzname() or ""
        if zone[:1] in "+-":  # a zone without a name ('+03') is told by its offset
            zone = f"UTC{zone}"
        return f"{format_time(moment, 'short', locale=self.locale)} {zone}".rstrip()

    def month(self, moment: dt.date) -> str:
        """'February 2026', 'février 2026'."""
        return format_skeleton("yMMMM", moment, locale=self.locale)

    def day_and_month(self, moment: dt.date) -> str:
        """'24 May', '24 mai', '24 мая', '24 de mayo'."""
        return format_skeleton("MMMMd", moment, locale=self.locale)

    def month_name(self, moment: dt.date) -> str:
        """'February', standing alone ('février', 'февраль')."""
        return self.locale.months["stand-alone"]["wide"][moment.month]

    def number(self, value: int | float) -> str:
        return format_decimal(value, locale=self.locale)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)


def load_language(tag: str, catalogue_dirs: Iterable[Path] = ()) -> Language:
    """`tag` as site.toml names it; `catalogue_dirs`: the folders to read `<language>.po` from,
    the strongest first (the site's translations, the theme, its parents)."""
    catalogue_dirs = tuple(catalogue_dirs)
    locale = _locale(tag)
    found = [path for folder in catalogue_dirs for path in _candidates(folder, locale)]
    translations: NullTranslations = NullTranslations()
    digest = hashlib.blake2b(digest_size=16)
    for path in reversed(found):  # the weakest first; each stronger one is asked before it
        catalogue = _read(path)
        digest.update(path.read_bytes())
        catalogue.add_fallback(translations)
        translations = catalogue
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


def _read(path: Path) -> Translations:
    try:
        with path.open("rb") as handle:
            catalogue = read_po(handle, abort_invalid=True)
    except Exception as err:  # Babel's errors for a broken .po file come in several kinds
        raise ContentError([Problem(path, getattr(err, "lineno", None), f"invalid message catalogue: {err}")]) from None
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


ENGLISH = load_language("en")  # the words' and formats' language where none is given (the CLI's)


def is_right_to_left(tag: str) -> bool:
    return tag.split("-")[0].split("_")[0].lower() in RTL_SCRIPTS
