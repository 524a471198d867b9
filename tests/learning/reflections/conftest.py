"""Fixtures for reflective-log tests: a supervisor, their supervisee (the author) and
a learning page with two reflective questions."""

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
def author(supervisor):
    return make_supervisee(supervisor, first_name="Jordan", last_name="Ellis")


@pytest.fixture
def learning_page(db):
    return make_learning_page(title="Listening to Mrs B")


@pytest.fixture
def question(learning_page):
    """The page's first reflective question as {id, text, principle}."""
    return learning_page.reflective_question_items()[0]
