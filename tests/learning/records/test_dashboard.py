"""The records feature on the home page and in the navigation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Profile
from learning.records import services
from learning.records.dashboard import record_next_steps

pytestmark = pytest.mark.django_db


def test_navigation_item_only_for_signed_in_people(client, home, practitioner):
    assert ">My learning<" not in client.get("/").content.decode()
    client.force_login(practitioner)
    assert reverse("records:my_learning") in client.get("/").content.decode()


def test_home_page_shows_registration_progress(client, home, practitioner):
    Profile.objects.filter(user=practitioner).update(registration_body="swe")
    client.force_login(practitioner)
    body = client.get("/").content.decode()

    assert "Your CPD for Social Work England: 0 of 2 done" in body
    assert "See your learning record" in body
    # Labels keep their acronyms mid-sentence.
    still_to_do = body.split("Still to do:")[1].split("</")[0]
    assert "of CPD" in still_to_do and "cpd" not in still_to_do


def test_next_steps(practitioner):
    (only,) = record_next_steps(practitioner)
    assert only.title == "See your learning record"

    Profile.objects.filter(user=practitioner).update(registration_body="hcpc")
    practitioner.profile.refresh_from_db()
    titles = [step.title for step in record_next_steps(practitioner)]
    assert "Your CPD for Health and Care Professions Council: 0 of 4 done" in titles

    for months in (1, 7, 13, 19):
        services.external_cpd_create(
            user=practitioner,
            title="Reading",
            date=timezone.localdate() - timedelta(days=30 * months),
            minutes=30,
            type="reading",
        )
    titles = [step.title for step in record_next_steps(practitioner)]
    assert "Your CPD for Health and Care Professions Council is on track" in titles
