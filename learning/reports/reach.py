"""Reach of review learning: for each Safeguarding Adults Review in the board's
catalogue, how many people in each partner organisation have completed the learning
that teaches it (the review's own page, or any briefing drawing on it), as a count and
as a share of the organisation's headcount, and how that grew week by week since the
review was published.

The reviews come from the content app through the `hub_review_learning` hook
(learning.reports.reviews). Everything else is a fixed number of queries whatever the
number of people: headcounts (one), people completed per review and organisation (one),
and people completing for the first time per review and week (one).

Headcount is the active people with a profile in the organisation, under the filters;
"completed" counts the same people, so a share never passes 100%.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, QuerySet, Value, When
from django.db.models.functions import TruncWeek
from django.utils import timezone
from wagtail.models import Page

from learning.learnable import tagged_pages_q
from learning.models import Completion
from learning.permissions import ReportScope
from learning.reports.charts import bar_chart, line_chart
from learning.reports.filters import ReportFilters
from learning.reports.registry import ReportType
from learning.reports.reviews import ReviewLearning, catalogued_reviews
from learning.reports.suppression import (
    SMALL_GROUP,
    SUPPRESSED,
    percentage,
    protect_column,
    suppress_count,
    suppress_rows,
)
from learning.reports.tables import Chart, Column, Report, ReportTable

WEEKS_SHOWN = 26
# The most weeks a weekly table holds, whatever the dates: the last MAX_WEEKS.
MAX_WEEKS = 104
ALL_ORGANISATIONS = "All organisations"


# Which reviews, and which pages teach each ------------------------------------------


def reviews_in_scope(filters: ReportFilters) -> list[ReviewLearning]:
    """The catalogued reviews the filters choose. A learning item narrows the report to
    the review it is or teaches; a briefing chosen as the item counts only its own
    completions. The principle and abuse-type filters keep reviews tagged with them."""
    reviews = catalogued_reviews()
    if filters.item is not None:
        item = filters.item.pk
        reviews = [
            review if item == review.pk else replace(review, page_ids=frozenset({item}))
            for review in reviews
            if item in review.page_ids
        ]
    if reviews and (filters.principle is not None or filters.abuse_type is not None):
        tagged = set(
            Page.objects.filter(pk__in=[review.pk for review in reviews])
            .filter(
                tagged_pages_q(
                    field="pk", principle=filters.principle, abuse_type=filters.abuse_type
                )
            )
            .values_list("pk", flat=True)
        )
        reviews = [review for review in reviews if review.pk in tagged]
    return reviews


def _review_of_page(reviews: list[ReviewLearning]) -> Case:
    """The review a completed page teaches (each page teaches at most one)."""
    return Case(
        *[When(page_id__in=sorted(review.page_ids), then=Value(review.pk)) for review in reviews],
        default=Value(None),
        output_field=IntegerField(),
    )


# The people counted ---------------------------------------------------------------


def people_in_scope(scope: ReportScope, filters: ReportFilters) -> QuerySet:
    """Active people with a profile in a partner organisation, under the filters; a
    lead's organisation is applied here too, whatever the filters say."""
    if not scope.partnership_wide:
        filters = replace(filters, organisation=None)
    people = (
        get_user_model()
        .objects.filter(is_active=True, profile__organisation__isnull=False)
        .filter(filters.people_q())
    )
    if not scope.partnership_wide:
        people = people.filter(profile__organisation_id=scope.organisation_id)
    return people


def _completions(
    people: QuerySet, reviews: list[ReviewLearning], filters: ReportFilters
) -> QuerySet:
    page_ids = sorted({pk for review in reviews for pk in review.page_ids})
    return (
        Completion.objects.filter(page_id__in=page_ids, user__in=people.values("pk"))
        .filter(filters.dates_q("completed_at"))
        .annotate(review=_review_of_page(reviews))
        .order_by()
    )


def _headcounts(people: QuerySet) -> list[dict]:
    return list(
        people.values("profile__organisation", "profile__organisation__name")
        .annotate(headcount=Count("pk"))
        .order_by("profile__organisation__name")
    )


def _completed_by_review_and_organisation(completions: QuerySet) -> dict[tuple, int]:
    rows = completions.values("review", "user__profile__organisation").annotate(
        people=Count("user", distinct=True)
    )
    return {(row["review"], row["user__profile__organisation"]): row["people"] for row in rows}


def _first_completions_by_week(
    completions: QuerySet, reviews: list[ReviewLearning], filters: ReportFilters
) -> dict[tuple[int, date], int]:
    """People completing a review's learning for the first time, per review and week
    (the Monday it began): a completion counts when the same person has no earlier one
    of that review's pages in the date range."""
    earlier = (
        Completion.objects.filter(user=OuterRef("user"), completed_at__lt=OuterRef("completed_at"))
        .filter(page_id__in=sorted({pk for review in reviews for pk in review.page_ids}))
        .filter(filters.dates_q("completed_at"))
        .annotate(review=_review_of_page(reviews))
        .filter(review=OuterRef("review"))
    )
    rows = (
        completions.filter(~Exists(earlier))
        .annotate(week=TruncWeek("completed_at"))
        .values("review", "week")
        .annotate(people=Count("user", distinct=True))
    )
    return {(row["review"], _as_date(row["week"])): row["people"] for row in rows}


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


# Small numbers --------------------------------------------------------------------


def organisation_rows(raw: list[dict], *, with_total: bool) -> list[dict]:
    """One review's rows (organisation, completed, headcount) with small numbers
    suppressed, each with its share, and a total row when `with_total`."""
    rows = suppress_rows(
        raw,
        size_key="headcount",
        count_keys=("completed",),
        figure_keys=("share",),
        has_total=with_total,
    )
    hide_total: set[str] = set()
    if with_total:
        if protect_column(rows, raw, key="headcount", hide=("headcount", "completed", "share")):
            hide_total |= {"headcount", "completed"}
        if protect_column(rows, raw, key="completed", hide=("completed", "share")):
            hide_total.add("completed")
    for row in rows:
        row["share"] = percentage(row["completed"], row["headcount"])
    if with_total:
        headcount = sum(row["headcount"] for row in raw)
        completed = sum(row["completed"] for row in raw)
        total = {
            "organisation": ALL_ORGANISATIONS,
            "headcount": SUPPRESSED if "headcount" in hide_total else suppress_count(headcount),
            "completed": SUPPRESSED if "completed" in hide_total else suppress_count(completed),
        }
        total["share"] = percentage(total["completed"], total["headcount"])
        rows.append(total)
    return rows


def _apart(one: int, other: int) -> bool:
    """Two counts of people whose difference is not a small group."""
    return abs(one - other) == 0 or abs(one - other) >= SMALL_GROUP


def cumulative_rows(
    new_by_week: dict[date, int], weeks: list[date], published_week: date
) -> list[dict]:
    """Cumulative people completed at the end of each week, from the first completions
    per week. A figure is shown only when it is none or at least five people apart from
    the last one shown and from the final total (shown in the table by organisation),
    so no week's newcomers can be worked out as a small group by subtraction."""
    running = sum(people for week, people in new_by_week.items() if week < weeks[0])
    final = running + sum(people for week, people in new_by_week.items() if week >= weeks[0])
    final_shown = _apart(final, 0)
    last_shown = 0
    rows = []
    for week in weeks:
        running += new_by_week.get(week, 0)
        shown: int | object = SUPPRESSED
        if _apart(running, last_shown) and (not final_shown or _apart(final, running)):
            shown = last_shown = running
        rows.append(
            {
                "start": week,
                "week": week.strftime("%-d %B %Y"),
                "number": (week - published_week).days // 7 + 1,
                "people": shown,
            }
        )
    return rows


# The report -----------------------------------------------------------------------


def _weeks(
    review: ReviewLearning, filters: ReportFilters, today: date
) -> tuple[date, list[date], int]:
    """The week of publication, the weeks to show (the last MAX_WEEKS at most) and how
    many weeks the dates chosen hold."""
    published = _as_date(review.published_at) if review.published_at else today
    first = _monday(max(published, filters.since) if filters.since else published)
    last = _monday(min(today, filters.until) if filters.until else today)
    total = max(0, (last - first).days // 7 + 1)
    if total > MAX_WEEKS:
        first = last - timedelta(weeks=MAX_WEEKS - 1)
    weeks = []
    week = first
    while week <= last:
        weeks.append(week)
        week += timedelta(days=7)
    return _monday(published), weeks, total


def _weekly_table(
    review: ReviewLearning,
    new_by_week: dict[date, int],
    filters: ReportFilters,
    today: date,
    *,
    limit: int | None,
) -> ReportTable:
    published_week, weeks, total = _weeks(review, filters, today)
    rows = cumulative_rows(new_by_week, weeks, published_week) if weeks else []
    notes = [
        "Week 1 is the week the review was published; each figure counts everyone who has "
        "completed its learning by the end of that week. A figure that would reveal fewer "
        "than 5 people completing since the last one shown is withheld."
    ]
    if limit is not None and len(rows) > limit:
        notes.append(
            f"Showing the last {limit} of {total} weeks. Choose this review as the learning "
            f"item to see {'every week' if total <= MAX_WEEKS else f'the last {MAX_WEEKS}'}, "
            "with a chart."
        )
        rows = rows[-limit:]
    elif total > len(rows):
        notes.append(
            f"Showing the last {len(rows)} of {total} weeks. Choose an earlier end date to see "
            "earlier weeks."
        )
    return ReportTable(
        slug=f"weeks-{review.pk}",
        caption=f"{review.title}: people who have completed its learning, week by week",
        columns=[
            Column("week", "Week beginning"),
            Column("number", "Week since publication", numeric=True),
            Column("people", "People completed", numeric=True),
        ],
        rows=rows,
        empty_text="No weeks in the dates chosen.",
        notes=notes,
    )


def reach_report(*, scope: ReportScope, filters: ReportFilters, today: date) -> Report:
    reviews = reviews_in_scope(filters)
    people = people_in_scope(scope, filters)
    headcounts = _headcounts(people)
    completed: dict[tuple, int] = {}
    first_by_week: dict[tuple[int, date], int] = {}
    if reviews:
        completions = _completions(people, reviews, filters)
        completed = _completed_by_review_and_organisation(completions)
        first_by_week = _first_completions_by_week(completions, reviews, filters)

    with_total = len(headcounts) > 1
    rows: list[dict] = []
    totals: list[tuple[str, object]] = []
    for review in reviews:
        raw = [
            {
                "organisation": row["profile__organisation__name"],
                "completed": completed.get((review.pk, row["profile__organisation"]), 0),
                "headcount": row["headcount"],
            }
            for row in headcounts
        ]
        shown = organisation_rows(raw, with_total=with_total)
        totals.append((review.short_name, shown[-1]["share"] if shown else None))
        rows.extend(dict(row, review=review.title) for row in shown)

    by_organisation = ReportTable(
        slug="organisations",
        caption="People who have completed each review's learning, by organisation",
        columns=[
            Column("review", "Review"),
            Column("organisation", "Organisation"),
            Column("completed", "People completed", numeric=True),
            Column("headcount", "Headcount", numeric=True),
            Column("share", "Share of headcount", numeric=True, kind="percent"),
        ],
        rows=rows,
        empty_text="No review in the catalogue matches these filters."
        if filters.in_use
        else "The board has not catalogued any reviews yet.",
        notes=[
            "A person has completed a review's learning when they have completed the "
            "review's page or any briefing drawing on it. Headcount is the active people "
            "in the organisation matching the filters. Figures for fewer than 5 people are "
            "withheld, and so is the next smallest where the total would reveal them."
        ],
    )

    single = filters.item is not None and len(reviews) == 1
    weekly = [
        _weekly_table(
            review,
            {week: n for (pk, week), n in first_by_week.items() if pk == review.pk},
            filters,
            today,
            limit=None if single else WEEKS_SHOWN,
        )
        for review in reviews
    ]
    charts = []
    if single:
        charts.append(
            Chart(
                title=f"People who have completed the learning from {reviews[0].title}",
                svg=line_chart(
                    f"People who have completed the learning from {reviews[0].title}, "
                    "by week since publication",
                    [(f"{row['start']:%-d %b %Y}", row["people"]) for row in weekly[0].rows],
                ),
                table_slug=weekly[0].slug,
            )
        )
    elif reviews:
        charts.append(
            Chart(
                title="Share of headcount who have completed each review's learning",
                svg=bar_chart(
                    "Share of headcount who have completed each review's learning", totals
                ),
                table_slug=by_organisation.slug,
            )
        )
    return Report(
        slug="reach",
        title="Reach of review learning",
        description=(
            "For each Safeguarding Adults Review the board has catalogued, how many people "
            "in each partner organisation have completed the learning that teaches it, and "
            "how that has grown week by week since the review was published."
        ),
        tables=[by_organisation, *weekly],
        charts=charts,
        summary=[("Reviews shown", len(reviews))],
    )


REPORT = ReportType(
    slug="reach",
    title="Reach of review learning",
    description=(
        "How many people in each partner organisation have completed the learning from "
        "each Safeguarding Adults Review, and how that grew week by week."
    ),
    build=reach_report,
)
