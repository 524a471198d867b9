"""Reach of review learning: for each Safeguarding Adults Review in the board's
catalogue, how many people in each partner organisation have completed the learning
that teaches it (the review's own page, or any briefing drawing on it), as a count and
as a share of the organisation's headcount, and how that grew week by week since the
review was published.

The reviews come from the content app through the `hub_review_learning` hook
(learning.reports.reviews). Everything else is a fixed number of queries whatever the
number of people: headcounts (one), and people completed per review and organisation
with people completing for the first time per review and week (one).

Headcount is the active people with a profile in the organisation, under the filters;
"completed" counts the same people, so a share never passes 100%.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import Case, Count, F, IntegerField, Min, QuerySet, Value, When
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
    NARROWED_NOTE,
    SMALL_GROUP,
    SUPPRESSED,
    compare_wider,
    is_small,
    is_suppressed,
    percentage,
    protect_column,
    suppress_rows,
)
from learning.reports.tables import Chart, Column, Report, ReportTable, in_pages

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


def _first_completions(
    completions: QuerySet,
) -> tuple[dict[tuple, int], dict[tuple[int, date], int]]:
    """People completed per review and organisation, and people completing a review's
    learning for the first time per review and week (the Monday it began), from one
    pass over the completions: each person's first week of each review (in the date
    range), counted both ways. The week of a person's first completion is the earliest
    of their completions' weeks, as weeks keep the order of the moments in them.

    A query per count, finding first completions by looking for no earlier one, read
    the review pages' completions (a third of them all) three times over: 4 s
    partnership-wide at 2,000,000 completions. Here they are read once, into a common
    table both counts group (PostgreSQL computes a table used twice once)."""
    firsts = completions.values("user", "review", organisation=F("user__profile__organisation"))
    firsts = firsts.annotate(week=Min(TruncWeek("completed_at")))
    sql, params = firsts.query.sql_with_params()
    # `sql` is the ORM's own compiled query; every value in it is in `params`.
    statement = (
        f"WITH firsts AS ({sql}) "  # noqa: S608
        "SELECT 1, review, organisation, NULL, COUNT(*) FROM firsts "
        "GROUP BY review, organisation UNION ALL "
        "SELECT 0, review, NULL, week, COUNT(*) FROM firsts GROUP BY review, week"
    )
    with connections[completions.db].cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    completed: dict[tuple, int] = {}
    first_by_week: dict[tuple[int, date], int] = {}
    for by_organisation, review, organisation, week, people in rows:
        if by_organisation:
            completed[(review, organisation)] = people
        else:
            first_by_week[(review, _as_date(week))] = people
    return completed, first_by_week


def _as_date(value: date | datetime | str) -> date:
    if isinstance(value, str):  # a truncated moment read without the ORM, from SQLite
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


# Small numbers --------------------------------------------------------------------


def organisation_rows(
    raw: list[dict], *, with_total: bool, wider_total: dict | None = None
) -> list[dict]:
    """One review's rows (organisation, completed, headcount) with small numbers
    suppressed, each with its share, and a total row when `with_total`. `wider_total`
    is the total without narrowing filters: a total within 1 to 4 of it is withheld."""
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
        if protect_column(
            rows, raw, key="completed", hide=("completed", "share"), size_key="headcount"
        ):
            hide_total.add("completed")
    for row in rows:
        row["share"] = percentage(row["completed"], row["headcount"])
    if with_total:
        headcount = sum(row["headcount"] for row in raw)
        completed = sum(row["completed"] for row in raw)
        if wider_total is not None:
            if is_small(wider_total["headcount"] - headcount):
                hide_total |= {"headcount", "completed"}
            if is_small(wider_total["completed"] - completed):
                hide_total.add("completed")
        # The total is a row like the others (a count of 1 to 4, or all but 1 to 4,
        # is withheld), besides what its rows' withheld figures require.
        total = suppress_rows(
            [{"organisation": ALL_ORGANISATIONS, "headcount": headcount, "completed": completed}],
            size_key="headcount",
            count_keys=("completed",),
            has_total=False,
        )[0]
        del total["suppressed"]
        for key in hide_total:
            total[key] = SUPPRESSED
        total["share"] = percentage(total["completed"], total["headcount"])
        rows.append(total)
    return rows


def _apart(one: int, other: int) -> bool:
    """Two counts of people whose difference is not a small group."""
    return abs(one - other) == 0 or abs(one - other) >= SMALL_GROUP


def cumulative_rows(
    new_by_week: dict[date, int],
    weeks: list[date],
    published_week: date,
    left_out_by_week: dict[date, int] | None = None,
    *,
    headcount: int | None = None,
    final_withheld: bool = False,
) -> list[dict]:
    """Cumulative people completed at the end of each week, from the first completions
    per week. A figure is shown only when it is none or at least five people apart from
    the last one shown and from the final total (shown in the table by organisation),
    so no week's newcomers can be worked out as a small group by subtraction; and from
    the `headcount` beside it, or the few yet to complete would follow. Where the table
    by organisation withholds the final total (`final_withheld`), no week shows it or
    anything within five of it. With `left_out_by_week` (the first completions of the
    people narrowing filters leave out), the same must hold of theirs, or the report
    without the filters would give them away."""
    series = [new_by_week] + ([left_out_by_week] if left_out_by_week is not None else [])
    running = [sum(n for week, n in one.items() if week < weeks[0]) for one in series]
    final = [
        start + sum(n for week, n in one.items() if week >= weeks[0])
        for start, one in zip(running, series, strict=True)
    ]
    last_shown = [0] * len(series)
    rows = []
    for week in weeks:
        running = [total + one.get(week, 0) for total, one in zip(running, series, strict=True)]
        shown: int | object = SUPPRESSED
        if (
            all(
                _apart(now, last) and (not _apart(end, 0) or _apart(end, now))
                for now, last, end in zip(running, last_shown, final, strict=True)
            )
            and (headcount is None or _apart(headcount, running[0]))
            and not (final_withheld and abs(final[0] - running[0]) < SMALL_GROUP)
        ):
            shown = running[0]
            last_shown = list(running)
        rows.append(
            {
                "start": week,
                "week": week.strftime("%-d %B %Y"),
                "number": (week - published_week).days // 7 + 1,
                "people": shown,
            }
        )
    return rows


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
    left_out_by_week: dict[date, int] | None = None,
    headcount: int | None = None,
    final_withheld: bool = False,
) -> ReportTable:
    published_week, weeks, total = _weeks(review, filters, today)
    rows = (
        cumulative_rows(
            new_by_week,
            weeks,
            published_week,
            left_out_by_week,
            headcount=headcount,
            final_withheld=final_withheld,
        )
        if weeks
        else []
    )
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


def _figures(people: QuerySet, reviews: list[ReviewLearning], filters: ReportFilters):
    """Headcounts by organisation; people completed by review and organisation; and
    first completions by review and week."""
    completed: dict[tuple, int] = {}
    first_by_week: dict[tuple[int, date], int] = {}
    if reviews:
        completed, first_by_week = _first_completions(_completions(people, reviews, filters))
    return _headcounts(people), completed, first_by_week


def _review_rows(review: ReviewLearning, headcounts: list[dict], completed: dict) -> list[dict]:
    return [
        {
            "organisation": row["profile__organisation__name"],
            "completed": completed.get((review.pk, row["profile__organisation"]), 0),
            "headcount": row["headcount"],
        }
        for row in headcounts
    ]


def _sum_rows(rows: list[dict]) -> dict:
    return {key: sum(row[key] for row in rows) for key in ("headcount", "completed")}


def _weeks_of(first_by_week: dict[tuple[int, date], int], review) -> dict[date, int]:
    return {week: n for (pk, week), n in first_by_week.items() if pk == review.pk}


def _left_out(wider: dict, narrowed: dict, review) -> dict[date, int]:
    """First completions per week of the people the filters leave out."""
    mine = _weeks_of(narrowed, review)
    return {week: n - mine.get(week, 0) for week, n in _weeks_of(wider, review).items()}


def reach_report(*, scope: ReportScope, filters: ReportFilters, today: date) -> Report:
    reviews = reviews_in_scope(filters)
    headcounts, completed, first_by_week = _figures(
        people_in_scope(scope, filters), reviews, filters
    )
    wider = (
        _figures(people_in_scope(scope, filters.widened()), reviews, filters)
        if filters.narrows_people
        else None
    )

    with_total = len(headcounts) > 1
    final_withheld: dict[int, bool] = {}
    rows: list[dict] = []
    totals: list[tuple[str, object]] = []
    for review in reviews:
        raw = _review_rows(review, headcounts, completed)
        wider_total = None
        if wider is not None:
            wider_raw = _review_rows(review, wider[0], wider[1])
            raw = compare_wider(
                raw,
                wider_raw,
                key=lambda row: row["organisation"],
                figures=("headcount", "completed"),
            )
            wider_total = _sum_rows(wider_raw)
        shown = organisation_rows(raw, with_total=with_total, wider_total=wider_total)
        final_withheld[review.pk] = bool(shown) and is_suppressed(shown[-1]["completed"])
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
        # Every review by every organisation: thousands of rows partnership-wide. The
        # chart beside it draws `totals`, taken from all the rows above.
        rows=in_pages(rows, "organisations_page"),
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

    if wider is not None:
        by_organisation.notes.append(NARROWED_NOTE)
    single = filters.item is not None and len(reviews) == 1
    weekly = [
        _weekly_table(
            review,
            _weeks_of(first_by_week, review),
            filters,
            today,
            limit=None if single else WEEKS_SHOWN,
            left_out_by_week=None if wider is None else _left_out(wider[2], first_by_week, review),
            headcount=sum(row["headcount"] for row in headcounts),
            final_withheld=final_withheld.get(review.pk, False),
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
