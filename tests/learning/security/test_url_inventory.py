"""Every URL pattern is classified, and behaves as its class says for every kind of
requester; no route but allauth's sign-in can authenticate anyone, and none can give a
privileged person a session without the second factor; every signed-in response is
kept out of caches."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.urls import Resolver404, reverse

from learning.roles import Role
from tests.conftest import HubClient
from tests.factories import PASSWORD, make_person
from tests.learning.security.url_access import (
    DEVELOPMENT_ONLY,
    EXPLICIT_SAMPLE_PATHS,
    SHADOWED_BY,
    URL_ACCESS,
    Access,
)
from tests.learning.security.urls import Route, all_routes, resolved_name, sample_path

ROUTES = all_routes()

# Every field name any sign-in form here or in a dependency reads credentials from.
CREDENTIAL_FIELDS = ("login", "username", "email", "password", "password1", "password2")


def route_id(route: Route) -> str:
    return route.name or route.pattern


def path_of(route: Route) -> str:
    return sample_path(route, EXPLICIT_SAMPLE_PATHS)


def location_path(response) -> str:
    return urlsplit(response.get("Location", "")).path


def sent_to(response, url_name: str) -> bool:
    return response.status_code == 302 and location_path(response) == reverse(url_name)


def sent_to_sign_in(response) -> bool:
    """To allauth's sign-in, or to the admin's old sign-in address, which redirects
    there (Wagtail's admin sends some requests to it by name)."""
    return sent_to(response, "account_login") or sent_to(response, "admin_login_redirect")


# --- the table --------------------------------------------------------------------------


def test_every_url_pattern_is_in_the_table():
    missing = [f"{r.pattern!r} ({r.name or 'unnamed'}, {r.view})" for r in ROUTES]
    missing = [line for line, r in zip(missing, ROUTES, strict=True) if r.key not in URL_ACCESS]
    assert not missing, (
        "URL patterns with no access class: add each to URL_ACCESS in "
        "tests/learning/security/url_access.py:\n" + "\n".join(missing)
    )


def test_the_table_lists_no_pattern_that_is_gone():
    present = {route.key for route in ROUTES}
    stale = [key for key in URL_ACCESS if key not in present and key not in DEVELOPMENT_ONLY]
    assert not stale, f"Remove from URL_ACCESS, no longer in the URL configuration: {stale}"


@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_each_sample_path_reaches_its_pattern_or_a_pattern_shadowing_it(route):
    try:
        name = resolved_name(path_of(route))
    except Resolver404:
        pytest.fail(f"{path_of(route)} matches nothing: give {route.key} an explicit sample")
    if name != route.name:
        assert SHADOWED_BY.get(route.key) == name, (
            f"{path_of(route)} reaches {name}, not {route.name}: list it in SHADOWED_BY "
            "if the hub replaces it on purpose, or give it an explicit sample path"
        )


# --- what each requester gets -------------------------------------------------------------


def routes_of(access: Access) -> list[Route]:
    return [route for route in ROUTES if URL_ACCESS.get(route.key) is access]


@pytest.fixture
def privileged(totp_user):
    """A site administrator who is also a superuser: every admin page is theirs to see,
    with an authenticator app set up."""
    user = make_person(role=Role.SITE_ADMINISTRATOR, is_superuser=True, is_staff=True)
    totp_user(user)
    return user


@pytest.fixture
def requesters(privileged) -> dict[str, HubClient]:
    """The requesters each class is tried as, each with its own session."""
    pending = HubClient()
    response = pending.post(
        reverse("account_login"), {"login": privileged.email, "password": PASSWORD}
    )
    assert sent_to(response, "mfa_authenticate")
    assert SESSION_KEY not in pending.session

    unenrolled = HubClient()
    lead = make_person(role=Role.ORGANISATION_LEAD)
    unenrolled.post(reverse("account_login"), {"login": lead.email, "password": PASSWORD})
    assert SESSION_KEY in unenrolled.session

    bypassed = HubClient()
    bypassed.force_login_without_second_factor(privileged)
    return {
        "anonymous": HubClient(),
        # Gave the right password to allauth; has not given the second factor.
        "password only, MFA stage pending": pending,
        # A privileged person who has never set up an authenticator.
        "no MFA set up": unenrolled,
        # Signed in, with an authenticator, by a route that skipped the second factor:
        # what a sign-in form round allauth would have given.
        "password-only session": bypassed,
    }


def wrong_answer(access: Access, requester: str, response, path: str) -> str | None:
    """What is wrong with this answer for this class and requester, if anything."""
    status = response.status_code
    signed_out = requester in ("anonymous", "password only, MFA stage pending")
    checks: list[bool] = [status < 500]
    if access is Access.PUBLIC:
        checks += [
            not sent_to_sign_in(response),
            not sent_to(response, "mfa_reauthenticate"),
            not sent_to(response, "mfa_activate_totp"),
        ]
    elif access is Access.SIGNED_IN:
        if signed_out:
            # A form that only takes a POST may say so before asking anyone to sign in.
            checks.append(sent_to_sign_in(response) or status == 405)
        else:
            checks += [
                not sent_to_sign_in(response),
                not sent_to(response, "mfa_reauthenticate"),
            ]
    elif access is Access.SIGN_IN_SETTINGS:
        if signed_out:
            checks.append(sent_to_sign_in(response))
        elif requester == "password-only session":
            checks.append(sent_to(response, "mfa_reauthenticate"))
        else:
            checks += [
                not sent_to(response, "mfa_reauthenticate"),
                not sent_to_sign_in(response),
            ]
    elif access is Access.PRIVILEGED_WITH_MFA:
        if signed_out:
            checks.append(sent_to_sign_in(response))
        elif requester == "password-only session":
            checks.append(sent_to(response, "mfa_reauthenticate"))
        else:
            checks.append(sent_to(response, "mfa_activate_totp"))
    elif access is Access.ADMIN_ASSET:
        if signed_out:
            checks.append(status == 200)
    elif access is Access.REDIRECTED_OR_REFUSED:
        checks.append(status in (301, 302, 403, 404, 405, 410))
        if status in (301, 302):
            checks.append(location_path(response) != path)
    if all(checks):
        return None
    return f"{path} as {requester}: {status} {response.get('Location', '')}"


@pytest.mark.parametrize("access", list(Access), ids=str)
def test_each_class_answers_each_requester_as_it_should(access, requesters):
    wrong = []
    for route in routes_of(access):
        path = path_of(route)
        for requester, client in requesters.items():
            wrong.append(wrong_answer(access, requester, client.get(path), path))
    wrong = [line for line in wrong if line]
    assert not wrong, f"{access}:\n" + "\n".join(wrong)


# --- no route but allauth's sign-in authenticates ---------------------------------------------


@pytest.fixture
def unverified(db):
    """Signed up, never confirmed the address: for example someone who used a
    colleague's address on their organisation's domain."""
    person = make_person(role=Role.PRACTITIONER)
    EmailAddress.objects.filter(user=person).update(verified=False)
    return person


def credentials(person) -> dict[str, str]:
    posted = dict.fromkeys(CREDENTIAL_FIELDS, PASSWORD)
    return posted | {"login": person.email, "username": person.email, "email": person.email}


@pytest.mark.parametrize("access", list(Access), ids=str)
def test_credentials_posted_anywhere_give_no_session_without_the_second_factor(
    access, privileged, unverified
):
    """A privileged person with an authenticator, and a person whose address was never
    confirmed, post their right password to every pattern: neither ends signed in."""
    signed_in = []
    for route in routes_of(access):
        path = path_of(route)
        for person in (privileged, unverified):
            attacker = HubClient()
            response = attacker.post(path, credentials(person))
            if response.status_code >= 500 or SESSION_KEY in attacker.session:
                signed_in.append(f"{path} ({person.email}): {response.status_code}")
    assert not signed_in, signed_in


def test_only_allauths_sign_in_signs_in_a_person_without_an_authenticator(db):
    """The other side of the test above: a password alone signs in only at allauth's
    sign-in, which then sends a privileged person to set up a second factor."""
    lead = make_person(role=Role.ORGANISATION_LEAD)
    signed_in_by = []
    for route in ROUTES:
        attacker = HubClient()
        attacker.post(path_of(route), credentials(lead))
        if SESSION_KEY in attacker.session:
            signed_in_by.append(route.name)
    assert signed_in_by == ["account_login"]


# --- kept out of caches -------------------------------------------------------------------


@pytest.mark.parametrize("access", list(Access), ids=str)
def test_every_signed_in_response_is_private_and_not_stored(access, privileged):
    stored = []
    for route in routes_of(access):
        client = HubClient()
        client.force_login(privileged)
        response = client.get(path_of(route))
        cache_control = response.get("Cache-Control", "")
        if "no-store" not in cache_control or "private" not in cache_control:
            stored.append(f"{path_of(route)}: {response.status_code} {cache_control!r}")
    assert not stored, stored


def test_every_sign_in_page_is_private_and_not_stored_for_anyone(db):
    stored = []
    for route in routes_of(Access.ALLAUTH_FLOW):
        response = HubClient().get(path_of(route))
        if "no-store" not in response.get("Cache-Control", ""):
            stored.append(path_of(route))
    assert not stored, stored
