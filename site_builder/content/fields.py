"""fields: the newsroom's front matter fields, checked -> their values or what is wrong with them:
bylines (`authors`, the older `byline`), `corrections`, `aliases`, `story`, and an article's
`language` and `translation_key`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from babel import Locale, UnknownLocaleError

from site_builder.model import Correction
from site_builder.text import slugify

# An old address kept working: a folder URL, or an .html file (an older site's page).
_ALIAS = re.compile(r"([A-Za-z0-9._~%!$&'()*+,;=:@-]+/)*([A-Za-z0-9._~%!$&'()*+,;=:@-]+\.html?)?")

Problem = Callable[[str], None]  # says what is wrong with the field being checked
DateReader = Callable[[Any], tuple[dt.datetime, bool] | None]


def read_authors(values: dict[str, Any], problem: Callable[[str, str], None]) -> tuple[str, ...]:
    """`authors: [Jane Doe, John Roe]`; without it, the older `byline: By Jane Doe` as one
    author, its "By" dropped."""
    if values.get("authors") is not None:
        names = values["authors"]
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            problem("authors", "'authors' must be a list of names, such as [Jane Doe, John Roe]")
            return ()
        return tuple(dict.fromkeys(" ".join(n.split()) for n in names if n.strip()))
    byline = values.get("byline")
    if isinstance(byline, str) and byline.strip():
        name = re.sub(r"^by\s+", "", " ".join(byline.split()), flags=re.IGNORECASE)
        return (name,) if name else ()
    return ()


def read_corrections(value: Any, read_date: DateReader, problem: Problem) -> tuple[Correction, ...]:
    """`corrections: [{date: 2024-06-02, text: ...}]`, oldest first whatever the order written."""
    if value is None:
        return ()
    if not isinstance(value, list):
        problem("'corrections' must be a list of {date, text}")
        return ()
    found = []
    for number, item in enumerate(value, 1):
        if not isinstance(item, dict) or set(item) - {"date", "text"}:
            problem(f"correction {number} must be a mapping with 'date' and 'text' only")
            continue
        moment = read_date(item.get("date")) if item.get("date") not in (None, "") else None
        text = item.get("text")
        if moment is None:
            problem(f"correction {number} needs a valid 'date' (YYYY-MM-DD or ISO 8601), not {item.get('date')!r}")
        elif not isinstance(text, str) or not text.strip():
            problem(f"correction {number} needs a 'text' saying what was corrected")
        else:
            found.append(Correction(moment[0], " ".join(text.split())))
    return tuple(sorted(found, key=lambda c: c.date))


def read_aliases(value: Any, problem: Problem) -> tuple[str, ...]:
    """Old addresses as site-relative URLs: '/2024/06/01/old-slug/' -> '2024/06/01/old-slug/'
    ('old-slug' gets its slash: a folder, as every page of the site is)."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        problem("'aliases' must be a list of old URL paths, such as [\"/2024/06/01/old-slug/\"]")
        return ()
    found = []
    for alias in items:
        path = alias.strip().lstrip("/")
        if path and not path.endswith("/") and not re.search(r"\.html?$", path):
            path += "/"
        parts = path.rstrip("/").split("/")
        if not path or not _ALIAS.fullmatch(path) or any(part in (".", "..") for part in parts):
            problem(f"alias {alias!r} must be a path in the site, such as \"/2024/06/01/old-slug/\" "
                    "or \"/news/old-page.html\" (no '..', query or host)")
            continue
        found.append(path)
    return tuple(dict.fromkeys(found))


def read_story(value: Any, problem: Problem) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        problem("'story' must be text: the running story's name, such as \"Japan budget\"")
        return None
    name = " ".join(value.split())
    if not slugify(name):
        problem(f"'story' {name!r} needs letters or digits for its page's address")
        return None
    return name


def read_language(value: Any, problem: Problem) -> str | None:
    """An article's `language:` ("ru", "pt-BR"), when it is not the site's; None if not given."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _is_language(value):
        problem(f"'language' must be a language tag such as \"en\", \"ru\" or \"pt-BR\", not {value!r}")
        return None
    return value


def _is_language(tag: str) -> bool:
    try:
        Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def read_translation_key(value: Any, problem: Problem) -> str | None:
    """`translation_key:`: the name an article shares with its translations, which link each other."""
    if value is None or value == "":
        return None
    if not isinstance(value, str | int):
        problem("'translation_key' must be text, the same in every translation of the article")
        return None
    return str(value)
