"""Recording a team session gives each attendee a completion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning.models import Completion, CompletionHow, TeamSession
from learning.records.services import completion_record
from learning.supervision.services import team_session_record
from tests.factories import make_person
from tests.learning.reflections.factories import make_supervisee, make_supervisor

pytestmark = pytest.mark.django_db


def test_each_attendee_gets_a_team_session_completion(supervisor, team, learning_page):
    day = timezone.localdate() - timedelta(days=2)

    session = team_session_record(
        delivered_by=supervisor,
        page=learning_page,
        delivered_on=day,
        attendees=team,
        group_reflection="We agreed to *ask* first.",
    )

    assert session.page_title == "Coercive control in later life"
    assert set(session.attendees.all()) == set(team)
    completions = Completion.objects.filter(team_session=session)
    assert {c.user for c in completions} == set(team)
    for completion in completions:
        assert completion.how == CompletionHow.TEAM_SESSION
        assert completion.minutes == 10
        assert timezone.localtime(completion.completed_at).date() == day


def test_someone_who_had_already_completed_it_keeps_their_record(supervisor, team, learning_page):
    earlier, _ = completion_record(user=team[0], page=learning_page, how=CompletionHow.CONFIRMED)

    session = team_session_record(
        delivered_by=supervisor,
        page=learning_page,
        delivered_on=timezone.localdate(),
        attendees=team,
    )

    assert Completion.objects.filter(user=team[0]).get().pk == earlier.pk
    assert Completion.objects.get(user=team[1]).team_session == session
    assert team[0] in session.attendees.all()


def test_attendee_not_in_the_team_is_refused(supervisor, team, learning_page):
    outsider = make_supervisee(make_supervisor())
    with pytest.raises(ValidationError) as caught:
        team_session_record(
            delivered_by=supervisor,
            page=learning_page,
            delivered_on=timezone.localdate(),
            attendees=[team[0], outsider],
        )
    assert "attendees" in caught.value.message_dict
    assert not TeamSession.objects.exists()
    assert not Completion.objects.exists()


def test_future_date_is_refused(supervisor, team, learning_page):
    with pytest.raises(ValidationError) as caught:
        team_session_record(
            delivered_by=supervisor,
            page=learning_page,
            delivered_on=timezone.localdate() + timedelta(days=1),
            attendees=team,
        )
    assert "delivered_on" in caught.value.message_dict


def test_nobody_attending_is_refused(supervisor, learning_page):
    with pytest.raises(ValidationError):
        team_session_record(
            delivered_by=supervisor,
            page=learning_page,
            delivered_on=timezone.localdate(),
            attendees=[],
        )


def test_unpublished_page_is_refused(supervisor, team, learning_page):
    learning_page.unpublish()
    with pytest.raises(ValidationError) as caught:
        team_session_record(
            delivered_by=supervisor,
            page=learning_page,
            delivered_on=timezone.localdate(),
            attendees=team,
        )
    assert "page" in caught.value.message_dict


def test_someone_who_supervises_nobody_cannot_record(team, learning_page):
    with pytest.raises(PermissionDenied):
        team_session_record(
            delivered_by=make_person(),
            page=learning_page,
            delivered_on=timezone.localdate(),
            attendees=team,
        )
