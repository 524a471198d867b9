"""Django's and allauth's authentication backends, loading the signed-in person of each
request together with the facts every page asks of them (learning.person_facts): one
statement where there were two.

Only how a session's person is read changes: signing in, passwords and permissions are
the parent backends' own, and Django still checks the session against the person's
password hash after loading them.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend

from learning.person_facts import person_with_facts


class _LoadsPersonWithFacts:
    def get_user(self, user_id):
        person = person_with_facts(user_id)
        # As ModelBackend.get_user: nobody, or somebody who may no longer sign in.
        return person if person is not None and self.user_can_authenticate(person) else None


class HubModelBackend(_LoadsPersonWithFacts, ModelBackend):
    """django.contrib.auth's backend (email and password through Django's own forms)."""


class HubAuthenticationBackend(_LoadsPersonWithFacts, AuthenticationBackend):
    """allauth's backend, which its sign-in records in the session."""
