"""Building set-wise statements from querysets: Django cannot select from a grouped
query, so over_time and set_wise compile querysets (the rule's own conditions) and put
them together as common table expressions that SQLite and PostgreSQL both read."""

from __future__ import annotations

from datetime import UTC, datetime

from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

from learning.models import Requirement

# A cycle start before any completion (a one-off requirement's: every one counts), and
# a date after any (a test that must find nothing since then); both databases hold them.
EVER = datetime(1, 1, 2, tzinfo=UTC)
NEVER = datetime(9999, 12, 30, tzinfo=UTC)


def constants_row(requirement: Requirement, **values) -> QuerySet:
    """The requirement's row with the given constant values (a row of a union)."""
    return (
        Requirement.objects.filter(pk=requirement.pk)
        .order_by()
        .annotate(**values)
        .values("pk", *values)
    )


def compiled(queryset: QuerySet, using: str) -> tuple[str, list] | None:
    """SQL and parameters of a queryset, or None when it can match nothing."""
    try:
        sql, params = queryset.query.get_compiler(using=using).as_sql()
    except EmptyResultSet:
        return None
    return sql, list(params)
