"""Signing the benchmark's people in without a browser, and who they are.

A session is written straight to the session store, holding what allauth's sign-in
would have left there: Django's login, and allauth's record of how the session was
authenticated, with a second factor for anyone who would have given one (the same
record tests/conftest.py's HubClient.force_login writes). The server then treats the
session cookie as a person who signed in moments ago.

Call only once Django is set up with the same settings and secret key as the server.
"""

from __future__ import annotations

import json
from pathlib import Path

# The people `manage.py seed_demo` creates (README, "Who can do what").
DEMO_PEOPLE: dict[str, list[str]] = {
    "practitioner": ["practitioner@northmoor.example"],
    "supervisor": ["supervisor@northmoor.example"],
    "lead": ["lead@northmoor.example"],
    "manager": ["manager@northmoor.example"],
}

ROLES = ("practitioner", "supervisor", "supervisee", "lead", "manager")


def load_people(path: Path | None) -> dict[str, list[str]]:
    """{role: [email, ...]} from a JSON file of {role: email or [emails]} (the data
    generator writes one), or the demo people. Keys other than the roles are ignored."""
    if path is None:
        return {role: list(emails) for role, emails in DEMO_PEOPLE.items()}
    raw = json.loads(Path(path).read_text())
    people = {}
    for role in ROLES:
        value = raw.get(role)
        if value:
            people[role] = [value] if isinstance(value, str) else [str(v) for v in value]
    return people


def session_cookies(user) -> dict[str, str]:
    """Cookies of a fresh session signed in as `user`."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from django.conf import settings
    from django.contrib.auth import login
    from django.http import HttpRequest
    from django.utils.module_loading import import_string

    from learning.accounts import mfa

    request = HttpRequest()
    request.session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
    record_authentication(request, user, "password")
    # A privileged person without an authenticator would be sent to set one up; the
    # record is what the guard reads, so theirs says they gave a second factor too.
    if mfa.is_privileged(user) or mfa.has_authenticator(user):
        record_authentication(request, user, "mfa", type=Authenticator.Type.TOTP)
    request.session.save()
    return {settings.SESSION_COOKIE_NAME: request.session.session_key}


def user_by_email(email: str):
    from django.contrib.auth import get_user_model

    try:
        return get_user_model().objects.get(email__iexact=email)
    except get_user_model().DoesNotExist:
        raise LookupError(f"nobody has the address {email} in this database") from None
