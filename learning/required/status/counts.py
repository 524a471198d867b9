"""Counts of statuses across requirements, for tables of people."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import add

from django.db.models import Case, CharField, Value, When

from learning.models import Requirement
from learning.required.status.annotations import status_only
from learning.required.status.audience import audience_q
from learning.required.status.choices import Status

# The count annotation for each status, in order of urgency.
COUNTS = {
    Status.OVERDUE: "overdue_count",
    Status.DUE: "due_count",
    Status.NOT_STARTED: "not_started_count",
    Status.COMPLETE: "complete_count",
    Status.EXEMPT: "exempt_count",
}


def status_count_annotations(requirements: list[Requirement], today: date) -> tuple[dict, dict]:
    """For a queryset of people: aliases (each requirement's status, "" outside its
    audience) and, summed over them, the COUNTS annotations. Use as
    `people.alias(**aliases).annotate(**counts)`: one query whatever the number of
    people."""
    aliases = {}
    for requirement in requirements:
        prefix = f"r{requirement.pk}"
        status = status_only(requirement, today, prefix=prefix)[f"{prefix}_status"]
        aliases[f"{prefix}_status"] = Case(
            When(audience_q(requirement), then=status),
            default=Value(""),
            output_field=CharField(),
        )
    counts = {}
    for status, name in COUNTS.items():
        terms = [
            Case(When(**{alias: status}, then=Value(1)), default=Value(0)) for alias in aliases
        ]
        counts[name] = reduce(add, terms) if terms else Value(0)
    return aliases, counts


@dataclass(frozen=True)
class StatusCounts:
    """The COUNTS of one person's statuses worked out in Python (status.in_memory),
    read as status_summary reads a row annotated in SQL."""

    overdue_count: int = 0
    due_count: int = 0
    not_started_count: int = 0
    complete_count: int = 0
    exempt_count: int = 0

    @classmethod
    def of(cls, statuses: Iterable) -> StatusCounts:
        """Counted from anything carrying a `status` (PersonStatus)."""
        counted = Counter(item.status for item in statuses)
        return cls(**{name: counted[status] for status, name in COUNTS.items()})


def status_summary(row) -> str:
    """A person's required learning in a few words ("2 overdue, 1 due", "All complete",
    "Exempt", "Nothing required"), from a row carrying the COUNTS annotations or a
    StatusCounts."""
    overdue, due, not_started, complete, exempt = (getattr(row, name) for name in COUNTS.values())
    outstanding = [
        f"{count} {label}"
        for count, label in ((overdue, "overdue"), (due, "due"), (not_started, "not started"))
        if count
    ]
    if outstanding:
        return ", ".join(outstanding)
    if complete and exempt:
        return f"All complete ({exempt} exempt)"
    if complete:
        return "All complete"
    if exempt:
        return "Exempt"
    return "Nothing required"
