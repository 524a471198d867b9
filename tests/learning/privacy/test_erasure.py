"""Erasing a person: every piece of their free text and identity goes from every table,
the rows reports count stay, one audit entry is written in the same transaction, and
erasing twice changes nothing more."""

from __future__ import annotations

from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.urls import reverse

from learning.audit.services import AuditWriteFailed
from learning.models import (
    AccessExport,
    AuditAction,
    AuditEntry,
    Completion,
    DigestSent,
    EntryComment,
    Exemption,
    ExternalCPD,
    Feedback,
    Invitation,
    Notification,
    ReflectiveEntry,
    ReflectiveEntryVersion,
    TeamSession,
    User,
)
from learning.models.privacy import AccessExportStatus
from learning.privacy.erasers import ERASED_TEXT, erased_email
from learning.privacy.erasure import erase_person, erasure_plan
from learning.shared_cache.version import content_version
from tests.conftest import HubClient
from tests.learning.privacy.erasure_world import KEPT, SECRETS, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    world = build_world()
    # Files are deleted once the erasure commits: run those callbacks as it returns.
    world.on_commit = django_capture_on_commit_callbacks
    # A signed-in session of theirs.
    world.client = HubClient()
    world.client.force_login(world.person)
    return world


def _all_text() -> str:
    """Every row of every table of the hub's models, as text. The audit trail is
    included: it is append-only, so its entries must never have held a name or any
    free text in the first place (they refer to people by account)."""
    chunks = []
    for model in apps.get_models():
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT * FROM "{table}"')
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def _erase(world, **kwargs):
    with world.on_commit(execute=True):
        return erase_person(
            world.person,
            reason=kwargs.pop("reason", "They asked for everything about them to be erased."),
            actor=kwargs.pop("actor", world.supervisor),
            action=kwargs.pop("action", AuditAction.ERASED),
        )


def test_the_plan_names_what_will_go_and_changes_nothing(world):
    before = _all_text()
    labels = [count.label for count in erasure_plan(world.person)]
    assert _all_text() == before
    assert labels == [
        "1 copy of their data: deleted",
        "1 profile picture: deleted",
        "2 comments: text removed",
        "1 exemption: reason removed",
        "2 external CPD entries: name, provider and what they learned removed, type and hours kept",
        "1 feedback comment: text removed, ratings kept",
        "1 answer to “Have you used this in your practice?”: their example removed",
        "2 invitations: email address removed",
        "2 notifications: deleted",
        "1 reminder email: contents removed",
        "1 comment on a page: text removed",
        "1 reply on a page: text removed",
        "5 page versions and history entries quoting their comments: their text removed",
        "1 reflective entry: title and text removed",
        "2 earlier versions: text removed",
        "1 supervisor's notice: entry title removed",
        "1 email address: deleted",
        "1 authenticator: deleted",
        "1 single sign-on link: deleted",
        "1 queued or sent email naming them: deleted",
        "1 team session they ran: group reflection removed",
        "8 entries in the admin's history of their account, invitations or sessions: "
        "name and address removed",
        "1 approval decision: comment removed, decision kept",
        "their name, email address, password, job title and registration number: removed",
        "2 supervision links: removed",
    ]


def test_every_piece_of_their_free_text_and_identity_is_gone_from_every_table(world):
    for secret in SECRETS.values():
        assert secret in _all_text(), secret  # The search finds them before.
    _erase(world)
    text = _all_text()
    assert not [secret for secret in SECRETS.values() if secret in text]
    # The colleague's text is all there.
    assert all(kept in text for kept in KEPT.values())
    assert not default_storage.exists(world.export_file)
    assert not default_storage.exists(world.avatar_file)


def test_the_rows_reports_count_stay_with_their_text_erased(world):
    counts_before = {
        model: model.objects.count()
        for model in (
            Completion,
            Feedback,
            ReflectiveEntry,
            ReflectiveEntryVersion,
            EntryComment,
            ExternalCPD,
            Exemption,
            TeamSession,
            DigestSent,
        )
    }
    _erase(world)
    assert {model: model.objects.count() for model in counts_before} == counts_before
    person = User.objects.get(pk=world.person.pk)
    assert (person.first_name, person.last_name) == ("Erased", "person")
    assert person.email == erased_email(person)
    assert not person.has_usable_password()
    assert not person.is_active
    assert person.erased_at is not None and person.deactivated_at is not None
    # Organisation, team, roles and registration body stay: reports count by them.
    assert person.profile.organisation == world.organisation
    assert person.profile.team == world.team
    assert person.profile.registration_body == "swe"
    assert set(person.groups.values_list("name", flat=True)) == {"Supervisor", "Practitioner"}
    # Supervision links go both ways.
    assert not person.profile.supervisors.exists()
    assert not person.supervisees.exists()
    entry = ReflectiveEntry.objects.get(pk=world.entry.pk)
    assert (entry.title, entry.body) == (ERASED_TEXT, ERASED_TEXT)
    assert set(entry.versions.values_list("body", flat=True)) == {ERASED_TEXT}
    assert set(entry.comments.values_list("body", flat=True)) == {ERASED_TEXT}
    feedback = Feedback.objects.get(user=person)
    assert (feedback.usefulness, feedback.will_change_practice, feedback.comment) == (4, "yes", "")
    assert Completion.objects.filter(user=person).count() == 1
    assert not Notification.objects.filter(recipient=person).exists()
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    assert not SocialAccount.objects.filter(user=person).exists()
    # The session they were signed in with no longer signs anyone in.
    response = world.client.get(reverse("records:my_learning"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Invitation.objects.get(accepted_by=person).email == erased_email(person)
    export = AccessExport.objects.get(pk=world.export.pk)
    assert (export.status, export.file_name) == (AccessExportStatus.EXPIRED, "")


def test_erasure_removes_exactly_what_the_plan_said(world):
    """The administrator confirms the plan; the audit entry records what went: the two
    must agree, whatever order the erasers run in."""
    planned = [(count.label, count.count) for count in erasure_plan(world.person)]
    assert [(count.label, count.count) for count in _erase(world)] == planned


def test_one_audit_entry_records_who_why_and_what_went(world):
    counts = _erase(world, reason="Requested by letter of 3 March 2026, identity checked.")
    entries = list(AuditEntry.objects.filter(action=AuditAction.ERASED))
    assert len(entries) == 1
    entry = entries[0]
    assert entry.subject_id == world.person.pk
    assert entry.actor_id == world.supervisor.pk
    assert entry.detail["reason"] == "Requested by letter of 3 March 2026, identity checked."
    assert entry.detail["counts"] == [{"what": c.label, "count": c.count} for c in counts]
    assert SECRETS["email"] not in entry.summary and SECRETS["last_name"] not in entry.summary


def test_the_schedule_records_its_own_action_with_no_actor(world):
    _erase(world, actor=None, action=AuditAction.RETENTION_ERASED, reason="Period ended.")
    entry = AuditEntry.objects.get(action=AuditAction.RETENTION_ERASED)
    assert entry.actor_id is None and entry.subject_id == world.person.pk


def test_an_action_that_is_not_an_erasure_is_refused(world):
    with pytest.raises(ValueError):
        _erase(world, action=AuditAction.SHARED)


def test_erasing_twice_is_harmless(world):
    _erase(world)
    text = _all_text()
    world.person.refresh_from_db()
    assert erasure_plan(world.person) == []
    assert _erase(world) == []
    # Nothing happened the second time, so nothing is recorded (a double click, or the
    # schedule meeting an administrator's erasure).
    assert AuditEntry.objects.filter(action=AuditAction.ERASED).count() == 1
    assert _all_text().count(ERASED_TEXT) == text.count(ERASED_TEXT)


def test_an_erased_account_cannot_be_made_active_again(world):
    _erase(world)
    person = User.objects.get(pk=world.person.pk)
    person.is_active = True
    with pytest.raises(ValueError, match="cannot be made active again"):
        person.save()
    assert User.objects.get(pk=person.pk).is_active is False


def test_an_erasure_that_cannot_be_recorded_does_not_happen(world):
    before = _all_text()
    failing = mock.patch.object(
        AuditEntry.objects, "create", side_effect=DatabaseError("disk full")
    )
    with failing, pytest.raises(AuditWriteFailed):
        _erase(world)
    assert _all_text() == before
    # The file of their copy is still there: it is deleted only once the erasure commits.
    assert default_storage.exists(world.export_file)
    default_storage.delete(world.export_file)
    default_storage.delete(world.avatar_file)


def test_erasure_makes_every_cached_rendering_unreachable(world):
    """Fragments are keyed by the content version: a page cached before the erasure (a
    supervisor's, quoting the person) is never served after it."""
    before = content_version()
    _erase(world)
    assert content_version() == before + 1
