"""Dates the reports accept: from 1 January 2000 to the end of next year, on the report
filter bar, the xAPI export and the board pack. A date out of range is a message on the
form (and, on a report, that filter is ignored), never a server error or a page of
thousands of months; the month and week lists a report builds are capped."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from learning.permissions import ReportScope
from learning.records.dates import months_after
from learning.reports import engagement, reach
from learning.reports.board_pack import Quarter
from learning.reports.export_forms import XapiExportForm
from learning.reports.filters import (
    EARLIEST_DATE,
    ReportFilterForm,
    ReportFilters,
    check_date_in_range,
    latest_date,
)
from learning.reports.registry import report_types
from learning.reports.reviews import ReviewLearning
from learning.roles import Role

BOARD = ReportScope(organisation_id=None, names=False)
TOO_EARLY, TOO_LATE = "0001-01-01", "9999-12-31"
MESSAGE = "date from 1 January 2000 to 31 December"
REPORT_SLUGS = [kind.slug for kind in report_types()]


# Calendar arithmetic --------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(1, 1, 31), 1, date(1, 2, 28)),
        (date(1, 12, 1), -11, date(1, 1, 1)),
        (date(9999, 1, 31), 11, date(9999, 12, 31)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
    ],
)
def test_months_after_holds_to_the_month_end_at_the_edges_of_the_calendar(day, months, expected):
    assert months_after(day, months) == expected


@pytest.mark.parametrize(("day", "months"), [(date(1, 1, 1), -1), (date(9999, 12, 1), 1)])
def test_months_after_past_the_calendar_is_a_value_error(day, months):
    with pytest.raises(ValueError, match="out of range"):
        months_after(day, months)


def test_the_last_quarter_of_9999_ends_without_overflowing():
    assert Quarter(9999, 4).end == date(9999, 12, 31)
    assert Quarter(1, 1).end == date(1, 3, 31)


# The bounds -----------------------------------------------------------------------


def test_dates_from_2000_to_the_end_of_next_year_are_in_range():
    today = date(2026, 6, 15)
    assert latest_date(today) == date(2027, 12, 31)
    for day in (EARLIEST_DATE, today, date(2027, 12, 31)):
        check_date_in_range(day, which="start", today=today)
    for day in (date(1999, 12, 31), date(2028, 1, 1), date.min, date.max):
        with pytest.raises(Exception, match="Enter a start date from 1 January 2000 to 31"):
            check_date_in_range(day, which="start", today=today)
    with pytest.raises(Exception, match="Enter an end date from 1 January 2000"):
        check_date_in_range(date.max, which="end", today=today)


@pytest.mark.django_db
def test_the_filter_form_reports_and_ignores_a_date_out_of_range():
    latest = latest_date(timezone.localdate())
    form = ReportFilterForm(
        {"since": "1999-12-31", "until": (latest + timedelta(days=1)).isoformat()}, scope=BOARD
    )
    assert form.filters() == ReportFilters()
    assert form.problems() == [
        f"Enter a start date from 1 January 2000 to 31 December {latest.year}",
        f"Enter an end date from 1 January 2000 to 31 December {latest.year}",
    ]
    form = ReportFilterForm({"since": "2000-01-01", "until": latest.isoformat()}, scope=BOARD)
    assert form.filters() == ReportFilters(since=EARLIEST_DATE, until=latest)
    assert form.problems() == []
    # A bad start date leaves a good end date in force.
    form = ReportFilterForm({"since": TOO_EARLY, "until": "2026-01-31"}, scope=BOARD)
    assert form.filters() == ReportFilters(until=date(2026, 1, 31))
    # The date pickers offer the same range.
    html = str(ReportFilterForm(scope=BOARD)["since"])
    assert 'min="2000-01-01"' in html and f'max="{latest.isoformat()}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("day", [TOO_EARLY, TOO_LATE, "1999-12-31"])
def test_the_xapi_form_refuses_a_date_out_of_range(day):
    form = XapiExportForm({"since": day, "until": day, "actor": "account"}, scope=BOARD)
    assert not form.is_valid()
    assert MESSAGE in form.errors["since"][0] and MESSAGE in form.errors["until"][0]


# The pages ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("slug", REPORT_SLUGS)
@pytest.mark.parametrize(
    "params",
    [
        {"since": TOO_EARLY, "until": TOO_EARLY},
        {"since": TOO_LATE, "until": TOO_LATE},
        {"since": TOO_EARLY},
        {"until": TOO_EARLY},
        {"since": TOO_LATE},
        {"until": TOO_LATE},
    ],
)
def test_each_report_shows_a_date_out_of_range_as_a_problem(client, sign_in_with_mfa, slug, params):
    sign_in_with_mfa(Role.SAB_MANAGER)
    response = client.get(f"/reports/{slug}/", params)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert response.context["filters"] == ReportFilters()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", REPORT_SLUGS)
def test_each_report_exports_with_a_date_out_of_range_ignored(client, sign_in_with_mfa, slug):
    sign_in_with_mfa(Role.SAB_MANAGER)
    response = client.get(
        f"/reports/{slug}/", {"since": TOO_EARLY, "until": TOO_LATE, "export": "csv"}
    )
    assert response.status_code == 200
    b"".join(response.streaming_content if response.streaming else [response.content])


@pytest.mark.django_db
def test_engagement_from_2000_shows_only_the_last_36_months(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.SAB_MANAGER)
    today = timezone.localdate()
    response = client.get("/reports/engagement/", {"since": "2000-01-01"})
    assert response.status_code == 200
    months = response.context["report"].table("months")
    assert len(months.rows) == engagement.MAX_MONTHS == 36
    first = months_after(today.replace(day=1), -35)
    assert months.rows[0]["start"] == first
    assert months.rows[-1]["start"] == today.replace(day=1)
    assert any("covers only the last 36" in note for note in months.notes)
    assert dict(response.context["report"].summary)["Period"].startswith(f"{first:%-d %B %Y} to")


def test_engagement_within_36_months_is_not_cut():
    today = date(2026, 6, 15)
    filters = ReportFilters(since=date(2023, 7, 1))
    assert engagement.period(filters, today) == (date(2023, 7, 1), today)
    filters = ReportFilters(since=date(2023, 6, 30))
    assert engagement.period(filters, today) == (date(2023, 7, 1), today)


def _review(published: date) -> ReviewLearning:
    return ReviewLearning(
        pk=1,
        title="Review R",
        published_at=datetime(published.year, published.month, published.day, 9, tzinfo=UTC),
        page_ids=frozenset({1}),
    )


def test_reach_shows_at_most_the_last_104_weeks():
    today = date(2026, 6, 15)  # a Monday
    review = _review(date(2000, 1, 3))
    table = reach._weekly_table(review, {}, ReportFilters(), today, limit=None)
    assert len(table.rows) == reach.MAX_WEEKS == 104
    assert table.rows[-1]["start"] == today
    assert table.rows[0]["start"] == today - timedelta(weeks=103)
    total = (today - date(2000, 1, 3)).days // 7 + 1
    assert table.rows[0]["number"] == total - 103
    assert f"Showing the last 104 of {total} weeks." in table.notes[-1]
    # Beside the other reviews: the last 26, and no promise of every week.
    table = reach._weekly_table(review, {}, ReportFilters(), today, limit=26)
    assert len(table.rows) == 26
    assert f"Showing the last 26 of {total} weeks" in table.notes[-1]
    assert "to see the last 104, with a chart" in table.notes[-1]
    # Two years or less: every week, as before.
    table = reach._weekly_table(_review(date(2025, 1, 6)), {}, ReportFilters(), today, limit=None)
    assert len(table.rows) == 76 and len(table.notes) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("day", [TOO_EARLY, TOO_LATE])
def test_the_xapi_export_answers_a_date_out_of_range_with_the_form(client, sign_in_with_mfa, day):
    sign_in_with_mfa(Role.ORGANISATION_LEAD)
    response = client.get("/reports/xapi/", {"since": day, "until": day, "actor": "account"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "There is a problem" in html
    assert f"Enter a start {MESSAGE}" in html and f"Enter an end {MESSAGE}" in html


@pytest.mark.django_db
@pytest.mark.parametrize("quarter", ["0001-Q1", "9999-Q4", "1999-Q4"])
@pytest.mark.parametrize("path", ["/reports/board-pack/", "/reports/board-pack.pdf"])
def test_the_board_pack_answers_a_quarter_out_of_range_with_the_form(
    client, sign_in_with_mfa, quarter, path
):
    sign_in_with_mfa(Role.SAB_MANAGER)
    response = client.get(path, {"quarter": quarter})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose a quarter" in html
