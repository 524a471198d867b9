"""Changing and deleting a team session through the site, and the facilitation credit
that can only be changed through its session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Completion, ExternalCPD, TeamSession
from learning.supervision.services import team_session_record
from tests.learning.reflections.factories import make_supervisee, make_supervisor

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(supervisor, team, learning_page):
    return team_session_record(
        delivered_by=supervisor,
        page=learning_page,
        delivered_on=timezone.localdate() - timedelta(days=3),
        attendees=team,
        minutes=40,
    )


def _url(name: str, session) -> str:
    return reverse(f"supervision:{name}", args=[session.pk])


def _post_data(session, team, **overrides) -> dict:
    return {
        "delivered_on": session.delivered_on.isoformat(),
        "minutes": "40",
        "attendees": [person.pk for person in team],
        "group_reflection": "",
        **overrides,
    }


def test_deliverer_sees_change_links_and_history(client, supervisor, session):
    client.force_login(supervisor)
    body = client.get(_url("session_detail", session)).content.decode()
    assert _url("session_edit", session) in body
    assert _url("session_delete", session) in body
    assert "History" in body and "Recorded the session on" in body
    assert "40 minutes" in body


def test_attendee_sees_neither_change_links_nor_history(client, team, session):
    client.force_login(team[0])
    body = client.get(_url("session_detail", session)).content.decode()
    assert _url("session_edit", session) not in body
    assert "Recorded the session on" not in body


@pytest.mark.parametrize("name", ["session_edit", "session_delete"])
def test_anyone_else_gets_404(client, team, session, name):
    other_supervisor = make_supervisor()
    make_supervisee(other_supervisor)
    for person in (team[0], other_supervisor):
        client.force_login(person)
        assert client.get(_url(name, session)).status_code == 404
        assert client.post(_url(name, session), _post_data(session, team)).status_code == 404
    assert TeamSession.objects.filter(pk=session.pk).exists()
    assert Completion.objects.filter(team_session=session).count() == 2


def test_unknown_session_is_404(client, supervisor):
    client.force_login(supervisor)
    url = reverse("supervision:session_edit", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(url).status_code == 404


def test_edit_form_is_filled_in_and_says_the_item_cannot_change(client, supervisor, session):
    client.force_login(supervisor)
    response = client.get(_url("session_edit", session))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="40"' in body
    assert "You cannot change the learning item" in body
    assert "novalidate" in body


def test_edit_takes_someone_off_and_changes_the_duration(client, supervisor, team, session):
    client.force_login(supervisor)
    response = client.post(
        _url("session_edit", session), _post_data(session, [team[1]], minutes="90")
    )
    assert response.status_code == 302
    assert response["Location"] == _url("session_detail", session)
    assert not Completion.objects.filter(user=team[0]).exists()
    assert Completion.objects.get(user=team[1]).minutes == 90
    assert ExternalCPD.objects.get(team_session=session).minutes == 90
    body = client.get(response["Location"]).content.decode()
    assert "Duration changed from 40 minutes to 90 minutes" in body
    assert "Removed: Jordan Ellis" in body


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("minutes", "0", "The session must last at least 1 minute"),
        ("minutes", "6001", "The session must last 6,000 minutes (100 hours) or less"),
        ("minutes", "an hour", "Enter how long the session lasted as a whole number of minutes"),
        ("minutes", "", "Enter how long the session lasted, in minutes"),
        ("delivered_on", "2999-01-01", "The date must be today or in the past"),
    ],
)
def test_bad_input_gives_form_errors(client, supervisor, team, session, field, value, message):
    client.force_login(supervisor)
    response = client.post(
        _url("session_edit", session), _post_data(session, team, **{field: value})
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    session.refresh_from_db()
    assert session.minutes == 40
    assert Completion.objects.filter(team_session=session, minutes=40).count() == 2


@pytest.mark.parametrize("minutes", ["0", "6001", "ten"])
def test_recording_with_bad_minutes_is_refused(client, supervisor, team, learning_page, minutes):
    client.force_login(supervisor)
    response = client.post(
        reverse("supervision:session_create"),
        {
            "page": learning_page.pk,
            "delivered_on": timezone.localdate().isoformat(),
            "minutes": minutes,
            "attendees": [team[0].pk],
        },
    )
    assert response.status_code == 400
    assert not TeamSession.objects.exists()


def test_edit_cannot_add_someone_outside_the_team(client, supervisor, team, session):
    outsider = make_supervisee(make_supervisor())
    client.force_login(supervisor)
    response = client.post(_url("session_edit", session), _post_data(session, [*team, outsider]))
    assert response.status_code == 400
    assert "Choose people from your own team only" in response.content.decode()


def test_delete_confirms_how_many_records_change_then_deletes(client, supervisor, session):
    client.force_login(supervisor)
    body = client.get(_url("session_delete", session)).content.decode()
    assert "govuk-warning-text" in body
    assert "This changes the learning record of 2 people" in body

    response = client.post(_url("session_delete", session))
    assert response.status_code == 302
    assert not TeamSession.objects.exists()
    assert not Completion.objects.exists()
    assert not ExternalCPD.objects.exists()


def test_facilitation_credit_is_changed_through_its_session(client, supervisor, session):
    credit = ExternalCPD.objects.get(team_session=session)
    client.force_login(supervisor)
    for name in ("records:external_cpd_edit", "records:external_cpd_delete"):
        url = reverse(name, args=[credit.pk])
        for response in (client.get(url), client.post(url, {"title": "Changed"})):
            assert response.status_code == 302
            assert response["Location"] == _url("session_detail", session)
    credit.refresh_from_db()
    assert credit.title == "Delivered: Coercive control in later life"
    body = client.get(_url("session_detail", session)).content.decode()
    assert "comes from a team session you recorded" in body
