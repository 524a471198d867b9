"""Template fixes found by the W3C Nu HTML Checker (issue 12), kept fixed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.supervision.services import team_session_record
from tests.learning.reflections.factories import (
    make_learning_page,
    make_supervisee,
    make_supervisor,
)

pytestmark = pytest.mark.django_db

# HTML's "valid global date and time string": seconds take at most three decimals, and the
# offset is Z or +hh:mm / +hhmm. Django's date:'c' prints microseconds (six), which the
# checker rejects.
GLOBAL_DATE_AND_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$"
)


def test_session_history_times_are_valid_datetime_attributes(client):
    supervisor = make_supervisor()
    team = [make_supervisee(supervisor), make_supervisee(supervisor)]
    session = team_session_record(
        delivered_by=supervisor,
        page=make_learning_page(cpd_minutes=10),
        delivered_on=timezone.localdate() - timedelta(days=3),
        attendees=team,
        minutes=40,
    )
    client.force_login(supervisor)
    body = client.get(reverse("supervision:session_detail", args=[session.pk])).content.decode()
    values = re.findall(r'<time datetime="([^"]*)"', body)
    assert values, "the session's history shows when each change was made"
    for value in values:
        assert GLOBAL_DATE_AND_TIME.match(value), value
