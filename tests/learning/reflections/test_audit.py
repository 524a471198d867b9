"""The reflective log's audit trail: sharing, withdrawing a share, signing off, reopening
and a supervisor reading a shared entry each write exactly one audit entry, naming who
acted and whose entry it is, never the entry's text. An entry that cannot be written
stops the action (or the page) with a 503 and leaves nothing changed."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError
from django.urls import reverse

from learning.audit.services import AuditWriteFailed
from learning.models import AuditAction, AuditEntry, EntryShare, EntryStatus
from learning.reflections import services
from tests.learning.reflections.factories import make_entry, make_supervisor, shared_entry

pytestmark = pytest.mark.django_db

BODY = "I asked Mrs B what she wanted before calling anyone."
FAIL_WRITES = "learning.audit.services.AuditEntry.objects.create"


def only_entry(action: str) -> AuditEntry:
    entries = list(AuditEntry.objects.filter(action=action))
    assert len(entries) == 1, entries
    return entries[0]


def assert_about(audit: AuditEntry, *, actor, subject, entry) -> None:
    assert (audit.actor_id, audit.subject_id) == (actor.pk, subject.pk)
    assert (audit.target_type, audit.target_id) == ("learning.reflectiveentry", str(entry.pk))
    assert BODY not in audit.summary and BODY not in str(audit.detail)


@pytest.fixture
def entry(author):
    return make_entry(author, title="Mrs B", body=BODY, status=EntryStatus.FINAL)


def test_sharing_writes_one_entry_per_supervisor_told(entry, author, supervisor):
    services.entry_share(entry=entry, author=author, supervisors=[supervisor])
    # Sharing again with someone who has it changes nothing, so records nothing.
    services.entry_share(entry=entry, author=author, supervisors=[supervisor])

    audit = only_entry(AuditAction.SHARED)
    assert_about(audit, actor=author, subject=author, entry=entry)
    assert audit.detail == {"supervisor_id": supervisor.pk}
    # The log outlives erasure, so it never holds a name: the supervisor is an id.
    assert "Rachel" not in audit.summary and "Hughes" not in audit.summary


def test_sharing_with_two_writes_two(entry, author, supervisor):
    second = make_supervisor(first_name="Priya", last_name="Shah")
    author.profile.supervisors.add(second)

    services.entry_share(entry=entry, author=author, supervisors=[supervisor, second])

    shared = AuditEntry.objects.filter(action=AuditAction.SHARED)
    assert sorted(audit.detail["supervisor_id"] for audit in shared) == sorted(
        [supervisor.pk, second.pk]
    )


def test_withdrawing_writes_one(entry, author, supervisor):
    services.entry_share(entry=entry, author=author, supervisors=[supervisor])

    services.entry_withdraw_share(entry=entry, author=author, supervisors=[supervisor])
    # Nothing left to withdraw: nothing more recorded.
    services.entry_withdraw_share(entry=entry, author=author)

    audit = only_entry(AuditAction.SHARE_WITHDRAWN)
    assert_about(audit, actor=author, subject=author, entry=entry)
    assert audit.detail == {"supervisor_id": supervisor.pk}


def test_signing_off_and_reopening_write_one_each(entry, author, supervisor):
    services.entry_share(entry=entry, author=author, supervisors=[supervisor])

    services.entry_sign_off(entry=entry, supervisor=supervisor)
    assert_about(only_entry(AuditAction.SIGNED_OFF), actor=supervisor, subject=author, entry=entry)
    assert not AuditEntry.objects.filter(action=AuditAction.REOPENED).exists()

    services.entry_reopen(entry=entry, supervisor=supervisor)
    assert_about(only_entry(AuditAction.REOPENED), actor=supervisor, subject=author, entry=entry)
    assert AuditEntry.objects.filter(action=AuditAction.SIGNED_OFF).count() == 1


def test_the_pages_record_who_acted_and_from_where(client, entry, author, supervisor):
    client.force_login(author)
    client.post(
        reverse("reflections:entry_share", args=[entry.pk]),
        {"supervisors": [supervisor.pk]},
        REMOTE_ADDR="203.0.113.9",
    )

    audit = only_entry(AuditAction.SHARED)
    assert audit.actor_id == author.pk
    assert audit.ip_address == "203.0.113.9"
    assert audit.path == reverse("reflections:entry_share", args=[entry.pk])


# ---------------------------------------------------------------------------
# Reading a shared entry
# ---------------------------------------------------------------------------


@pytest.fixture
def shared(author, supervisor):
    return shared_entry(author, supervisor, title="Mrs B", body=BODY)


def test_a_supervisor_reading_writes_one_entry_per_page_view(client, shared, author, supervisor):
    client.force_login(supervisor)
    url = reverse("reflections:entry_detail", args=[shared.pk])

    assert client.get(url).status_code == 200
    assert_about(
        only_entry(AuditAction.VIEWED_ENTRY), actor=supervisor, subject=author, entry=shared
    )

    assert client.get(url).status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.VIEWED_ENTRY).count() == 2


def test_the_author_reading_writes_nothing(client, shared, author):
    client.force_login(author)

    assert client.get(reverse("reflections:entry_detail", args=[shared.pk])).status_code == 200

    assert not AuditEntry.objects.filter(action=AuditAction.VIEWED_ENTRY).exists()


def test_a_page_refused_writes_nothing(client, shared):
    outsider = make_supervisor(first_name="Not", last_name="Theirs")
    client.force_login(outsider)

    assert client.get(reverse("reflections:entry_detail", args=[shared.pk])).status_code == 404

    assert not AuditEntry.objects.filter(action=AuditAction.VIEWED_ENTRY).exists()


def test_reading_an_old_version_through_a_comment_is_recorded(client, shared, author, supervisor):
    comment = services.comment_add(entry=shared, author=supervisor, body="Did she agree?")
    client.force_login(supervisor)

    response = client.get(reverse("reflections:comment_detail", args=[comment.pk]))

    assert response.status_code == 200
    assert_about(
        only_entry(AuditAction.VIEWED_ENTRY), actor=supervisor, subject=author, entry=shared
    )


def test_a_read_that_cannot_be_recorded_is_not_shown(client, shared, supervisor):
    client.force_login(supervisor)

    with mock.patch(FAIL_WRITES, side_effect=DatabaseError("audit table unavailable")):
        response = client.get(reverse("reflections:entry_detail", args=[shared.pk]))

    assert response.status_code == 503
    assert BODY not in response.content.decode()


# ---------------------------------------------------------------------------
# An action whose entry cannot be written does not happen
# ---------------------------------------------------------------------------


def test_sharing_fails_with_503_and_leaves_no_share(client, entry, author, supervisor):
    client.force_login(author)

    with mock.patch(FAIL_WRITES, side_effect=DatabaseError("audit table unavailable")):
        response = client.post(
            reverse("reflections:entry_share", args=[entry.pk]), {"supervisors": [supervisor.pk]}
        )

    assert response.status_code == 503
    assert not EntryShare.objects.filter(entry=entry).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.SHARED).exists()


def test_sign_off_and_deletion_fail_whole(entry, author, supervisor):
    from learning.models import ReflectiveEntry
    from learning.reflections import deletion

    services.entry_share(entry=entry, author=author, supervisors=[supervisor])
    with mock.patch(FAIL_WRITES, side_effect=DatabaseError("audit table unavailable")):
        with pytest.raises(AuditWriteFailed):
            services.entry_sign_off(entry=entry, supervisor=supervisor)
        with pytest.raises(AuditWriteFailed):
            deletion.entry_delete(entry=entry, author=author)

    entry.refresh_from_db()
    assert not entry.is_locked
    assert ReflectiveEntry.objects.filter(pk=entry.pk).exists()
    assert entry.versions.count() == 1 and entry.shares.count() == 1


@pytest.mark.parametrize("name", ["reflections:entry_review", "reflections:entry_sign_off"])
def test_the_supervisors_action_pages_show_the_title_so_are_reads(
    client, shared, author, supervisor, name
):
    client.force_login(supervisor)

    assert client.get(reverse(name, args=[shared.pk])).status_code == 200
    assert_about(
        only_entry(AuditAction.VIEWED_ENTRY), actor=supervisor, subject=author, entry=shared
    )


def test_the_reopen_page_is_a_read(client, author, supervisor):
    final = shared_entry(author, supervisor, title="Mrs B", body=BODY, status=EntryStatus.FINAL)
    services.entry_sign_off(entry=final, supervisor=supervisor)
    client.force_login(supervisor)

    assert client.get(reverse("reflections:entry_reopen", args=[final.pk])).status_code == 200
    assert_about(
        only_entry(AuditAction.VIEWED_ENTRY), actor=supervisor, subject=author, entry=final
    )
