"""The hub's authentication backends (learning.accounts.backends): Django's and allauth's
own, except that a session's person is loaded with their facts in one statement."""

from __future__ import annotations

import pytest
from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string

from learning.accounts.backends import HubAuthenticationBackend, HubModelBackend
from learning.person_facts import person_facts_read
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_the_configured_backends_are_djangos_and_allauths_own():
    configured = [import_string(path) for path in settings.AUTHENTICATION_BACKENDS]
    assert configured == [HubModelBackend, HubAuthenticationBackend]
    assert issubclass(HubModelBackend, ModelBackend)
    assert issubclass(HubAuthenticationBackend, AuthenticationBackend)


@pytest.mark.parametrize("backend", [HubModelBackend, HubAuthenticationBackend])
def test_a_person_is_loaded_with_their_facts_in_one_query(backend):
    person = make_person()
    with CaptureQueriesContext(connection) as queries:
        loaded = backend().get_user(person.pk)
    assert len(queries) == 1
    assert loaded == person and person_facts_read(loaded)


@pytest.mark.parametrize("backend", [HubModelBackend, HubAuthenticationBackend])
def test_nobody_and_someone_deactivated_are_not_loaded(backend):
    person = make_person()
    get_user_model().objects.filter(pk=person.pk).update(is_active=False)
    assert backend().get_user(person.pk) is None
    assert backend().get_user(10**9) is None


def test_signing_in_with_a_password_still_works(client):
    person = make_person()
    person.set_password("correct horse battery staple")
    person.save()
    response = client.post(
        "/accounts/login/",
        {"login": person.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get("/my-learning/").status_code == 200
