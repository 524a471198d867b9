import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client

from tests.no_network import disable_network

# Before any test runs: nothing beyond 127.0.0.1 (tests/no_network.py).
disable_network()


class HubClient(Client):
    """The test client, signing people in as allauth would.

    allauth only completes a sign-in for someone with an authenticator after its
    second-factor stage, and the hub's guard (learning.accounts.mfa) goes by that record
    of the session. So `force_login` records a password step, and a second factor when
    the person has an authenticator; `force_login_without_second_factor` makes the
    session a route round allauth would have made, for the tests that refuse it."""

    def force_login(self, user, backend=None) -> None:
        super().force_login(user, backend)
        methods = ["password"]
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            methods.append("mfa")
        self._record_authentication(user, methods)

    def force_login_without_second_factor(self, user) -> None:
        super().force_login(user)
        self._record_authentication(user, ["password"])

    def _record_authentication(self, user, methods: list[str]) -> None:
        request = HttpRequest()
        request.session = self.session
        request.user = user
        for method in methods:
            extra = {"type": Authenticator.Type.TOTP} if method == "mfa" else {}
            record_authentication(request, user, method, **extra)
        request.session.save()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as pytest-django makes it, plus the site's home and information
    pages (learning.site_setup), which most tests need and which cost a Wagtail publish
    each. Made once per database here, every test starts with them; a test's own call
    to ensure_site_pages then finds them."""
    from django.db import connections

    from learning.site_setup import ensure_site_pages

    with django_db_blocker.unblock():
        ensure_site_pages()
        # Tests marked serialized_rollback reload a copy of the database Django took
        # when it made it; take it again, or they would reload a Site that clashes.
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield


@pytest.fixture
def client() -> HubClient:
    return HubClient()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth keeps rate-limit counters and used TOTP codes in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def totp_user(db):
    """A factory: give a user an authenticator app, returning a function that makes
    a currently valid code."""
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

    secret = "JBSWY3DPEHPK3PXPJBSWY3DP"

    def enrol(user):
        TOTP.activate(user, secret)

        def code() -> str:
            import time

            return format_hotp_value(hotp_value(secret, int(time.time()) // 30))

        return code

    return enrol


@pytest.fixture
def sign_in_with_mfa(client, totp_user):
    """A factory: make a person in `role`, enrol them in MFA (which the privileged roles
    need before the admin or any report) and sign the test client in as them."""
    from tests.factories import make_person

    def sign_in(role):
        user = make_person(role=role)
        totp_user(user)
        client.force_login(user)
        return user

    return sign_in
