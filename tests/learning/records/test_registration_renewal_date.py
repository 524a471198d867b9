"""The person's next NMC revalidation or HCPC renewal date: how it is checked (on the
self-service form, in the service and on the model the admin edits) and how it sets the
period registration progress counts over."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from learning.models import Profile, ReflectiveEntry, ReviewStatus
from learning.records import registration, services
from learning.roles import Role

pytestmark = pytest.mark.django_db

URL = reverse("records:registration")
TODAY = date(2026, 6, 1)


@pytest.fixture
def on_today(monkeypatch):
    """Today is TODAY wherever the date is checked."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def _profile(user) -> Profile:
    return Profile.objects.get(user=user)


def _registered(user, body: str, renewal: date | None = None):
    Profile.objects.filter(user=user).update(
        registration_body=body, registration_renewal_date=renewal
    )
    user.profile.refresh_from_db()
    return user


def _external(user, day, minutes=60):
    return services.external_cpd_create(
        user=user, title="Course", date=day, minutes=minutes, type="course"
    )


# --- Checking the date ---------------------------------------------------------------


@pytest.mark.usefixtures("on_today")
@pytest.mark.parametrize(
    ("body", "typed", "stored"),
    [
        ("nmc", "2029-06-01", date(2029, 6, 1)),  # 3 years ahead: the furthest allowed
        ("nmc", "01/06/2025", date(2025, 6, 1)),  # a year ago: the furthest back allowed
        ("hcpc", "2028-06-01", date(2028, 6, 1)),  # 2 years ahead
        ("hcpc", "", None),
    ],
)
def test_the_form_saves_a_date_within_the_period(client, practitioner, body, typed, stored):
    number = {"nmc": "12A3456E", "hcpc": "OT12345"}[body]
    client.force_login(practitioner)
    response = client.post(URL, {"body": body, "number": number, "renewal_date": typed})
    assert response.status_code == 302
    assert _profile(practitioner).registration_renewal_date == stored


@pytest.mark.usefixtures("on_today")
@pytest.mark.parametrize(
    ("body", "typed", "message"),
    [
        ("nmc", "2029-06-02", "Your NMC revalidation date must be no more than 3 years"),
        ("hcpc", "2028-06-02", "Your HCPC renewal date must be no more than 2 years"),
        ("nmc", "2025-05-31", "must be no more than a year ago: enter your next one"),
        ("hcpc", "31/05/2025", "must be no more than a year ago: enter your next one"),
        ("nmc", "next spring", "Enter a real date, for example 30 4 2027"),
        ("hcpc", "2027-02-30", "Enter a real date, for example 30 4 2027"),
    ],
)
def test_a_bad_date_gets_a_message_and_changes_nothing(client, practitioner, body, typed, message):
    services.registration_update(
        user=practitioner, body="nmc", number="12A3456E", renewal_date=date(2027, 1, 1)
    )
    number = {"nmc": "12A3456E", "hcpc": "OT12345"}[body]
    client.force_login(practitioner)
    response = client.post(URL, {"body": body, "number": number, "renewal_date": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'id="id_renewal_date_error"' in page
    profile = _profile(practitioner)
    assert (profile.registration_body, profile.registration_renewal_date) == (
        "nmc",
        date(2027, 1, 1),
    )


@pytest.mark.usefixtures("on_today")
def test_the_service_refuses_a_date_too_far_ahead(practitioner):
    with pytest.raises(ValidationError) as caught:
        services.registration_update(
            user=practitioner, body="nmc", number="12A3456E", renewal_date=date(2030, 1, 1)
        )
    assert "renewal_date" in caught.value.message_dict


@pytest.mark.usefixtures("on_today")
def test_bodies_without_a_renewal_date_drop_it(client, practitioner):
    services.registration_update(
        user=practitioner, body="nmc", number="12A3456E", renewal_date=date(2027, 1, 1)
    )
    client.force_login(practitioner)
    # The date stays in the form when the person changes body; it is not an error.
    response = client.post(URL, {"body": "swe", "number": "SW123", "renewal_date": "2027-01-01"})
    assert response.status_code == 302
    profile = _profile(practitioner)
    assert (profile.registration_body, profile.registration_renewal_date) == ("swe", None)


def test_the_form_shows_the_date_and_says_who_it_is_for(client, practitioner):
    services.registration_update(
        user=practitioner,
        body="hcpc",
        number="OT12345",
        renewal_date=timezone.localdate(),
    )
    client.force_login(practitioner)
    page = client.get(URL).content.decode()
    assert "Your next revalidation or renewal date" in page
    assert "NMC and HCPC only" in page
    today = timezone.localdate()
    # Shown in the date input's day, month and year boxes.
    for box, value in (("day", today.day), ("month", today.month), ("year", today.year)):
        assert re.search(rf'name="[a-z_]+_{box}"[^>]*value="{value}"', page), box


@pytest.mark.usefixtures("on_today")
@pytest.mark.parametrize(
    ("body", "renewal", "error"),
    [
        ("nmc", date(2029, 6, 2), "no more than 3 years"),
        ("hcpc", date(2028, 6, 2), "no more than 2 years"),
        ("hcpc", date(2025, 5, 31), "no more than a year ago"),
        ("swe", date(2027, 1, 1), "Only NMC and HCPC"),
        ("", date(2027, 1, 1), "Only NMC and HCPC"),
    ],
)
def test_the_model_checks_the_date(practitioner, body, renewal, error):
    profile = _profile(practitioner)
    profile.registration_body = body
    profile.registration_number = {"nmc": "12A3456E", "hcpc": "OT12345", "swe": "SW1"}.get(body, "")
    profile.registration_renewal_date = renewal
    with pytest.raises(ValidationError) as caught:
        profile.full_clean()
    assert error in caught.value.message_dict["registration_renewal_date"][0]


@pytest.mark.usefixtures("on_today")
def test_the_model_accepts_a_date_in_range(practitioner):
    profile = _profile(practitioner)
    profile.registration_body = "nmc"
    profile.registration_renewal_date = date(2029, 6, 1)
    profile.full_clean()


# --- The period progress counts over ---------------------------------------------------


class TestNMCWithARevalidationDate:
    def test_three_years_ending_on_the_date(self, practitioner):
        _registered(practitioner, "nmc", renewal=date(2027, 3, 1))
        _external(practitioner, date(2024, 2, 29), minutes=600)  # a day before: outside
        _external(practitioner, date(2024, 3, 1), minutes=120)  # first day: inside
        _external(practitioner, date(2023, 6, 15), minutes=300)  # in the last 3 years only
        _external(practitioner, TODAY, minutes=60)  # today: inside
        progress = registration.registration_progress_for(practitioner, today=TODAY)
        hours = {r.label: r for r in progress.requirements}["Hours of CPD"]

        assert progress.since == date(2024, 3, 1)
        # Counted up to today: nothing later can exist yet.
        assert progress.until == TODAY
        assert hours.done_text == "3"
        assert hours.query == "since=2024-03-01&until=2026-06-01"
        assert progress.period_name == "revalidation period 1 March 2024 to 1 March 2027"
        assert "up to your revalidation date, 1 March 2027" in progress.not_tracked

    def test_a_date_just_past_counts_up_to_it(self, practitioner):
        _registered(practitioner, "nmc", renewal=date(2026, 5, 31))
        _external(practitioner, date(2026, 5, 31), minutes=60)  # the last day: inside
        _external(practitioner, TODAY, minutes=600)  # after the date: outside
        ReflectiveEntry.objects.create(
            author=practitioner,
            title="Discussed",
            body="Text",
            review_status=ReviewStatus.DISCUSSED,
            reviewed_on=TODAY,
        )
        progress = registration.registration_progress_for(practitioner, today=TODAY)
        figures = {r.label: r for r in progress.requirements}

        assert (progress.since, progress.until) == (date(2023, 5, 31), date(2026, 5, 31))
        assert figures["Hours of CPD"].done_text == "1"
        assert figures["Reflective discussion"].done == 0

    def test_without_a_date_the_last_three_years(self, practitioner):
        _registered(practitioner, "nmc")
        _external(practitioner, date(2023, 5, 31), minutes=600)  # a day too old
        _external(practitioner, date(2023, 6, 1), minutes=120)
        progress = registration.registration_progress_for(practitioner, today=TODAY)
        hours = {r.label: r for r in progress.requirements}["Hours of CPD"]

        assert (progress.since, progress.until) == (date(2023, 6, 1), TODAY)
        assert hours.done_text == "2"
        assert progress.period_name == "last three years, since 1 June 2023"
        assert "does not know your revalidation date" in progress.not_tracked


class TestHCPCWithARenewalDate:
    def test_two_years_ending_on_the_date(self, practitioner):
        _registered(practitioner, "hcpc", renewal=date(2027, 3, 31))
        _external(practitioner, date(2025, 3, 31))  # a day before the cycle: outside
        _external(practitioner, date(2025, 4, 1))  # first day of the first half
        _external(practitioner, date(2025, 10, 1))  # first day of the second half
        progress = registration.registration_progress_for(practitioner, today=TODAY)

        assert [(r.since, r.until) for r in progress.requirements] == [
            (date(2025, 4, 1), date(2025, 9, 30)),
            (date(2025, 10, 1), date(2026, 3, 31)),
            (date(2026, 4, 1), date(2026, 9, 30)),
            (date(2026, 10, 1), date(2027, 3, 31)),
        ]
        assert [r.done for r in progress.requirements] == [1, 1, 0, 0]
        assert progress.period_name == "registration cycle 1 April 2025 to 31 March 2027"
        assert "up to your renewal date, 31 March 2027" in progress.not_tracked

    def test_without_a_date_the_last_two_years(self, practitioner):
        _registered(practitioner, "hcpc")
        _external(practitioner, date(2024, 6, 1))  # two years ago to the day: outside
        _external(practitioner, date(2024, 6, 2))  # the first day: inside
        progress = registration.registration_progress_for(practitioner, today=TODAY)

        assert (progress.since, progress.until) == (date(2024, 6, 2), TODAY)
        assert [r.done for r in progress.requirements] == [1, 0, 0, 0]
        assert progress.period_name == "last two years, since 2 June 2024"
        assert "does not know your renewal date" in progress.not_tracked


# --- Where the date shows --------------------------------------------------------------


@pytest.mark.parametrize(
    ("renewal", "shown", "not_shown"),
    [
        (None, "Over your last three years, since", "up to your revalidation date"),
        (True, "Over your revalidation period", "does not know your revalidation date"),
    ],
)
def test_my_learning_says_which_period_it_counts(client, practitioner, renewal, shown, not_shown):
    today = timezone.localdate()
    _registered(practitioner, "nmc", renewal=today if renewal else None)
    client.force_login(practitioner)
    page = client.get(reverse("records:my_learning")).content.decode()
    assert "CPD for Nursing and Midwifery Council" in page
    assert shown in page
    assert not_shown not in page


def test_the_admin_person_screen_shows_the_date(client, totp_user, practitioner):
    from tests.factories import make_person

    admin = make_person(role=Role.SITE_ADMINISTRATOR)
    totp_user(admin)
    client.force_login(admin)
    profile = _profile(practitioner)
    url = reverse("people:edit", args=[profile.pk])
    page = client.get(url).content.decode()
    assert 'name="registration_renewal_date"' in page
    assert "Next revalidation or renewal date" in page
