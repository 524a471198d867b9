"""Fixtures for supervision tests: a supervisor with two supervisees, and a page."""

from __future__ import annotations

import pytest

from tests.learning.reflections.factories import (
    make_learning_page,
    make_supervisee,
    make_supervisor,
)


@pytest.fixture
def supervisor(db):
    return make_supervisor(first_name="Rachel", last_name="Hughes")


@pytest.fixture
def team(supervisor):
    return [
        make_supervisee(supervisor, first_name="Jordan", last_name="Ellis"),
        make_supervisee(supervisor, first_name="Sam", last_name="Okafor"),
    ]


@pytest.fixture
def learning_page(db):
    return make_learning_page(title="Coercive control in later life", cpd_minutes=10)
