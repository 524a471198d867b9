"""A practitioner records their own professional registration, and nobody else's."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning.models import Profile, RegistrationBody
from learning.records import services
from learning.roles import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db

URL = reverse("records:registration")


def _profile(user) -> Profile:
    return Profile.objects.get(user=user)


@pytest.mark.parametrize(
    ("body", "typed", "stored"),
    [
        (RegistrationBody.SOCIAL_WORK_ENGLAND, "sw 123456", "SW123456"),
        (RegistrationBody.NMC, "12a3456e", "12A3456E"),
        (RegistrationBody.HCPC, "OT-12345", "OT12345"),
    ],
)
def test_each_body_saves_its_number_normalised(client, practitioner, body, typed, stored):
    client.force_login(practitioner)
    response = client.post(URL, {"body": body, "number": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("records:my_learning") + "#registration"
    profile = _profile(practitioner)
    assert (profile.registration_body, profile.registration_number) == (body, stored)
    # My learning now shows progress against that body's requirement.
    page = client.get(reverse("records:my_learning")).content.decode()
    assert f"CPD for {RegistrationBody(body).label}" in page


def test_the_form_is_reached_from_my_learning(client, practitioner):
    client.force_login(practitioner)
    assert URL in client.get(reverse("records:my_learning")).content.decode()
    response = client.get(URL)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_not_registered_clears_the_registration(client, practitioner):
    services.registration_update(user=practitioner, body="nmc", number="12A3456E")
    client.force_login(practitioner)
    assert client.post(URL, {"body": "", "number": ""}).status_code == 302
    profile = _profile(practitioner)
    assert (profile.registration_body, profile.registration_number) == ("", "")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose who you are registered with"),
        ({"body": "gmc", "number": "1234567"}, "Choose one of the options"),
        ({"body": "astrology", "number": "1"}, "Choose one of the options"),
        ({"body": "swe", "number": ""}, "Enter your registration number"),
        ({"body": "swe", "number": "12A3456E"}, "SW followed by digits"),
        ({"body": "nmc", "number": "SW123456"}, "2 numbers, a letter, 4 numbers and a letter"),
        ({"body": "hcpc", "number": "12345"}, "2 letters followed by numbers"),
        ({"body": "", "number": "SW123"}, "leave the number empty"),
        ({"body": "swe", "number": "SW" + "1" * 60}, "40 characters or fewer"),
    ],
)
def test_bad_input_gets_a_message_and_changes_nothing(client, practitioner, data, message):
    services.registration_update(user=practitioner, body="hcpc", number="OT12345")
    client.force_login(practitioner)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    profile = _profile(practitioner)
    assert (profile.registration_body, profile.registration_number) == ("hcpc", "OT12345")


def test_a_body_set_by_an_administrator_is_kept_when_saved_unchanged(client, practitioner):
    Profile.objects.filter(user=practitioner).update(
        registration_body=RegistrationBody.GMC, registration_number="7654321"
    )
    client.force_login(practitioner)
    assert "General Medical Council" in client.get(URL).content.decode()
    assert client.post(URL, {"body": "gmc", "number": "7654321"}).status_code == 302
    assert _profile(practitioner).registration_body == RegistrationBody.GMC


def test_another_persons_profile_is_out_of_reach(client, practitioner):
    other = make_person(role=Role.PRACTITIONER)
    services.registration_update(user=other, body="swe", number="SW111")
    client.force_login(practitioner)
    # No URL names a profile; extra fields naming another person are ignored.
    response = client.post(
        URL,
        {"body": "nmc", "number": "12A3456E", "user": other.pk, "profile": other.profile.pk},
    )
    assert response.status_code == 302
    other_profile = _profile(other)
    assert (other_profile.registration_body, other_profile.registration_number) == (
        "swe",
        "SW111",
    )
    assert _profile(practitioner).registration_number == "12A3456E"


def test_only_the_registration_is_changed(practitioner):
    profile = _profile(practitioner)
    before = (profile.organisation_id, profile.team_id, profile.job_title)
    services.registration_update(user=practitioner, body="swe", number="SW1")
    profile = _profile(practitioner)
    assert (profile.organisation_id, profile.team_id, profile.job_title) == before


def test_a_person_without_a_profile_gets_one(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("loner@example.org", "x" * 20)
    services.registration_update(user=user, body="nmc", number="12A3456E")
    assert _profile(user).registration_body == "nmc"


def test_the_service_refuses_a_bad_number():
    with pytest.raises(ValidationError) as caught:
        services.registration_update(user=None, body="nmc", number="nonsense")
    assert "number" in caught.value.message_dict
