"""The compliance report's counts for one day, from one set-wise statement
(learning.required.status.set_wise): every person's status against every requirement
that applies to them, counted per team and per requirement in a single pass, and the
people not complete listed a page at a time. Person by person (annotations.py) a
partnership's report took minutes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connections
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim

from learning.models import Requirement
from learning.required.status import DONE_SQL, OUTSTANDING_SQL, Status, status_statement
from learning.required.status.set_wise import as_date, as_datetime

ORGANISATION_NAME = "profile__organisation__name"
TEAM_NAME = "profile__team__name"
# Outstanding statuses in the order the people table lists them: overdue first.
STANDING_ORDER = (Status.OVERDUE, Status.DUE, Status.NOT_STARTED)


@dataclass
class ComplianceCounts:
    """Per team (organisation and team name): people with required learning and those
    complete or exempt in all of it; per requirement and team: people, complete or
    exempt, overdue, and due or not started."""

    teams: list[dict] = field(default_factory=list)
    requirements: dict[int, list[dict]] = field(default_factory=dict)

    def overall(self, group: tuple[str, ...]) -> list[dict]:
        """People and complete per `group` (organisation, or organisation and team)."""
        return _rolled_up(self.teams, group, ("people", "complete"))

    def outstanding(self) -> int:
        """How many (person, requirement) are overdue, due or not started."""
        return sum(
            row["overdue"] + row["pending"] for rows in self.requirements.values() for row in rows
        )

    def for_requirement(self, requirement_id: int, group: tuple[str, ...]) -> list[dict]:
        return _rolled_up(
            self.requirements.get(requirement_id, []),
            group,
            ("people", "complete", "overdue", "pending"),
        )


def _rolled_up(rows: list[dict], group: tuple[str, ...], figures: tuple[str, ...]) -> list[dict]:
    """Rows per team summed up to `group`, in the order the teams came (by name)."""
    totals: dict[tuple, dict] = {}
    for row in rows:
        key = tuple(row[name] for name in group)
        total = totals.setdefault(
            key, {**dict(zip(group, key, strict=True)), **dict.fromkeys(figures, 0)}
        )
        for figure in figures:
            total[figure] += row[figure]
    return list(totals.values())


def _run(sql: str, params: list, using: str) -> list[tuple]:
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# Constant text only (statuses, column names); every value is a parameter.
_COUNTS_SQL = (
    ", per_person AS (SELECT uid,"  # noqa: S608
    f" SUM(CASE WHEN status IN {OUTSTANDING_SQL} THEN 1 ELSE 0 END) AS outstanding"
    " FROM status GROUP BY uid)"
    " SELECT NULL, p.c0, p.c1, COUNT(*),"
    " SUM(CASE WHEN pp.outstanding = 0 THEN 1 ELSE 0 END), 0, 0"
    " FROM per_person pp JOIN person p ON p.uid = pp.uid GROUP BY p.c0, p.c1"
    " UNION ALL"
    " SELECT s.rid, p.c0, p.c1, COUNT(*),"
    f" SUM(CASE WHEN s.status IN {DONE_SQL} THEN 1 ELSE 0 END),"
    f" SUM(CASE WHEN s.status = '{Status.OVERDUE}' THEN 1 ELSE 0 END),"
    f" SUM(CASE WHEN s.status IN ('{Status.DUE}', '{Status.NOT_STARTED}') THEN 1 ELSE 0 END)"
    " FROM status s JOIN person p ON p.uid = s.uid GROUP BY s.rid, p.c0, p.c1"
    # Names in the database's order, as the tables have always listed them.
    " ORDER BY 2, 3"
)
_STANDING = " ".join(f"WHEN '{status}' THEN {rank}" for rank, status in enumerate(STANDING_ORDER))


def compliance_counts(
    people: QuerySet, requirements: list[Requirement], today: date
) -> ComplianceCounts:
    """Everything the report's overall, teams and requirements tables count, in one
    statement."""
    statement = status_statement(
        people, requirements, today, columns=(ORGANISATION_NAME, TEAM_NAME)
    )
    if statement is None:
        return ComplianceCounts()
    sql = statement.sql + _COUNTS_SQL
    rows = _run(sql, statement.params, people.db)
    counts = ComplianceCounts()
    for rid, organisation, team, total, complete, overdue, pending in rows:
        row = {
            ORGANISATION_NAME: organisation,
            TEAM_NAME: team,
            "people": total,
            "complete": complete or 0,
        }
        if rid is None:
            counts.teams.append(row)
        else:
            row.update(overdue=overdue or 0, pending=pending or 0)
            counts.requirements.setdefault(rid, []).append(row)
    return counts


def _shown(people: QuerySet) -> QuerySet:
    """People with `shown_name`: the name they are shown by (User.__str__)."""
    return people.annotate(
        shown_name=Coalesce(
            NullIf(Trim(Concat("first_name", Value(" "), "last_name")), Value("")),
            "email",
            output_field=CharField(),
        )
    )


@dataclass(frozen=True)
class OutstandingRow:
    """One person's requirement not complete: for the people table."""

    user_id: int
    requirement_id: int
    status: str
    team: str
    name: str
    # What the due date is worked out from (status.person.status_from_standing).
    joined: datetime
    last_done: datetime | None
    assigned_on: date | None


def outstanding_rows(
    people: QuerySet,
    requirements: list[Requirement],
    today: date,
    *,
    offset: int = 0,
    limit: int | None = None,
    chunk_size: int = 2_000,
) -> Iterator[OutstandingRow]:
    """Each person's requirements not complete or exempt: overdue, then due, then not
    started, each by name, then in the order of `requirements`. One statement, read
    `chunk_size` rows at a time; with `limit`, only that many from `offset`."""
    statement = status_statement(
        _shown(people.filter(is_active=True)),
        requirements,
        today,
        columns=(TEAM_NAME, "shown_name"),
    )
    if statement is None:
        return
    position = " ".join(["WHEN %s THEN %s"] * len(requirements))
    params = [*statement.params]
    for index, requirement in enumerate(requirements):
        params += [requirement.pk, index]
    # Constant text; the requirements' positions are parameters.
    listing = (
        " SELECT s.uid, s.rid, s.status, p.c0, p.c1, p.joined, s.last_done, s.assigned_on"  # noqa: S608
        " FROM status s JOIN person p ON p.uid = s.uid"
        f" WHERE s.status IN {OUTSTANDING_SQL}"
        f" ORDER BY CASE s.status {_STANDING} END, p.c1, CASE s.rid {position} END, s.uid"
    )
    sql = statement.sql + listing
    if limit is not None:
        sql += " LIMIT %s OFFSET %s"
        params += [limit, offset]
    connection = connections[people.db]
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            for uid, rid, status, team, name, joined, last_done, assigned_on in rows:
                yield OutstandingRow(
                    user_id=uid,
                    requirement_id=rid,
                    status=status,
                    team=team or "",
                    name=name,
                    joined=as_datetime(joined),
                    last_done=as_datetime(last_done),
                    assigned_on=as_date(assigned_on),
                )
