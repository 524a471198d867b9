"""Compliance with required learning: per organisation and team, the share of people
complete for each requirement and overall, against the board's target, with a RAG
status and the trend by month. Organisation leads also see who in their organisation
is not complete, by name; SAB managers never do.

Statuses come from learning.required.status (the one place they are computed): for
today, everyone's status against every requirement counted set-wise in one statement
(compliance_counts), which the overall, teams and requirements tables all read; the
trend is one more for all its months (status.done_counts); a page of the people table
is one count and one page of rows. A fixed number of queries whatever the number of
people or requirements.

"Complete" counts people complete or exempt; the share is of everyone in the audience.
A person is complete overall when nothing required of them is outstanding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, partial
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.urls import reverse

from learning.audit.context import current_request
from learning.audit.record_views import record_list_view
from learning.models import ReportSettings, Requirement
from learning.permissions import ReportScope
from learning.records.dates import months_after
from learning.reports.charts import bar_chart, line_chart
from learning.reports.compliance_counts import (
    ComplianceCounts,
    OutstandingRow,
    compliance_counts,
    outstanding_rows,
)
from learning.reports.filters import ReportFilters, held_to_scope
from learning.reports.registry import ReportType
from learning.reports.suppression import (
    NARROWED_NOTE,
    NEARLY_ALL,
    SMALL_GROUP,
    SUPPRESSED,
    compare_wider,
    is_suppressed,
    percentage,
    protect_parts_and_columns,
    suppress_rows,
)
from learning.reports.tables import Chart, Column, PagedRows, Report, ReportTable, in_pages
from learning.required.status import (
    AUDIENCE_PREFETCH,
    Standing,
    Status,
    done_counts,
    status_from_standing,
)

DONE = (Status.COMPLETE, Status.EXEMPT)
OUTSTANDING = (Status.NOT_STARTED, Status.DUE, Status.OVERDUE)
TREND_MONTHS = 12

ORGANISATION = ("profile__organisation__name",)
TEAM = ("profile__organisation__name", "profile__team__name")


def rag(share, target: int, margin: int) -> str:
    """Green at or above the target, amber up to `margin` points below, red below."""
    if share is None or is_suppressed(share):
        return ""
    if share >= target:
        return "green"
    if share >= target - margin:
        return "amber"
    return "red"


def row_rag(row: dict, target: int, margin: int) -> str:
    """A shown row's RAG status. Where its share is withheld because all but 1 to 4 of
    its people are complete, the status is still shown if it is the same whichever of
    those it is (so it tells nothing the row does not)."""
    if row["share"] is not NEARLY_ALL:
        return rag(row["share"], target, margin)
    people = row["people"]
    lowest, highest = (
        rag(percentage(people - rest, people), target, margin) for rest in (SMALL_GROUP - 1, 1)
    )
    return lowest if lowest == highest else ""


def requirements_in_scope(scope: ReportScope, filters: ReportFilters) -> QuerySet[Requirement]:
    """Active requirements the report covers: every one for the partnership; for a lead,
    the partnership's and their own organisation's. The item, principle and abuse-type
    filters keep those with a matching page."""
    requirements = Requirement.objects.filter(is_active=True)
    if not scope.partnership_wide:
        requirements = requirements.filter(
            Q(organisation__isnull=True) | Q(organisation_id=scope.organisation_id)
        )
    elif filters.organisation is not None:
        requirements = requirements.filter(
            Q(organisation__isnull=True) | Q(organisation=filters.organisation)
        )
    pages = filters.pages_q(field="pages__id")
    if pages:
        requirements = requirements.filter(pages).distinct()
    return requirements.prefetch_related(*AUDIENCE_PREFETCH).order_by("title", "pk")


def _people(filters: ReportFilters) -> QuerySet:
    return get_user_model().objects.filter(filters.people_q())


def _group_label(row: dict, group: tuple[str, ...]) -> str:
    if group == TEAM:
        return f"{row['profile__team__name'] or 'No team'} ({row['profile__organisation__name']})"
    return row["profile__organisation__name"]


def _overall_counts(counts: ComplianceCounts, group: tuple[str, ...]) -> list[dict]:
    """People with required learning, and those complete overall, per group."""
    return counts.overall(group)


def _requirement_counts(
    counts: ComplianceCounts, requirement: Requirement, group: tuple[str, ...]
) -> list[dict]:
    return counts.for_requirement(requirement.pk, group)


def _group_key(group: tuple[str, ...]):
    return lambda row: tuple(row[name] for name in group)


def _counted(count, among, wider, key, figures) -> list[dict]:
    """count(among), each row set beside count(wider) when the filters pick some of an
    organisation's people (`wider` not None), so that no difference between the two
    gives a small group. `among` and `wider` are what `count` reads: people, or the
    statuses counted for them (ComplianceCounts)."""
    rows = count(among)
    if wider is None:
        return rows
    return compare_wider(rows, count(wider), key=key, figures=figures)


def _finish_rows(
    rows: list[dict], group, settings: ReportSettings, count_keys, *, parts: bool = False
) -> list[dict]:
    """Labels, suppression, shares and RAG. Teams are suppressed as the siblings of
    their organisation, whose own figures are shown (and add up from them). With
    `parts`, the counts are parts of each row's people (adding up to it), so any one
    would follow from the others: withheld ones are protected as such."""
    if group == TEAM:
        by_organisation: dict[str, list[dict]] = {}
        for row in rows:
            by_organisation.setdefault(row["profile__organisation__name"], []).append(row)
        return [
            finished
            for siblings in by_organisation.values()
            for finished in _finish_siblings(siblings, group, settings, count_keys, parts)
        ]
    return _finish_siblings(rows, group, settings, count_keys, parts)


def _finish_siblings(
    rows: list[dict], group, settings: ReportSettings, count_keys, parts: bool = False
) -> list[dict]:
    shown = suppress_rows(
        [dict(row, group=_group_label(row, group)) for row in rows],
        size_key="people",
        count_keys=count_keys,
        figure_keys=("share", "rag"),
    )
    if parts:
        protect_parts_and_columns(shown, rows, parts=count_keys, size_key="people")
    for row in shown:
        if row["suppressed"]:
            row["share"] = row["rag"] = row["people"]
            continue
        row["share"] = percentage(row["complete"], row["people"])
        row["rag"] = row_rag(row, settings.compliance_target, settings.amber_margin)
    return shown


def _overall_table(rows, group, settings, caption: str, slug: str) -> ReportTable:
    return ReportTable(
        slug=slug,
        caption=caption,
        columns=[
            Column("group", "Team" if group == TEAM else "Organisation"),
            Column("people", "People with required learning", numeric=True),
            Column("complete", "Complete or exempt", numeric=True),
            Column("share", "Share complete", numeric=True, kind="percent"),
            Column("rag", "Against target", kind="rag"),
        ],
        rows=_finish_rows(rows, group, settings, ("complete",)),
        empty_text="Nobody here has required learning yet.",
    )


def _requirements_table(basis: _Basis) -> ReportTable:
    rows: list[dict] = []
    group, settings = basis.group, basis.settings
    count_keys = ("complete", "overdue", "pending")
    for requirement in basis.requirements:
        counts = _counted(
            lambda counts, requirement=requirement: _requirement_counts(counts, requirement, group),
            basis.counts,
            basis.wider_counts,
            key=_group_key(group),
            figures=("people", *count_keys),
        )
        for row in _finish_rows(counts, group, settings, count_keys, parts=True):
            rows.append(dict(row, requirement=requirement.title))
    return ReportTable(
        slug="requirements",
        caption="Each requirement",
        columns=[
            Column("requirement", "Requirement"),
            Column("group", "Team" if group == TEAM else "Organisation"),
            Column("people", "People", numeric=True),
            Column("complete", "Complete or exempt", numeric=True),
            Column("overdue", "Overdue", numeric=True),
            Column("pending", "Due or not started", numeric=True),
            Column("share", "Share complete", numeric=True, kind="percent"),
            Column("rag", "Against target", kind="rag"),
        ],
        # Every requirement by every organisation or team: thousands of rows.
        rows=in_pages(rows, "requirements_page"),
        empty_text="No required learning matches these filters.",
    )


def _month_ends(today: date, filters: ReportFilters) -> list[date]:
    last = min(today, filters.until) if filters.until else today
    ends = []
    for back in range(TREND_MONTHS - 1, -1, -1):
        first_of_next = months_after(last.replace(day=1), 1 - back)
        end = min(last, first_of_next - timedelta(days=1))
        if filters.since and end < filters.since:
            continue
        ends.append(end)
    return ends


def _month_totals(people, requirements, month_ends: list[date]) -> list[dict]:
    """People with required learning at each month end, and those complete overall
    then: one query for all the months, counted set-wise (status.done_counts)."""
    return [
        {"month": count.day.strftime("%B %Y"), "people": count.people, "complete": count.complete}
        for count in done_counts(people, requirements, month_ends)
    ]


def _trend_table(people, wider, requirements, today, filters, settings) -> ReportTable:
    """Overall compliance at the end of each month (today for this month). People are
    counted in their current organisation, team and role, from the day they joined."""
    month_ends = _month_ends(today, filters)
    rows = _counted(
        lambda among: _month_totals(among, requirements, month_ends),
        people,
        wider,
        key=lambda row: row["month"],
        figures=("people", "complete"),
    )
    shown = suppress_rows(
        rows, size_key="people", count_keys=("complete",), figure_keys=("share",), has_total=False
    )
    for row in shown:
        if not row["suppressed"]:
            row["share"] = percentage(row["complete"], row["people"])
    return ReportTable(
        slug="trend",
        caption="Overall compliance by month",
        columns=[
            Column("month", "Month"),
            Column("people", "People with required learning", numeric=True),
            Column("complete", "Complete or exempt", numeric=True),
            Column("share", "Share complete", numeric=True, kind="percent"),
        ],
        rows=shown,
        notes=[
            "Each month counts people in their current organisation, team and role, from "
            "the day they joined the hub. The date filters choose the months shown."
        ],
    )


# Rows read from the database at a time for the people table.
PEOPLE_CHUNK = 2_000
# Rows of the people table on one web page: a lead's organisation may have 100,000.
PEOPLE_PER_PAGE = 100
# A person id no one has, written into a record link once and swapped for each
# person's: reversing the URL for every row of a 100,000-row export takes seconds.
_ANY_ID = 987_654_321


def _due_on(row: OutstandingRow, requirement: Requirement, today: date) -> date | None:
    """The row's due date, from the values the statement gave with its status."""
    person = SimpleNamespace(pk=row.user_id, date_joined=row.joined)
    standing = Standing(
        status=row.status, last=row.last_done, assigned_on=row.assigned_on, exempt_until=None
    )
    return status_from_standing(requirement, person, standing, today).due_on


def outstanding_people_rows(
    people: QuerySet,
    requirements: list[Requirement],
    today: date,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> Iterator[dict]:
    """The people table's rows, one per person and requirement not complete: overdue,
    then due, then not started, each by name. One statement, read PEOPLE_CHUNK rows at
    a time, so a lead's export of thousands of rows holds a chunk, never the table.
    With `limit`, only that many rows from `offset`, for a web page of the table."""
    for _person_id, row in _outstanding_people(
        people, requirements, today, offset=offset, limit=limit
    ):
        yield row


def _outstanding_people(
    people: QuerySet,
    requirements: list[Requirement],
    today: date,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> Iterator[tuple[int, dict]]:
    """outstanding_people_rows's rows, each with the id of the person it is about."""
    if not requirements:
        return
    link = reverse("records:person_learning", args=[_ANY_ID]).replace(str(_ANY_ID), "{}")
    by_id = {requirement.pk: requirement for requirement in requirements}
    found = outstanding_rows(
        people, requirements, today, offset=offset, limit=limit, chunk_size=PEOPLE_CHUNK
    )
    for row in found:
        due_on = _due_on(row, by_id[row.requirement_id], today)
        yield (
            row.user_id,
            {
                "name": (row.name, link.format(row.user_id)),
                "team": row.team,
                "requirement": by_id[row.requirement_id].title,
                "status": Status(row.status).label,
                "due_on": due_on.strftime("%-d %B %Y") if due_on else "",
            },
        )


def _people_page_shown(
    people: QuerySet, requirements: list[Requirement], today: date, offset: int, limit: int
) -> list[dict]:
    """One web page of the people table, its people recorded as seen by the viewer
    (learning.audit.record_views): the page is only read to be shown to them."""
    found = list(_outstanding_people(people, requirements, today, offset=offset, limit=limit))
    request = current_request()
    if request is not None:
        record_list_view(
            request,
            (person_id for person_id, _row in found),
            "the compliance report's “People not yet complete” table",
        )
    return [row for _person_id, row in found]


def _outstanding_people_table(basis: _Basis) -> ReportTable:
    """For an organisation lead: everyone in the organisation not complete, overdue
    first, then due soon, then not started, each by name. Read when shown or exported,
    not when the report is built: all of it for an export, one page of PEOPLE_PER_PAGE
    rows for the web page (`?people_page=`), whose count is the other tables' (the
    rows are the requirements each person is overdue, due or not started in)."""
    people, requirements, today = basis.people, basis.requirements, basis.today
    return ReportTable(
        slug="people",
        caption="People not yet complete",
        columns=[
            Column("name", "Name", kind="link"),
            Column("team", "Team"),
            Column("requirement", "Requirement"),
            Column("status", "Status"),
            Column("due_on", "Due"),
        ],
        rows=PagedRows(
            partial(outstanding_people_rows, people, requirements, today),
            count=lambda: basis.counts.outstanding(),
            window=partial(_people_page_shown, people, requirements, today),
            parameter="people_page",
            per_page=PEOPLE_PER_PAGE,
        ),
        empty_text="Everyone is complete or exempt.",
        people_ids=lambda: {
            person_id for person_id, _row in _outstanding_people(people, requirements, today)
        },
    )


def follow_organisations(team_rows: list[dict], organisation_rows: list[dict]) -> None:
    """Teams add up to their organisation: where the organisation's table withholds its
    count complete (to protect another organisation), its teams' counts would give it
    back, so theirs are withheld too; and all of its teams where it is withheld whole."""
    withheld = {
        row["profile__organisation__name"]: row
        for row in organisation_rows
        if row["suppressed"] or row["complete"] is SUPPRESSED
    }
    for row in team_rows:
        organisation = withheld.get(row["profile__organisation__name"])
        if organisation is None:
            continue
        keys = ("people", "complete", "share", "rag") if organisation["suppressed"] else ()
        if row["complete"] != 0:
            keys = keys or ("complete", "share")
        for key in keys:
            row[key] = SUPPRESSED
        if keys and "rag" not in keys:
            row["rag"] = ""
        row["suppressed"] = row["suppressed"] or bool(organisation["suppressed"])


def _sum_counts(rows: list[dict]) -> dict:
    return {
        "people": sum(row["people"] for row in rows),
        "complete": sum(row["complete"] for row in rows),
    }


@dataclass(frozen=True)
class _Basis:
    """What every table of the report is counted from."""

    scope: ReportScope
    filters: ReportFilters
    today: date
    settings: ReportSettings
    requirements: list[Requirement]
    people: QuerySet
    # The organisation's people when the filters pick some of them, else None.
    wider: QuerySet | None
    group: tuple[str, ...]

    @cached_property
    def counts(self) -> ComplianceCounts:
        """Everyone's statuses today, counted once for every table that needs them."""
        return compliance_counts(self.people, self.requirements, self.today)

    @cached_property
    def wider_counts(self) -> ComplianceCounts | None:
        """The same for the organisation's wider people, when the filters narrow them."""
        if self.wider is None:
            return None
        return compliance_counts(self.wider, self.requirements, self.today)


def _basis(scope: ReportScope, filters: ReportFilters, today: date) -> _Basis:
    filters = held_to_scope(scope, filters)
    return _Basis(
        scope=scope,
        filters=filters,
        today=today,
        settings=ReportSettings.load(),
        requirements=list(requirements_in_scope(scope, filters)),
        people=_people(filters),
        wider=_people(filters.widened()) if filters.narrows_people else None,
        group=ORGANISATION if scope.partnership_wide and filters.organisation is None else TEAM,
    )


def _overall(basis: _Basis) -> tuple[ReportTable, list[dict], list[dict] | None]:
    """The overall table, with the counts it was made from (and the wider ones)."""
    group = basis.group
    overall_rows = _overall_counts(basis.counts, group)
    wider_counts = basis.wider_counts
    wider_rows = _overall_counts(wider_counts, group) if wider_counts is not None else None
    overall = _overall_table(
        overall_rows
        if wider_rows is None
        else compare_wider(
            overall_rows, wider_rows, key=_group_key(group), figures=("people", "complete")
        ),
        group,
        basis.settings,
        caption="By team" if group == TEAM else "By organisation",
        slug="overall",
    )
    if basis.wider is not None:
        overall.notes.append(NARROWED_NOTE)
    return overall, overall_rows, wider_rows


def _teams_table(basis: _Basis, overall: ReportTable) -> ReportTable:
    """Partnership-wide, each team beside the organisations of the overall table."""
    teams = _counted(
        lambda counts: _overall_counts(counts, TEAM),
        basis.counts,
        basis.wider_counts,
        key=_group_key(TEAM),
        figures=("people", "complete"),
    )
    teams_table = _overall_table(teams, TEAM, basis.settings, caption="By team", slug="teams")
    follow_organisations(teams_table.rows, overall.rows)
    # Every team in the partnership: hundreds of rows.
    teams_table.rows = in_pages(teams_table.rows, "teams_page")
    return teams_table


def _other_tables(basis: _Basis) -> dict[str, Callable[[], ReportTable]]:
    """The tables after the overall and teams ones, in the order shown, each built
    when called."""
    people, wider, requirements, today = basis.people, basis.wider, basis.requirements, basis.today
    tables = {
        "requirements": lambda: _requirements_table(basis),
        "trend": lambda: _trend_table(
            people, wider, requirements, today, basis.filters, basis.settings
        ),
    }
    if basis.scope.names:
        tables["people"] = lambda: _outstanding_people_table(basis)
    return tables


def compliance_table(
    *, scope: ReportScope, filters: ReportFilters, today: date, slug: str
) -> ReportTable | None:
    """One table of the report, exactly as compliance_report builds it, counting only
    what that table needs (None if the report has no such table): an export of the
    people table must not first count every other table, the twelve months of the
    trend above all."""
    basis = _basis(scope, filters, today)
    others = _other_tables(basis)
    if slug in others:
        return others[slug]()
    if slug == "overall" or (slug == "teams" and basis.group == ORGANISATION):
        overall = _overall(basis)[0]
        return overall if slug == "overall" else _teams_table(basis, overall)
    return None


def compliance_report(*, scope: ReportScope, filters: ReportFilters, today: date) -> Report:
    basis = _basis(scope, filters, today)
    settings, requirements, group = basis.settings, basis.requirements, basis.group
    overall, overall_rows, wider_rows = _overall(basis)
    tables = [overall]
    if group == ORGANISATION:
        tables.append(_teams_table(basis, overall))
    tables += [build() for build in _other_tables(basis).values()]
    trend = next(table for table in tables if table.slug == "trend")

    totals = [_sum_counts(overall_rows)]
    if wider_rows is not None:
        totals = compare_wider(
            totals, [_sum_counts(wider_rows)], key=lambda row: (), figures=("people", "complete")
        )
    total = suppress_rows(
        totals,
        size_key="people",
        count_keys=("complete",),
        has_total=False,
    )[0]
    overall_share = (
        total["people"] if total["suppressed"] else percentage(total["complete"], total["people"])
    )
    target = settings.compliance_target
    charts = [
        Chart(
            title=f"Share complete by {'team' if group == TEAM else 'organisation'}",
            svg=bar_chart(
                f"Share of people complete by {'team' if group == TEAM else 'organisation'}",
                [(row["group"], row["share"]) for row in overall.rows],
                target=target,
            ),
            table_slug="overall",
        ),
        Chart(
            title="Overall compliance by month",
            svg=line_chart(
                "Overall share complete by month",
                [(row["month"], row["share"]) for row in trend.rows],
                unit="%",
                maximum=100,
            ),
            table_slug="trend",
        ),
    ]
    summary = [
        ("Board's target", f"{target}%"),
        (
            "Overall share complete",
            "no required learning yet"
            if overall_share is None
            else (overall_share if is_suppressed(overall_share) else f"{overall_share:g}%"),
        ),
        ("People with required learning", total["people"]),
        ("Requirements", len(requirements)),
    ]
    return Report(
        slug="compliance",
        title="Compliance with required learning",
        description=(
            "The share of people who have completed their required learning (or are exempt "
            "from it), for each requirement and overall, against the board's target."
        ),
        tables=tables,
        charts=charts,
        summary=summary,
    )


REPORT = ReportType(
    slug="compliance",
    title="Compliance with required learning",
    description=(
        "Who has completed the learning the board and organisations require, by organisation "
        "and team, against the target, month by month."
    ),
    build=compliance_report,
    build_table=compliance_table,
)
