"""Fixtures for notification tests: a supervisor, their supervisee (the author) and an
entry the author shared with them, final so that it can be signed off."""

from __future__ import annotations

import pytest

from learning.models import EntryStatus
from tests.learning.reflections.factories import make_supervisee, make_supervisor, shared_entry

BASE_URL = "https://learning.example.org"
ENTRY_TITLE = "Mrs B and the locked door"
ENTRY_BODY = "I asked Mrs B what she wanted before calling anyone."


@pytest.fixture(autouse=True)
def _public_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL


@pytest.fixture
def supervisor(db):
    return make_supervisor(first_name="Rachel", last_name="Hughes")


@pytest.fixture
def author(supervisor):
    return make_supervisee(
        supervisor, first_name="Jordan", last_name="Ellis", email="jordan@northmoor.example"
    )


@pytest.fixture
def entry(author, supervisor):
    # Shared outside any captured commit, so the supervisor's "shared with you" email
    # never reaches the outbox: the tests count the author's emails only.
    return shared_entry(
        author, supervisor, title=ENTRY_TITLE, body=ENTRY_BODY, status=EntryStatus.FINAL
    )
