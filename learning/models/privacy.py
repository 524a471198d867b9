"""Data protection: the retention settings and copies of a person's data.

The rules (what a copy holds, when a person's records are erased and what erasure keeps)
live in learning.privacy; these models only hold the settings and the record.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

# How long a leaver's records are kept, unless their organisation says otherwise.
DEFAULT_RETENTION_YEARS = 6
RETENTION_YEARS_VALIDATORS = [MinValueValidator(1), MaxValueValidator(25)]


@register_setting(icon="lock")
class PrivacySettings(BaseGenericSetting):
    """Who to ask about personal data, and how long records are kept for people who
    belong to no organisation. Shown on the privacy notice."""

    contact_name = models.CharField(
        "data protection contact",
        max_length=200,
        blank=True,
        help_text="Who handles requests, for example the board's data protection officer.",
    )
    contact_email = models.EmailField("contact email address", blank=True)
    retention_years_without_organisation = models.PositiveSmallIntegerField(
        "retention period for people with no organisation (years)",
        default=DEFAULT_RETENTION_YEARS,
        validators=RETENTION_YEARS_VALIDATORS,
        help_text="Each organisation sets its own period; this applies to everyone else. "
        "A shorter period applies at the next nightly run, which erases everyone it makes due.",
    )

    panels = [
        FieldPanel("contact_name"),
        FieldPanel("contact_email"),
        FieldPanel("retention_years_without_organisation"),
    ]

    class Meta:
        verbose_name = "privacy settings"


class AccessExportStatus(models.TextChoices):
    PENDING = "pending", "Being prepared"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Could not be prepared"
    EXPIRED = "expired", "Expired"


class AccessExport(models.Model):
    """A copy of everything the hub holds about one person (a subject access export),
    requested by the person or, for a request that arrived by letter, by an
    administrator. The file is built by a background task and kept for a short time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_exports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # An administrator's reference for a request made outside the hub (a letter).
    reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=AccessExportStatus.choices, default=AccessExportStatus.PENDING
    )
    # Where the file is, in the private storage; empty until it is ready and once expired.
    file_name = models.CharField(max_length=200, blank=True)
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        permissions = [
            ("produce_accessexport", "Can produce a copy of another person's data"),
        ]
        indexes = [models.Index(fields=["subject", "-requested_at"])]

    def __str__(self) -> str:
        return f"Copy of the data of {self.subject} requested {self.requested_at:%Y-%m-%d}"
