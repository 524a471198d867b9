"""Reflective log entries, their versions, shares with supervisors and comments.

An entry is private to its author. Only the author can share it, only with their own
supervisors, and a share can be withdrawn. Ids in URLs are UUIDs so nobody can walk
through other people's entries by counting.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

ENTRY_MAX_LENGTH = 20_000


class EntryStructure(models.TextChoices):
    FREE = "free", "Free writing"
    GIBBS = "gibbs", "Gibbs reflective cycle"
    WHAT_SO_WHAT = "what_so_what", "What? So what? Now what?"


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


class ReviewStatus(models.TextChoices):
    NOT_REVIEWED = "", "Not reviewed"
    REVIEWED = "reviewed", "Reviewed"
    DISCUSSED = "discussed", "Discussed in supervision"


class ReflectiveEntry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reflective_entries"
    )
    title = models.CharField(max_length=200)
    body = models.TextField("entry (Markdown)", max_length=ENTRY_MAX_LENGTH)
    structure = models.CharField(
        max_length=20, choices=EntryStructure.choices, default=EntryStructure.FREE
    )
    status = models.CharField(max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    # What the entry reflects on: a page's question, a principle, or nothing (free).
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    question_id = models.CharField(max_length=64, blank=True)
    # Kept with the entry so it still reads right if the page's wording changes.
    question_text = models.TextField(blank=True)
    principle = models.ForeignKey(
        "learning.Principle", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.NOT_REVIEWED, blank=True
    )
    reviewed_on = models.DateField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Signed off as a peer reflection: locked until the signing supervisor reopens it.
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = "reflective entries"
        indexes = [models.Index(fields=["author", "-updated_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.signed_off_at is not None


class ReflectiveEntryVersion(models.Model):
    """The text as it was before each edit, so a comment refers to what was read."""

    entry = models.ForeignKey(ReflectiveEntry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=ENTRY_MAX_LENGTH)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry", "number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="entry_version_number_unique")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of entry {self.entry_id}"


class EntryShare(models.Model):
    """The author shared the entry with one of their supervisors. Withdrawing keeps
    the row (withdrawn_at) as a record that the share existed."""

    entry = models.ForeignKey(ReflectiveEntry, on_delete=models.CASCADE, related_name="shares")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="entries_shared_with_me"
    )
    shared_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "supervisor"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_share_per_supervisor",
            )
        ]

    def __str__(self) -> str:
        return f"Entry {self.entry_id} shared with supervisor {self.supervisor_id}"


class EntryComment(models.Model):
    """A supervisor's comment on a shared entry, or the author's reply."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(ReflectiveEntry, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="entry_comments"
    )
    body = models.TextField("comment (Markdown)", max_length=5000)
    # The version of the entry the commenter was reading.
    entry_version = models.ForeignKey(
        ReflectiveEntryVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment on entry {self.entry_id}"
