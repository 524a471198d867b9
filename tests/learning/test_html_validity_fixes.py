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


def test_menu_script_runs_before_the_page_below_the_menu(client):
    # Lighthouse measured a layout shift of 0.2-0.3 on phones when the script was deferred:
    # the page was drawn with every menu link showing, then jumped up when they folded away.
    body = client.get(reverse("account_login")).content.decode()
    tag = re.search(r"<script[^>]*navigation\.js[^>]*>", body)
    assert tag, "every page loads the menu script"
    assert "defer" not in tag.group(0) and "async" not in tag.group(0)
    assert body.index('id="hub-navigation"') < tag.start() < body.index("<main")
