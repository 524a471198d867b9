"""What a person is told on the hub when someone else acts on their record: a
supervisor responding to a reflective entry the person shared, or, for a supervisor,
the author deleting an entry shared with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NotificationKind(models.TextChoices):
    COMMENTED = "commented", "commented on"
    REVIEWED = "reviewed", "marked as reviewed"
    DISCUSSED = "discussed", "marked as discussed in supervision"
    SIGNED_OFF = "signed_off", "signed off"
    # To a supervisor: the author deleted an entry they had shared with them.
    DELETED = "deleted", "deleted"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    # Empty once the entry has been deleted; its title is kept to say which it was.
    entry = models.ForeignKey(
        "learning.ReflectiveEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    entry_title = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_kind_display()} {self.entry}"
