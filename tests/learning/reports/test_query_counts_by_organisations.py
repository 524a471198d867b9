"""Every report runs the same number of queries however many organisations and teams
the partnership has (each report's own tests hold it as people are added): the pages
are counted for an SAB manager (the partnership, by organisation and team) and an
organisation lead (their teams), with two organisations, then again with seven and
more teams in the lead's own."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import Completion, Feedback, Organisation, Team, WillChangePractice
from learning.reports.registry import report_types
from learning.roles import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db

PEOPLE_PER_TEAM = 6
_numbers = itertools.count(1)


def _organisation(page, teams: int = 2) -> Organisation:
    organisation = Organisation.objects.create(
        name=f"Partner {next(_numbers)}", type="local_authority"
    )
    for _ in range(teams):
        _team(organisation, page)
    return organisation


def _team(organisation: Organisation, page) -> Team:
    """A team whose people have completed `page` (some of them) and given feedback."""
    team = Team.objects.create(organisation=organisation, name=f"Team {next(_numbers)}")
    people = [
        make_person(team=team, date_joined=timezone.now() - timedelta(days=200))
        for _ in range(PEOPLE_PER_TEAM)
    ]
    done = timezone.now() - timedelta(days=3)
    Completion.objects.bulk_create(
        Completion(
            user=person,
            page=page,
            page_title=page.title,
            how="confirmed",
            minutes=5,
            completed_at=done,
        )
        for person in people[:4]
    )
    Feedback.objects.bulk_create(
        Feedback(
            user=person,
            page=page,
            usefulness=4,
            will_change_practice=WillChangePractice.values[0],
            comment="Clear and practical.",
        )
        for person in people[:4]
    )
    return team


@pytest.fixture
def partnership(page, make_requirement, totp_user):
    make_requirement(page, starts_on=date(2024, 1, 1))
    own = _organisation(page)
    _organisation(page)
    lead = make_person(role=Role.ORGANISATION_LEAD, organisation=own)
    manager = make_person(role=Role.SAB_MANAGER, organisation=_organisation(page, teams=0))
    for person in (lead, manager):
        totp_user(person)
    return {"page": page, "own": own, "lead": lead, "manager": manager}


def _counts(client, partnership) -> dict[tuple[str, str], int]:
    counts = {}
    for viewer in ("manager", "lead"):
        client.force_login(partnership[viewer])
        client.get(reverse("reports:index"))  # the first request loads the session and site
        for report in report_types():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse("reports:report", args=[report.slug]))
            assert response.status_code == 200, (viewer, report.slug)
            counts[viewer, report.slug] = len(queries)
    return counts


def test_every_report_runs_the_same_queries_for_more_organisations(
    client, partnership, monkeypatch
):
    # Each view records the people a lead's table shows, every time: otherwise the
    # second count would skip people already seen (learning.audit.record_views).
    monkeypatch.setattr("learning.audit.record_views.SAME_LOOK", timedelta(0))
    _counts(client, partnership)  # the first also stores the report settings' defaults
    before = _counts(client, partnership)
    for _ in range(5):
        _organisation(partnership["page"], teams=3)
    for _ in range(3):
        _team(partnership["own"], partnership["page"])
    after = _counts(client, partnership)
    assert set(before) == {
        (viewer, report.slug) for viewer in ("manager", "lead") for report in report_types()
    }
    assert after == before
