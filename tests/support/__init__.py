"""Helpers the tests share, imported as `tests.support.<module>`: no tests and no fixtures here
(fixtures live in tests/conftest.py)."""
