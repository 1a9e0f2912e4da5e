"""site-builder: a static site generator for news archives."""

from importlib import metadata

try:
    __version__ = metadata.version("site-builder")
except metadata.PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
