"""Dates of learning: CPD done elsewhere, a team session, a supervisor's review.

One rule (learning.records.services.validate_cpd_date) for every form and service that
takes one: today or in the past, and no more than CPD_LOOKBACK_YEARS ago, with a message
naming the earliest date allowed. Each form is sent 0001-01-01, 1900-01-01, the day
before the earliest, the earliest itself and a far-future date; a refused date saves
nothing. The registration renewal date has its own window (learning.models) and is
checked here for the same typing slips.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from learning.models import Completion, ExternalCPD, Profile, ReviewStatus, TeamSession
from learning.records import services
from learning.records.services import CPD_LOOKBACK_YEARS, earliest_cpd_date, validate_cpd_date
from learning.reflections import services as reflection_services
from learning.supervision import services as supervision_services
from tests.factories import make_person
from tests.learning.reflections.factories import (
    make_learning_page,
    make_supervisee,
    make_supervisor,
    shared_entry,
)

FUTURE = "The date must be today or in the past"


def too_old() -> str:
    earliest = earliest_cpd_date()
    return f"The date must be the same as or after {date_format(earliest, 'j F Y')}"


def refused_dates() -> list[tuple[str, str]]:
    """(typed date, the start of the message it gets)."""
    earliest = earliest_cpd_date()
    return [
        ("0001-01-01", too_old()),
        ("1900-01-01", too_old()),
        ((earliest - timedelta(days=1)).isoformat(), too_old()),
        ("9999-12-31", FUTURE),
        ((timezone.localdate() + timedelta(days=1)).isoformat(), FUTURE),
    ]


def _message_shown(response, message: str) -> bool:
    return message in response.content.decode()


# --- The rule --------------------------------------------------------------------------


class TestTheRule:
    TODAY = date(2026, 3, 27)

    def test_the_earliest_is_ten_years_back(self):
        assert CPD_LOOKBACK_YEARS == 10
        assert earliest_cpd_date(self.TODAY) == date(2016, 3, 27)

    def test_29_february_falls_back_to_the_28th(self):
        assert earliest_cpd_date(date(2028, 2, 29)) == date(2018, 2, 28)

    @pytest.mark.parametrize(
        "day", [date(2016, 3, 27), date(2020, 1, 1), date(2026, 3, 27)], ids=str
    )
    def test_accepted(self, day):
        validate_cpd_date(day, today=self.TODAY)

    @pytest.mark.parametrize(
        ("day", "code"),
        [
            (date(1, 1, 1), "too_old"),
            (date(1900, 1, 1), "too_old"),
            (date(2016, 3, 26), "too_old"),
            (date(2026, 3, 28), "future_date"),
            (date(9999, 12, 31), "future_date"),
        ],
        ids=str,
    )
    def test_refused(self, day, code):
        with pytest.raises(ValidationError) as error:
            validate_cpd_date(day, today=self.TODAY)
        assert error.value.code == code

    def test_the_message_names_the_earliest_date(self):
        with pytest.raises(ValidationError) as error:
            validate_cpd_date(date(1900, 1, 1), today=self.TODAY)
        assert error.value.messages == [
            "The date must be the same as or after 27 March 2016 (10 years ago)"
        ]


# --- CPD done elsewhere ----------------------------------------------------------------

EXTERNAL = {"title": "MCA refresher", "provider": "County", "minutes": "90", "type": "course"}


@pytest.mark.django_db
class TestExternalCPD:
    @pytest.mark.parametrize(("typed", "message"), refused_dates())
    def test_refused_on_adding(self, client, typed, message):
        person = make_person()
        client.force_login(person)
        response = client.post(reverse("records:external_cpd_add"), {**EXTERNAL, "date": typed})
        assert response.status_code == 400
        assert _message_shown(response, message)
        assert not ExternalCPD.objects.exists()

    def test_the_earliest_date_is_accepted(self, client):
        person = make_person()
        client.force_login(person)
        day = earliest_cpd_date()
        response = client.post(
            reverse("records:external_cpd_add"), {**EXTERNAL, "date": day.isoformat()}
        )
        assert response.status_code == 302
        assert ExternalCPD.objects.get(user=person).date == day

    @pytest.mark.parametrize(("typed", "message"), refused_dates())
    def test_refused_on_editing_keeps_the_saved_entry(self, client, typed, message):
        person = make_person()
        saved = services.external_cpd_create(
            user=person, title="Course", date=timezone.localdate(), minutes=60, type="course"
        )
        client.force_login(person)
        response = client.post(
            reverse("records:external_cpd_edit", args=[saved.pk]), {**EXTERNAL, "date": typed}
        )
        assert response.status_code == 400
        assert _message_shown(response, message)
        entry = ExternalCPD.objects.get(pk=saved.pk)
        assert (entry.title, entry.date) == ("Course", timezone.localdate())

    def test_an_entry_already_older_than_the_limit_can_still_be_corrected(self, client):
        """A record saved before the limit existed (or that has since aged past it)
        keeps its date when its other details are edited."""
        person = make_person()
        old_day = date(2001, 5, 4)
        saved = ExternalCPD.objects.create(
            user=person, title="Corse", date=old_day, minutes=60, type="course"
        )
        client.force_login(person)
        response = client.post(
            reverse("records:external_cpd_edit", args=[saved.pk]),
            {**EXTERNAL, "title": "Course", "date": old_day.isoformat()},
        )
        assert response.status_code == 302
        assert ExternalCPD.objects.get(pk=saved.pk).title == "Course"
        # ...but cannot be moved to another date that old.
        with pytest.raises(ValidationError):
            services.external_cpd_update(entry=saved, date=date(2001, 5, 5))

    def test_the_service_refuses_too(self):
        with pytest.raises(ValidationError):
            services.external_cpd_create(
                user=make_person(), title="Course", date=date(1900, 1, 1), minutes=60, type="course"
            )
        assert not ExternalCPD.objects.exists()


# --- Team sessions ---------------------------------------------------------------------


@pytest.mark.django_db
class TestTeamSession:
    @pytest.fixture
    def session_form(self, client):
        supervisor = make_supervisor()
        member = make_supervisee(supervisor)
        page = make_learning_page()
        client.force_login(supervisor)
        data = {"page": page.pk, "attendees": [member.pk], "group_reflection": "", "minutes": "30"}
        return supervisor, member, page, data

    @pytest.mark.parametrize(("typed", "message"), refused_dates())
    def test_refused(self, client, session_form, typed, message):
        *_people, data = session_form
        response = client.post(
            reverse("supervision:session_create"), {**data, "delivered_on": typed}
        )
        assert response.status_code == 400
        assert _message_shown(response, message)
        assert not TeamSession.objects.exists()
        assert not Completion.objects.exists()

    def test_the_earliest_date_is_accepted(self, client, session_form):
        *_people, data = session_form
        day = earliest_cpd_date()
        response = client.post(
            reverse("supervision:session_create"), {**data, "delivered_on": day.isoformat()}
        )
        assert response.status_code == 302
        assert TeamSession.objects.get().delivered_on == day

    def test_the_service_refuses_too(self, session_form):
        supervisor, member, page, _data = session_form
        with pytest.raises(ValidationError) as error:
            supervision_services.team_session_record(
                delivered_by=supervisor,
                page=page,
                delivered_on=date(1900, 1, 1),
                attendees=[member],
            )
        assert error.value.message_dict == {"delivered_on": [too_old() + " (10 years ago)"]}
        assert not TeamSession.objects.exists()


# --- A supervisor's review of a shared entry -------------------------------------------


@pytest.mark.django_db
class TestReview:
    @pytest.fixture
    def entry(self, client):
        supervisor = make_supervisor()
        entry = shared_entry(make_supervisee(supervisor), supervisor)
        client.force_login(supervisor)
        return entry

    @pytest.mark.parametrize(("typed", "message"), refused_dates())
    def test_refused(self, client, entry, typed, message):
        response = client.post(
            reverse("reflections:entry_review", args=[entry.pk]),
            {"status": "reviewed", "on": typed},
        )
        assert response.status_code == 400
        assert _message_shown(response, message)
        entry.refresh_from_db()
        assert (entry.review_status, entry.reviewed_on) == (ReviewStatus.NOT_REVIEWED, None)

    def test_today_is_accepted(self, client, entry):
        response = client.post(
            reverse("reflections:entry_review", args=[entry.pk]),
            {"status": "reviewed", "on": timezone.localdate().isoformat()},
        )
        assert response.status_code == 302
        entry.refresh_from_db()
        assert entry.reviewed_on == timezone.localdate()

    def test_the_service_refuses_too(self, entry):
        supervisor = entry.shares.get().supervisor
        with pytest.raises(ValidationError) as error:
            reflection_services.entry_mark_reviewed(
                entry=entry, supervisor=supervisor, status="reviewed", on=date(1900, 1, 1)
            )
        assert error.value.message_dict["on"][0].startswith(too_old())


# --- The registration renewal date: its own window, the same slips refused --------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0001-01-01", "must be no more than a year ago"),
        ("1900-01-01", "must be no more than a year ago"),
        ("9999-12-31", "must be no more than 3 years from today"),
    ],
)
def test_renewal_date_slips_are_refused_and_nothing_saved(client, typed, message):
    person = make_person()
    client.force_login(person)
    response = client.post(
        reverse("records:registration"),
        {"body": "nmc", "number": "12A3456E", "renewal_date": typed},
    )
    assert response.status_code == 400
    assert _message_shown(response, message)
    profile = Profile.objects.get(user=person)
    assert (profile.registration_body, profile.registration_renewal_date) == ("", None)
