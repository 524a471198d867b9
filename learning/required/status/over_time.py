"""Who is complete or exempt in all their required learning on each of several days,
counted set-wise, for a report's trend month by month.

Asking the status rule (annotations.py) for every person, requirement and day
makes one correlated subquery per page, requirement and day for each person: minutes
for a partnership. Here the same rule is one query of a few grouped passes, whatever
the number of people, requirements or days:

1. each person's completions of the required pages, each beside the next completion
   of the same page (so each day's latest before it ends is the one whose next is
   later);
2. per person and requirement, for each day, how many of its pages that latest
   completion counts for in the cycle the day is in (annotations.counting_window, a
   constant date per requirement and day); and the exemptions running each day;
3. per person, how many requirements applied to them on each day (audience.audience_q,
   and started by then) and how many of those were not complete or exempt;
4. counted per day: people who had joined by then with something required of them,
   and those of them with nothing outstanding.

Django cannot select from a grouped query, so the parts are built as querysets (the
rule's own conditions), compiled, and put together as common table expressions that
SQLite and PostgreSQL both read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connections
from django.db.models import (
    Case,
    DateTimeField,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Lead

from learning.models import Completion, Exemption, Requirement
from learning.required.status.annotations import counting_window, running_exemption_q
from learning.required.status.audience import audience_q
from learning.required.status.cte import EVER, compiled, constants_row
from learning.required.status.cycles import counted_until

# The common table expressions of constants for each requirement.
_CONSTANTS = ("rule", "cycle")


@dataclass(frozen=True)
class DoneCount:
    """On `day`: people who had joined with required learning applying to them, and
    those of them complete or exempt in all of it."""

    day: date
    people: int
    complete: int


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _parts(people: QuerySet, requirements: list[Requirement], days: list[date]) -> dict:
    """The querysets the count is made from, each named for its common table
    expression and selecting the columns `_columns` lists, in that order."""
    ids = [requirement.pk for requirement in requirements]
    page_ids = sorted({page.pk for r in requirements for page in r.pages.all()})
    people = people.order_by()
    person_ids = people.values("pk")
    joined = {f"j{i}": _flag(Q(date_joined__date__lte=day)) for i, day in enumerate(days)}
    running = {f"e{i}": Max(_flag(running_exemption_q(day))) for i, day in enumerate(days)}
    return {
        "person": people.annotate(**joined).values("pk", *joined),
        "applying": [
            people.filter(audience_q(r))
            .annotate(rq=Value(r.pk, output_field=IntegerField()))
            .values("pk", "rq")
            for r in requirements
        ],
        "rule": [
            constants_row(
                r,
                n=Value(len(r.pages.all()), output_field=IntegerField()),
                **{
                    f"a{i}": Value(int(r.starts_on <= day), output_field=IntegerField())
                    for i, day in enumerate(days)
                },
            )
            for r in requirements
        ],
        "cycle": [
            constants_row(
                r,
                **{
                    f"s{i}": Value(counting_window(r, day)[0] or EVER, output_field=DateTimeField())
                    for i, day in enumerate(days)
                },
            )
            for r in requirements
        ],
        "rpage": Requirement.pages.through.objects.filter(requirement_id__in=ids)
        .order_by()
        .values("requirement_id", "page_id"),
        "completion": Completion.objects.filter(
            user__in=person_ids, page_id__in=page_ids, completed_at__lt=counted_until(max(days))
        )
        .order_by()
        .annotate(
            following=Window(
                Lead("completed_at"),
                partition_by=[F("user_id"), F("page_id")],
                order_by=F("completed_at").asc(),
            )
        )
        .values("user_id", "page_id", "completed_at", "following"),
        "exempt": Exemption.objects.filter(user__in=person_ids)
        .filter(Q(requirement__isnull=True) | Q(requirement_id__in=ids))
        .order_by()
        .values("user_id", "requirement_id")
        .annotate(**running),
    }


def _columns(days: list[date]) -> dict[str, list[str]]:
    each = range(len(days))
    return {
        "person": ["uid", *(f"j{i}" for i in each)],
        "applying": ["uid", "rid"],
        "rule": ["rid", "n", *(f"a{i}" for i in each)],
        "cycle": ["rid", *(f"s{i}" for i in each)],
        "rpage": ["rid", "pid"],
        "completion": ["uid", "pid", "completed_at", "following"],
        "exempt": ["uid", "rid", *(f"e{i}" for i in each)],
    }


def _sum(condition: str) -> str:
    return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def _count_sql(days: list[date]) -> str:
    """The passes after the common table expressions (see the module's docstring).
    Its parameters: each day's counted_until, twice."""
    each = range(len(days))
    # A page counts once a day: its latest completion before the day ends (the next,
    # `following`, comes after), if that is in the cycle the day is in. Only people's
    # completions are read here, not everyone's requirements: those with none are
    # outstanding below.
    counted = ", ".join(
        _sum(
            f"l.completed_at >= c.s{i} AND l.completed_at < %s"
            " AND (l.following IS NULL OR l.following >= %s)"
        )
        + f" AS c{i}"
        for i in each
    )
    assigned = ", ".join(f"SUM(r.a{i}) AS assigned{i}" for i in each)
    outstanding = ", ".join(
        _sum(
            f"r.a{i} = 1 AND COALESCE(u.c{i}, 0) < r.n"
            f" AND COALESCE(g.e{i}, 0) = 0 AND COALESCE(x.e{i}, 0) = 0"
        )
        + f" AS out{i}"
        for i in each
    )
    totals = ", ".join(
        _sum(f"p.j{i} = 1 AND pu.assigned{i} > 0")
        + ", "
        + _sum(f"p.j{i} = 1 AND pu.assigned{i} > 0 AND pu.out{i} = 0")
        for i in each
    )
    # Only column names made here from numbers are interpolated; values are parameters.
    return (
        f"per_requirement AS (SELECT l.uid AS uid, rp.rid AS rid, {counted}"  # noqa: S608
        " FROM completion l JOIN rpage rp ON rp.pid = l.pid JOIN cycle c ON c.rid = rp.rid"
        " GROUP BY l.uid, rp.rid),"
        f" per_person AS (SELECT a.uid AS uid, {assigned}, {outstanding}"
        " FROM applying a JOIN rule r ON r.rid = a.rid"
        " LEFT JOIN per_requirement u ON u.uid = a.uid AND u.rid = a.rid"
        " LEFT JOIN exempt g ON g.uid = a.uid AND g.rid IS NULL"
        " LEFT JOIN exempt x ON x.uid = a.uid AND x.rid = a.rid GROUP BY a.uid)"
        f" SELECT {totals} FROM per_person pu JOIN person p ON p.uid = pu.uid"
    )


def done_counts(
    people: QuerySet, requirements: list[Requirement], days: list[date]
) -> list[DoneCount]:
    """For each day: how many of `people` had joined by then and had at least one of the
    requirements applying to them (in its audience and started), and how many of those
    were complete or exempt in every one that applied (the status rule for that day).
    One query. Requirements' pages should be prefetched (AUDIENCE_PREFETCH)."""
    nothing = [DoneCount(day=day, people=0, complete=0) for day in days]
    requirements = [r for r in requirements if r.pages.all() and days and r.starts_on <= max(days)]
    if not requirements:
        return nothing
    using = people.db
    connection = connections[using]
    postgresql = connection.vendor == "postgresql"
    columns = _columns(days)
    expressions, params = [], []
    for name, parts in _parts(people, requirements, days).items():
        found = [compiled(part, using) for part in (parts if isinstance(parts, list) else [parts])]
        found = [part for part in found if part is not None]
        if not found:
            return nothing
        # PostgreSQL would otherwise inline the unions of constants and read them
        # again for every row joined to them.
        materialized = "MATERIALIZED " if name in _CONSTANTS and postgresql else ""
        expressions.append(
            f"{name} ({', '.join(columns[name])}) AS {materialized}("
            + " UNION ALL ".join(sql for sql, _ in found)
            + ")"
        )
        params += [param for _, part_params in found for param in part_params]
    for day in days:
        params += [connection.ops.adapt_datetimefield_value(counted_until(day))] * 2
    with connection.cursor() as cursor:
        cursor.execute("WITH " + ", ".join(expressions) + ", " + _count_sql(days), params)
        row = cursor.fetchone()
    return [
        DoneCount(day=day, people=row[2 * i] or 0, complete=row[2 * i + 1] or 0)
        for i, day in enumerate(days)
    ]
