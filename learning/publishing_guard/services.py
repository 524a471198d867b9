"""The publishing rule: a guarded page goes live only when every possible identifier in
it has been removed or covered by a recorded override.

An override covers the exact findings it was recorded for, matched by kind and text,
for that page. Editing other text keeps it valid; a new identifier, or a changed one,
is not covered and blocks publishing again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from learning.anonymisation import Kind, find_identifiers
from learning.models import AnonymisationOverride
from learning.publishing_guard.texts import PageText

logger = logging.getLogger(__name__)

OVERRIDE_PERMISSION = "learning.override_anonymisation_check"

# Wagtail audit-log actions, registered with labels in learning/wagtail_hooks.py.
LOG_OVERRIDE = "learning.anonymisation.override"
LOG_SCHEDULE_REFUSED = "learning.anonymisation.schedule_refused"


@dataclass(frozen=True)
class FieldFinding:
    """A possible identifier, and where in the page it was found."""

    field: str  # the page's field name
    label: str  # where it is, for people: field, then block and child labels
    kind: Kind
    text: str  # the matched text

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def key(self) -> tuple[str, str]:
        """What an override matches on: the same kind of identifier with the same text."""
        return (str(self.kind), self.text)

    def as_json(self) -> dict[str, str]:
        return {"field": self.label, "kind": str(self.kind), "text": self.text}

    def __str__(self) -> str:
        return f"{self.label}: {self.kind_label} “{self.text}”"


class AnonymisationError(PermissionDenied):
    """Publishing was refused because possible identifiers remain."""

    def __init__(self, findings: list[FieldFinding]):
        self.findings = findings
        listed = "; ".join(str(finding) for finding in findings)
        super().__init__(
            f"Not published: {len(findings)} possible identifier(s) remain. Remove them, or "
            f"ask someone who may override the anonymisation check to record why they are "
            f"safe. {listed}"
        )


def is_guarded(page: Page) -> bool:
    """Whether the page's type is checked before publishing (every learning page type,
    unless it opts out with ``anonymisation_guarded = False``)."""
    model = page.specific_class or type(page)
    return bool(getattr(model, "anonymisation_guarded", False))


def can_override(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(OVERRIDE_PERMISSION))


def scan_page(page: Page) -> list[FieldFinding]:
    """Every possible identifier in the page's text, in field order. ``page`` is a
    specific page instance; pass ``revision.as_object()`` to scan a draft."""
    if not is_guarded(page):
        return []
    if not hasattr(page, "anonymisation_texts"):
        page = page.specific  # a base Page row: its own type knows its fields
    return scan_texts(page.anonymisation_texts())


def scan_texts(texts: Iterable[PageText]) -> list[FieldFinding]:
    """Every possible identifier in the given texts, in order."""
    return [
        FieldFinding(field=item.field, label=item.label, kind=finding.kind, text=finding.text)
        for item in texts
        for finding in find_identifiers(item.text)
    ]


def covered_keys(page: Page) -> set[tuple[str, str]]:
    """The (kind, text) pairs that recorded overrides on this page cover."""
    if page.pk is None:
        return set()
    return {
        (item.get("kind", ""), item.get("text", ""))
        for findings in AnonymisationOverride.objects.filter(page_id=page.pk).values_list(
            "findings", flat=True
        )
        for item in findings
    }


def unresolved_findings(page: Page, revision: Revision | None = None) -> list[FieldFinding]:
    """Findings that block publishing: those in ``revision`` (or, without one, in the page
    as given) that no override on the page covers."""
    content = revision.as_object() if revision is not None else page
    return uncovered(page, scan_page(content))


def uncovered(page: Page, findings: list[FieldFinding]) -> list[FieldFinding]:
    """Those of ``findings`` that no override recorded on ``page`` covers."""
    if not findings:
        return []
    covered = covered_keys(page)
    return [finding for finding in findings if finding.key not in covered]


def assert_publishable(page: Page, revision: Revision | None = None) -> None:
    """Raise AnonymisationError if ``revision`` (or the page as given) may not go live."""
    findings = unresolved_findings(page, revision)
    if findings:
        raise AnonymisationError(findings)


@transaction.atomic
def record_override(*, page: Page, revision: Revision, user, reason: str) -> AnonymisationOverride:
    """Record that the findings now unresolved in ``revision`` are safe to publish, and why.

    Raises PermissionDenied unless the user holds the override permission, and
    ValidationError for a blank reason or when there is nothing left to override."""
    if not can_override(user):
        raise PermissionDenied("You may not override the anonymisation check.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why these details are safe to publish.", code="required")
    findings = unresolved_findings(page, revision)
    if not findings:
        raise ValidationError(
            "Nothing to override: no possible identifiers remain in this version.",
            code="nothing_to_override",
        )
    override = AnonymisationOverride.objects.create(
        page=page,
        revision=revision,
        user=user,
        reason=reason,
        findings=[finding.as_json() for finding in findings],
    )
    log(
        instance=page.specific,
        action=LOG_OVERRIDE,
        user=user,
        revision=revision,
        data={"reason": reason, "findings": override.findings},
    )
    return override


def refuse_scheduled_publish(*, page: Page, revision: Revision, findings: list[FieldFinding]):
    """Take a scheduled revision off the schedule instead of publishing it.

    ``publish_scheduled`` publishes every due revision in one loop; raising for one page
    would stop the rest going live on time, and the same revision would fail on every
    run. Cancelling the schedule (which Wagtail logs) and logging why leaves the page as
    a draft for an editor to fix."""
    revision.approved_go_live_at = None
    revision.save(update_fields=["approved_go_live_at"])
    log(
        instance=page.specific,
        action=LOG_SCHEDULE_REFUSED,
        revision=revision,
        data={"findings": [finding.as_json() for finding in findings]},
    )
    logger.warning(
        "Scheduled publishing of page %s (revision %s) refused: %s",
        page.pk,
        revision.pk,
        "; ".join(str(finding) for finding in findings),
    )
