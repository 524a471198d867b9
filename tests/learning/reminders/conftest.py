"""Fixtures for reminder tests: people who joined on given days before a fixed TODAY,
requirements (the required-learning fixtures) and completions on given days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from learning.models import CompletionHow, DueFrom
from learning.records import services
from tests.factories import OrganisationFactory, make_person

# A Monday, well after every requirement's start (1 January 2020).
TODAY = date(2025, 6, 16)
BASE_URL = "https://learning.example.org"


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture(autouse=True)
def _public_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    settings.HUB_SEND_DIGESTS = True


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Northmoor Council")


@pytest.fixture
def person(organisation):
    """A factory: a practitioner who joined (and took their place) `days_ago` days
    before TODAY."""

    def build(days_ago: int, first_name: str, last_name: str, **fields):
        joined = TODAY - timedelta(days=days_ago)
        user = make_person(
            organisation=organisation,
            first_name=first_name,
            last_name=last_name,
            email=f"{first_name}.{last_name}@northmoor.example".lower(),
            date_joined=at(joined),
            **fields,
        )
        user.refresh_from_db()
        return user

    return build


@pytest.fixture
def requirement(make_requirement, page):
    """Due 30 days after joining; once is enough."""
    return make_requirement(page, due_days=30, due_from=DueFrom.JOINED)


def complete(user, page, day: date):
    completion, created = services.completion_record(
        user=user, page=page, how=CompletionHow.CONFIRMED, completed_at=at(day)
    )
    assert created
    return completion
