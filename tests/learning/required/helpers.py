"""What the required-learning tests share: a valid post of the requirement form, and
completions recorded on a given day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from learning.models import Completion


def at(day: date, hour: int = 12) -> datetime:
    """A moment on `day` (noon unless `hour` says otherwise), in UTC."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def complete(person, page, day: date, **fields) -> Completion:
    """A completion of `page` by `person` at noon on `day`, in the next cycle unless
    `cycle` is given."""
    return Completion.objects.create(
        user=person,
        page=page,
        page_title=page.title,
        how=fields.pop("how", "confirmed"),
        minutes=7,
        completed_at=at(day),
        cycle=fields.pop("cycle", Completion.objects.filter(user=person, page=page).count() + 1),
        **fields,
    )


def requirement_post(page, **overrides) -> dict:
    """The requirement form's data for `page`: everyone, within 30 days of it being
    assigned, once, from 1 April 2026; `overrides` replace or add fields."""
    data = {
        "title": "Safeguarding adults essentials",
        "pages": [page.pk],
        "for_whom": "everyone",
        "due_days": "30",
        "due_from": "assigned",
        "refresh": "never",
        "starts_on": "2026-04-01",
    }
    data.update(overrides)
    return data
