"""Shared by the detector tests: the detectors are pure functions of text."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Shadows the project-wide fixture, which needs the database, so these tests run
    # without one.
    yield
