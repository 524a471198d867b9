"""Knowledge-check attempts for the hub's xAPI export (learning.reports.xapi asks for
them through the `hub_xapi_attempts` hook, as learning/ does not import quizzes).

Plain rows, read in chunks from the database, so an export of a year of a partnership's
attempts holds only a chunk in memory at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Q, QuerySet

from quizzes.models import Attempt

# The keys of each row, as learning.reports.xapi reads them.
ATTEMPT_FIELDS = (
    "id",
    "user_id",
    "user__email",
    "user__first_name",
    "user__last_name",
    "page_id",
    "page_title",
    "completes_page_id",
    "started_at",
    "finished_at",
    "question_count",
    "correct_count",
    "score",
    "passed",
)


def attempt_rows(*, people: QuerySet, start: datetime, end: datetime) -> Iterator[dict]:
    """Attempts by `people` started or finished in [start, end), oldest first."""
    in_range = Q(started_at__gte=start, started_at__lt=end) | Q(
        finished_at__gte=start, finished_at__lt=end
    )
    return (
        Attempt.objects.filter(in_range, user__in=people.values("pk"))
        .order_by("started_at", "id")
        .values(*ATTEMPT_FIELDS)
        .iterator(chunk_size=1000)
    )
