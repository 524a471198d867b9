"""Engagement and coverage: completions, minutes and active learners month by month,
and how often the learning completed touches each principle and each type of abuse,
beside the share of the board's catalogued reviews that involve it, so a board sees
whether what people learn follows what its reviews found.

A fixed number of queries whatever the number of people or pages: the months (one),
the totals with every principle's and abuse type's figures as conditional aggregates
(one), the taxonomy (two), and the reviews and their tags (two from the
`hub_review_learning` hook, then two per catalogue).

Completions count by the people who made them, active or not (someone who has since
left still learned then), in their current organisation, team and role.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from learning.learnable import tagged_pages_q
from learning.models import AbuseType, Completion, Principle
from learning.permissions import ReportScope
from learning.records.dates import months_after
from learning.reports.charts import bar_chart, line_chart
from learning.reports.filters import ReportFilters
from learning.reports.registry import ReportType
from learning.reports.reviews import review_catalogues
from learning.reports.suppression import (
    NARROWED_NOTE,
    SUPPRESSED,
    compare_wider,
    is_small,
    percentage,
    protect_column,
    suppress_rows,
)
from learning.reports.tables import Chart, Column, Report, ReportTable

MONTHS = 12
# The most months reported: a longer date range is cut to its last MAX_MONTHS.
MAX_MONTHS = 36


def period(filters: ReportFilters, today: date) -> tuple[date, date]:
    """The first and last day reported: the date range (its last MAX_MONTHS months at
    most), or the last 12 months (this one so far and the 11 before it)."""
    last = min(today, filters.until) if filters.until else today
    first = filters.since or months_after(last.replace(day=1), 1 - MONTHS)
    return max(first, months_after(last.replace(day=1), 1 - MAX_MONTHS)), last


def _months(first: date, last: date) -> list[date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = months_after(month, 1)
    return months


def completions_in_scope(
    scope: ReportScope, filters: ReportFilters, first: date, last: date
) -> QuerySet:
    """Completions in the period by people in a partner organisation matching the
    filters (a lead's organisation whatever the filters say), of pages matching the
    principle, abuse type and item."""
    if not scope.partnership_wide:
        filters = replace(filters, organisation=None)
    people = get_user_model().objects.filter(profile__organisation__isnull=False)
    people = people.filter(filters.people_q())
    if not scope.partnership_wide:
        people = people.filter(profile__organisation_id=scope.organisation_id)
    return (
        Completion.objects.filter(user__in=people.values("pk"))
        .filter(filters.pages_q("page_id"))
        .filter(completed_at__date__gte=first, completed_at__date__lte=last)
        .order_by()
    )


# Month by month -------------------------------------------------------------------


def _month_start(value: date | datetime) -> date:
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _month_figures(completions: QuerySet, months: list[date]) -> list[dict]:
    found = {
        _month_start(row["month"]): row
        for row in completions.annotate(month=TruncMonth("completed_at"))
        .values("month")
        .annotate(
            completions=Count("pk"),
            minutes=Coalesce(Sum("minutes"), 0),
            learners=Count("user", distinct=True),
        )
    }
    return [
        {
            "month": month.strftime("%B %Y"),
            "start": month,
            "completions": found.get(month, {}).get("completions", 0),
            "minutes": found.get(month, {}).get("minutes", 0),
            "learners": found.get(month, {}).get("learners", 0),
        }
        for month in months
    ]


def month_rows(
    completions: QuerySet, months: list[date], wider: QuerySet | None = None
) -> list[dict]:
    """One row per month, small months withheld (with the next smallest, as the
    months add up to the period's totals). With `wider` (the completions without
    narrowing filters), a month whose learners differ from it by 1 to 4 is withheld
    too: the completions and minutes of the people left out are then theirs alone."""
    raw = _month_figures(completions, months)
    if wider is not None:
        raw = compare_wider(
            raw, _month_figures(wider, months), key=lambda row: row["start"], figures=("learners",)
        )
    figures = ("completions", "minutes")
    rows = suppress_rows(raw, size_key="learners", figure_keys=figures, has_total=True)
    protect_column(rows, raw, key="learners", hide=("learners", *figures))
    return rows


def _month_label(month: date, rows: list[dict]) -> str:
    """A month on the chart's axis: "Mar", or "Mar 26" when the months shown run past a
    year (the full names are in the table)."""
    return f"{month:%b}" if len(rows) <= MONTHS else f"{month:%b %y}"


# Coverage -------------------------------------------------------------------------


def _tag_q(kind: str, tag) -> Q:
    if kind == "principle":
        return tagged_pages_q(field="page_id", principle=tag)
    return tagged_pages_q(field="page_id", abuse_type=tag)


def _figures(completions: QuerySet, principles, abuse_types) -> dict:
    """The period's totals and each tag's completions and people, in one query."""
    aggregates: dict = {
        "total": Count("pk"),
        "minutes": Coalesce(Sum("minutes"), 0),
        "learners": Count("user", distinct=True),
    }
    for kind, tags in (("principle", principles), ("abuse_type", abuse_types)):
        for tag in tags:
            q = _tag_q(kind, tag)
            aggregates[f"{kind}_{tag.pk}_completions"] = Count("pk", filter=q)
            aggregates[f"{kind}_{tag.pk}_people"] = Count("user", distinct=True, filter=q)
    return completions.aggregate(**aggregates)


def _reviews_by_tag() -> tuple[int, dict[str, dict[int, int]]]:
    """How many reviews the board has catalogued, and how many involve each principle
    and abuse type."""
    total = 0
    counts: dict[str, dict[int, int]] = {"principle": {}, "abuse_type": {}}
    for catalogue in review_catalogues():
        ids = [review.pk for review in catalogue.reviews]
        total += len(ids)
        if not ids:
            continue
        reviews = catalogue.model.objects.filter(pk__in=ids)
        for kind, field in (("principle", "principles"), ("abuse_type", "abuse_types")):
            for row in (
                reviews.filter(**{f"{field}__isnull": False})
                .values(field)
                .annotate(n=Count("pk", distinct=True))
                .order_by()
            ):
                counts[kind][row[field]] = counts[kind].get(row[field], 0) + row["n"]
    return total, counts


def coverage_rows(
    figures: dict,
    kind: str,
    tags,
    review_total: int,
    review_counts,
    wider_figures: dict | None = None,
) -> list[dict]:
    raw = [
        {
            "name": tag.name,
            "completions": figures[f"{kind}_{tag.pk}_completions"],
            "people": figures[f"{kind}_{tag.pk}_people"],
            "reviews": percentage(review_counts.get(tag.pk, 0), review_total),
        }
        for tag in tags
    ]
    if wider_figures is not None:
        wider_raw = [
            {"name": tag.name, "people": wider_figures[f"{kind}_{tag.pk}_people"]} for tag in tags
        ]
        raw = compare_wider(raw, wider_raw, key=lambda row: row["name"], figures=("people",))
    # A page may carry several tags, so the rows overlap and do not add up to the total:
    # no row can be worked out by subtraction, and only small rows are withheld.
    rows = suppress_rows(
        raw, size_key="people", figure_keys=("completions", "share"), has_total=False
    )
    for row in rows:
        row["share"] = percentage(row["completions"], figures["total"])
    return rows


def _coverage_table(slug: str, caption: str, label: str, rows: list[dict]) -> ReportTable:
    return ReportTable(
        slug=slug,
        caption=caption,
        columns=[
            Column("name", label),
            Column("completions", "Completions", numeric=True),
            Column("people", "People", numeric=True),
            Column("share", "Share of all completions", numeric=True, kind="percent"),
            Column("reviews", "Share of the board's reviews", numeric=True, kind="percent"),
        ],
        rows=rows,
        notes=[
            "Learning may be tagged with several principles and types of abuse, so the "
            "shares of completions can add up to more than 100%. The share of reviews is "
            "of every review in the board's catalogue, whatever the filters."
        ],
    )


def _short(text: str, limit: int = 20) -> str:
    # Chart labels have about 30 characters' room; the table beside has the full name.
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _coverage_chart(title: str, table: ReportTable) -> Chart:
    bars = []
    for row in table.rows:
        bars.append((f"{_short(row['name'])}: learning", row["share"]))
        bars.append((f"{_short(row['name'])}: reviews", row["reviews"]))
    return Chart(title=title, svg=bar_chart(title, bars), table_slug=table.slug)


# The report -----------------------------------------------------------------------


def engagement_report(*, scope: ReportScope, filters: ReportFilters, today: date) -> Report:
    first, last = period(filters, today)
    completions = completions_in_scope(scope, filters, first, last)
    wider = (
        completions_in_scope(scope, filters.widened(), first, last)
        if filters.narrows_people
        else None
    )
    notes = [
        "Active learners are the people who completed something that month. A month "
        "with fewer than 5 is withheld, and so are others where the totals would "
        "reveal it."
    ]
    if wider is not None:
        notes.append(NARROWED_NOTE)
    if filters.since and filters.since < first:
        notes.append(
            f"The dates chosen run over more than {MAX_MONTHS} months, so this report (every "
            f"table and figure) covers only the last {MAX_MONTHS}, from {first:%-d %B %Y}."
        )
    months_table = ReportTable(
        slug="months",
        caption="Completions, minutes and active learners by month",
        columns=[
            Column("month", "Month"),
            Column("completions", "Completions", numeric=True),
            Column("minutes", "Minutes of learning", numeric=True),
            Column("learners", "Active learners", numeric=True),
        ],
        rows=month_rows(completions, _months(first, last), wider),
        notes=notes,
    )
    principles, abuse_types = list(Principle.objects.all()), list(AbuseType.objects.all())
    figures = _figures(completions, principles, abuse_types)
    wider_figures = None if wider is None else _figures(wider, principles, abuse_types)
    review_total, review_counts = _reviews_by_tag()
    principles_table = _coverage_table(
        "principles",
        "Learning completed and reviews, by principle",
        "Principle",
        coverage_rows(
            figures,
            "principle",
            principles,
            review_total,
            review_counts["principle"],
            wider_figures,
        ),
    )
    abuse_table = _coverage_table(
        "abuse-types",
        "Learning completed and reviews, by type of abuse or neglect",
        "Type of abuse or neglect",
        coverage_rows(
            figures,
            "abuse_type",
            abuse_types,
            review_total,
            review_counts["abuse_type"],
            wider_figures,
        ),
    )
    small = is_small(figures["learners"]) or (
        wider_figures is not None and is_small(wider_figures["learners"] - figures["learners"])
    )
    summary = [
        ("Period", f"{first:%-d %B %Y} to {last:%-d %B %Y}"),
        ("Completions", SUPPRESSED if small else figures["total"]),
        ("Minutes of learning", SUPPRESSED if small else figures["minutes"]),
        ("Active learners", SUPPRESSED if small else figures["learners"]),
        ("Reviews in the board's catalogue", review_total),
    ]
    charts = [
        Chart(
            title="Completions by month",
            svg=line_chart(
                f"Completions by month, {first:%B %Y} to {last:%B %Y}",
                [
                    (_month_label(row["start"], months_table.rows), row["completions"])
                    for row in months_table.rows
                ],
            ),
            table_slug=months_table.slug,
        ),
        _coverage_chart("Share of completions and of reviews, by principle", principles_table),
        _coverage_chart(
            "Share of completions and of reviews, by type of abuse or neglect", abuse_table
        ),
    ]
    return Report(
        slug="engagement",
        title="Engagement and coverage",
        description=(
            "How much learning people complete month by month, and whether it covers the "
            "principles and types of abuse the board's Safeguarding Adults Reviews involve."
        ),
        tables=[months_table, principles_table, abuse_table],
        charts=charts,
        summary=summary,
    )


REPORT = ReportType(
    slug="engagement",
    title="Engagement and coverage",
    description=(
        "Completions, minutes and active learners by month, and how the learning completed "
        "covers each principle and type of abuse beside what the board's reviews found."
    ),
    build=engagement_report,
)
