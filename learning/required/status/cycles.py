"""Cycles and due dates: the constant dates each rule comes down to, worked out in
Python once per requirement (for the SQL to compare against) or once per person (for
the dates a row shows)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from learning.models import DueFrom, RefreshRule, Requirement
from learning.records.dates import months_after, start_of_day


def counted_until(today: date) -> datetime:
    """The first moment after `today`: a status for `today` counts only what was done
    before it, so a status for an earlier date ignores what was completed since."""
    return start_of_day(today + timedelta(days=1))


def window_start_on_or_before(requirement: Requirement, day: date) -> date:
    """The day a yearly window last opened, on or before `day`."""
    opens = date(day.year, requirement.window_start_month, requirement.window_start_day)
    return opens if opens <= day else opens.replace(year=day.year - 1)


def window_end_after(requirement: Requirement, opened: date) -> date:
    """The day a yearly window that opened on `opened` closes."""
    closes = date(opened.year, requirement.window_end_month, requirement.window_end_day)
    return closes if closes > opened else closes.replace(year=opened.year + 1)


def cycle_start(requirement: Requirement, today: date) -> date | None:
    """The first day whose completions count towards the cycle `today` is in: None for a
    one-off requirement (any completion ever counts)."""
    if requirement.refresh == RefreshRule.EVERY_MONTHS:
        return months_after(today, -requirement.refresh_months)
    if requirement.refresh == RefreshRule.WINDOW:
        return window_start_on_or_before(requirement, today)
    return None


def done_in_cycle(requirement: Requirement, completed_at: datetime | None, day: date) -> bool:
    """Does a completion at `completed_at` (None: never) count towards the cycle `day`
    is in? The same test the SQL makes page by page, for one completion in hand."""
    if completed_at is None:
        return False
    since = cycle_start(requirement, day)
    return since is None or completed_at >= start_of_day(since)


def expiry_of(requirement: Requirement, completed_on: date) -> date | None:
    """The last day a completion on `completed_on` keeps the requirement complete."""
    if requirement.refresh == RefreshRule.EVERY_MONTHS:
        return months_after(completed_on, requirement.refresh_months) - timedelta(days=1)
    if requirement.refresh == RefreshRule.WINDOW:
        opened = window_start_on_or_before(requirement, completed_on)
        return opened.replace(year=opened.year + 1) - timedelta(days=1)
    return None


def anchor_date(requirement: Requirement, person, assigned_on: date | None = None) -> date:
    """The day the person's time to complete the requirement counts from: the later of
    its start and their joining, or for "after being assigned" the day it was assigned
    to them if later (learning.required.assignments)."""
    anchor = max(requirement.starts_on, timezone.localtime(person.date_joined).date())
    if requirement.due_from == DueFrom.ASSIGNED and assigned_on:
        anchor = max(anchor, assigned_on)
    return anchor


def due_date(
    requirement: Requirement,
    person,
    last_completed: datetime | None,
    today: date,
    assigned_on: date | None = None,
) -> date:
    """When the person must next complete the requirement (they have not, this cycle)."""
    due = anchor_date(requirement, person, assigned_on) + timedelta(days=requirement.due_days)
    if requirement.refresh == RefreshRule.EVERY_MONTHS and last_completed is not None:
        expired = expiry_of(requirement, timezone.localtime(last_completed).date())
        due = max(due, expired + timedelta(days=1 + requirement.due_days))
    elif requirement.refresh == RefreshRule.WINDOW:
        opened = window_start_on_or_before(requirement, today)
        due = max(due, window_end_after(requirement, opened))
    return due
