"""`python -m site_builder` runs the command line."""

import sys

from site_builder.cli import main

if __name__ == "__main__":  # a spawned worker imports this module too
    sys.exit(main())
