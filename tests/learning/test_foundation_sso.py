"""Single sign-on providers are switched on from the admin, by site administrators only."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialApp
from django.test import RequestFactory

from learning.roles import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db

INDEX = "/admin/identity-providers/"
ADD = "/admin/identity-providers/new/"

ENTRA = {
    "name": "Northmoor Council staff",
    "provider_id": "northmoor-entra",
    "server_url": "https://login.microsoftonline.com/0000-tenant-id/v2.0",
    "client_id": "11111111-2222-3333-4444-555555555555",
    "secret": "client-secret-value",
}


def signed_in(client, totp_user, role: Role):
    person = make_person(role=role)
    totp_user(person)
    client.force_login(person)
    return client


def test_site_administrator_adds_an_entra_id_provider(client, totp_user):
    signed_in(client, totp_user, Role.SITE_ADMINISTRATOR)
    assert client.get(INDEX).status_code == 200
    response = client.post(ADD, ENTRA)
    assert response.status_code == 302, response.content.decode()[:3000]

    app = SocialApp.objects.get(provider_id="northmoor-entra")
    assert app.provider == "openid_connect"
    assert app.settings == {"server_url": ENTRA["server_url"], "hub_enforces_mfa": False}
    assert (app.client_id, app.secret) == (ENTRA["client_id"], ENTRA["secret"])
    # The redirect URI the README tells administrators to register with Entra ID.
    provider = app.get_provider(RequestFactory().get("/"))
    assert provider.get_callback_url() == "/accounts/oidc/northmoor-entra/login/callback/"
    assert client.get(INDEX).content.decode().count("Northmoor Council staff") >= 1


def test_editing_without_a_secret_keeps_it_and_never_shows_it(client, totp_user):
    signed_in(client, totp_user, Role.SITE_ADMINISTRATOR)
    client.post(ADD, ENTRA)
    app = SocialApp.objects.get()
    edit = f"{INDEX}edit/{app.pk}/"
    page = client.get(edit)
    assert page.status_code == 200
    assert ENTRA["secret"] not in page.content.decode()
    response = client.post(edit, {**ENTRA, "name": "Northmoor staff", "secret": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    app.refresh_from_db()
    assert (app.name, app.secret) == ("Northmoor staff", ENTRA["secret"])


def test_provider_id_must_be_usable_in_a_url(client, totp_user):
    signed_in(client, totp_user, Role.SITE_ADMINISTRATOR)
    response = client.post(ADD, {**ENTRA, "provider_id": "north moor/entra"})
    assert response.status_code == 200
    assert not SocialApp.objects.exists()


@pytest.mark.parametrize("role", [Role.SAB_MANAGER, Role.SAB_EDITOR])
def test_other_admin_users_cannot_reach_it(client, totp_user, role):
    signed_in(client, totp_user, role)
    for url in (INDEX, ADD):
        response = client.get(url)
        # Wagtail turns a refused permission into a redirect to the dashboard.
        assert response.status_code in (302, 403), url
        assert not response.get("Location", "").startswith(INDEX)
    client.post(ADD, ENTRA)
    assert not SocialApp.objects.exists()


def test_people_outside_the_admin_are_sent_away(client):
    client.force_login(make_person(role=Role.PRACTITIONER))
    response = client.get(INDEX)
    assert response.status_code == 302
    assert not response["Location"].startswith(INDEX)


def test_only_site_administrators_hold_the_permissions():
    holders = {
        role for role in Role if make_person(role=role).has_perm("socialaccount.change_socialapp")
    }
    assert holders == {Role.SITE_ADMINISTRATOR}
