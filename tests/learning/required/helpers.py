"""What the required-learning tests share: a valid post of the requirement form."""

from __future__ import annotations


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
