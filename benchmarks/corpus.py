"""The synthetic archive now lives in tests/support/corpus.py, shared by the tests and the
benchmarks; this keeps `python -m benchmarks.corpus DIR N [--seed S]` working."""

from tests.support.corpus import *  # noqa: F401,F403
from tests.support.corpus import main

if __name__ == "__main__":
    main()
