import pytest
from django.core.cache import cache


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
