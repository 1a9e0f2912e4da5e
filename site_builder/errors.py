"""errors: what goes wrong, as the commands report it: a problem with an input (`path:line:
message`), or a command that cannot do what was asked; each exits with its own status."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, reported as `path:line: message`."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Raised when inputs are wrong; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class UsageError(Exception):
    """The command cannot do what was asked where it was asked (a folder in use, say): one line."""


class OutputError(UsageError):
    """The output folder cannot be used (wrong place, not ours, not writable)."""


class DeployError(Exception):
    """A deploy refused, or stopped by its destination: one line, exit status 1."""
