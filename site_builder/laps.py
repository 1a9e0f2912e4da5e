"""laps: how long each stage of a build took, logged (seen with --debug): where the time goes."""

from __future__ import annotations

import logging
import time


class Laps:
    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self.last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.log.debug("%-22s %6.2f s", stage, now - self.last)
        self.last = now
