"""My team and team sessions through the site."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import Completion, CompletionHow, EntryStatus, TeamSession
from learning.records.services import completion_record
from learning.reflections import services as reflections
from learning.supervision.services import team_session_record
from tests.factories import make_person
from tests.learning.reflections.factories import (
    make_entry,
    make_learning_page,
    make_supervisee,
    make_supervisor,
    shared_entry,
)

pytestmark = pytest.mark.django_db

MY_TEAM = reverse("supervision:my_team")
NEW_SESSION = reverse("supervision:session_create")


def _session_url(session) -> str:
    return reverse("supervision:session_detail", args=[session.pk])


class TestMyTeam:
    def test_shows_each_supervisee_with_this_years_learning_and_shared_entries(
        self, client, supervisor, team, learning_page
    ):
        jordan, sam = team
        completion_record(user=jordan, page=learning_page, how=CompletionHow.CONFIRMED)
        old_page = make_learning_page(title="Older item", cpd_minutes=30)
        last_year = timezone.now().replace(year=timezone.now().year - 1)
        completion_record(
            user=jordan, page=old_page, how=CompletionHow.CONFIRMED, completed_at=last_year
        )
        waiting = shared_entry(jordan, supervisor, title="Waiting entry")
        reviewed = shared_entry(jordan, supervisor, title="Reviewed entry")
        reflections.entry_mark_reviewed(
            entry=reviewed, supervisor=supervisor, status="reviewed", on=timezone.localdate()
        )
        make_entry(jordan, title="Private entry")

        client.force_login(supervisor)
        response = client.get(MY_TEAM)

        assert response.status_code == 200
        members = {m.person.pk: m for m in response.context["members"]}
        assert members[jordan.pk].completed_this_year == 1
        assert members[jordan.pk].minutes_this_year == 10
        assert members[sam.pk].completed_this_year == 0
        assert [e.pk for e in members[jordan.pk].awaiting_review] == [waiting.pk]
        body = response.content.decode()
        assert "Waiting entry" in body and "Reviewed entry" in body
        assert "Private entry" not in body
        assert {m.required_summary for m in members.values()} == {"Nothing required"}
        assert reverse("records:person_learning", args=[jordan.pk]) in body
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

    def test_shows_each_supervisees_required_learning(
        self, client, supervisor, team, learning_page, make_requirement
    ):
        jordan, sam = team
        make_requirement(learning_page, starts_on=timezone.localdate() - timedelta(days=90))
        for person in team:
            type(person).objects.filter(pk=person.pk).update(
                date_joined=timezone.now() - timedelta(days=90)
            )
        completion_record(user=sam, page=learning_page, how=CompletionHow.CONFIRMED)

        client.force_login(supervisor)
        response = client.get(MY_TEAM)

        members = {m.person.pk: m for m in response.context["members"]}
        assert members[jordan.pk].required_summary == "1 overdue"
        assert members[sam.pk].required_summary == "All complete"
        assert "1 overdue" in response.content.decode()

    def test_someone_who_supervises_nobody_gets_404(self, client):
        client.force_login(make_person())
        assert client.get(MY_TEAM).status_code == 404
        assert client.get(NEW_SESSION).status_code == 404

    def test_supervisor_role_with_no_team_sees_an_empty_page(self, client):
        client.force_login(make_supervisor())
        response = client.get(MY_TEAM)
        assert response.status_code == 200
        assert "Nobody names you as their supervisor yet" in response.content.decode()

    def test_practice_supervisor_without_the_role_sees_their_team(self, client):
        practice_supervisor = make_person()
        make_supervisee(practice_supervisor, first_name="Alex", last_name="Morgan")
        client.force_login(practice_supervisor)
        response = client.get(MY_TEAM)
        assert response.status_code == 200
        assert "Alex Morgan" in response.content.decode()

    def test_query_count_does_not_grow_with_the_team(self, client, learning_page):
        def build_team(size: int):
            supervisor = make_supervisor()
            for _ in range(size):
                person = make_supervisee(supervisor)
                completion_record(user=person, page=learning_page, how=CompletionHow.CONFIRMED)
                shared_entry(person, supervisor)
                shared_entry(person, supervisor, status=EntryStatus.FINAL)
            team_session_record(
                delivered_by=supervisor,
                page=learning_page,
                delivered_on=timezone.localdate(),
                attendees=[profile.user for profile in supervisor.supervisees.all()],
            )
            return supervisor

        def queries_for(supervisor, size: int) -> int:
            client.force_login(supervisor)
            client.get(MY_TEAM)  # warm per-process caches (content types, site root)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(MY_TEAM)
            assert len(response.context["members"]) == size
            assert len(response.context["awaiting"]) == 2 * size
            return len(captured)

        small, large = build_team(2), build_team(8)
        assert queries_for(small, 2) == queries_for(large, 8)


class TestTeamSession:
    def test_record_a_session(self, client, supervisor, team, learning_page):
        client.force_login(supervisor)
        day = timezone.localdate() - timedelta(days=1)
        response = client.post(
            NEW_SESSION,
            {
                "page": learning_page.pk,
                "delivered_on": day.isoformat(),
                "minutes": "25",
                "attendees": [team[0].pk],
                "group_reflection": "We will **check** in with each other.",
            },
        )
        session = TeamSession.objects.get()
        assert response.status_code == 302
        assert response["Location"] == _session_url(session)
        assert Completion.objects.get(user=team[0]).how == CompletionHow.TEAM_SESSION
        assert not Completion.objects.filter(user=team[1]).exists()

        body = client.get(response["Location"]).content.decode()
        assert "<strong>check</strong>" in body
        assert "Jordan Ellis" in body

    def test_form_lists_only_the_supervisors_team(self, client, supervisor, team, learning_page):
        make_supervisee(make_supervisor(), first_name="Other", last_name="Person")
        client.force_login(supervisor)
        body = client.get(NEW_SESSION).content.decode()
        assert "Jordan Ellis" in body and "Sam Okafor" in body
        assert "Other Person" not in body
        assert "Coercive control in later life" in body

    def test_bad_input_is_explained(self, client, supervisor, team, learning_page):
        outsider = make_supervisee(make_supervisor())
        client.force_login(supervisor)
        response = client.post(
            NEW_SESSION,
            {"page": "", "delivered_on": "2999-01-01", "attendees": [outsider.pk]},
        )
        body = response.content.decode()
        assert response.status_code == 400
        assert "Choose the learning item you delivered" in body
        assert "The date must be today or in the past" in body
        assert "Choose people from your own team only" in body
        assert not TeamSession.objects.exists()

    def test_session_is_seen_by_deliverer_and_attendees_only(
        self, client, supervisor, team, learning_page
    ):
        session = team_session_record(
            delivered_by=supervisor,
            page=learning_page,
            delivered_on=timezone.localdate(),
            attendees=[team[0]],
            group_reflection="<script>alert(1)</script> Ask first.",
        )
        url = _session_url(session)
        for person, status in (
            (supervisor, 200),
            (team[0], 200),
            (team[1], 404),
            (make_supervisor(), 404),
        ):
            client.force_login(person)
            response = client.get(url)
            assert response.status_code == status, person
            if status == 200:
                body = response.content.decode()
                assert "<script>" not in body and "&lt;script&gt;" in body

    def test_attendee_sees_the_session_in_their_log(self, client, supervisor, team, learning_page):
        session = team_session_record(
            delivered_by=supervisor,
            page=learning_page,
            delivered_on=timezone.localdate(),
            attendees=[team[0]],
        )
        client.force_login(team[0])
        body = client.get(reverse("reflections:entry_list")).content.decode()
        assert _session_url(session) in body
        client.force_login(team[1])
        body = client.get(reverse("reflections:entry_list")).content.decode()
        assert _session_url(session) not in body
