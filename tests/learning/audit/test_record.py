"""learning.audit.services.record: who, from where, and nothing a search typed."""

from __future__ import annotations

import pytest
from django.db import DatabaseError

from learning.audit.services import AuditWriteFailed, record, record_many
from learning.models import AuditAction, AuditEntry, User
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_actor_and_address_come_from_the_request_and_the_query_string_is_dropped(rf):
    viewer, person = make_person(), make_person()
    request = rf.get("/people/12/learning/?q=Sam+Patel", REMOTE_ADDR="203.0.113.9")
    request.user = viewer

    entry = record(AuditAction.VIEWED_RECORD, summary="Viewed", subject=person, request=request)

    entry.refresh_from_db()
    assert (entry.actor, entry.subject) == (viewer, person)
    assert entry.ip_address == "203.0.113.9"
    assert entry.path == "/people/12/learning/"


def test_without_a_request_the_hub_itself_is_the_actor():
    entry = record(AuditAction.RETENTION_ERASED, summary="Erased", subject=make_person())
    assert entry.actor is None and entry.ip_address is None and entry.path == ""


def test_a_write_that_fails_raises_and_leaves_nothing(monkeypatch):
    def refuse(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(AuditEntry.objects, "create", refuse)
    with pytest.raises(AuditWriteFailed):
        record(AuditAction.SIGNED_IN, summary="Signed in")
    assert not AuditEntry.objects.exists()


def test_record_many_writes_every_entry_however_many_statements_it_takes(rf):
    """More people than one statement's parameters allow (99 rows on SQLite): every one
    is written, each as the ORM would write it."""
    people = User.objects.bulk_create(
        User(email=f"listed-{number}@northmoor.example") for number in range(250)
    )
    viewer = make_person()
    request = rf.get("/organisation/people/?q=secret", REMOTE_ADDR="203.0.113.9")
    request.user = viewer
    ids = [person.pk for person in people]
    written = record_many(
        AuditAction.VIEWED_IN_LIST,
        summary="Saw the person's records in the people table",
        subject_ids=[*ids, ids[0]],  # a repeat is one entry
        request=request,
        detail={"list": "the people table"},
    )
    assert written == 250
    entries = AuditEntry.objects.filter(action=AuditAction.VIEWED_IN_LIST)
    assert sorted(entries.values_list("subject_id", flat=True)) == sorted(ids)
    entry = entries.first()
    assert (entry.actor, entry.ip_address, entry.path) == (
        viewer,
        "203.0.113.9",
        "/organisation/people/",
    )
    assert entry.detail == {"list": "the people table"}
    assert entry.at is not None and entry.target_type == ""
