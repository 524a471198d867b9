"""An attendee sees every team session they attended on My learning, including one
for an item they had already completed, which adds no minutes a second time."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Completion, CompletionHow
from learning.records.selectors import cpd_totals_for, team_sessions_attended
from learning.records.services import completion_record
from learning.supervision.services import team_session_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_after_completing(supervisor, team, learning_page):
    completion_record(user=team[0], page=learning_page, how=CompletionHow.CONFIRMED)
    return team_session_record(
        delivered_by=supervisor,
        page=learning_page,
        delivered_on=timezone.localdate(),
        attendees=team,
        group_reflection="We will ask what matters to the person first.",
    )


def test_the_session_is_on_the_record_of_someone_who_had_completed(
    client, team, learning_page, session_after_completing
):
    already, fresh = team
    client.force_login(already)
    body = client.get(reverse("records:my_learning")).content.decode()

    section = body.split('id="team-sessions-title"', 1)[1]
    assert learning_page.title in section
    assert reverse("supervision:session_detail", args=[session_after_completing.pk]) in section
    assert "Already on the record from an earlier completion" in section
    # The session's notes are open to them from there.
    detail = client.get(reverse("supervision:session_detail", args=[session_after_completing.pk]))
    assert "We will ask what matters" in detail.content.decode()

    client.force_login(fresh)
    section = client.get(reverse("records:my_learning")).content.decode()
    section = section.split('id="team-sessions-title"', 1)[1]
    assert "On the record as a team session" in section


def test_one_completion_and_the_minutes_counted_once(team, learning_page, session_after_completing):
    already = team[0]
    (completion,) = Completion.objects.filter(user=already)
    assert completion.how == CompletionHow.CONFIRMED and completion.team_session is None
    assert cpd_totals_for(user=already).year_minutes == learning_page.cpd_minutes
    (session,) = team_sessions_attended(user=already)
    assert session.pk == session_after_completing.pk and session.credited is False
    (session,) = team_sessions_attended(user=team[1])
    assert session.credited is True


def test_someone_who_did_not_attend_sees_no_session(client, supervisor, session_after_completing):
    from tests.learning.reflections.factories import make_supervisee

    absent = make_supervisee(supervisor)
    client.force_login(absent)
    assert (
        'id="team-sessions-title"'
        not in client.get(reverse("records:my_learning")).content.decode()
    )
    assert not team_sessions_attended(user=absent).exists()
