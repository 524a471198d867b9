"""While the database cannot be reached every request gets the plain 503 page
(learning.outage), logged once, and the next request reconnects by itself."""

from __future__ import annotations

import logging
from contextlib import ExitStack, contextmanager

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from learning import urls as hub_urls
from learning.models import User
from tests.factories import make_person
from tests.learning.log_records import logged

SECRET = "secret-search-words"


def refused(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')


def interface_gone(request):
    raise InterfaceError("connection already closed")


def broken_code(request):
    raise ValueError("a bug, not an outage")


def people(request):
    return HttpResponse(str(User.objects.count()))


urlpatterns = [
    path("outage/refused/", refused),
    path("outage/interface/", interface_gone),
    path("outage/bug/", broken_code),
    path("outage/people/", people),
    *hub_urls.urlpatterns,
]


@contextmanager
def request_logs():
    """Everything logged at WARNING or above by the outage module and Django's request
    logger (which the settings give the outage filter)."""
    with ExitStack() as stack:
        outage = stack.enter_context(logged("learning.outage"))
        django_request = stack.enter_context(logged("django.request"))
        records = []
        yield records
        records.extend(outage.at_least(logging.WARNING) + django_request.at_least(logging.WARNING))


def assert_outage_page(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "The service is unavailable, try again in a few minutes." in page
    assert "<h1" in page and "Traceback" not in page and "OperationalError" not in page
    # The security headers from the middleware above still apply.
    assert "Content-Security-Policy" in response


@pytest.mark.urls(__name__)
class TestInAView:
    @pytest.mark.parametrize("url", ["/outage/refused/", "/outage/interface/"])
    def test_a_lost_connection_is_a_503_page_logged_once_without_the_query(self, db, url):
        with request_logs() as records:
            response = Client().get(url, {"q": SECRET})
        assert_outage_page(response)
        assert len(records) == 1
        (record,) = records
        assert record.levelno == logging.ERROR
        assert record.exc_info is None  # one line, no traceback
        assert url in record.getMessage()
        assert SECRET not in record.getMessage()

    def test_any_other_error_is_still_the_500_page(self, db):
        response = Client(raise_request_exception=False).get("/outage/bug/")
        assert response.status_code == 500
        assert "Retry-After" not in response


@pytest.mark.urls(__name__)
def test_a_lost_connection_in_a_middleware_is_a_503_not_a_500(client, db, monkeypatch):
    # Signed in, the first query is the session's, in a middleware before any view.
    client.force_login(make_person())
    client.raise_request_exception = False

    def unreachable(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", unreachable)
    with request_logs() as records:
        response = client.get("/", {"q": SECRET})
    assert_outage_page(response)
    messages = [record.getMessage() for record in records]
    assert len(messages) == 1, messages
    assert "Internal Server Error" not in messages[0]
    assert SECRET not in messages[0]


# serialized_rollback: a transactional test empties the database; this restores the
# seeded pages for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.urls(__name__)
def test_a_connection_the_server_dropped_is_replaced_on_the_next_request():
    if connection.vendor != "postgresql":
        pytest.skip("ending another session's connection needs PostgreSQL (DATABASE_URL)")
    web = Client(raise_request_exception=False)
    assert web.get("/outage/people/").status_code == 200
    backend_pid = connection.connection.info.backend_pid

    # As when PostgreSQL restarts: the server ends the web process's connection.
    admin = connection.copy()
    try:
        with admin.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [backend_pid])
    finally:
        admin.close()

    with request_logs() as records:
        assert_outage_page(web.get("/outage/people/"))
    assert len(records) == 1
    response = web.get("/outage/people/")
    assert response.status_code == 200
    assert connection.connection.info.backend_pid != backend_pid
