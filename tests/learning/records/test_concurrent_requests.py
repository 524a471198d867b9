"""Double completion through the site: parallel POSTs to the completion view, each from
its own browser session, leave exactly one row (PostgreSQL only)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from learning.models import Completion

PARALLEL_REQUESTS = 8


# serialized_rollback: a transactional test empties the database afterwards, taking the
# principles and site pages the migrations seeded; this restores them for the next.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_completion_requests_leave_one_row(practitioner, learning_page):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs PostgreSQL: SQLite serialises every write on one file lock, so the "
            "requests cannot truly race (set DATABASE_URL to a PostgreSQL database)."
        )
    url = reverse("records:complete", args=[learning_page.pk])
    page_url = learning_page.url
    # Each thread is a separate browser: its own client and session cookie.
    clients = []
    for _ in range(PARALLEL_REQUESTS):
        client = Client()
        client.force_login(practitioner)
        clients.append(client)
    barrier = threading.Barrier(PARALLEL_REQUESTS)
    statuses: list[tuple[int, str]] = []
    errors: list[BaseException] = []

    def post(client: Client) -> None:
        try:
            barrier.wait()
            response = client.post(url, {"revision": str(learning_page.live_revision_id)})
            statuses.append((response.status_code, response.get("Location", "")))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            # Each thread has its own connection; close it so the test database can be
            # dropped afterwards.
            connections.close_all()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    # Every request was answered as a success: back to the page, never a 500.
    assert statuses == [(302, f"{page_url}?done=recorded#completion")] * PARALLEL_REQUESTS
    assert Completion.objects.filter(user=practitioner, page=learning_page).count() == 1
