"""Administrators manage the partnership in the Wagtail admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning.models import Organisation, Profile, User
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SITE_ADMINISTRATOR)


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
            "retention_years": "3",
            "domains-TOTAL_FORMS": "1",
            "domains-INITIAL_FORMS": "0",
            "domains-MIN_NUM_FORMS": "0",
            "domains-MAX_NUM_FORMS": "1000",
            "domains-0-domain": "kellmouth-housing.example",
            "domains-0-ORDER": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Organisation.objects.get(name="Kellmouth Housing").retention_years == 3


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


# --- Users: deactivated, never deleted; superusers out of a site administrator's reach.


@pytest.fixture
def superuser_client(client, totp_user):
    root = User.objects.create_superuser("root@example.org", "root-password-123")
    totp_user(root)
    client.force_login(root)
    return client


def bulk_url(action: str, *users: User) -> str:
    ids = "&".join(f"id={user.pk}" for user in users)
    return f"/admin/bulk/learning/user/{action}/?{ids}"


def user_edit_data(user: User, **overrides) -> dict:
    data = {
        "email": user.email,
        "first_name": user.first_name or "Pat",
        "last_name": user.last_name or "Tester",
        "is_active": "on",
        "groups": [group.pk for group in user.groups.all()],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_bulk_delete_of_users_is_refused_even_for_a_superuser(superuser_client):
    leavers = [make_person(), make_person()]
    # The bulk action is not there at all (tests/learning/admin/test_people_listing.py);
    # its address finds nothing.
    response = superuser_client.post(bulk_url("delete", *leavers), follow=True)
    assert response.status_code == 404
    assert User.objects.filter(pk__in=[u.pk for u in leavers]).count() == 2


def test_bulk_deactivation_still_works(superuser_client):
    leaver = make_person()
    superuser_client.post(bulk_url("set_active_state", leaver), {"mark_as_active": "False"})
    leaver.refresh_from_db()
    assert not leaver.is_active


class TestSuperusersAreOutOfASiteAdministratorsReach:
    def test_edit_form_has_no_superuser_switch(self, client, site_admin):
        person = make_person()
        response = client.get(reverse("wagtailusers_users:edit", args=[person.pk]))
        assert response.status_code == 200
        assert "is_superuser" not in response.context["form"].fields
        assert 'name="is_superuser"' not in response.content.decode()

    def test_posting_the_superuser_switch_anyway_is_ignored(self, client, site_admin):
        person = make_person()
        response = client.post(
            reverse("wagtailusers_users:edit", args=[person.pk]),
            user_edit_data(person, is_superuser="on"),
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        person.refresh_from_db()
        assert not person.is_superuser

    def test_create_form_cannot_make_a_superuser(self, client, site_admin):
        response = client.get(reverse("wagtailusers_users:add"))
        assert response.status_code == 200
        assert "is_superuser" not in response.context["form"].fields
        response = client.post(
            reverse("wagtailusers_users:add"),
            {
                "email": "new.person@partner.example",
                "first_name": "New",
                "last_name": "Person",
                "is_superuser": "on",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        assert not User.objects.get(email="new.person@partner.example").is_superuser

    def test_superuser_account_cannot_be_opened_or_changed(self, client, site_admin):
        root = User.objects.create_superuser("root@example.org", "root-password-123")
        edit = reverse("wagtailusers_users:edit", args=[root.pk])
        assert client.get(edit).status_code == 404
        response = client.post(edit, user_edit_data(root, is_active=None, first_name="Taken"))
        assert response.status_code == 404
        root.refresh_from_db()
        assert root.is_active and root.first_name != "Taken"
        assert client.get(reverse("wagtailusers_users:history", args=[root.pk])).status_code == 404

    def test_superuser_is_not_listed(self, client, site_admin):
        User.objects.create_superuser("root@example.org", "root-password-123")
        body = client.get(reverse("wagtailusers_users:index")).content.decode()
        assert str(site_admin.email) in body
        assert "root@example.org" not in body

    def test_bulk_deactivation_of_a_superuser_is_refused(self, client, site_admin):
        root = User.objects.create_superuser("root@example.org", "root-password-123")
        person = make_person()
        response = client.post(
            bulk_url("set_active_state", root, person), {"mark_as_active": "False"}, follow=True
        )
        root.refresh_from_db()
        person.refresh_from_db()
        assert root.is_active and person.is_active
        assert "Only a superuser can change a superuser" in response.content.decode()

    def test_a_superuser_keeps_the_switch(self, superuser_client):
        person = make_person()
        response = superuser_client.get(reverse("wagtailusers_users:edit", args=[person.pk]))
        assert "is_superuser" in response.context["form"].fields


def test_an_administrator_cannot_move_someones_sign_in_address(client, site_admin):
    """Changing it would send that person's password resets to an unconfirmed inbox:
    their account, and their private reflective log, with it."""
    person = make_person()
    original = person.email
    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        user_edit_data(person, email="attacker@evil.example"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert person.email == original
    page = client.get(reverse("wagtailusers_users:edit", args=[person.pk])).content.decode()
    assert "where the new address must be confirmed" in page


def test_nobody_changes_their_address_in_the_admin_account_screen(client, site_admin):
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert 'name="name_email-email"' not in page
