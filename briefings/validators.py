"""Field validators for the briefings app. Referenced by migrations: keep the names."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

# Safeguarding Adults Reviews began as serious case reviews for adults in the 1990s; the
# Care Act 2014 made them statutory. Nothing older is catalogued.
EARLIEST_REVIEW_YEAR = 1990


def latest_review_year() -> int:
    """A review may carry next year's date when it is published in late December."""
    return timezone.localdate().year + 1


def validate_year_published(value: int) -> None:
    latest = latest_review_year()
    if value is None or not EARLIEST_REVIEW_YEAR <= value <= latest:
        raise ValidationError(
            f"Enter a year between {EARLIEST_REVIEW_YEAR} and {latest}.",
            code="year_out_of_range",
        )
