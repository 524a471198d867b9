"""Overrides of the anonymisation guard: an authorised editor's record of why the
identifiers found in a page are safe to publish. The rules live in
learning.publishing_guard; this module only holds the record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.signals import pre_save
from django.utils import timezone

from learning.anonymisation import Kind


class AnonymisationOverride(models.Model):
    """One decision that a set of findings may be published, with the reason given.

    ``findings`` lists exactly what the decision covers (field, kind and matched text at
    the time), so an identifier added later is not covered by an earlier decision. The
    record is an audit trail: nobody edits or deletes it through the site."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="anonymisation_overrides"
    )
    # Old revisions may be purged (manage.py purge_revisions); the decision must outlive
    # the revision it was recorded against, or the page would be blocked again.
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField()
    findings = models.JSONField(
        default=list, help_text="What the decision covers: [{field, kind, text}, ...]."
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # Only the one permission below: an audit record has no add/change/delete screen.
        default_permissions = ()
        permissions = [
            (
                "override_anonymisation_check",
                "Can publish despite possible identifiers, recording why it is safe",
            )
        ]

    def __str__(self) -> str:
        return f"Anonymisation override on page {self.page_id} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def revision_saved_at(self):
        """When the overridden version was saved; None once that revision is purged."""
        return self.revision.created_at if self.revision is not None else None

    @property
    def findings_summary(self) -> str:
        """The covered findings as people read them, for reports and exports."""
        return "; ".join(
            f"{item.get('field', '')}: {_kind_label(item.get('kind', ''))} “{item.get('text', '')}”"
            for item in self.findings
        )


def _kind_label(kind: str) -> str:
    try:
        return Kind(kind).label
    except ValueError:  # a kind the detector no longer has
        return kind


def _guard_pages_being_published(sender, instance, update_fields=None, **kwargs) -> None:
    # Connected here rather than in an AppConfig so it is active wherever models are
    # loaded (management commands, tasks, the admin API); the rule is in the guard.
    if not getattr(sender, "anonymisation_guarded", False):
        return
    from learning.publishing_guard.backstop import refuse_unchecked_publish

    refuse_unchecked_publish(instance, update_fields=update_fields)


pre_save.connect(_guard_pages_being_published, dispatch_uid="learning_anonymisation_backstop")
