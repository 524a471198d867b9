"""Everyone's status against every requirement on one day, counted set-wise, for the
compliance report.

annotations.py asks the rule person by person in correlated subqueries (a few per page
and requirement), which for a partnership's compliance report took minutes. Here the
same rule is one statement of grouped passes, whatever the number of people or
requirements, as over_time does for the trend:

1. each person's latest completion of each required page by the end of the day;
2. per person and requirement: how many of its pages that completion counts for in the
   cycle the day is in (annotations.counting_window) and, for a refresher every N
   months, since each of the two dates the due-date test needs; and when all of them
   were last done;
3. the status: exempt while an exemption runs; complete when every page counts;
   otherwise overdue or due by annotations._due_before, whose dates are constants per
   requirement: the latest anchor (joining, assignment) for the day and for the end of
   the due-soon window, whether the requirement's start or an open window rules it out,
   and where a refresher's last cycle must have begun.

The statement ends in a common table expression `status` (uid, rid, status, last_done,
assigned_on) beside `person` (uid, joined, and the caller's columns c0, c1, ...), so a
caller adds the SELECT that counts or lists. tests/learning/required/test_status_in_memory.py
holds it to the per-person rule day by day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import connections
from django.db.models import DateField, DateTimeField, IntegerField, Max, QuerySet, Value

from learning.models import (
    Completion,
    DueFrom,
    Exemption,
    RefreshRule,
    Requirement,
    RequirementAssignment,
)
from learning.records.dates import months_after, start_of_day
from learning.required.status.annotations import counting_window, running_exemption_q
from learning.required.status.audience import audience_q
from learning.required.status.choices import DUE_SOON_DAYS, Status
from learning.required.status.cte import EVER, NEVER, compiled, constants_row
from learning.required.status.cycles import (
    counted_until,
    window_end_after,
    window_start_on_or_before,
)

# The two days annotations._due_before is asked about: overdue before today, due
# before the end of the due-soon window.
_THRESHOLDS = {"o": 0, "d": DUE_SOON_DAYS + 1}


@dataclass(frozen=True)
class StatusStatement:
    """`sql` is a WITH clause ending in the `status` and `person` expressions, to be
    followed by a SELECT; `params` are its parameters, in order."""

    sql: str
    params: list


def _threshold_constants(requirement: Requirement, today: date, key: str, extra: int) -> dict:
    """annotations._due_before's constant dates for the day `extra` days after today."""
    day = today + timedelta(days=extra)
    latest_anchor = day - timedelta(days=requirement.due_days)
    blocked = requirement.starts_on >= latest_anchor
    since = NEVER
    if requirement.refresh == RefreshRule.EVERY_MONTHS:
        since = start_of_day(months_after(latest_anchor, -requirement.refresh_months))
    elif requirement.refresh == RefreshRule.WINDOW:
        opened = window_start_on_or_before(requirement, today)
        blocked = blocked or window_end_after(requirement, opened) >= day
    return {
        f"blk_{key}": Value(int(blocked), output_field=IntegerField()),
        f"la_{key}": Value(latest_anchor, output_field=DateField()),
        f"jt_{key}": Value(start_of_day(latest_anchor), output_field=DateTimeField()),
        f"sc_{key}": Value(since, output_field=DateTimeField()),
    }


def _rule(requirement: Requirement, today: date) -> QuerySet:
    values = {
        "n": Value(len(requirement.pages.all()), output_field=IntegerField()),
        "cs": Value(counting_window(requirement, today)[0] or EVER, output_field=DateTimeField()),
        "asg": Value(int(requirement.due_from == DueFrom.ASSIGNED), output_field=IntegerField()),
    }
    for key, extra in _THRESHOLDS.items():
        values.update(_threshold_constants(requirement, today, key, extra))
    return constants_row(requirement, **values)


_RULE_COLUMNS = [
    "rid",
    "n",
    "cs",
    "asg",
    *(f"{name}_{key}" for key in _THRESHOLDS for name in ("blk", "la", "jt", "sc")),
]


def _parts(people: QuerySet, requirements: list[Requirement], today: date, columns) -> dict:
    ids = [requirement.pk for requirement in requirements]
    page_ids = sorted({page.pk for r in requirements for page in r.pages.all()})
    people = people.order_by()
    person_ids = people.values("pk")
    running = Exemption.objects.filter(running_exemption_q(today), user__in=person_ids).order_by()
    return {
        "person": people.values("pk", "date_joined", *columns),
        "applying": [
            people.filter(audience_q(r))
            .annotate(rq=Value(r.pk, output_field=IntegerField()))
            .values("pk", "rq")
            for r in requirements
        ],
        "rule": [_rule(r, today) for r in requirements],
        "rpage": Requirement.pages.through.objects.filter(requirement_id__in=ids)
        .order_by()
        .values("requirement_id", "page_id"),
        "latest": Completion.objects.filter(
            user__in=person_ids, page_id__in=page_ids, completed_at__lt=counted_until(today)
        )
        .order_by()
        .values("user_id", "page_id")
        .annotate(last=Max("completed_at")),
        "assignment": RequirementAssignment.objects.filter(
            user__in=person_ids, requirement_id__in=ids
        )
        .order_by()
        .values("user_id", "requirement_id", "assigned_on"),
        "exempt_all": running.filter(requirement__isnull=True)
        .values("user_id")
        .annotate(ends=Max("ends_on")),
        "exempt_one": running.filter(requirement_id__in=ids)
        .values("user_id", "requirement_id")
        .annotate(ends=Max("ends_on")),
    }


def _columns(extra: int) -> dict[str, list[str]]:
    return {
        "person": ["uid", "joined", *(f"c{i}" for i in range(extra))],
        "applying": ["uid", "rid"],
        "rule": _RULE_COLUMNS,
        "rpage": ["rid", "pid"],
        "latest": ["uid", "pid", "last"],
        "assignment": ["uid", "rid", "assigned_on"],
        "exempt_all": ["uid", "ends"],
        "exempt_one": ["uid", "rid", "ends"],
    }


def _sum(condition: str) -> str:
    return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def _due_before(key: str) -> str:
    """annotations._due_before for the threshold `key`, for a row of `status`."""
    return (
        f"r.blk_{key} = 0 AND p.joined < r.jt_{key}"
        f" AND NOT (r.asg = 1 AND s.assigned_on IS NOT NULL AND s.assigned_on >= r.la_{key})"
        f" AND COALESCE(u.since_{key}, 0) < r.n"
    )


# Constant text only (statuses and column names); every value is a parameter.
_STATUS_SQL = (
    "per_requirement AS (SELECT l.uid AS uid, rp.rid AS rid,"  # noqa: S608
    f" {_sum('l.last >= r.cs')} AS done,"
    f" {_sum('l.last >= r.sc_o')} AS since_o,"
    f" {_sum('l.last >= r.sc_d')} AS since_d,"
    " COUNT(*) AS pages, MIN(l.last) AS last_done"
    " FROM latest l JOIN rpage rp ON rp.pid = l.pid JOIN rule r ON r.rid = rp.rid"
    " GROUP BY l.uid, rp.rid),"
    " status AS (SELECT a.uid AS uid, a.rid AS rid, CASE"
    f" WHEN g.uid IS NOT NULL OR x.uid IS NOT NULL THEN '{Status.EXEMPT}'"
    f" WHEN COALESCE(u.done, 0) >= r.n THEN '{Status.COMPLETE}'"
    f" WHEN {_due_before('o')} THEN '{Status.OVERDUE}'"
    f" WHEN {_due_before('d')} THEN '{Status.DUE}'"
    f" ELSE '{Status.NOT_STARTED}' END AS status,"
    " CASE WHEN u.pages >= r.n THEN u.last_done END AS last_done,"
    " s.assigned_on AS assigned_on"
    " FROM applying a JOIN rule r ON r.rid = a.rid JOIN person p ON p.uid = a.uid"
    " LEFT JOIN per_requirement u ON u.uid = a.uid AND u.rid = a.rid"
    " LEFT JOIN assignment s ON s.uid = a.uid AND s.rid = a.rid"
    " LEFT JOIN exempt_all g ON g.uid = a.uid"
    " LEFT JOIN exempt_one x ON x.uid = a.uid AND x.rid = a.rid)"
)

# Read more than once by the statement: PostgreSQL would otherwise inline them and
# compute them again for each reader.
_MATERIALIZED = ("rule", "person", "applying", "latest")


def status_statement(
    people: QuerySet,
    requirements: list[Requirement],
    today: date,
    *,
    columns: tuple[str, ...] = (),
) -> StatusStatement | None:
    """The statement giving each of `people` in each requirement's audience their
    status on `today` (see the module's docstring); `columns` are fields or annotations
    of `people` to carry in `person` as c0, c1, ... None when nobody can have any
    status. Requirements' pages should be prefetched."""
    requirements = [r for r in requirements if r.pages.all()]
    if not requirements:
        return None
    using = people.db
    vendor = connections[using].vendor
    names = _columns(len(columns))
    expressions, params = [], []
    for name, parts in _parts(people, requirements, today, columns).items():
        found = [compiled(part, using) for part in (parts if isinstance(parts, list) else [parts])]
        found = [part for part in found if part is not None]
        if not found:
            if name in ("person", "applying", "rule"):
                return None
            # Nothing of this kind (no completions, exemptions, assignments): an
            # empty set with the right columns.
            found = [("SELECT " + ", ".join(["NULL"] * len(names[name])) + " WHERE 1 = 0", [])]
        materialized = "MATERIALIZED " if name in _MATERIALIZED and vendor == "postgresql" else ""
        expressions.append(
            f"{name} ({', '.join(names[name])}) AS {materialized}("
            + " UNION ALL ".join(sql for sql, _ in found)
            + ")"
        )
        params += [param for _, part_params in found for param in part_params]
    return StatusStatement(sql="WITH " + ", ".join(expressions) + ", " + _STATUS_SQL, params=params)


def statuses_on(
    people: QuerySet, requirements: list[Requirement], today: date
) -> dict[tuple[int, int], tuple[str, datetime | None, date | None]]:
    """(person id, requirement id) -> (status, last done, assigned on) for everyone in
    each requirement's audience: the whole table, for tests and small sets."""
    statement = status_statement(people, requirements, today)
    if statement is None:
        return {}
    connection = connections[people.db]
    with connection.cursor() as cursor:
        cursor.execute(
            statement.sql + " SELECT uid, rid, status, last_done, assigned_on FROM status",  # noqa: S608
            statement.params,
        )
        rows = cursor.fetchall()
    return {
        (uid, rid): (
            status,
            as_datetime(last_done),
            as_date(assigned_on),
        )
        for uid, rid, status, last_done, assigned_on in rows
    }


def as_datetime(value) -> datetime | None:
    """A timestamp as the database returned it from a raw statement (SQLite: naive,
    or text, in UTC) as an aware datetime."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def as_date(value) -> date | None:
    """A date as the database returned it (SQLite: text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


# For callers' own conditions on `status`.
OUTSTANDING_SQL = f"('{Status.OVERDUE}', '{Status.DUE}', '{Status.NOT_STARTED}')"
DONE_SQL = f"('{Status.COMPLETE}', '{Status.EXEMPT}')"
