"""Fixtures of the case tests: `world` (see case_world)."""

from case_world import world  # noqa: F401 — the fixture, re-exported for pytest
