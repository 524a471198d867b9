"""The compliance report at partnership size: a lead's people table is shown a page at
a time (a query counting and one LIMIT/OFFSET query, whatever the organisation's size),
while its exports hold every row; and the month-by-month trend, counted in one query,
gives the figures a plain month-by-month count of each person's status gives.

Paging: one organisation, two requirements for everyone, due 30 days after joining.
A to D joined long ago and have done nothing (overdue on both: two rows each); Fay
joined long ago and did the first (one row); Eve joined 20 days ago (due on both); Gus
is exempt from everything and the lead has done both (no rows): 11 rows. The page
size is patched to 3 rows, so there are 4 pages.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import Completion, DueFrom, Exemption, RefreshRule, Team
from learning.permissions import ReportScope
from learning.reports import compliance
from learning.reports.filters import ReportFilters
from learning.required.status import AUDIENCE_PREFETCH, annotate_status
from learning.roles import Role
from tests.factories import OrganisationFactory, make_person
from tests.learning.reports.review_pages import complete

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=400)
PER_PAGE = 3


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(compliance, "PEOPLE_PER_PAGE", PER_PAGE)


@pytest.fixture
def organisation(page, second_page, make_requirement, totp_user, small_pages):
    council = OrganisationFactory(name="Northmoor Council")
    team = Team.objects.create(organisation=council, name="Adults East")
    for pages_title in ((page, "Core safeguarding"), (second_page, "Self-neglect")):
        make_requirement(
            pages_title[0],
            title=pages_title[1],
            starts_on=date(2020, 1, 1),
            due_days=30,
            due_from=DueFrom.JOINED,
        )
    lead = make_person(role=Role.ORGANISATION_LEAD, team=team, first_name="Lena", last_name="Lead")
    totp_user(lead)
    for source in (page, second_page):
        complete(lead, source, timezone.now() - timedelta(days=1), minutes=5)
    for letter in "ABCD":
        _add_person(team, letter)
    fay = _add_person(team, "Fay")
    complete(fay, page, timezone.now() - timedelta(days=2), minutes=5)
    make_person(
        team=team,
        first_name="Eve",
        last_name="Person",
        date_joined=timezone.now() - timedelta(days=20),
    )
    gus = _add_person(team, "Gus")
    Exemption.objects.create(user=gus, reason="Long-term leave", ends_on=date(2099, 1, 1))
    return {"council": council, "team": team, "lead": lead}


def _add_person(team, name: str):
    return make_person(team=team, first_name=name, last_name="Person", date_joined=LONG_AGO)


def _full_table(organisation):
    report = compliance.compliance_report(
        scope=ReportScope(organisation_id=organisation["council"].pk, names=True),
        filters=ReportFilters(organisation=organisation["council"]),
        today=timezone.localdate(),
    )
    table = report.table("people")
    return [table.header(), *table.text_rows()]


def _get(client, organisation, **params):
    client.force_login(organisation["lead"])
    return client.get(reverse("reports:report", args=["compliance"]), params)


def _people_section(html: str) -> str:
    start = html.index('id="table-people"')
    return html[start : html.index("Download this table", start)]


def _shown_rows(html: str) -> list[list[str]]:
    """The people table's rows on the page, header first."""
    table = re.search(r'<table class="govuk-table" id="table-people">(.*?)</table>', html, re.S)
    assert table is not None
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)
    ]


def test_the_page_shows_one_page_of_rows_and_says_how_many_in_all(client, organisation):
    full = _full_table(organisation)
    assert len(full) - 1 == 11
    assert {row[3] for row in full[1:]} == {"Overdue", "Due"}
    response = _get(client, organisation)
    assert response.status_code == 200
    html = response.content.decode()
    assert _shown_rows(html) == full[: 1 + PER_PAGE]
    assert "Rows 1 to 3 of 11" in html
    section = _people_section(html)
    assert 'class="govuk-pagination"' in section
    assert 'href="?people_page=2"' in section and 'aria-current="page"' in section


def test_the_next_pages_show_the_next_rows_keeping_the_filters(client, organisation):
    full = _full_table(organisation)
    team = organisation["team"].pk
    second = _get(client, organisation, people_page=2, team=team).content.decode()
    assert _shown_rows(second)[1:] == full[1 + PER_PAGE : 1 + 2 * PER_PAGE]
    assert "Rows 4 to 6 of 11" in second
    # Links to other pages keep the filter and replace the page number.
    section = _people_section(second)
    assert f'href="?team={team}&amp;people_page=3"' in section
    assert f'href="?team={team}&amp;people_page=1"' in section
    assert "people_page=2&amp;people_page" not in section
    last = _get(client, organisation, people_page=4, team=team).content.decode()
    assert _shown_rows(last)[1:] == full[1 + 3 * PER_PAGE :]
    assert "Rows 10 to 11 of 11" in last
    assert 'rel="next"' not in _people_section(last)


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("abc", 1), ("", 1), ("2.5", 1), ("0", 4), ("-4", 4), ("99", 4), ("9" * 40, 4)],
)
def test_a_bad_or_out_of_range_page_number_gives_the_nearest_page(
    client, organisation, asked, shown
):
    full = _full_table(organisation)
    response = _get(client, organisation, people_page=asked)
    assert response.status_code == 200
    start = 1 + (shown - 1) * PER_PAGE
    assert _shown_rows(response.content.decode())[1:] == full[start : start + PER_PAGE]


def test_an_organisation_with_everyone_complete_shows_no_pagination(client, organisation):
    get_user_model().objects.filter(last_name="Person").exclude(first_name="Gus").update(
        is_active=False
    )
    html = _get(client, organisation).content.decode()
    assert "Everyone is complete or exempt." in html
    assert 'class="govuk-pagination"' not in _people_section(html)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_still_holds_every_row(client, organisation, export_format):
    response = _get(client, organisation, export=export_format, table="people", people_page=2)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        from tests.learning.xlsx_helpers import xlsx_as_shown

        rows = xlsx_as_shown(content)
    assert rows == _full_table(organisation)
    assert len(rows) - 1 == 11 > PER_PAGE


def _page_queries(client, organisation) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert _get(client, organisation, people_page=2).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_a_page_reads_only_its_rows_in_a_fixed_number_of_queries(client, organisation):
    _page_queries(client, organisation)  # the first request also loads the session and site
    before = _page_queries(client, organisation)
    for number in range(12):
        _add_person(organisation["team"], f"Extra {number:02d}")
    after = _page_queries(client, organisation)
    assert len(after) == len(before)
    # One query reads the rows, only the page's, with LIMIT and OFFSET (another sums
    # the rows there are, without reading them).
    [rows] = [sql for sql in after if "shown_name" in sql]
    assert re.search(rf"LIMIT {PER_PAGE}\b", rows) and re.search(rf"OFFSET {PER_PAGE}\b", rows)


# The trend: several months of joining, completing, refreshing and exemptions.

TREND_TODAY = date(2026, 6, 15)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def _done(person, page, day: date, cycle: int = 1) -> None:
    Completion.objects.create(
        user=person,
        page=page,
        page_title=page.title,
        how="confirmed",
        minutes=5,
        completed_at=_at(day),
        cycle=cycle,
    )


@pytest.fixture
def history(page, second_page, make_requirement):
    council = OrganisationFactory(name="Northmoor Council")
    east = Team.objects.create(organisation=council, name="Adults East")
    west = Team.objects.create(organisation=council, name="Adults West")
    # Once, for everyone, from September; every 3 months for Adults East; both pages
    # once a year in a window from April to June, from February.
    make_requirement(page, title="Core", starts_on=date(2025, 9, 1), due_days=30)
    make_requirement(
        second_page,
        title="Refresher",
        everyone=False,
        teams=[east],
        starts_on=date(2025, 1, 1),
        refresh=RefreshRule.EVERY_MONTHS,
        refresh_months=3,
    )
    make_requirement(
        page,
        second_page,
        title="Annual",
        starts_on=date(2026, 2, 1),
        refresh=RefreshRule.WINDOW,
        window_start_month=4,
        window_start_day=1,
        window_end_month=6,
        window_end_day=30,
    )
    people = []
    for index in range(8):
        joined = date(2025, 5, 1) + timedelta(days=40 * index)
        people.append(make_person(team=east if index % 2 else west, date_joined=_at(joined)))
    _done(people[0], page, date(2025, 10, 3))
    _done(people[1], page, date(2025, 11, 20))
    _done(people[1], second_page, date(2025, 8, 2))
    _done(people[1], second_page, date(2026, 1, 10), cycle=2)
    _done(people[3], second_page, date(2026, 4, 5))
    _done(people[3], page, date(2026, 4, 6))
    _done(people[4], page, date(2026, 2, 14))
    _done(people[4], second_page, date(2026, 5, 1))
    _done(people[5], page, date(2025, 12, 1))
    _done(people[5], second_page, date(2026, 3, 1))
    exemption = Exemption.objects.create(
        user=people[6], reason="Long-term leave", ends_on=date(2026, 4, 30)
    )
    Exemption.objects.filter(pk=exemption.pk).update(created_at=_at(date(2026, 1, 15)))
    west_exemption = Exemption.objects.create(
        user=people[2], reason="Secondment", ends_on=date(2026, 12, 31)
    )
    Exemption.objects.filter(pk=west_exemption.pk).update(created_at=_at(date(2026, 3, 20)))
    return council


def _by_each_status(people, requirements, month_ends) -> list[dict]:
    """The trend as a plain count: each month, each person's status against each
    requirement then (annotate_status), complete overall when none is outstanding."""
    rows = []
    for month_end in month_ends:
        joined = people.filter(date_joined__date__lte=month_end)
        outstanding: dict[int, bool] = {}
        for requirement in requirements:
            if requirement.starts_on > month_end:
                continue
            for person in annotate_status(joined, requirement, today=month_end):
                is_done = person.rq_status in compliance.DONE
                outstanding[person.pk] = outstanding.get(person.pk, False) or not is_done
        rows.append(
            {
                "month": month_end.strftime("%B %Y"),
                "people": len(outstanding),
                "complete": sum(not left for left in outstanding.values()),
            }
        )
    return rows


def test_the_trend_in_one_query_equals_a_count_of_each_months_statuses(history):
    filters = ReportFilters(organisation=history)
    scope = ReportScope(organisation_id=None, names=False)
    requirements = list(
        compliance.requirements_in_scope(scope, filters).prefetch_related(*AUDIENCE_PREFETCH)
    )
    people = get_user_model().objects.filter(filters.people_q())
    month_ends = compliance._month_ends(TREND_TODAY, filters)
    assert len(month_ends) == 12
    with CaptureQueriesContext(connection) as queries:
        trend = compliance._month_totals(people, requirements, month_ends)
    assert len(queries) == 1
    expected = _by_each_status(people, requirements, month_ends)
    assert trend == expected
    # The fixture moves: people join, complete, fall due again and are exempted.
    assert len({(row["people"], row["complete"]) for row in expected}) >= 5
    assert any(row["complete"] for row in expected)


def test_the_trend_counts_only_the_people_the_filters_pick(history):
    filters = ReportFilters(organisation=history, team=Team.objects.get(name="Adults East"))
    scope = ReportScope(organisation_id=None, names=False)
    requirements = list(compliance.requirements_in_scope(scope, filters))
    people = get_user_model().objects.filter(filters.people_q())
    month_ends = compliance._month_ends(TREND_TODAY, filters)
    assert compliance._month_totals(people, requirements, month_ends) == _by_each_status(
        people, requirements, month_ends
    )


def test_many_pages_are_linked_with_ellipses_not_one_link_each(client, organisation, monkeypatch):
    monkeypatch.setattr(compliance, "PEOPLE_PER_PAGE", 1)
    section = _people_section(_get(client, organisation, people_page=1).content.decode())
    assert "govuk-pagination__item--ellipses" in section
    linked = set(re.findall(r'aria-label="Page (\d+)"', section))
    assert {"1", "2", "11"} <= linked and len(linked) < 11


def test_the_trend_ignores_requirements_with_no_learning_or_not_yet_started(
    history, make_requirement, page
):
    filters = ReportFilters(organisation=history)
    scope = ReportScope(organisation_id=None, names=False)
    people = get_user_model().objects.filter(filters.people_q())
    month_ends = compliance._month_ends(TREND_TODAY, filters)
    before = compliance._month_totals(
        people, list(compliance.requirements_in_scope(scope, filters)), month_ends
    )
    make_requirement(title="Emptied", starts_on=date(2025, 1, 1))
    make_requirement(page, title="Next year", starts_on=date(2027, 1, 1))
    requirements = list(compliance.requirements_in_scope(scope, filters))
    assert len(requirements) == 5
    trend = compliance._month_totals(people, requirements, month_ends)
    assert trend == before == _by_each_status(people, requirements, month_ends)
