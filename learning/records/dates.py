"""Calendar arithmetic shared by records, registration periods and required learning."""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date, datetime, time

from django.utils import timezone


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def months_after(day: date, months: int) -> date:
    """The same day `months` later (earlier, for a negative number), held to the end of
    a shorter month. ValueError if that falls outside the years a date can hold (1 to
    9999)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f"{months} months after {day.isoformat()} is out of range")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def start_of_day(day: date) -> datetime:
    """The first moment of a local calendar day, as an aware datetime: what a
    `completed_at >= ...` comparison needs to mean "on or after that day"."""
    return timezone.make_aware(datetime.combine(day, time.min))
