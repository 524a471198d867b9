"""Administrators manage the partnership in the Wagtail admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning.models import Profile, User
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(client, totp_user):
    admin = make_person(role=Role.SITE_ADMINISTRATOR)
    totp_user(admin)
    client.force_login(admin)
    return admin


def test_site_admin_lists_and_creates_organisations(client, site_admin):
    OrganisationFactory(name="Northmoor Fire and Rescue", type="fire")
    response = client.get("/admin/organisations/")
    assert response.status_code == 200
    assert "Northmoor Fire and Rescue" in response.content.decode()
    response = client.post(
        "/admin/organisations/new/",
        {
            "name": "Kellmouth Housing",
            "type": "housing",
            "domains-TOTAL_FORMS": "1",
            "domains-INITIAL_FORMS": "0",
            "domains-MIN_NUM_FORMS": "0",
            "domains-MAX_NUM_FORMS": "1000",
            "domains-0-domain": "kellmouth-housing.example",
            "domains-0-ORDER": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_bad_domain_gets_a_message_not_a_500(client, site_admin):
    response = client.post(
        "/admin/organisations/new/",
        {
            "name": "Kellmouth Housing",
            "type": "housing",
            "domains-TOTAL_FORMS": "1",
            "domains-INITIAL_FORMS": "0",
            "domains-MIN_NUM_FORMS": "0",
            "domains-MAX_NUM_FORMS": "1000",
            "domains-0-domain": "@not a domain",
            "domains-0-ORDER": "1",
        },
    )
    assert response.status_code == 200
    assert "Enter a domain such as" in response.content.decode()


def test_people_screen_lists_profiles(client, site_admin):
    response = client.get("/admin/people/")
    assert response.status_code == 200
    assert str(site_admin) in response.content.decode()


def test_deleting_a_user_is_refused(client, site_admin):
    leaver = make_person()
    response = client.post(reverse("wagtailusers_users:delete", args=[leaver.pk]))
    assert User.objects.filter(pk=leaver.pk).exists()
    assert response.status_code in (302, 403)


def test_superuser_cannot_delete_either(client):
    superuser = User.objects.create_superuser("root@example.org", "root-password-123")
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(superuser, "JBSWY3DPEHPK3PXPJBSWY3DP")
    client.force_login(superuser)
    leaver = make_person()
    response = client.post(reverse("wagtailusers_users:delete", args=[leaver.pk]))
    assert response.status_code == 302
    assert User.objects.filter(pk=leaver.pk).exists()


def test_profile_team_must_belong_to_its_organisation():
    person = make_person()
    profile = Profile.objects.get(user=person)
    profile.team = TeamFactory()  # another organisation's team
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "team" in error.value.message_dict


def test_registration_number_needs_a_body():
    profile = Profile.objects.get(user=make_person())
    profile.registration_number = "SW12345"
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "registration_body" in error.value.message_dict


def test_supervisor_role_cannot_reach_admin(client):
    client.force_login(make_person(role=Role.SUPERVISOR))
    response = client.get("/admin/organisations/")
    assert response.status_code == 302
