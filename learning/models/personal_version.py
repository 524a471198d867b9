"""A number per person that changes whenever anything of theirs the hub shows them
changes (learning.personal_cache).

What a person's own pages show (their required learning, what to do next, their
record's totals) is cached under keys that include it, so a write to any of their
records makes what was cached for them unreachable at once, on every application
instance, whatever cache each instance has.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PersonalVersion(models.Model):
    """One row per person who has had anything written: bumped (never reset) in the same
    transaction as the write. No row reads as version 0.

    No database constraint ties the row to its person: deleting a person deletes their
    records one by one, and each deletion moves the version, so a constraint could
    fail the deletion. The row goes when the person does (receivers.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )
    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "personal version"

    def __str__(self) -> str:
        return f"personal version {self.number} of person {self.user_id}"
