"""Deleting a reflective entry: its author removes it with every version, comment and
share, while it is not signed off, and the supervisors it is shared with are told."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from learning import permissions
from learning.audit.services import record
from learning.models import AuditAction, ReflectiveEntry
from learning.notifications.services import notify_entry_deleted
from learning.reflections.selectors import current_shares
from learning.reflections.services import _locked_for_update, _refresh

DELETE_LOCKED_MESSAGE = (
    "This entry has been signed off by your supervisor, so it cannot be deleted. "
    "Ask them to reopen it if you need to."
)


@dataclass(frozen=True)
class EntryDeletion:
    """What deleting an entry removes, for its confirmation page and its audit entry."""

    earlier_versions: int
    comments: int
    # Supervisors it is shared with now: each is told it has gone.
    supervisors: list


def entry_deletion(entry: ReflectiveEntry) -> EntryDeletion:
    """What deleting the entry would remove and whom it would tell (three queries)."""
    versions = entry.versions.count()
    shares = current_shares(entry)
    return EntryDeletion(
        # The latest version is the entry's text as it stands, not an earlier one.
        earlier_versions=max(versions - 1, 0),
        comments=entry.comments.count(),
        supervisors=[share.supervisor for share in shares],
    )


def entry_delete(*, entry: ReflectiveEntry, author) -> EntryDeletion:
    """Delete the author's entry with every version, comment and share, and tell each
    supervisor it is shared with now that it has gone (their earlier notifications about
    it stay, naming it by its title). Only the author may (PermissionDenied); a
    signed-off entry cannot be deleted until the signing supervisor reopens it
    (ValidationError, code "locked"). Returns what was removed."""
    if not permissions.is_entry_author(author, entry):
        raise PermissionDenied("Only the author can delete an entry.")
    with transaction.atomic():
        # Under the row lock a sign-off cannot land between the check and the delete.
        fresh = _locked_for_update(entry)
        if not permissions.can_delete_entry(author, fresh):
            _refresh(entry, fresh)
            raise ValidationError(DELETE_LOCKED_MESSAGE, code="locked")
        removed = entry_deletion(fresh)
        # Written while the row exists, so the entry names its type and id.
        record(
            AuditAction.ENTRY_DELETED,
            summary="Deleted their own reflective entry",
            subject=author,
            target=fresh,
            detail={
                "earlier_versions": removed.earlier_versions,
                "comments": removed.comments,
                "shared_with": [person.pk for person in removed.supervisors],
            },
            actor=author,
        )
        notify_entry_deleted(title=fresh.title, author=author, supervisors=removed.supervisors)
        # Versions, comments and shares go with it (CASCADE); notifications keep their
        # title and lose their link (SET_NULL).
        fresh.delete()
    return removed
