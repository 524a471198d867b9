"""Every anonymisation override decision is in the audit trail: proposing, confirming,
declining and withdrawing each write one entry about the override, naming the page and
the kind of finding but never the detail found (it may be the identifying detail
itself); the overrides report's export is recorded; and a confirmation whose entry
cannot be written does not happen."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError
from django.urls import reverse

from learning.anonymisation import Kind
from learning.models import AnonymisationOverride, AuditAction, AuditEntry
from learning.publishing_guard.services import propose_override, unresolved_findings
from learning.roles import Role
from tests.factories import make_person
from tests.learning.publishing_guard.helpers import NAME, REASON, findings_url
from tests.learning.reflections.factories import make_learning_page

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.41"


@pytest.fixture
def draft(db):
    """A published case study whose newest draft names someone."""
    page = make_learning_page(title="Living with risk")
    page.situation = f"<p>{NAME} lives alone and was finding it hard.</p>"
    page.save_revision()
    return page


def _overrider(totp_user):
    # Someone who may override the check, with the second factor the admin asks for.
    user = make_person(role=Role.SAB_MANAGER)
    totp_user(user)
    return user


@pytest.fixture
def manager(totp_user):
    return _overrider(totp_user)


@pytest.fixture
def deputy(totp_user):
    return _overrider(totp_user)


def _existing() -> set[int]:
    return set(AuditEntry.objects.values_list("pk", flat=True))


def _post_proposal(client, page):
    return client.post(
        findings_url(page),
        {
            "action": "propose",
            "kind": str(Kind.PERSON_NAME),
            "text": NAME,
            "reason": REASON,
            "revision_id": page.get_latest_revision().pk,
        },
        REMOTE_ADDR=ADDRESS,
    )


def _post_decision(client, page, override, action: str):
    data = {
        "action": action,
        "override_id": override.pk,
        "revision_id": page.get_latest_revision().pk,
    }
    if action == "confirm":
        data["agreed"] = "on"
    return client.post(findings_url(page), data, REMOTE_ADDR=ADDRESS)


def _proposed(page, user) -> AnonymisationOverride:
    revision = page.get_latest_revision()
    finding = next(f for f in unresolved_findings(page, revision) if f.text == NAME)
    return propose_override(page, revision, user, finding.kind, finding.text, REASON)


def _assert_entry(entry: AuditEntry, action: AuditAction, actor, override, verb: str, page):
    assert entry.action == action
    assert entry.actor == actor
    assert entry.subject is None
    assert (entry.target_type, entry.target_id) == (
        "learning.anonymisationoverride",
        str(override.pk),
    )
    assert (
        entry.summary == f"{verb} an override of a {override.kind_label} finding on “{page.title}”"
    )
    assert entry.ip_address == ADDRESS
    # Nothing of the detail found, nor the reason that may quote it.
    assert "Joan" not in entry.summary and "Joan" not in str(entry.detail)
    assert "Smith" not in str(entry.detail)


def test_proposing_writes_one_entry(client, draft, manager):
    client.force_login(manager)
    before = _existing()
    response = _post_proposal(client, draft)
    assert response.status_code == 302
    override = AnonymisationOverride.objects.get()
    entry = AuditEntry.objects.exclude(pk__in=before).get()
    _assert_entry(entry, AuditAction.OVERRIDE_PROPOSED, manager, override, "Proposed", draft)
    assert entry.detail == {"page_id": draft.pk, "kind": str(Kind.PERSON_NAME)}


def test_a_refused_proposal_writes_nothing(client, draft, manager):
    client.force_login(manager)
    before = _existing()
    response = client.post(
        findings_url(draft),
        {
            "action": "propose",
            "kind": str(Kind.PERSON_NAME),
            "text": NAME,
            "reason": "Fine.",
            "revision_id": draft.get_latest_revision().pk,
        },
    )
    assert response.status_code == 200  # the form again, with the reason refused
    assert not AnonymisationOverride.objects.exists()
    assert not AuditEntry.objects.exclude(pk__in=before).exists()


def test_confirming_writes_one_entry(client, draft, manager, deputy):
    override = _proposed(draft, manager)
    client.force_login(deputy)
    before = _existing()
    response = _post_decision(client, draft, override, "confirm")
    assert response.status_code == 302
    override.refresh_from_db()
    assert override.confirmed_at is not None
    entry = AuditEntry.objects.exclude(pk__in=before).get()
    _assert_entry(entry, AuditAction.OVERRIDE_CONFIRMED, deputy, override, "Confirmed", draft)


def test_declining_writes_one_entry(client, draft, manager, deputy):
    override = _proposed(draft, manager)
    client.force_login(deputy)
    before = _existing()
    assert _post_decision(client, draft, override, "decline").status_code == 302
    entry = AuditEntry.objects.exclude(pk__in=before).get()
    _assert_entry(entry, AuditAction.OVERRIDE_DECLINED, deputy, override, "Declined", draft)


def test_the_proposer_declining_their_own_is_a_withdrawal(client, draft, manager):
    override = _proposed(draft, manager)
    client.force_login(manager)
    before = _existing()
    assert _post_decision(client, draft, override, "decline").status_code == 302
    entry = AuditEntry.objects.exclude(pk__in=before).get()
    _assert_entry(entry, AuditAction.OVERRIDE_WITHDRAWN, manager, override, "Withdrew", draft)


def test_the_proposer_confirming_their_own_is_refused_and_writes_nothing(client, draft, manager):
    override = _proposed(draft, manager)
    client.force_login(manager)
    before = _existing()
    assert _post_decision(client, draft, override, "confirm").status_code == 200
    assert not AuditEntry.objects.exclude(pk__in=before).exists()


def test_a_confirmation_that_cannot_be_recorded_does_not_happen(client, draft, manager, deputy):
    override = _proposed(draft, manager)
    client.force_login(deputy)
    before = _existing()
    with mock.patch(
        "learning.audit.services.AuditEntry.objects.create", side_effect=DatabaseError("down")
    ):
        response = _post_decision(client, draft, override, "confirm")
    assert response.status_code == 503
    override.refresh_from_db()
    assert override.confirmed_at is None and override.confirmed_by is None
    assert override.is_pending
    assert not AuditEntry.objects.exclude(pk__in=before).exists()
    # Still blocking publication.
    assert any(f.text == NAME for f in unresolved_findings(draft, draft.get_latest_revision()))


def test_the_overrides_report_export_is_recorded(client, draft, manager, deputy):
    _proposed(draft, manager)
    client.force_login(deputy)
    before = _existing()
    response = client.get(
        reverse("anonymisation_overrides"), {"export": "csv"}, REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 200
    assert NAME in b"".join(response.streaming_content).decode()
    entry = AuditEntry.objects.exclude(pk__in=before).get()
    assert entry.action == AuditAction.EXPORTED
    assert entry.actor == deputy
    assert entry.ip_address == ADDRESS
    assert entry.detail["format"] == "csv"
    assert entry.detail["listing"] == "Anonymisation overrides"
    assert NAME not in entry.summary
