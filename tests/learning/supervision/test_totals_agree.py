"""Everyone who sees a person's CPD totals sees the same figures: the person on My
learning, their supervisor on My team and on the person's record, and their
organisation lead on the people table. The person here has a confirmed completion,
CPD done elsewhere and a team session, so a page that leaves any of them out (My team
once counted only learning done on the hub: 0.3 hours of 2.3) disagrees."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import CompletionHow, ExternalCPD, Profile, RegistrationBody
from learning.records.services import completion_record
from learning.roles import Role
from learning.supervision.services import team_session_record
from tests.factories import make_person
from tests.learning.organisation.helpers import table_rows
from tests.learning.reflections.factories import make_learning_page

pytestmark = pytest.mark.django_db

# 10 minutes confirmed, 8 at a team session, 120 done elsewhere: 138 minutes.
YEAR_HOURS = "2.3"


@pytest.fixture
def jordan(supervisor, team, learning_page):
    jordan = team[0]
    Profile.objects.filter(user=jordan).update(registration_body=RegistrationBody.NMC)
    completion_record(user=jordan, page=learning_page, how=CompletionHow.CONFIRMED)
    team_session_record(
        delivered_by=supervisor,
        page=make_learning_page(title="Self-neglect and hoarding", cpd_minutes=8),
        delivered_on=timezone.localdate(),
        attendees=[jordan],
    )
    ExternalCPD.objects.create(
        user=jordan,
        title="Court skills day",
        date=timezone.localdate(),
        minutes=120,
        type="course",
    )
    jordan.refresh_from_db()
    return jordan


def _text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _record_figures(body: str) -> tuple[str, str]:
    """This year's hours and the regulator period's hours, as a learning record shows
    them."""
    year = re.search(r"CPD this year</dt>\s*<dd[^>]*>([\d.]+) hours", body)
    period = re.search(r"Hours of CPD</dt>\s*<dd[^>]*>\s*([\d.]+) of 35 hours", body)
    assert year and period, "a figure is missing from the record"
    return year.group(1), period.group(1)


def test_the_person_their_supervisor_and_their_lead_see_the_same_totals(
    client, supervisor, jordan, totp_user
):
    client.force_login(jordan)
    own = _record_figures(_text(client.get(reverse("records:my_learning"))))

    client.force_login(supervisor)
    team_rows = table_rows(_text(client.get(reverse("supervision:my_team"))), "team-table")
    on_team_page = next(row[2] for row in team_rows if row[0].startswith(str(jordan)))
    as_supervisor = _record_figures(
        _text(client.get(reverse("records:person_learning", args=[jordan.pk])))
    )

    lead = make_person(role=Role.ORGANISATION_LEAD, organisation=jordan.profile.organisation)
    totp_user(lead)
    client.force_login(lead)
    people_rows = table_rows(_text(client.get("/organisation/people/")))
    on_people_page = next(row[7] for row in people_rows if row[0] == str(jordan))

    assert own == (YEAR_HOURS, YEAR_HOURS)
    assert as_supervisor == own
    assert on_team_page == YEAR_HOURS
    assert on_people_page == YEAR_HOURS
