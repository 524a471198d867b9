"""The publishing rule: a guarded page goes live only when every possible identifier in
it has been removed or covered by a confirmed override.

An override covers one finding, matched by kind, text and where it is, on one page. It
is proposed by one person with the override permission, with a reason of at least a
sentence, and covers nothing until a second such person confirms it (four eyes). Strong identifiers
(``Kind.strong``: NHS number, date of birth, address and the like) are never covered,
whatever has been recorded: the text itself must change. Editing other text keeps an
override valid; a new identifier, or a changed one, is not covered and blocks publishing
again.

Names a page declares it uses on purpose (``declared_names()``: a pseudonym, initials, a
first name chosen with the family) are not findings, unless the declared name itself
looks like someone's real full name: then it is a finding where it was declared.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from learning.anonymisation import Kind, find_identifiers
from learning.audit.services import record
from learning.models import AnonymisationOverride, AuditAction
from learning.publishing_guard import declarations
from learning.publishing_guard.texts import PageText
from learning.reasons import ReasonProblem, reason_problem, tidy_reason

logger = logging.getLogger(__name__)

OVERRIDE_PERMISSION = "learning.override_anonymisation_check"

# Wagtail audit-log actions, registered with labels in learning/wagtail_hooks.py.
# LOG_OVERRIDE is the old one-step override, kept so earlier history still reads.
LOG_OVERRIDE = "learning.anonymisation.override"
LOG_OVERRIDE_PROPOSED = "learning.anonymisation.override_proposed"
LOG_OVERRIDE_CONFIRMED = "learning.anonymisation.override_confirmed"
LOG_OVERRIDE_DECLINED = "learning.anonymisation.override_declined"
LOG_SCHEDULE_REFUSED = "learning.anonymisation.schedule_refused"

# AnonymisationOverride.location's length: a location is compared as stored.
LOCATION_LENGTH = 500


@dataclass(frozen=True)
class FieldFinding:
    """A possible identifier, and where in the page it was found."""

    field: str  # the page's field name
    label: str  # where it is, for people: field, then block and child labels
    kind: Kind
    text: str  # the matched text
    suggestion: str = ""  # a concrete rewording, where the detector offers one
    # The words either side of the text where it was found, so that someone judging it
    # need not open the editor; "…" marks where they were cut short.
    context_before: str = ""
    context_after: str = ""

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def strong(self) -> bool:
        """True when no override can cover it: the text must change."""
        return self.kind.strong

    @property
    def advice(self) -> str:
        """What to do about it, as a sentence: the concrete suggestion, else the kind's
        general advice. A detector's suggestion is often bare words ("in their eighties",
        "March 2024"), which read as a broken sentence wherever advice is joined to the
        finding, so it is put in one."""
        suggestion = self.suggestion.strip()
        if not suggestion:
            return self.kind.advice
        if suggestion[-1] in ".!?":
            return suggestion
        return f"Write “{suggestion}” instead."

    @property
    def key(self) -> tuple[str, str, str]:
        """What an override matches on: the same kind of identifier with the same text in
        the same place. The same detail added elsewhere on the page is a new finding."""
        return (str(self.kind), self.text, self.label[:LOCATION_LENGTH])

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
            f"Not published: {len(findings)} possible identifier(s) remain. Remove them, or, "
            f"where the guard allows it, have two people who may override the anonymisation "
            f"check agree why they are safe. {listed}"
        )


def is_guarded(page: Page) -> bool:
    """Whether the page's type is checked before publishing (every learning page type,
    unless it opts out with ``anonymisation_guarded = False``)."""
    model = page.specific_class or type(page)
    return bool(getattr(model, "anonymisation_guarded", False))


def can_override(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(OVERRIDE_PERMISSION))


# --- Scanning ----------------------------------------------------------------------------


def scan_page(page: Page) -> list[FieldFinding]:
    """Every possible identifier in the page's text, in field order. ``page`` is a
    specific page instance; pass ``revision.as_object()`` to scan a draft."""
    if not is_guarded(page):
        return []
    if not hasattr(page, "anonymisation_texts"):
        page = page.specific  # a base Page row: its own type knows its fields
    return scan_page_texts(page, page.anonymisation_texts())


def scan_page_texts(page: Page, texts: Iterable[PageText]) -> list[FieldFinding]:
    """The findings in ``texts`` (all or some of ``page``'s), judged with the names the
    page declares: declared pseudonyms pass, and a declared name that looks like a real
    full name is itself a finding at the field that declares it."""
    texts = list(texts)
    accepted, suspect = declarations.split_declared_names(page)
    findings = scan_texts(texts, declared_names=accepted)
    findings += _suspect_findings(page, suspect, findings, {t.field for t in texts})
    # Field order, as the editor reads the page; findings within a field keep theirs.
    order: dict[str, int] = {}
    for position, item in enumerate(texts):
        order.setdefault(item.field, position)
    return sorted(findings, key=lambda finding: order.get(finding.field, len(order)))


def scan_texts(texts: Iterable[PageText], declared_names: Iterable[str] = ()) -> list[FieldFinding]:
    """Every possible identifier in the given texts, in order, leaving out person names
    made only of ``declared_names``."""
    declared = tuple(declared_names)
    return [
        FieldFinding(
            field=item.field,
            label=item.label,
            kind=finding.kind,
            text=finding.text,
            suggestion=finding.suggestion,
            **_context_around(item.text, finding),
        )
        for item in texts
        for finding in find_identifiers(item.text, declared_names=declared)
    ]


# About this many characters either side of a finding are shown with it.
CONTEXT_CHARACTERS = 60
# An age is a finding only with a rare condition or a small place in its sentence, which
# can sit further away: the whole sentence is shown, up to this much either side.
_SENTENCE_CONTEXT_CHARACTERS = 200
_SENTENCE_END_RE = re.compile(r"[.!?][\"\u201d\u2019)]*\s")  # closing quotes, brackets


def _context_around(text: str, finding) -> dict[str, str]:
    """The text either side of ``finding`` within its paragraph (for an age that
    identifies with other details, within its sentence), cut at a word boundary."""
    quasi = finding.kind is Kind.QUASI_IDENTIFIER
    reach = _SENTENCE_CONTEXT_CHARACTERS if quasi else CONTEXT_CHARACTERS
    first = max(0, finding.start - reach)
    before = text[first : finding.start]
    cut_before = first > 0
    if "\n" in before:
        before, cut_before = before.rsplit("\n", 1)[1], False
    if quasi and (ends := list(_SENTENCE_END_RE.finditer(before))):
        before, cut_before = before[ends[-1].end() :], False
    if cut_before and text[first - 1].isalnum():
        # Drop the word the window cut through.
        before = before.split(" ", 1)[1] if " " in before else ""
    last = finding.end + reach
    after = text[finding.end : last]
    cut_after = last < len(text)
    if "\n" in after:
        after, cut_after = after.split("\n", 1)[0], False
    if quasi and (end := _SENTENCE_END_RE.search(after)):
        after, cut_after = after[: end.start() + 1], False
    if cut_after and text[last].isalnum():
        after = after.rsplit(" ", 1)[0] if " " in after else ""
    before = " ".join(before.split()) + (" " if before[-1:].isspace() else "")
    after = (" " if after[:1].isspace() else "") + " ".join(after.split())
    return {
        "context_before": ("…" + before.lstrip()) if cut_before else before.lstrip(),
        "context_after": (after.rstrip() + "…") if cut_after else after.rstrip(),
    }


def _suspect_findings(
    page: Page, suspect: list[str], found: list[FieldFinding], scanned_fields: set[str]
) -> list[FieldFinding]:
    """A person-name finding for each declared name that looks like a real full name, at
    the field declaring it, unless the text scan already reported it there."""
    extra = []
    for declaration in declarations.suspect_declarations(page, suspect):
        if declaration.field not in scanned_fields:
            continue
        name = declaration.name.lower()
        if any(
            f.field == declaration.field
            and f.kind is Kind.PERSON_NAME
            and (name in f.text.lower() or f.text.lower() in name)
            for f in found
        ):
            continue
        extra.append(
            FieldFinding(
                field=declaration.field,
                label=declaration.label,
                kind=Kind.PERSON_NAME,
                text=declaration.name,
                suggestion=declarations.SUSPECT_NAME_SUGGESTION,
            )
        )
    return extra


# --- The rule ----------------------------------------------------------------------------


def covered_keys(page: Page) -> set[tuple[str, str, str]]:
    """The (kind, text, location) of each finding confirmed overrides on this page cover.
    Strong kinds are left out whatever rows exist, so no row written by other means can
    cover one."""
    if page.pk is None:
        return set()
    rows = AnonymisationOverride.objects.filter(
        page_id=page.pk, confirmed_at__isnull=False, declined_at__isnull=True
    ).values_list("kind", "text", "location")
    return {(kind, text, location) for kind, text, location in rows if not _is_strong(kind)}


def _is_strong(kind: str) -> bool:
    try:
        return Kind(kind).strong
    except ValueError:
        return False  # a kind the detector no longer has matches no finding anyway


def unresolved_findings(page: Page, revision: Revision | None = None) -> list[FieldFinding]:
    """Findings that block publishing: those in ``revision`` (or, without one, in the page
    as given) that no confirmed override on the page covers."""
    content = revision.as_object() if revision is not None else page
    return uncovered(page, scan_page(content))


def uncovered(page: Page, findings: list[FieldFinding]) -> list[FieldFinding]:
    """Those of ``findings`` that no confirmed override on ``page`` covers."""
    if not findings:
        return []
    covered = covered_keys(page)
    return [finding for finding in findings if finding.strong or finding.key not in covered]


def assert_publishable(page: Page, revision: Revision | None = None) -> None:
    """Raise AnonymisationError if ``revision`` (or the page as given) may not go live."""
    findings = unresolved_findings(page, revision)
    if findings:
        raise AnonymisationError(findings)


# --- Overrides ---------------------------------------------------------------------------


def validate_reason(reason: str | None) -> str:
    """The reason, tidied; ValidationError unless it is at least a real sentence."""
    reason = tidy_reason(reason)
    problem = reason_problem(reason)
    if problem == ReasonProblem.MISSING:
        raise ValidationError("Say why this detail is safe to publish.", code=problem.value)
    if problem == ReasonProblem.TOO_SHORT:
        raise ValidationError(
            "Give your reason as at least one full sentence (six words or more) saying why "
            "this detail cannot identify anyone, for example “This is the name of the "
            "council's director, as given in the published report.”",
            code=problem.value,
        )
    if problem == ReasonProblem.REPETITIVE:
        raise ValidationError(
            "Your reason repeats the same few words. Say in a sentence why this detail "
            "cannot identify anyone.",
            code=problem.value,
        )
    return reason


def _require_permission(user) -> None:
    if not can_override(user):
        raise PermissionDenied("You may not override the anonymisation check.")


def _kind(kind: Kind | str) -> Kind:
    try:
        return Kind(kind)
    except ValueError:
        raise ValidationError("That is not a kind of finding the guard reports.") from None


def _refuse_strong(kind: Kind) -> None:
    if kind.strong:
        raise ValidationError(
            f"A {kind.label} cannot be overridden: change the text. {kind.advice}",
            code="strong_identifier",
        )


@transaction.atomic
def propose_override(
    page: Page,
    revision: Revision,
    user,
    kind: Kind | str,
    text: str,
    reason: str,
    location: str | None = None,
) -> AnonymisationOverride:
    """Propose that one finding in ``revision`` is safe to publish, and why. It covers
    nothing until someone else with the permission confirms it.

    Raises PermissionDenied without the override permission; ValidationError for a strong
    identifier, a reason that is not a sentence, a finding that is not unresolved in that
    version, or one that already has a proposal awaiting a second person."""
    _require_permission(user)
    kind = _kind(kind)
    _refuse_strong(kind)
    reason = validate_reason(reason)
    if str(revision.object_id) != str(page.pk):
        raise ValidationError("That version belongs to another page.")
    finding = next(
        (
            f
            for f in unresolved_findings(page, revision)
            if f.key[:2] == (str(kind), text) and location in (None, f.key[2])
        ),
        None,
    )
    if finding is None:
        raise ValidationError(
            "That detail is not among the findings still blocking this version.",
            code="no_such_finding",
        )
    # Serialise proposals on the page, so two people cannot both propose the same one.
    Page.objects.select_for_update().filter(pk=page.pk).values_list("pk", flat=True).first()
    pending = AnonymisationOverride.objects.filter(
        page_id=page.pk,
        kind=str(kind),
        text=text,
        location=finding.key[2],
        confirmed_at__isnull=True,
        declined_at__isnull=True,
    )
    if pending.exists():
        raise ValidationError(
            "An override of this detail is already awaiting a second person.",
            code="already_proposed",
        )
    override = AnonymisationOverride.objects.create(
        page=page,
        revision=revision,
        kind=str(kind),
        text=text,
        location=finding.key[2],
        reason=reason,
        proposed_by=user,
    )
    _log(override, LOG_OVERRIDE_PROPOSED, user)
    _audit(override, AuditAction.OVERRIDE_PROPOSED, "Proposed", user)
    return override


@transaction.atomic
def confirm_override(override: AnonymisationOverride, user) -> AnonymisationOverride:
    """Agree, as the second person, that a proposed override's finding is safe to
    publish; from now on it covers that finding.

    Raises PermissionDenied without the permission or for the person who proposed it;
    ValidationError when it is no longer awaiting a decision or is of a strong kind."""
    _require_permission(user)
    override = _locked(override)
    if override.proposed_by_id == user.pk:
        raise PermissionDenied(
            "You proposed this override, so someone else who may override the anonymisation "
            "check has to confirm it."
        )
    _require_pending(override)
    _refuse_strong(_kind(override.kind))
    if override.proposed_by_id is None:
        # Nobody can show that the confirmer is a second person.
        raise ValidationError(
            "The account of the person who proposed this override has gone, so it cannot "
            "be confirmed. Decline it, and propose it again if the detail is safe.",
            code="proposer_gone",
        )
    override.confirmed_by = user
    override.confirmed_at = timezone.now()
    override.save(update_fields=["confirmed_by", "confirmed_at"])
    _log(override, LOG_OVERRIDE_CONFIRMED, user)
    _audit(override, AuditAction.OVERRIDE_CONFIRMED, "Confirmed", user)
    return override


@transaction.atomic
def decline_override(override: AnonymisationOverride, user) -> AnonymisationOverride:
    """Refuse a proposed override (or, for the person who proposed it, withdraw it). A
    declined override covers nothing; the detail can be proposed again.

    Raises PermissionDenied without the permission; ValidationError when it is no longer
    awaiting a decision."""
    _require_permission(user)
    override = _locked(override)
    _require_pending(override)
    override.declined_by = user
    override.declined_at = timezone.now()
    override.save(update_fields=["declined_by", "declined_at"])
    _log(override, LOG_OVERRIDE_DECLINED, user)
    if override.proposed_by_id == user.pk:
        _audit(override, AuditAction.OVERRIDE_WITHDRAWN, "Withdrew", user)
    else:
        _audit(override, AuditAction.OVERRIDE_DECLINED, "Declined", user)
    return override


def _locked(override: AnonymisationOverride) -> AnonymisationOverride:
    # Read afresh under a lock: two people deciding at once must not both succeed.
    return AnonymisationOverride.objects.select_for_update().get(pk=override.pk)


def _require_pending(override: AnonymisationOverride) -> None:
    if not override.is_pending:
        raise ValidationError(
            f"This override is no longer awaiting a decision: it has been {override.status}.",
            code="decided",
        )


def _log(override: AnonymisationOverride, action: str, user) -> None:
    log(
        instance=override.page.specific,
        action=action,
        user=user,
        revision=override.revision,
        data={
            "override_id": override.pk,
            "kind": override.kind,
            "text": override.text,
            "location": override.location,
            "reason": override.reason,
            "proposed_by_id": override.proposed_by_id,
        },
    )


def _audit(override: AnonymisationOverride, action: AuditAction, verb: str, user) -> None:
    # The hub's audit trail. The kind of finding, never its text: the text may be the
    # very detail that identifies someone, and audit entries are never erased.
    title = override.page.get_admin_display_title()
    record(
        action,
        summary=f"{verb} an override of a {override.kind_label} finding on “{title}”",
        actor=user,
        target=override,
        detail={"page_id": override.page_id, "kind": override.kind},
    )


# --- Scheduled publishing ----------------------------------------------------------------


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
