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
