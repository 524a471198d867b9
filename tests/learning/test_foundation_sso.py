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


# --- The provider is checked on save, and a provider that is down never crashes sign-in --


import json  # noqa: E402
import threading  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402

from django.contrib.messages import get_messages  # noqa: E402

from learning.accounts import sso_check  # noqa: E402

GOOD_DOCUMENT = {
    "issuer": "http://127.0.0.1/tenant/v2.0",
    "authorization_endpoint": "http://127.0.0.1/authorize",
    "token_endpoint": "http://127.0.0.1/token",
}


class FakeIdentityProvider(BaseHTTPRequestHandler):
    """Serves a discovery document (or a fault) from 127.0.0.1; tests set `answer`."""

    answer: tuple[int, str] = (200, json.dumps(GOOD_DOCUMENT))

    def do_GET(self):
        status, body = type(self).answer
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def idp():
    handler = type("Handler", (FakeIdentityProvider,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}/tenant/v2.0"
    yield handler
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeIdentityProvider)
    port = server.server_address[1]
    server.server_close()  # nothing listens here now: connection refused
    return f"http://127.0.0.1:{port}/tenant/v2.0"


@pytest.fixture(autouse=True)
def _no_network_for_the_real_looking_address(monkeypatch, request):
    """The tests above save https://login.microsoftonline.com/...: answer for it here,
    so no test reaches beyond 127.0.0.1."""
    real_get = sso_check.requests.get

    def fake_get(url, *args, **kwargs):
        if url.startswith("http://127.0.0.1"):
            return real_get(url, *args, **kwargs)
        response = sso_check.requests.Response()
        response.status_code = 200
        response._content = json.dumps(GOOD_DOCUMENT).encode()
        return response

    monkeypatch.setattr(sso_check.requests, "get", fake_get)


def test_a_provider_whose_document_loads_is_saved(client, totp_user, idp):
    signed_in(client, totp_user, Role.SITE_ADMINISTRATOR)
    response = client.post(ADD, {**ENTRA, "server_url": idp.url})
    assert response.status_code == 302
    assert SocialApp.objects.get().settings["server_url"] == idp.url


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ((404, "{}"), "answered with HTTP status 404"),
        ((200, "<html>sign in</html>"), "did not return a discovery document (not JSON)"),
        ((200, json.dumps({"issuer": "x"})), "has no authorization_endpoint, token_endpoint"),
    ],
)
def test_a_provider_with_a_broken_document_is_refused_saying_why(
    client, totp_user, idp, answer, reason
):
    idp.answer = answer
    signed_in(client, totp_user, Role.SITE_ADMINISTRATOR)
    response = client.post(ADD, {**ENTRA, "server_url": idp.url})
    assert response.status_code == 200
    body = response.content.decode()
    assert "The hub could not check this provider" in body
    assert reason in body
    assert not SocialApp.objects.exists()


def test_an_unreachable_provider_is_refused_saying_so(client, totp_user, closed_port_url):
    signed_in(client, totp_user, Role.SITE_ADMINISTRATOR)
    response = client.post(ADD, {**ENTRA, "server_url": closed_port_url})
    assert response.status_code == 200
    assert "could not be reached" in response.content.decode()
    assert not SocialApp.objects.exists()


def test_a_timeout_is_reported_in_plain_words(monkeypatch):
    def slow(*args, **kwargs):
        raise sso_check.requests.Timeout()

    monkeypatch.setattr(sso_check.requests, "get", slow)
    assert "did not answer within 5 seconds" in sso_check.discovery_problem("https://idp.test")


def test_editing_other_details_does_not_recheck_the_address(client, totp_user, closed_port_url):
    # The provider may be briefly down; renaming it must still be possible.
    app = SocialApp.objects.create(
        provider="openid_connect",
        name="Northmoor",
        provider_id="northmoor-entra",
        client_id="id",
        secret="s",
        settings={"server_url": closed_port_url},
    )
    signed_in(client, totp_user, Role.SITE_ADMINISTRATOR)
    response = client.post(
        f"{INDEX}edit/{app.pk}/", {**ENTRA, "server_url": closed_port_url, "secret": ""}
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def _provider(server_url: str) -> SocialApp:
    return SocialApp.objects.create(
        provider="openid_connect",
        name="Northmoor Council staff",
        provider_id="northmoor-entra",
        client_id="id",
        secret="s",
        settings={"server_url": server_url},
    )


@pytest.mark.parametrize("fault", ["down", "broken"])
def test_a_provider_that_is_down_at_sign_in_gives_the_sign_in_page_with_a_message(
    client, idp, closed_port_url, fault
):
    if fault == "down":
        _provider(closed_port_url)
    else:
        idp.answer = (500, "Internal error")
        _provider(idp.url)

    response = client.post("/accounts/oidc/northmoor-entra/login/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [
        "Signing in with Northmoor Council staff is not working at the moment. Sign in "
        "with your email and password, or try again later."
    ]
    page = client.get("/accounts/login/")
    assert page.status_code == 200


def test_a_working_provider_still_sends_people_to_it(client, idp):
    _provider(idp.url)
    response = client.post("/accounts/oidc/northmoor-entra/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("http://127.0.0.1/authorize?")
