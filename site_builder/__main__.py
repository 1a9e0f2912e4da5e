"""`python -m site_builder` runs the command line."""

from site_builder.cli import run

if __name__ == "__main__":  # a spawned worker imports this module too
    run()
