"""Overrides of the anonymisation guard that mean something (issue 13): strong
identifiers can never be overridden, every other finding is overridden one by one with a
reason of at least a sentence and a second person's agreement, and declared pseudonyms
pass while a real-looking full name declared as one does not.

Each test names the rule it protects; each fails if that rule is broken."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from learning.anonymisation import Kind
from learning.models import AnonymisationOverride
from learning.publishing_guard import services
from learning.publishing_guard.services import (
    AnonymisationError,
    confirm_override,
    decline_override,
    propose_override,
    scan_page,
    unresolved_findings,
)
from tests.factories import make_person
from tests.learning.publishing_guard.helpers import NAME, REASON, findings_url, reload

pytestmark = pytest.mark.django_db

NHS = "943 476 5870"


def _propose(page, user, finding_text: str = NAME, reason: str = REASON):
    revision = page.get_latest_revision()
    finding = next(f for f in unresolved_findings(page, revision) if f.text == finding_text)
    return propose_override(page, revision, user, finding.kind, finding.text, reason)


def _post_proposal(client, page, text=NAME, kind=Kind.PERSON_NAME, reason=REASON, **extra):
    data = {
        "action": "propose",
        "kind": str(kind),
        "text": text,
        "reason": reason,
        "revision_id": page.get_latest_revision().pk,
        **extra,
    }
    return client.post(findings_url(page), data)


def _post_decision(client, page, override, action: str, revision_id=None):
    data = {
        "action": action,
        "override_id": override.pk,
        "revision_id": revision_id or page.get_latest_revision().pk,
    }
    if action == "confirm":
        data["agreed"] = "on"  # the tick box a confirmation needs
    return client.post(findings_url(page), data)


# --- Strong identifiers ------------------------------------------------------------------


def test_a_strong_identifier_cannot_be_overridden_by_anyone(make_draft, manager, deputy):
    page = make_draft(situation=f"<p>Her NHS number is {NHS}.</p>")
    revision = page.get_latest_revision()
    superuser = make_person(is_superuser=True)

    for person in (manager, deputy, superuser):
        with pytest.raises(ValidationError, match="cannot be overridden: change the text"):
            propose_override(page, revision, person, Kind.NHS_NUMBER, NHS, REASON)
    assert not AnonymisationOverride.objects.exists()

    # Even a confirmed row written by other means covers nothing.
    AnonymisationOverride.objects.create(
        page=page,
        revision=revision,
        kind=str(Kind.NHS_NUMBER),
        text=NHS,
        reason=REASON,
        proposed_by=manager,
        confirmed_by=deputy,
        confirmed_at=timezone.now(),
    )
    assert [f.text for f in unresolved_findings(page, revision)] == [NHS]
    with pytest.raises(AnonymisationError):
        revision.publish()
    assert not reload(page).live

    # Nor can a pending one be confirmed.
    pending = AnonymisationOverride.objects.create(
        page=page, revision=revision, kind=str(Kind.NHS_NUMBER), text=NHS, reason=REASON
    )
    with pytest.raises(ValidationError, match="cannot be overridden"):
        confirm_override(pending, deputy)


def test_a_strong_identifier_cannot_be_overridden_through_the_screen(client, make_draft, manager):
    page = make_draft(situation=f"<p>Her NHS number is {NHS}.</p>")
    client.force_login(manager)

    shown = client.get(findings_url(page)).content.decode()
    assert "Must be changed: a detail of this kind identifies someone on its own" in shown
    assert 'name="reason"' not in shown  # nothing offered

    response = _post_proposal(client, page, text=NHS, kind=Kind.NHS_NUMBER)

    assert response.status_code == 200
    assert "cannot be overridden: change the text" in response.content.decode()
    assert not AnonymisationOverride.objects.exists()


# --- Four eyes ---------------------------------------------------------------------------


def test_an_override_needs_a_second_person(make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    override = _propose(page, manager)

    # Proposed, not yet agreed: it still blocks publishing.
    assert override.is_pending
    assert [f.text for f in unresolved_findings(page)] == [NAME]
    with pytest.raises(AnonymisationError):
        page.get_latest_revision().publish()

    with pytest.raises(PermissionDenied, match="someone else"):
        confirm_override(override, manager)
    override.refresh_from_db()
    assert override.confirmed_at is None
    # The database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        AnonymisationOverride.objects.filter(pk=override.pk).update(
            confirmed_by=manager, confirmed_at=timezone.now()
        )

    confirm_override(override, deputy)

    override.refresh_from_db()
    assert (override.proposed_by, override.confirmed_by) == (manager, deputy)
    assert unresolved_findings(page) == []
    page.get_latest_revision().publish()
    assert reload(page).live
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {services.LOG_OVERRIDE_PROPOSED, services.LOG_OVERRIDE_CONFIRMED} <= actions


def test_a_proposal_whose_proposer_has_gone_cannot_be_confirmed(make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    override = _propose(page, manager)
    # The proposer's account removed (SET_NULL): nobody can show the confirmer differs.
    AnonymisationOverride.objects.filter(pk=override.pk).update(proposed_by=None)
    override.refresh_from_db()

    with pytest.raises(ValidationError, match="cannot be confirmed"):
        confirm_override(override, deputy)

    assert reload_override(override).confirmed_at is None
    assert [f.text for f in unresolved_findings(page)] == [NAME]


def reload_override(override: AnonymisationOverride) -> AnonymisationOverride:
    return AnonymisationOverride.objects.get(pk=override.pk)


def test_four_eyes_through_the_findings_screen(client, make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")

    client.force_login(manager)
    assert 'name="reason"' in client.get(findings_url(page)).content.decode()
    response = _post_proposal(client, page)
    assert response.status_code == 302
    override = AnonymisationOverride.objects.get()
    assert (override.kind, override.text, override.proposed_by) == ("person_name", NAME, manager)
    assert override.location == "The situation"

    shown = client.get(findings_url(page)).content.decode()
    assert "awaiting a second person" in shown
    assert 'value="confirm"' not in shown  # not for the proposer
    assert 'value="decline"' in shown  # they may withdraw it
    # Posting a confirmation anyway is refused with a reason, not an error page.
    response = _post_decision(client, page, override, "confirm")
    assert response.status_code == 200
    assert "someone else" in response.content.decode()
    override.refresh_from_db()
    assert override.is_pending
    with pytest.raises(AnonymisationError):
        page.get_latest_revision().publish()

    client.force_login(deputy)
    assert 'value="confirm"' in client.get(findings_url(page)).content.decode()
    response = _post_decision(client, page, override, "confirm")
    assert response.status_code == 302
    override.refresh_from_db()
    assert override.confirmed_by == deputy
    shown = client.get(findings_url(page)).content.decode()
    assert "Recorded as safe" in shown
    assert "Morgan Proposer" in shown and "Helen Confirmer" in shown

    page.get_latest_revision().publish()
    assert reload(page).live


def test_a_decision_on_an_out_of_date_version_is_refused(client, make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    override = _propose(page, manager)
    stale = page.get_latest_revision().pk
    page.what_was_done = "<p>Her neighbour, Mr Patel, rang.</p>"
    page.save_revision()
    client.force_login(deputy)

    response = _post_decision(client, page, override, "confirm", revision_id=stale)

    assert response.status_code == 200
    assert "has been changed since you opened this screen" in response.content.decode()
    override.refresh_from_db()
    assert override.is_pending


def test_a_proposal_for_an_out_of_date_version_is_refused(client, make_draft, manager):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    stale = page.get_latest_revision().pk
    page.what_was_done = "<p>Her neighbour, Mr Patel, rang.</p>"
    page.save_revision()
    client.force_login(manager)

    response = _post_proposal(client, page, revision_id=stale)

    assert response.status_code == 200
    assert "has been changed since you opened this screen" in response.content.decode()
    assert not AnonymisationOverride.objects.exists()


def test_one_proposal_per_finding_and_only_for_a_real_finding(make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    _propose(page, manager)
    with pytest.raises(ValidationError, match="already awaiting a second person"):
        _propose(page, deputy)
    with pytest.raises(ValidationError, match="not among the findings"):
        propose_override(
            page, page.get_latest_revision(), manager, Kind.PERSON_NAME, "Mr Nobody", REASON
        )


# --- Reasons -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reason",
    ["ok", "   ", "It is fine, honestly.", "ok ok ok ok ok ok ok ok ok ok ok ok ok ok"],
)
def test_a_reason_must_be_at_least_a_sentence(make_draft, manager, reason):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    with pytest.raises(ValidationError):
        _propose(page, manager, reason=reason)
    assert not AnonymisationOverride.objects.exists()


def test_ok_is_refused_as_a_reason_on_the_screen(client, make_draft, manager):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    client.force_login(manager)

    response = _post_proposal(client, page, reason="ok")

    assert response.status_code == 200
    assert "at least one full sentence" in response.content.decode()
    assert response.context["form"].errors["reason"]
    assert not AnonymisationOverride.objects.exists()


# --- Declined and withdrawn --------------------------------------------------------------


def test_a_declined_override_covers_nothing(make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    override = decline_override(_propose(page, manager), deputy)

    assert override.declined_by == deputy
    assert [f.text for f in unresolved_findings(page)] == [NAME]
    with pytest.raises(AnonymisationError):
        page.get_latest_revision().publish()
    with pytest.raises(ValidationError, match="no longer awaiting"):
        confirm_override(override, deputy)
    # Declined is not forever: it can be proposed again, with a better reason.
    assert _propose(page, deputy).is_pending


def test_the_proposer_may_withdraw_their_own(client, make_draft, manager):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    override = _propose(page, manager)
    client.force_login(manager)

    response = _post_decision(client, page, override, "decline")

    assert response.status_code == 302
    override.refresh_from_db()
    assert override.declined_by == manager
    assert "Withdrawn" in client.get(findings_url(page)).content.decode()


# --- Permissions -------------------------------------------------------------------------


def test_without_the_permission_nobody_proposes_or_decides(client, make_draft, manager, editor):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    with pytest.raises(PermissionDenied):
        _propose(page, editor)
    override = _propose(page, manager)
    for decide in (confirm_override, decline_override):
        with pytest.raises(PermissionDenied):
            decide(override, editor)

    client.force_login(editor)
    shown = client.get(findings_url(page)).content.decode()
    assert NAME in shown and "Blocks publishing" in shown
    assert 'name="reason"' not in shown and 'value="confirm"' not in shown
    assert _post_proposal(client, page, text=NAME).status_code == 403
    assert _post_decision(client, page, override, "confirm").status_code == 403
    override.refresh_from_db()
    assert override.is_pending
    assert AnonymisationOverride.objects.count() == 1


# --- Declared names and the pseudonym field ----------------------------------------------


def test_a_real_full_name_in_the_pseudonym_field_blocks_publishing(make_review):
    review = make_review(pseudonym="Joan Smith")

    assert [(f.field, f.label, f.kind, f.text) for f in scan_page(review)] == [
        ("pseudonym", "The adult's pseudonym", Kind.PERSON_NAME, "Joan Smith")
    ]
    with pytest.raises(AnonymisationError):
        review.get_latest_revision().publish()
    assert not reload(review).live


def test_a_pseudonym_does_not_block_publishing(make_review):
    review = make_review(pseudonym="Adult D")

    assert scan_page(review) == []
    review.get_latest_revision().publish()
    assert reload(review).live


def test_a_real_full_name_among_the_names_used_is_a_finding_there(make_review):
    review = make_review(pseudonym="Adult D", names_used="Adult D\nKelly Jones")

    assert [(f.field, f.text) for f in scan_page(review)] == [("names_used", "Kelly Jones")]


def test_declared_names_are_not_findings(make_draft):
    text = "<p>Mrs Joan lived alone; Dr Adebayo visited her.</p>"
    undeclared = make_draft(situation=text)
    declared = make_draft(
        situation=text,
        names_used="Mrs Joan (a name chosen with her family)\nDr Adebayo, her GP, agreed",
    )

    assert {f.text for f in scan_page(undeclared)} == {"Mrs Joan", "Dr Adebayo"}
    assert scan_page(declared) == []
    declared.get_latest_revision().publish()
    assert reload(declared).live


# --- The report and the dashboard --------------------------------------------------------


def test_the_report_shows_each_finding_with_both_people(
    client, make_draft, manager, deputy, editor
):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    confirm_override(_propose(page, manager), deputy)

    client.force_login(manager)
    response = client.get(reverse("anonymisation_overrides"))
    body = response.content.decode()
    assert response.status_code == 200
    assert page.title in body
    assert f"The situation: person name “{NAME}”" in body
    assert REASON.replace("'", "&#x27;") in body
    assert "Morgan Proposer" in body and "Helen Confirmer" in body
    assert "confirmed" in body

    export = client.get(reverse("anonymisation_overrides") + "?export=csv")
    exported = export.getvalue().decode()
    for expected in (REASON, NAME, "Morgan Proposer", "Helen Confirmer", "Confirmed by"):
        assert expected in exported

    client.force_login(editor)
    assert client.get(reverse("anonymisation_overrides")).status_code == 302


def test_the_dashboard_lists_proposals_awaiting_the_viewer(client, make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    _propose(page, manager)
    heading = "Overrides awaiting a second person"

    client.force_login(deputy)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert heading in dashboard
    assert findings_url(page) in dashboard

    client.force_login(manager)  # their own proposal is not waiting for them
    assert heading not in client.get(reverse("wagtailadmin_home")).content.decode()
