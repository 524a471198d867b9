"""Writes to the reflective log.

Every function is keyword-only, checks the rule in learning.permissions that allows
it (raising PermissionDenied, although views have already answered 404), validates its
input (raising ValidationError with a message fit for the page) and promises one thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from learning import permissions
from learning.audit.services import record
from learning.models import (
    AuditAction,
    EntryComment,
    EntryShare,
    EntryStatus,
    EntryStructure,
    NotificationKind,
    Principle,
    ReflectiveEntry,
    ReflectiveEntryVersion,
    ReviewStatus,
)
from learning.models.reflections import ENTRY_MAX_LENGTH
from learning.notifications.services import notify_supervision_action
from learning.personal_cache.registry import records_changed
from learning.records.services import validate_cpd_date
from learning.reflections.selectors import find_question, latest_version
from learning.tasks import send_notification_email

TITLE_MAX_LENGTH = ReflectiveEntry._meta.get_field("title").max_length
COMMENT_MAX_LENGTH = EntryComment._meta.get_field("body").max_length

LOCKED_MESSAGE = (
    "This entry has been signed off by your supervisor, so it can no longer be changed. "
    "Ask them to reopen it if you need to."
)

WITHDRAW_LOCKED_MESSAGE = (
    "This entry has been signed off, so you cannot stop sharing it while it is signed "
    "off. Ask the supervisor who signed it off to reopen it first."
)

# Why a sign-off is refused, by permissions.sign_off_blocker's answer.
SIGN_OFF_REFUSALS = {
    permissions.SIGN_OFF_LOCKED: "This entry has already been signed off.",
    permissions.SIGN_OFF_DRAFT: (
        "This entry is still a draft. It can be signed off once its author has marked it final."
    ),
}


def _invalid(field: str, message: str, code: str) -> ValidationError:
    """An error on one field, keeping its code (a dict of plain messages would drop it)."""
    return ValidationError({field: ValidationError(message, code=code)})


def _text(value: str, *, field: str, limit: int, missing: str) -> str:
    """Trimmed text, or a ValidationError for `field` when it is empty or too long."""
    value = (value or "").strip()
    if not value:
        raise _invalid(field, missing, "required")
    if len(value) > limit:
        raise _invalid(
            field,
            f"Keep this to {limit:,} characters or fewer (it has {len(value):,}).",
            "max_length",
        )
    return value


def _title_and_body(title: str, body: str) -> tuple[str, str]:
    return (
        _text(title, field="title", limit=TITLE_MAX_LENGTH, missing="Enter a title"),
        _text(body, field="body", limit=ENTRY_MAX_LENGTH, missing="Write your reflection"),
    )


def _choice(value: str, choices, *, field: str) -> str:
    if value not in choices.values:
        raise _invalid(field, "Choose one of the options", "invalid_choice")
    return value


def _save_version(entry: ReflectiveEntry) -> ReflectiveEntryVersion:
    """Snapshot the entry's text as its next version. Callers hold a row lock on the
    entry, so two saves cannot take the same number (the unique constraint backs this)."""
    last = entry.versions.aggregate(last=Max("number"))["last"] or 0
    return ReflectiveEntryVersion.objects.create(
        entry=entry, number=last + 1, title=entry.title, body=entry.body
    )


def _locked_for_update(entry: ReflectiveEntry) -> ReflectiveEntry:
    """The entry re-read under a row lock, so a decision (is it signed off? which version
    comes next?) cannot be overtaken by a concurrent request."""
    return ReflectiveEntry.objects.select_for_update().get(pk=entry.pk)


def _refresh(entry: ReflectiveEntry, fresh: ReflectiveEntry) -> ReflectiveEntry:
    """Copy the saved state onto the caller's object, so it does not go stale."""
    for field in ReflectiveEntry._meta.concrete_fields:
        setattr(entry, field.attname, getattr(fresh, field.attname))
    return entry


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def entry_create(
    *,
    author,
    title: str,
    body: str,
    structure: str = EntryStructure.FREE,
    status: str = EntryStatus.DRAFT,
    page: Page | None = None,
    question_id: str = "",
    principle: Principle | None = None,
) -> ReflectiveEntry:
    """Start a reflective entry, private to its author, and keep its text as version 1.

    Against a page's reflective question (`page` and `question_id`, the question's
    stream-block id): the question's wording is copied onto the entry, so it still
    reads right after the page changes, and the entry takes the question's principle.
    A question the page does not ask raises ValidationError. Against a principle, or
    neither (free reflection), otherwise.
    """
    title, body = _title_and_body(title, body)
    structure = _choice(structure, EntryStructure, field="structure")
    status = _choice(status, EntryStatus, field="status")
    question_text = ""
    if question_id:
        question = find_question(page, question_id) if page is not None else None
        if question is None:
            raise ValidationError(
                "We could not find that reflective question. The page may have changed: "
                "go back to it and choose the question again, or write a free reflection.",
                code="unknown_question",
            )
        question_text = question.text
        principle = question.principle or principle
    with transaction.atomic():
        entry = ReflectiveEntry.objects.create(
            author=author,
            title=title,
            body=body,
            structure=structure,
            status=status,
            page=page,
            question_id=question_id if question_id else "",
            question_text=question_text,
            principle=principle,
        )
        _save_version(entry)
    return entry


def entry_update(
    *, entry: ReflectiveEntry, author, title: str, body: str, status: str | None = None
):
    """Change the entry's title, text and (optionally) draft/final status, keeping the
    new text as the next version, so earlier text stays readable and each comment
    still points at what its writer read. Only the author may; a signed-off entry is
    locked (ValidationError, code "locked")."""
    if not permissions.is_entry_author(author, entry):
        raise PermissionDenied("Only the author can change an entry.")
    title, body = _title_and_body(title, body)
    if status is not None:
        status = _choice(status, EntryStatus, field="status")
    with transaction.atomic():
        fresh = _locked_for_update(entry)
        if fresh.is_locked:
            _refresh(entry, fresh)
            raise ValidationError(LOCKED_MESSAGE, code="locked")
        fresh.title, fresh.body = title, body
        if status is not None:
            fresh.status = status
        fresh.save()
        _save_version(fresh)
    return _refresh(entry, fresh)


# ---------------------------------------------------------------------------
# Sharing
# ---------------------------------------------------------------------------


def _notify_shared(*, entry: ReflectiveEntry, author, supervisor, link_base: str) -> None:
    """Tell the supervisor an entry waits for them. The email carries a link only,
    never the entry's title or text: reflective writing stays on the site."""
    link = (link_base or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + reverse(
        "reflections:entry_detail", args=[entry.pk]
    )
    send_notification_email.enqueue(
        subject="A reflective log entry has been shared with you",
        body=(
            f"{author} has shared an entry from their reflective log with you as their "
            "supervisor.\n\n"
            f"Read it, comment on it or mark it reviewed here (you will need to sign in):\n"
            f"{link}\n"
        ),
        to=[supervisor.email],
    )


def entry_share(
    *, entry: ReflectiveEntry, author, supervisors: Iterable, link_base: str = ""
) -> list[EntryShare]:
    """Share the entry with some of the author's own supervisors; return the new shares.

    Each supervisor not already sharing it is emailed once, after the transaction
    commits (sharing again with someone who has it changes nothing and sends nothing).
    Anyone who is not one of the author's supervisors raises ValidationError.
    `link_base` is the scheme and host for the emailed link (from the request);
    WAGTAILADMIN_BASE_URL when not given.
    """
    if not permissions.can_share_entry(author, entry):
        raise PermissionDenied("Only the author can share an entry.")
    supervisors = list(supervisors)
    if not supervisors:
        raise _invalid("supervisors", "Choose who to share it with", "required")
    own = set(author.profile.supervisors.values_list("pk", flat=True))
    strangers = [person for person in supervisors if person.pk not in own]
    if strangers:
        raise _invalid(
            "supervisors", "You can only share an entry with your own supervisors", "not_supervisor"
        )
    created: list[EntryShare] = []
    with transaction.atomic():
        for supervisor in supervisors:
            if entry.shares.filter(supervisor=supervisor, withdrawn_at__isnull=True).exists():
                continue
            try:
                # The savepoint keeps a lost race (a double submit) from breaking the rest.
                with transaction.atomic():
                    share = EntryShare.objects.create(entry=entry, supervisor=supervisor)
            except IntegrityError:
                continue
            created.append(share)
            record(
                AuditAction.SHARED,
                summary="Shared a reflective entry with a supervisor",
                subject=author,
                target=entry,
                detail={"supervisor_id": supervisor.pk},
                actor=author,
            )
            transaction.on_commit(
                lambda supervisor=supervisor: _notify_shared(
                    entry=entry, author=author, supervisor=supervisor, link_base=link_base
                )
            )
    return created


def entry_withdraw_share(
    *, entry: ReflectiveEntry, author, supervisors: Iterable | None = None
) -> int:
    """Stop sharing the entry with the given supervisors (all of them when None); return
    how many shares were withdrawn. The rows stay, dated, as a record of the share.
    A signed-off entry keeps its shares (ValidationError, code "locked") until the
    signing supervisor reopens it."""
    if not permissions.can_share_entry(author, entry):
        raise PermissionDenied("Only the author can withdraw a share.")
    with transaction.atomic():
        # Under the row lock a sign-off cannot land between the check and the update.
        fresh = _locked_for_update(entry)
        if not permissions.can_withdraw_share(author, fresh):
            _refresh(entry, fresh)
            raise ValidationError(WITHDRAW_LOCKED_MESSAGE, code="locked")
        shares = entry.shares.filter(withdrawn_at__isnull=True).select_related("supervisor")
        if supervisors is not None:
            shares = shares.filter(supervisor__in=[person.pk for person in supervisors])
        withdrawn = list(shares)
        for share in withdrawn:
            record(
                AuditAction.SHARE_WITHDRAWN,
                summary="Stopped sharing a reflective entry with a supervisor",
                subject=author,
                target=entry,
                detail={"supervisor_id": share.supervisor_id},
                actor=author,
            )
        # An update sends no signals: say whose pages changed.
        records_changed([author.pk, *(share.supervisor_id for share in withdrawn)])
        return EntryShare.objects.filter(pk__in=[share.pk for share in withdrawn]).update(
            withdrawn_at=timezone.now()
        )


# ---------------------------------------------------------------------------
# Supervision: comments, review, sign-off
# ---------------------------------------------------------------------------


def comment_add(*, entry: ReflectiveEntry, author, body: str) -> EntryComment:
    """A supervisor's comment on an entry shared with them, or the author's reply,
    tied to the version of the entry it was written against (the current one)."""
    if not permissions.can_comment(author, entry):
        raise PermissionDenied("You cannot comment on this entry.")
    body = _text(body, field="body", limit=COMMENT_MAX_LENGTH, missing="Write your comment")
    with transaction.atomic():
        comment = EntryComment.objects.create(
            entry=entry, author=author, body=body, entry_version=latest_version(entry)
        )
        # The author's own replies tell nobody (notify_supervision_action skips them).
        notify_supervision_action(entry=entry, actor=author, kind=NotificationKind.COMMENTED)
    return comment


def entry_mark_reviewed(
    *, entry: ReflectiveEntry, supervisor, status: str, on: date
) -> ReflectiveEntry:
    """Record that a supervisor it is shared with reviewed the entry, or discussed it in
    supervision, on a day that is neither in the future nor before it was written."""
    if not permissions.can_review(supervisor, entry):
        raise PermissionDenied("You cannot review this entry.")
    if status not in (ReviewStatus.REVIEWED, ReviewStatus.DISCUSSED):
        raise _invalid(
            "status",
            "Choose whether you reviewed it or discussed it in supervision",
            "invalid_choice",
        )
    try:
        validate_cpd_date(on)
    except ValidationError as error:
        raise _invalid("on", error.messages[0], error.code) from error
    if on < timezone.localdate(entry.created_at):
        raise _invalid("on", "The date cannot be before the entry was written", "too_early")
    # Marking it the same way again (or only correcting the date) tells the author nothing new.
    changed = (entry.review_status, entry.reviewed_by_id) != (status, supervisor.pk)
    with transaction.atomic():
        entry.review_status = status
        entry.reviewed_on = on
        entry.reviewed_by = supervisor
        entry.save(update_fields=["review_status", "reviewed_on", "reviewed_by"])
        if changed:
            notify_supervision_action(
                entry=entry,
                actor=supervisor,
                kind=NotificationKind.DISCUSSED
                if status == ReviewStatus.DISCUSSED
                else NotificationKind.REVIEWED,
            )
    return entry


def entry_sign_off(*, entry: ReflectiveEntry, supervisor) -> ReflectiveEntry:
    """Sign a final entry off as a peer reflection. It is then locked: the author can no
    longer edit it until the same supervisor reopens it."""
    if not permissions.can_review(supervisor, entry):
        raise PermissionDenied("You cannot sign off this entry.")
    with transaction.atomic():
        fresh = _locked_for_update(entry)
        # The same rule decides whether the entry's page offers a sign-off at all.
        blocker = permissions.sign_off_blocker(fresh)
        if blocker is not None:
            _refresh(entry, fresh)
            raise ValidationError(SIGN_OFF_REFUSALS[blocker], code=blocker)
        fresh.signed_off_by = supervisor
        fresh.signed_off_at = timezone.now()
        fresh.save(update_fields=["signed_off_by", "signed_off_at"])
        record(
            AuditAction.SIGNED_OFF,
            summary="Signed off a reflective entry",
            subject=fresh.author,
            target=fresh,
            actor=supervisor,
        )
        notify_supervision_action(entry=fresh, actor=supervisor, kind=NotificationKind.SIGNED_OFF)
    return _refresh(entry, fresh)


def entry_reopen(*, entry: ReflectiveEntry, supervisor) -> ReflectiveEntry:
    """Undo a sign-off so the author can edit again. Only the supervisor who signed it
    off may (PermissionDenied for anyone else); an entry not signed off raises
    ValidationError."""
    with transaction.atomic():
        fresh = _locked_for_update(entry)
        if not fresh.is_locked:
            _refresh(entry, fresh)
            raise ValidationError("This entry is not signed off.", code="not_locked")
        if not permissions.can_reopen(supervisor, fresh):
            raise PermissionDenied("Only the supervisor who signed it off can reopen it.")
        fresh.signed_off_by = None
        fresh.signed_off_at = None
        fresh.save(update_fields=["signed_off_by", "signed_off_at"])
        record(
            AuditAction.REOPENED,
            summary="Reopened a signed-off reflective entry",
            subject=fresh.author,
            target=fresh,
            actor=supervisor,
        )
    return _refresh(entry, fresh)


# ---------------------------------------------------------------------------
# Reading someone else's entry (deleting one's own is in learning.reflections.deletion)
# ---------------------------------------------------------------------------


def entry_read_record(*, entry: ReflectiveEntry, reader) -> None:
    """Record that someone other than the author is being shown the entry's text (a
    supervisor it is shared with), before the page is built: if the audit entry cannot
    be written, AuditWriteFailed stops the page. The author reading their own entry is
    not recorded."""
    if permissions.is_entry_author(reader, entry):
        return
    record(
        AuditAction.VIEWED_ENTRY,
        summary="Read a reflective entry shared with them",
        subject=entry.author,
        target=entry,
        actor=reader,
    )
