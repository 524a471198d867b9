"""The audit trail: who did what to whose records, when and from where.

Entries are written by learning.audit.services.record, inside the transaction of the
action they record, so an action whose entry cannot be written does not happen. They are
append-only in the application: saving an existing entry, deleting one, or updating or
deleting them in bulk raises AuditEntryIsAppendOnly. Nothing in the site edits them.

Because an entry outlives erasure, its summary and detail never hold a name, an email
address or anything a person wrote: who acted and whose records are the actor and
subject columns, which show the person as they are now (an erased person as erased).
Searches typed into filters are recorded as made, not as typed, and addresses without
their query strings. The one exception is an administrator's stated reason for an
erasure or for producing a copy of someone's data, which their forms ask them to give
without naming anyone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEntryIsAppendOnly(Exception):
    """Raised by any attempt to change or remove an audit entry."""


class AuditAction(models.TextChoices):
    # Reading another person's individual records.
    VIEWED_RECORD = "viewed_record", "Viewed a person's learning record"
    VIEWED_ENTRY = "viewed_entry", "Read a shared reflective entry"
    VIEWED_PERSON = "viewed_person", "Opened a person's account in the admin"
    VIEWED_IN_LIST = "viewed_in_list", "Saw a person's records in a list"
    # Files leaving the hub.
    EXPORTED = "exported", "Exported or downloaded a file"
    ACCESS_EXPORT_REQUESTED = "access_export_requested", "Requested a copy of a person's data"
    ACCESS_EXPORT_DOWNLOADED = "access_export_downloaded", "Downloaded a copy of a person's data"
    # Reflective entries.
    SHARED = "shared", "Shared a reflective entry"
    SHARE_WITHDRAWN = "share_withdrawn", "Withdrew a share"
    SIGNED_OFF = "signed_off", "Signed off a reflective entry"
    REOPENED = "reopened", "Reopened a signed-off entry"
    ENTRY_DELETED = "entry_deleted", "Deleted a reflective entry"
    # The anonymisation guard.
    OVERRIDE_PROPOSED = "override_proposed", "Proposed an anonymisation override"
    OVERRIDE_CONFIRMED = "override_confirmed", "Confirmed an anonymisation override"
    OVERRIDE_DECLINED = "override_declined", "Declined an anonymisation override"
    OVERRIDE_WITHDRAWN = "override_withdrawn", "Withdrew an anonymisation override"
    # Accounts.
    ROLE_CHANGED = "role_changed", "Changed a person's roles"
    ORGANISATION_CHANGED = "organisation_changed", "Changed a person's organisation or team"
    SUPERVISORS_CHANGED = "supervisors_changed", "Changed who supervises a person"
    ACTIVE_CHANGED = "active_changed", "Activated or deactivated an account"
    SIGNED_IN = "signed_in", "Signed in"
    ERASED = "erased", "Erased a person's records"
    RETENTION_ERASED = "retention_erased", "Erased at the end of the retention period"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AuditEntryIsAppendOnly("Audit entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditEntryIsAppendOnly("Audit entries cannot be deleted.")

    def bulk_create(self, objs, *args: Any, **kwargs: Any) -> list:
        # Adding is allowed; "adding" that overwrites an entry on conflict is not.
        if kwargs.get("update_conflicts"):
            raise AuditEntryIsAppendOnly("Audit entries cannot be changed.")
        return super().bulk_create(objs, *args, **kwargs)

    # bulk_update goes through update().


class AuditEntry(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Who acted: empty for the hub itself (the retention schedule, a command).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries_made",
    )
    action = models.CharField(max_length=40, choices=AuditAction.choices, db_index=True)
    # Whose records: empty when the action is about no one person (a partnership report).
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries_about",
    )
    # What was acted on, in words and as a reference (model label and id), so the entry
    # still reads right once the object has gone.
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=500)
    detail = models.JSONField(default=dict, blank=True)
    # From where: the client's address as the proxy reported it, and the address used.
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["subject", "-at"]),
            models.Index(fields=["actor", "-at"]),
        ]
        # No add/change/delete permission is granted to any role; viewing is its own.
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding or kwargs.get("update_fields"):
            raise AuditEntryIsAppendOnly("Audit entries cannot be changed.")
        # Always an INSERT: an unsaved instance given an existing entry's id would
        # otherwise be written over that entry.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditEntryIsAppendOnly("Audit entries cannot be deleted.")
