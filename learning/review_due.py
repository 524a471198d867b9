"""When a learning page should next be checked: new pages get a date from the
HUB_REVIEW_DUE_MONTHS setting, so none is published with nothing asking for a review."""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.utils import timezone


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter
    (31 January + 1 month is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def default_review_due(today: datetime.date | None = None) -> datetime.date:
    """The review-due date a new page starts with."""
    return add_months(today or timezone.localdate(), settings.HUB_REVIEW_DUE_MONTHS)
