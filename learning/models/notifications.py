"""What a person is told on the hub when someone else acts on their record: for now,
a supervisor responding to a reflective entry the person shared."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NotificationKind(models.TextChoices):
    COMMENTED = "commented", "commented on"
    REVIEWED = "reviewed", "marked as reviewed"
    DISCUSSED = "discussed", "marked as discussed in supervision"
    SIGNED_OFF = "signed_off", "signed off"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    entry = models.ForeignKey(
        "learning.ReflectiveEntry", on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_kind_display()} {self.entry}"
