"""A supervisor's team page runs the same number of queries for 5 supervisees as for
40, with everything the page shows per person in play: a team, learning completed
on the hub and elsewhere, a team session, entries shared for review, and required
learning (one requirement met by everyone, one only by those at the session)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import CompletionHow, EntryStatus, ExternalCPD, Profile
from learning.records.services import completion_record
from learning.supervision.services import team_session_record
from tests.factories import TeamFactory
from tests.learning.reflections.factories import (
    make_learning_page,
    make_supervisee,
    make_supervisor,
    shared_entry,
)

pytestmark = pytest.mark.django_db

MY_TEAM = reverse("supervision:my_team")


@pytest.fixture
def pages(db):
    return [
        make_learning_page(title="Coercive control in later life", cpd_minutes=10),
        make_learning_page(title="Self-neglect and hoarding", cpd_minutes=8),
    ]


@pytest.fixture
def requirements(make_requirement, pages):
    return [make_requirement(pages[0]), make_requirement(pages[1], title="Hoarding")]


def build_team(size: int, pages) -> object:
    supervisor = make_supervisor()
    teams = [TeamFactory(organisation=supervisor.profile.organisation) for _ in range(2)]
    people = []
    for n in range(size):
        person = make_supervisee(supervisor)
        Profile.objects.filter(user=person).update(team=teams[n % 2])
        completion_record(user=person, page=pages[0], how=CompletionHow.CONFIRMED)
        ExternalCPD.objects.create(
            user=person, title="Court skills", date=timezone.localdate(), minutes=60, type="course"
        )
        shared_entry(person, supervisor)
        shared_entry(person, supervisor, status=EntryStatus.FINAL)
        people.append(person)
    team_session_record(
        delivered_by=supervisor,
        page=pages[1],
        delivered_on=timezone.localdate(),
        attendees=people[: size // 2],
    )
    return supervisor


def _queries(client, supervisor, size: int) -> int:
    client.force_login(supervisor)
    client.get(MY_TEAM)  # warms what later requests reuse (site root, navigation)
    client.get(MY_TEAM)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(MY_TEAM)
    assert response.status_code == 200
    members = response.context["members"]
    assert len(members) == size
    assert len(response.context["awaiting"]) == 2 * size
    # Every figure is there: learning done this year, and required learning that
    # differs between those who attended the session and those who did not.
    assert all(member.completed_this_year >= 1 for member in members)
    assert len({member.required_summary for member in members}) == 2
    body = response.content.decode()
    assert body.count('data-label="CPD hours this year"') == size
    return len(captured)


def test_the_same_queries_for_5_and_40_supervisees(client, pages, requirements):
    small, large = build_team(5, pages), build_team(40, pages)
    assert _queries(client, small, 5) == _queries(client, large, 40)
