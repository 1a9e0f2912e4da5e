"""outcome: how the last build into an output folder ended, kept for `deploy` to check.

A failed build leaves `output/` as it was, so the folder alone cannot tell that its content is
older than the articles that failed; this record can. It sits beside the cache, one small
file per output folder, and is written at the end of every build, successful or not. Lost, it
only means the next deploy asks for a build first.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from site_builder.atomic import replacing
from site_builder.project import cache_file

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Outcome:
    ok: bool  # the build finished without problems
    site: str | None  # the id in the output folder's marker afterwards: which site it left
    problems: int = 0  # problems found, when it failed on content
    preview_url: str | None = None  # the dev server's address, when it built for `serve`


def record_outcome(root: Path, out: Path, outcome: Outcome) -> None:
    """A failure is written only over an earlier record: without one, there is nothing to deploy
    anyway, and a failed build of a new project leaves no file behind."""
    path = _outcome_file(root, out)
    if not outcome.ok and not path.exists():
        return
    try:
        path.parent.mkdir(exist_ok=True)
        with replacing(path) as handle:
            handle.write(json.dumps(asdict(outcome)).encode("utf-8"))
    except OSError as err:  # a read-only project still builds; deploy will ask for a build
        # A failed build says why itself; that it could not record so (the disk that failed it
        # is full, say) adds nothing, and the record left vouches for the site output/ still holds.
        (log.warning if outcome.ok else log.debug)("build outcome not recorded: %s", err)


def last_outcome(root: Path, out: Path) -> Outcome | None:
    """The outcome of the last build into `out`; None if none is recorded (or it is unreadable)."""
    try:
        return Outcome(**json.loads(_outcome_file(root, out).read_bytes()))
    except (OSError, ValueError, TypeError):
        return None


def _outcome_file(root: Path, out: Path) -> Path:
    return cache_file(root, "outcome", out, ".json")
