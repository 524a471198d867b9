"""Reads of a person's notifications. Every selector takes the recipient: nobody reads
anyone else's."""

from __future__ import annotations

from django.db.models import QuerySet

from learning.models import Notification


def notifications_for(*, recipient) -> QuerySet[Notification]:
    """The person's notifications, newest first, with what the page shows of each
    (who acted, and on which entry) fetched in the same query."""
    return (
        Notification.objects.filter(recipient=recipient)
        .select_related("actor", "entry")
        .order_by("-created_at", "-pk")
    )


def notification_for(*, recipient, notification_id: int) -> Notification | None:
    """One of the person's own notifications, or None (anyone else's, or no such id)."""
    return notifications_for(recipient=recipient).filter(pk=notification_id).first()
