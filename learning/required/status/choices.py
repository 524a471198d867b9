"""The statuses a person can have against a requirement, and when learning falls due."""

from __future__ import annotations

from django.db import models

# Learning falls due (and reminders start) this many days before its due date.
DUE_SOON_DAYS = 14


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"
    COMPLETE = "complete", "Complete"
    EXEMPT = "exempt", "Exempt"


# Still to do: the person has a due date.
OUTSTANDING = (Status.NOT_STARTED, Status.DUE, Status.OVERDUE)
