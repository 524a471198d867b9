"""Correcting and deleting a team session: attendees' completions and the deliverer's
facilitation credit follow every change, and the session's history is kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning.models import Completion, CompletionHow, CPDType, ExternalCPD, TeamSession
from learning.records.services import completion_record
from learning.supervision import history
from learning.supervision.services import (
    team_session_delete,
    team_session_record,
    team_session_update,
)
from tests.learning.reflections.factories import make_supervisee, make_supervisor

pytestmark = pytest.mark.django_db


def _days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def session(supervisor, team, learning_page):
    return team_session_record(
        delivered_by=supervisor,
        page=learning_page,
        delivered_on=_days_ago(3),
        attendees=team,
        minutes=40,
        group_reflection="First notes",
    )


def _update(session, supervisor, **overrides):
    fields = {
        "delivered_on": session.delivered_on,
        "minutes": session.minutes,
        "attendees": list(session.attendees.all()),
        "group_reflection": session.group_reflection,
        **overrides,
    }
    return team_session_update(session=session, user=supervisor, **fields)


def test_recording_credits_the_sessions_minutes_and_the_deliverer(session, supervisor, team):
    assert set(
        Completion.objects.filter(team_session=session).values_list("minutes", flat=True)
    ) == {40}
    credit = ExternalCPD.objects.get(team_session=session)
    assert credit.user == supervisor
    assert credit.type == CPDType.FACILITATION
    assert credit.participatory is True
    assert credit.title == "Delivered: Coercive control in later life"
    assert credit.minutes == 40 and credit.date == session.delivered_on
    assert [e.action for e in history.entries_for(session.pk)] == ["wagtail.create"]


def test_minutes_default_to_the_items_own(supervisor, team, learning_page):
    session = team_session_record(
        delivered_by=supervisor, page=learning_page, delivered_on=_days_ago(1), attendees=team
    )
    assert session.minutes == 10


@pytest.mark.parametrize("minutes", [0, 6001, "45", None])
def test_record_refuses_bad_minutes(supervisor, team, learning_page, minutes):
    with pytest.raises(ValidationError) as caught:
        team_session_record(
            delivered_by=supervisor,
            page=None if minutes is None else learning_page,
            delivered_on=_days_ago(1),
            attendees=team,
            minutes=minutes,
        )
    assert "minutes" in caught.value.message_dict or minutes is None
    assert not TeamSession.objects.exists()


def test_edit_date_and_minutes_follow_on_to_completions_and_credit(session, supervisor):
    new_day = _days_ago(10)
    changes = _update(session, supervisor, delivered_on=new_day, minutes=55)

    assert changes["date"] == {"from": _days_ago(3).isoformat(), "to": new_day.isoformat()}
    assert changes["minutes"] == {"from": 40, "to": 55}
    for completion in Completion.objects.filter(team_session=session):
        assert completion.minutes == 55
        assert timezone.localtime(completion.completed_at).date() == new_day
    credit = ExternalCPD.objects.get(team_session=session)
    assert (credit.minutes, credit.date) == (55, new_day)


def test_edit_removes_and_adds_attendees(session, supervisor, team):
    jordan, sam = team
    newcomer = make_supervisee(supervisor, first_name="Ava", last_name="Newman")

    changes = _update(session, supervisor, attendees=[sam, newcomer], group_reflection="New")

    assert changes["attendees_removed"] == ["Jordan Ellis"]
    assert changes["attendees_added"] == ["Ava Newman"]
    assert changes["notes_changed"] is True
    assert set(session.attendees.all()) == {sam, newcomer}
    assert not Completion.objects.filter(user=jordan).exists()
    added = Completion.objects.get(user=newcomer)
    assert added.team_session == session and added.minutes == 40
    assert added.how == CompletionHow.TEAM_SESSION
    entries = history.entries_for(session.pk)
    assert [e.action for e in entries] == ["wagtail.create", "wagtail.edit"]
    assert entries[1].data["attendees_removed"] == ["Jordan Ellis"]


def test_an_earlier_completion_survives_removal(supervisor, team, learning_page):
    jordan, sam = team
    earlier, _ = completion_record(
        user=jordan,
        page=learning_page,
        how=CompletionHow.CONFIRMED,
        completed_at=timezone.now() - timedelta(days=20),
    )
    session = team_session_record(
        delivered_by=supervisor,
        page=learning_page,
        delivered_on=_days_ago(2),
        attendees=team,
        minutes=30,
    )
    _update(session, supervisor, attendees=[sam])
    assert Completion.objects.get(user=jordan).pk == earlier.pk
    assert Completion.objects.get(user=jordan).minutes == 10

    team_session_delete(session=session, user=supervisor)
    assert Completion.objects.get(user=jordan).pk == earlier.pk
    assert not Completion.objects.filter(user=sam).exists()


def test_someone_who_left_the_team_stays_but_only_the_team_can_be_added(session, supervisor, team):
    jordan, sam = team
    jordan.profile.supervisors.remove(supervisor)
    outsider = make_supervisee(make_supervisor())

    _update(session, supervisor, minutes=45)  # Jordan may stay on
    assert jordan in session.attendees.all()

    with pytest.raises(ValidationError) as caught:
        _update(session, supervisor, attendees=[jordan, sam, outsider])
    assert "attendees" in caught.value.message_dict
    assert outsider not in session.attendees.all()

    _update(session, supervisor, attendees=[sam])
    assert not Completion.objects.filter(user=jordan).exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"minutes": 0}, "minutes"),
        ({"minutes": 6001}, "minutes"),
        ({"attendees": []}, "attendees"),
        ({"delivered_on": "future"}, "delivered_on"),
    ],
)
def test_edit_refuses_bad_input_and_changes_nothing(session, supervisor, overrides, field):
    if overrides.get("delivered_on") == "future":
        overrides = {"delivered_on": timezone.localdate() + timedelta(days=1)}
    with pytest.raises(ValidationError) as caught:
        _update(session, supervisor, **overrides)
    assert field in caught.value.message_dict
    session.refresh_from_db()
    assert session.minutes == 40
    assert Completion.objects.filter(team_session=session).count() == 2
    assert len(history.entries_for(session.pk)) == 1


def test_only_the_deliverer_may_edit_or_delete(session, team):
    for person in (team[0], make_supervisor()):
        with pytest.raises(PermissionDenied):
            _update(session, person, minutes=5)
        with pytest.raises(PermissionDenied):
            team_session_delete(session=session, user=person)
    assert TeamSession.objects.filter(pk=session.pk).exists()


def test_delete_removes_completions_and_credit_but_keeps_history(session, supervisor):
    session_id = session.pk
    removed = team_session_delete(session=session, user=supervisor)

    assert removed == 2
    assert not TeamSession.objects.filter(pk=session_id).exists()
    assert not Completion.objects.filter(how=CompletionHow.TEAM_SESSION).exists()
    assert not ExternalCPD.objects.filter(type=CPDType.FACILITATION).exists()
    entries = history.entries_for(session_id)
    assert [e.action for e in entries] == ["wagtail.create", "wagtail.delete"]
    assert entries[1].data["completions_removed"] == 2
    assert entries[1].object_id == str(session_id)
    described = history.history_for(session_id)
    assert described[1].who == "Rachel Hughes"
    assert described[1].what == ["Deleted the session and 2 learning records"]


def test_history_reads_as_sentences():
    lines = history.describe(
        "wagtail.edit",
        {
            "date": {"from": "1900-01-01", "to": "2026-03-27"},
            "minutes": {"from": 1, "to": 90},
            "attendees_added": ["Ava Newman"],
            "attendees_removed": ["Jordan Ellis"],
            "notes_changed": True,
        },
    )
    assert lines == [
        "Date changed from 1 January 1900 to 27 March 2026",
        "Duration changed from 1 minute to 90 minutes",
        "Added: Ava Newman",
        "Removed: Jordan Ellis",
        "Group reflection changed",
    ]
