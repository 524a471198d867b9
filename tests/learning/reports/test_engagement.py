"""Engagement and coverage against a hand-computed partnership, on 15 June 2026.

People: Northmoor Council 7 (the lead, p1 to p6) plus a former member of staff
(inactive); Northmoor Police 3 (c1 to c3); the SAB manager in the board's own office.

Learning:
    case study C   empowerment
    briefing E     empowerment; neglect, self-neglect
    review R1      accountability; neglect
    review R2      accountability, partnership; financial or material abuse
    review R3      empowerment; neglect

Completions (minutes):
    June 2025   p2 R3 (20)                              outside the default 12 months
    March 2026  c1, c2 C (7 each)                       2 completions, 14 min, 2 people
    April 2026  p1 to p5 C (7 each), c1 R1 (20)         6 completions, 55 min, 6 people
    May 2026    the lead, p1 to p6 E (10 each),
                the former member of staff C (7)        8 completions, 77 min, 8 people
    June 2026   p1 R2 (15)                              1 completion, 15 min, 1 person

The default period (July 2025 to 15 June 2026): 17 completions, 161 minutes, 10 people.
March (2 people) and June (1) are withheld; together they hold 3 people, so April goes
too, or the totals less May would give them.

Coverage: empowerment 15 completions (C 8, E 7) by 10 people, 88.2% of 17; accountability
2 by 2 people and partnership 1 by 1 person, withheld. Neglect 8 (E 7, R1 1) by 8 people,
47.1%; financial abuse 1 is withheld; self-neglect (E: 7 by 7 people, 41.2%) is shown, as
tags overlap and no row follows from the others by subtraction. Of the 3 reviews,
accountability 2 (66.7%), empowerment and partnership 1 each (33.3%); neglect 2, financial
abuse 1.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import Organisation, Principle
from learning.permissions import ReportScope
from learning.reports.engagement import engagement_report, period
from learning.reports.filters import ReportFilters
from learning.reports.suppression import SUPPRESSED
from learning.roles import Role
from tests.factories import make_person
from tests.learning.reflections.factories import make_learning_page
from tests.learning.reports.review_pages import complete, make_briefing, make_review
from tests.learning.xlsx_helpers import (
    assert_typed_as_the_table,
    column_types,
    xlsx_as_shown,
    xlsx_values,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_partnership")]


TODAY = date(2026, 6, 15)
S = SUPPRESSED
BOARD = ReportScope(organisation_id=None, names=False)


def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def _partnership(shared_data, enrol_totp):
    return shared_data.build(_build_partnership, enrol_totp)


@pytest.fixture
def partnership(_partnership, shared_data, db):
    return shared_data.copy(_partnership)


def _build_partnership(totp_user):
    council = Organisation.objects.create(name="Northmoor Council", type="local_authority")
    police = Organisation.objects.create(name="Northmoor Police", type="police")
    board = Organisation.objects.create(name="Safeguarding Adults Board", type="other")
    lead = make_person(
        role=Role.ORGANISATION_LEAD, organisation=council, first_name="Lena", last_name="Leadbetter"
    )
    totp_user(lead)
    p1, p2, p3, p4, p5, p6 = (
        make_person(organisation=council, last_name=f"Councillor{n}") for n in range(1, 7)
    )
    former = make_person(organisation=council, is_active=False, last_name="Formerly")
    c1, c2, _ = (make_person(organisation=police, last_name=f"Copper{n}") for n in range(1, 4))
    manager = make_person(role=Role.SAB_MANAGER, organisation=board, last_name="Managerial")
    totp_user(manager)

    case_study = make_learning_page(title="Case study C")
    briefing = make_briefing(
        title="Briefing E",
        published_at=at(2026, 1, 5),
        principle_slugs=("empowerment",),
        abuse_type_slugs=("neglect-and-acts-of-omission", "self-neglect"),
    )
    r1 = make_review(
        title="Review R1",
        published_at=at(2026, 2, 2),
        principle_slugs=("accountability",),
        abuse_type_slugs=("neglect-and-acts-of-omission",),
    )
    r2 = make_review(
        title="Review R2",
        published_at=at(2026, 3, 2),
        principle_slugs=("accountability", "partnership"),
        abuse_type_slugs=("financial-or-material",),
    )
    r3 = make_review(
        title="Review R3",
        published_at=at(2025, 5, 5),
        principle_slugs=("empowerment",),
        abuse_type_slugs=("neglect-and-acts-of-omission",),
    )

    complete(p2, r3, at(2025, 6, 10), minutes=20)
    for person in (c1, c2):
        complete(person, case_study, at(2026, 3, 10), minutes=7)
    for person in (p1, p2, p3, p4, p5):
        complete(person, case_study, at(2026, 4, 14), minutes=7)
    complete(c1, r1, at(2026, 4, 20), minutes=20)
    for person in (lead, p1, p2, p3, p4, p5, p6):
        complete(person, briefing, at(2026, 5, 12), minutes=10)
    complete(former, case_study, at(2026, 5, 20), minutes=7)
    complete(p1, r2, at(2026, 6, 2), minutes=15)
    return {
        "council": council,
        "police": police,
        "lead": lead,
        "manager": manager,
        "briefing": briefing,
        "people": [lead, p1, p2, p3, p4, p5, p6, former, c1, c2],
    }


def _months(report) -> dict[str, tuple]:
    return {
        row["month"]: (row["completions"], row["minutes"], row["learners"])
        for row in report.table("months").rows
    }


def _coverage(report, slug) -> dict[str, tuple]:
    return {
        row["name"]: (row["completions"], row["people"], row["share"], row["reviews"])
        for row in report.table(slug).rows
    }


def test_the_period_is_the_last_12_months_or_the_date_range():
    assert period(ReportFilters(), TODAY) == (date(2025, 7, 1), TODAY)
    assert period(ReportFilters(since=date(2026, 2, 3), until=date(2026, 3, 4)), TODAY) == (
        date(2026, 2, 3),
        date(2026, 3, 4),
    )
    assert period(ReportFilters(until=date(2030, 1, 1)), TODAY) == (date(2025, 7, 1), TODAY)


@pytest.mark.django_db
def test_board_sees_months_with_small_ones_withheld(partnership):
    report = engagement_report(scope=BOARD, filters=ReportFilters(), today=TODAY)
    months = _months(report)
    assert next(iter(months)) == "July 2025" and len(months) == 12
    assert months["December 2025"] == (0, 0, 0)
    assert months["March 2026"] == (S, S, S)  # 2 people
    assert months["April 2026"] == (S, S, S)  # March and June hold only 3 together
    assert months["May 2026"] == (8, 77, 8)
    assert months["June 2026"] == (S, S, S)  # 1 person
    assert dict(report.summary) == {
        "Period": "1 July 2025 to 15 June 2026",
        "Completions": 17,
        "Minutes of learning": 161,
        "Active learners": 10,
        "Reviews in the board's catalogue": 3,
    }
    chart = report.chart_for("months")
    assert "Completions by month, July 2025 to June 2026" in chart.svg
    assert "May: 8" in chart.svg and "Mar: fewer than 5" in chart.svg


@pytest.mark.django_db
def test_coverage_beside_the_reviews(partnership):
    report = engagement_report(scope=BOARD, filters=ReportFilters(), today=TODAY)
    assert _coverage(report, "principles") == {
        "Empowerment": (15, 10, 88.2, 33.3),
        "Prevention": (0, 0, 0.0, 0.0),
        "Proportionality": (0, 0, 0.0, 0.0),
        "Protection": (0, 0, 0.0, 0.0),
        "Partnership": (S, S, S, 33.3),
        "Accountability": (S, S, S, 66.7),
    }
    abuse = _coverage(report, "abuse-types")
    assert abuse["Neglect and acts of omission"] == (8, 8, 47.1, 66.7)
    assert abuse["Financial or material abuse"] == (S, S, S, 33.3)
    assert abuse["Self-neglect"] == (7, 7, 41.2, 0.0)  # overlapping tags: nothing to subtract
    assert abuse["Physical abuse"] == (0, 0, 0.0, 0.0)
    chart = report.chart_for("principles")
    assert "Empowerment: learning: 88.2%; Empowerment: reviews: 33.3%" in chart.svg
    assert "Accountability: learning: fewer than 5; Accountability: reviews: 66.7%" in chart.svg


@pytest.mark.django_db
def test_lead_sees_only_their_organisation(partnership):
    report = engagement_report(
        scope=ReportScope(organisation_id=partnership["council"].pk, names=True),
        filters=ReportFilters(organisation=partnership["police"]),
        today=TODAY,
    )
    months = _months(report)
    assert months["March 2026"] == (0, 0, 0)  # the police's month
    assert months["April 2026"] == (S, S, S)  # 5 people, withheld with June's 1
    assert months["May 2026"] == (8, 77, 8)
    assert months["June 2026"] == (S, S, S)
    summary = dict(report.summary)
    assert (summary["Completions"], summary["Minutes of learning"]) == (14, 127)
    assert summary["Active learners"] == 8


@pytest.mark.django_db
def test_filters_apply_to_people_learning_and_dates(partnership):
    one_item = engagement_report(
        scope=BOARD, filters=ReportFilters(item=partnership["briefing"]), today=TODAY
    )
    assert _months(one_item)["May 2026"] == (7, 70, 7)
    assert _coverage(one_item, "principles")["Empowerment"] == (7, 7, 100.0, 33.3)

    earlier = engagement_report(
        scope=BOARD,
        filters=ReportFilters(since=date(2025, 6, 1), until=date(2025, 6, 30)),
        today=TODAY,
    )
    assert _months(earlier) == {"June 2025": (S, S, S)}
    assert dict(earlier.summary)["Completions"] is S

    # Accountability: one person in April, one in June; nothing else to hide them with,
    # so the totals are withheld too.
    tagged = engagement_report(
        scope=BOARD,
        filters=ReportFilters(principle=Principle.objects.get(slug="accountability")),
        today=TODAY,
    )
    assert _months(tagged)["April 2026"] == (S, S, S)
    assert _months(tagged)["June 2026"] == (S, S, S)
    assert [dict(tagged.summary)[key] for key in ("Completions", "Active learners")] == [S, S]

    council = engagement_report(
        scope=BOARD, filters=ReportFilters(organisation=partnership["council"]), today=TODAY
    )
    assert dict(council.summary)["Completions"] == 14

    leads = engagement_report(
        scope=BOARD,
        filters=ReportFilters(role=Group.objects.get(name=Role.ORGANISATION_LEAD.value)),
        today=TODAY,
    )
    assert _months(leads)["May 2026"] == (S, S, S)


def _get(client, user, **params):
    client.force_login(user)
    return client.get("/reports/engagement/", params)


@pytest.mark.django_db
def test_board_view_never_names_anyone(client, partnership):
    response = _get(client, partnership["manager"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Engagement and coverage" in html and "Empowerment" in html
    assert html.count("<svg") == 3
    for person in partnership["people"]:
        assert person.last_name not in html


@pytest.mark.django_db
def test_others_may_not_see_the_report(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.PRACTITIONER)
    assert client.get("/reports/engagement/").status_code == 403


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _export_rows(response_or_content, export_format) -> list[list[str]]:
    """The export's cells as the page shows them."""
    content = (
        response_or_content
        if isinstance(response_or_content, bytes)
        else _content(response_or_content)
    )
    if export_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return xlsx_as_shown(content)


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exports_hold_exactly_the_tables_on_screen(client, partnership, export_format):
    from django.utils import timezone

    since = {"since": "2026-01-01", "until": "2026-06-30"}
    report = engagement_report(
        scope=BOARD,
        filters=ReportFilters(since=date(2026, 1, 1), until=date(2026, 6, 30)),
        today=timezone.localdate(),
    )
    for slug in ("months", "principles", "abuse-types"):
        response = _get(client, partnership["manager"], export=export_format, table=slug, **since)
        assert response.status_code == 200
        table = report.table(slug)
        # A streamed file can be read once: keep its bytes for both checks.
        content = _content(response)
        assert _export_rows(content, export_format) == [table.header(), *table.text_rows()]
        if export_format == "xlsx":
            assert_typed_as_the_table(content, table)
    months = _export_rows(
        _get(client, partnership["manager"], export=export_format, table="months", **since),
        export_format,
    )
    assert months[1:] == [
        ["January 2026", "0", "0", "0"],
        ["February 2026", "0", "0", "0"],
        ["March 2026", *["fewer than 5"] * 3],
        ["April 2026", *["fewer than 5"] * 3],
        ["May 2026", "8", "77", "8"],
        ["June 2026", *["fewer than 5"] * 3],
    ]


@pytest.mark.django_db
def test_the_excel_export_holds_numbers(client, partnership):
    since = {"since": "2026-01-01", "until": "2026-06-30"}
    content = _content(_get(client, partnership["manager"], export="xlsx", table="months", **since))
    assert xlsx_values(content)[1:] == [
        ["January 2026", 0, 0, 0],
        ["February 2026", 0, 0, 0],
        ["March 2026", *["fewer than 5"] * 3],
        ["April 2026", *["fewer than 5"] * 3],
        ["May 2026", 8, 77, 8],
        ["June 2026", *["fewer than 5"] * 3],
    ]
    assert column_types(content) == [{"text"}, *[{"number", "text"}] * 3]


@pytest.mark.django_db
def test_queries_do_not_grow_with_people(client, partnership):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _get(client, partnership["manager"]).status_code == 200
        return len(queries)

    def add_people(how_many: int) -> None:
        for n in range(how_many):
            person = make_person(organisation=partnership["council"])
            complete(person, partnership["briefing"], at(2026, 1 + n % 6, 3), minutes=10)

    add_people(6)
    count()  # the first request also looks up the site, once per process
    smaller = count()
    add_people(9)
    assert count() == smaller


@pytest.mark.django_db
@pytest.mark.parametrize("junk", ["junk", "9" * 25])
def test_junk_in_every_filter_is_reported_not_an_error(client, partnership, junk):
    fields = (
        "organisation",
        "team",
        "role",
        "registration_body",
        "principle",
        "abuse_type",
        "item",
        "since",
        "until",
    )
    response = _get(client, partnership["manager"], **dict.fromkeys(fields, junk))
    assert response.status_code == 200
    assert "so that filter was not used" in response.content.decode()
