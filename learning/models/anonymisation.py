"""Overrides of the anonymisation guard: one editor's record of why one finding is safe
to publish, and a second person's confirmation or refusal of it. The rules live in
learning.publishing_guard; this module only holds the record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.signals import pre_save
from django.utils import timezone

from learning.anonymisation import Kind


class AnonymisationOverride(models.Model):
    """A proposal that one finding (a kind of identifier with its exact text, on one page)
    is safe to publish, and the second person's decision on it.

    Only a confirmed override covers its finding, and the confirmer must be someone other
    than the proposer (four eyes), which the database also enforces. Strong identifiers
    (``Kind.strong``) are never covered, whatever is recorded here. The record is an audit
    trail: nobody edits or deletes it through the site."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="anonymisation_overrides"
    )
    # Old revisions may be purged (manage.py purge_revisions); the decision must outlive
    # the revision it was recorded against, or the page would be blocked again.
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=40)
    text = models.CharField("identifier text", max_length=500)
    location = models.CharField(
        max_length=500, blank=True, help_text="Where in the page it was found, for people."
    )
    reason = models.TextField()
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # Only the one permission below: an audit record has no add/change/delete screen.
        default_permissions = ()
        permissions = [
            (
                "override_anonymisation_check",
                "Can propose or confirm that a possible identifier is safe to publish",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confirmed_by__isnull=True)
                | ~models.Q(confirmed_by=models.F("proposed_by")),
                name="anonymisation_override_four_eyes",
                violation_error_message="The person who proposed an override cannot confirm it.",
            ),
            models.CheckConstraint(
                condition=models.Q(confirmed_at__isnull=True) | models.Q(declined_at__isnull=True),
                name="anonymisation_override_one_decision",
                violation_error_message="An override is either confirmed or declined, not both.",
            ),
        ]
        indexes = [models.Index(fields=["page", "kind", "text"])]

    def __str__(self) -> str:
        return f"Override of {self.kind_label} “{self.text}” on page {self.page_id}"

    @property
    def kind_label(self) -> str:
        try:
            return Kind(self.kind).label
        except ValueError:  # a kind the detector no longer has
            return self.kind

    @property
    def status(self) -> str:
        if self.confirmed_at is not None:
            return "confirmed"
        if self.declined_at is not None:
            return "declined"
        return "awaiting a second person"

    @property
    def is_pending(self) -> bool:
        return self.confirmed_at is None and self.declined_at is None

    @property
    def revision_saved_at(self):
        """When the overridden version was saved; None once that revision is purged."""
        return self.revision.created_at if self.revision is not None else None

    @property
    def finding_summary(self) -> str:
        """The covered finding as people read it, for reports and exports."""
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.kind_label} “{self.text}”"


def _guard_pages_being_published(sender, instance, update_fields=None, **kwargs) -> None:
    # Connected here rather than in an AppConfig so it is active wherever models are
    # loaded (management commands, tasks, the admin API); the rule is in the guard.
    if not getattr(sender, "anonymisation_guarded", False):
        return
    from learning.publishing_guard.backstop import refuse_unchecked_publish

    refuse_unchecked_publish(instance, update_fields=update_fields)


pre_save.connect(_guard_pages_being_published, dispatch_uid="learning_anonymisation_backstop")
