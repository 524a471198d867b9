"""The audit trail is append-only (issue 14): the model refuses every change and
removal, nothing in the admin offers to add, edit or delete an entry, and no request to
any URL the site answers, sent by a superuser who has given the second factor, changes
or removes an entry that was already there."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.urls import get_resolver
from django.utils import timezone
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.snippets.models import get_snippet_models

from learning.audit.services import record
from learning.models import AuditAction, AuditEntry, AuditEntryIsAppendOnly
from learning.roles import Role
from tests.conftest import HubClient
from tests.factories import make_person
from tests.learning.security.url_access import EXPLICIT_SAMPLE_PATHS
from tests.learning.security.urls import Route, all_routes, sample_path

pytestmark = pytest.mark.django_db

ROUTES = all_routes()


@pytest.fixture
def entry(db):
    person = make_person()
    return record(
        AuditAction.VIEWED_RECORD,
        summary="Viewed a learning record",
        subject=person,
        actor=make_person(role=Role.SUPERVISOR),
        detail={"page": "learning"},
    )


# --- the model ----------------------------------------------------------------------------


def test_an_entry_cannot_be_saved_again(entry):
    entry.summary = "Nothing to see here"
    with pytest.raises(AuditEntryIsAppendOnly):
        entry.save()
    with pytest.raises(AuditEntryIsAppendOnly):
        entry.save(update_fields=["summary"])
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Viewed a learning record"


def test_a_new_instance_given_an_entrys_id_cannot_write_over_it(entry):
    forged = AuditEntry(pk=entry.pk, action=AuditAction.SIGNED_IN, summary="Forged")
    with pytest.raises(IntegrityError), transaction.atomic():
        forged.save()
    with pytest.raises(AuditEntryIsAppendOnly), transaction.atomic():
        AuditEntry.objects.bulk_create(
            [AuditEntry(pk=entry.pk, action=AuditAction.SIGNED_IN, summary="Forged")],
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["summary"],
        )
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Viewed a learning record"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own trigger")
def test_postgresql_itself_refuses_to_change_or_delete_an_entry(entry):
    for statement in (
        "UPDATE learning_auditentry SET summary = 'Rewritten'",
        "DELETE FROM learning_auditentry",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Viewed a learning record"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(AuditEntryIsAppendOnly):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda: AuditEntry.objects.update(summary="Rewritten"),
        lambda: AuditEntry.objects.filter(action=AuditAction.VIEWED_RECORD).update(ip_address=None),
        lambda: AuditEntry.objects.all().delete(),
        lambda: AuditEntry.objects.filter(action=AuditAction.VIEWED_RECORD).delete(),
        lambda: AuditEntry.objects.bulk_update(
            [
                AuditEntry(pk=pk, summary="Rewritten")
                for pk in AuditEntry.objects.values_list("pk", flat=True)
            ],
            ["summary"],
        ),
    ],
    ids=["update", "filtered update", "delete all", "filtered delete", "bulk_update"],
)
def test_entries_cannot_be_changed_in_bulk(entry, change):
    before = list(AuditEntry.objects.order_by("pk").values())
    # bulk_update opens an atomic block without a savepoint: give it one to break.
    with pytest.raises(AuditEntryIsAppendOnly), transaction.atomic():
        change()
    assert list(AuditEntry.objects.order_by("pk").values()) == before


def test_entries_cannot_be_removed_through_the_people_they_name(entry):
    with pytest.raises(AuditEntryIsAppendOnly):
        entry.subject.audit_entries_about.all().delete()
    with pytest.raises(AuditEntryIsAppendOnly):
        entry.actor.audit_entries_made.update(summary="Rewritten")
    # Deleting a person named in the log would take their entries with it: refused.
    with pytest.raises(ProtectedError):
        entry.subject.delete()
    with pytest.raises(ProtectedError):
        entry.actor.delete()
    assert AuditEntry.objects.get(pk=entry.pk).summary == "Viewed a learning record"


def test_new_entries_can_still_be_added_in_bulk(entry):
    AuditEntry.objects.bulk_create(
        [AuditEntry(action=AuditAction.SIGNED_IN, summary="Signed in")] * 2
    )
    assert AuditEntry.objects.filter(action=AuditAction.SIGNED_IN).count() >= 2


def test_no_role_is_given_more_than_viewing():
    codenames = {permission[0] for permission in AuditEntry._meta.permissions}
    assert AuditEntry._meta.default_permissions == ("view",)
    assert not codenames


# --- the admin ------------------------------------------------------------------------------


def test_audit_entries_are_no_snippet():
    assert AuditEntry not in get_snippet_models()


def test_no_admin_viewset_manages_audit_entries():
    # Touch the admin's URLs so every viewset is registered.
    get_resolver().url_patterns  # noqa: B018
    models = {getattr(viewset, "model", None) for viewset in admin_viewsets.viewsets}
    assert AuditEntry not in models


def _view_model(route: Route):
    match = get_resolver().resolve(sample_path(route, EXPLICIT_SAMPLE_PATHS))
    view_class = getattr(match.func, "view_class", None)
    initkwargs = getattr(match.func, "view_initkwargs", {}) or {}
    return initkwargs.get("model") or getattr(view_class, "model", None)


def test_no_url_serves_a_generic_view_of_audit_entries():
    """Only the log and its download read entries; no generic create, edit, delete,
    history or bulk view is built on the model."""
    serving = []
    for route in ROUTES:
        try:
            if _view_model(route) is AuditEntry:
                serving.append(route.name or route.pattern)
        except Exception:
            continue
    assert serving == []
    names = {route.name for route in ROUTES if "audit" in route.name}
    assert names == {"audit_log", "audit_log_export"}


# --- every URL, as the most powerful session there is -----------------------------------------

# Fields a form that edits an entry might read, naming the first entry.
TAMPERING = {
    "id": "1",
    "pk": "1",
    "entry": "1",
    "action": "delete",
    "summary": "Nothing happened",
    "actor": "1",
    "subject": "1",
    "at": "2000-01-01T00:00:00",
    "ip_address": "10.0.0.1",
    "path": "/",
    "detail": "{}",
    "target_type": "learning.user",
    "target_id": "1",
    "confirm": "on",
    "next": "/",
}

# Where a generic admin view of entries would be if anything had registered one: each
# must answer without touching them.
AIMED_AT_ENTRIES = [
    "/admin/snippets/learning/auditentry/",
    "/admin/snippets/learning/auditentry/add/",
    "/admin/snippets/learning/auditentry/edit/1/",
    "/admin/snippets/learning/auditentry/delete/1/",
    "/admin/snippets/learning/auditentry/history/1/",
    "/admin/bulk/learning/auditentry/delete/?id=1&id=2",
    "/admin/bulk/snippets/learning/auditentry/delete/?id=1",
    "/admin/audit-log/?action=delete&id=1",
    "/admin/audit-log/export/?id=1",
]


@pytest.fixture
def superuser(totp_user):
    user = make_person(role=Role.SITE_ADMINISTRATOR, is_superuser=True, is_staff=True)
    totp_user(user)
    return user


@pytest.fixture
def existing_entries(superuser):
    """Entries of several kinds, the first with id 1 where the database allows, so
    that paths and fields naming id 1 name an entry."""
    subject = make_person()
    if not AuditEntry.objects.filter(pk=1).exists():
        AuditEntry.objects.create(
            pk=1, action=AuditAction.SIGNED_IN, actor=superuser, summary="Signed in"
        )
    for action in (AuditAction.VIEWED_RECORD, AuditAction.ERASED, AuditAction.EXPORTED):
        AuditEntry.objects.create(
            action=action,
            actor=superuser,
            subject=subject,
            summary=f"{action.label} of {subject}",
            at=timezone.now(),
            ip_address="203.0.113.9",
            detail={"kind": action.value},
        )
    return list(AuditEntry.objects.order_by("pk").values())


def _paths() -> list[str]:
    return [sample_path(route, EXPLICIT_SAMPLE_PATHS) for route in ROUTES] + AIMED_AT_ENTRIES


def _walk(superuser, send) -> dict[str, int]:
    """Each path's status, sending every path as the superuser."""
    client = HubClient(raise_request_exception=False)
    client.force_login(superuser)
    statuses = {}
    for path in _paths():
        if SESSION_KEY not in client.session:  # a sign-out route ended the session
            client.force_login(superuser)
        statuses[path] = send(client, path).status_code
    return statuses


def _unchanged(before: list[dict]) -> list[str]:
    after = {row["id"]: row for row in AuditEntry.objects.order_by("pk").values()}
    problems = []
    for row in before:
        if row["id"] not in after:
            problems.append(f"entry {row['id']} is gone")
        elif after[row["id"]] != row:
            problems.append(f"entry {row['id']} changed: {row} -> {after[row['id']]}")
    return problems


@pytest.mark.parametrize(
    "method",
    ["GET", "POST", "POST with entry fields"],
)
def test_no_url_changes_or_removes_an_entry(superuser, existing_entries, method):
    senders = {
        "GET": lambda client, path: client.get(path),
        "POST": lambda client, path: client.post(path),
        "POST with entry fields": lambda client, path: client.post(path, TAMPERING),
    }
    statuses = _walk(superuser, senders[method])
    assert _unchanged(existing_entries) == []
    failures = [f"{path}: {status}" for path, status in statuses.items() if status >= 500]
    assert failures == [], f"{method} answered with a server error:\n" + "\n".join(failures)
    if method == "GET":
        # The walk was made signed in, past the second factor, with the log in reach.
        assert statuses["/admin/audit-log/"] == 200
        assert statuses["/admin/"] == 200
    # New entries are fine (the walk downloads the log, views records, signs in).
    assert AuditEntry.objects.count() >= len(existing_entries)
