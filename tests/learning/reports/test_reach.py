"""The reach of review learning against a hand-computed partnership.

Two reviews, on 15 June 2026 (a Monday):

    Review K   published Monday 4 May 2026, taught also by briefing B (published in April)
    Review M   published Monday 1 June 2026, no briefing

Three organisations (active people with a profile):

    Northmoor Council   11: the lead, p1 to p10 (Adults East: lead, p1-p4 and p7-p10;
                         Adults West: p5, p6), plus one former member of staff
                         (inactive) who completed K; p7 to p10 have completed nothing
    Northmoor NHS Trust  8: the SAB manager and t1 to t7
    Northmoor Police     3: c1 to c3

Completions of review K's learning (K's page or briefing B):
    lead B 28 Apr (before K was published); p1 K 4 May; c1 K 4 May; p2 B 5 May;
    p3 B 12 May; p4 K 12 May and B 13 May; t1 K 20 May; t2 B 21 May; p5 B 1 Jun
    -> council 6 of 11 (54.5%), trust 2 of 8, police 1 of 3; 9 of 22 in all (40.9%)
Completions of review M: p1, p2 on 2 Jun; p3, p4, p5 on 9 Jun -> council 5 of 11 (45.5%).
p7 to p10 leave the council 5 and 6 people short of all, so its figures show exactly: of
7 people, 6 and 5 completed would leave 1 and 2 and read "all but fewer than 5".

For the board: the police (3 people) are withheld; so is the trust (8), the next
smallest, or the police would follow from the total. For review K the two withheld
rows completed 1 + 2 = 3, so the council's 6 goes too (or 9 - 6 would give the 3); for
review M they completed none, and the council's 5 of 11 shows.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import Organisation, Team
from learning.permissions import ReportScope
from learning.reports.filters import ReportFilters
from learning.reports.reach import cumulative_rows, organisation_rows, reach_report
from learning.reports.reviews import catalogued_reviews
from learning.reports.suppression import NARROWED_NOTE, NEARLY_ALL, SUPPRESSED
from learning.roles import Role
from tests.factories import make_person
from tests.learning.reflections.factories import make_learning_page
from tests.learning.reports.review_pages import complete, make_briefing, make_review
from tests.learning.xlsx_helpers import assert_typed_as_the_table, xlsx_as_shown, xlsx_values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_partnership")]


TODAY = date(2026, 6, 15)
S = SUPPRESSED
BOARD = ReportScope(organisation_id=None, names=False)


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def _partnership(shared_data, enrol_totp):
    return shared_data.build(_build_partnership, enrol_totp)


@pytest.fixture
def partnership(_partnership, shared_data, db):
    return shared_data.copy(_partnership)


def _build_partnership(totp_user):
    council = Organisation.objects.create(name="Northmoor Council", type="local_authority")
    trust = Organisation.objects.create(name="Northmoor NHS Trust", type="nhs_trust")
    police = Organisation.objects.create(name="Northmoor Police", type="police")
    east = Team.objects.create(organisation=council, name="Adults East")
    west = Team.objects.create(organisation=council, name="Adults West")
    lead = make_person(
        role=Role.ORGANISATION_LEAD, team=east, first_name="Lena", last_name="Leadbetter"
    )
    totp_user(lead)
    p1, p2, p3, p4 = (make_person(team=east, last_name=f"Eastling{n}") for n in range(1, 5))
    p5, p6 = (make_person(team=west, last_name=f"Westling{n}") for n in range(5, 7))
    idle = [make_person(team=east, last_name=f"Eastling{n}") for n in range(7, 11)]
    former = make_person(team=east, is_active=False, last_name="Formerly")
    manager = make_person(role=Role.SAB_MANAGER, organisation=trust, last_name="Managerial")
    totp_user(manager)
    t1, t2, *_ = (make_person(organisation=trust, last_name=f"Trustly{n}") for n in range(1, 8))
    c1, *_ = (make_person(organisation=police, last_name=f"Copper{n}") for n in range(1, 4))

    review_k = make_review(
        title="Review K", published_at=at(5, 4), principle_slugs=("accountability",)
    )
    briefing_b = make_briefing(title="Briefing B", published_at=at(4, 20), review=review_k)
    review_m = make_review(
        title="Review M", published_at=at(6, 1), principle_slugs=("empowerment",)
    )
    unrelated = make_learning_page(title="Unrelated case study")

    complete(lead, briefing_b, at(4, 28))
    complete(p1, review_k, at(5, 4))
    complete(c1, review_k, at(5, 4))
    complete(p2, briefing_b, at(5, 5))
    complete(p3, briefing_b, at(5, 12))
    complete(p4, review_k, at(5, 12))
    complete(p4, briefing_b, at(5, 13))
    complete(t1, review_k, at(5, 20))
    complete(t2, briefing_b, at(5, 21))
    complete(p5, briefing_b, at(6, 1))
    complete(former, review_k, at(5, 6))
    complete(p6, unrelated, at(5, 6))
    for person in (p1, p2):
        complete(person, review_m, at(6, 2))
    for person in (p3, p4, p5):
        complete(person, review_m, at(6, 9))
    return {
        "council": council,
        "trust": trust,
        "police": police,
        "east": east,
        "lead": lead,
        "manager": manager,
        "review_k": review_k,
        "review_m": review_m,
        "briefing_b": briefing_b,
        "idle": idle,
        "people": [lead, p1, p2, p3, p4, p5, p6, *idle, former, t1, t2, c1],
    }


def _figures(report, review: str) -> dict[str, tuple]:
    return {
        row["organisation"]: (row["completed"], row["headcount"], row["share"])
        for row in report.table("organisations").rows
        if row["review"] == review
    }


def _people(report, review) -> list:
    return [row["people"] for row in report.table(f"weeks-{review.pk}").rows]


@pytest.mark.django_db
def test_hook_lists_each_review_with_the_pages_teaching_it(partnership, django_assert_num_queries):
    with django_assert_num_queries(2):
        reviews = catalogued_reviews()
    assert [(review.title, review.page_ids) for review in reviews] == [
        ("Review M", frozenset({partnership["review_m"].pk})),
        ("Review K", frozenset({partnership["review_k"].pk, partnership["briefing_b"].pk})),
    ]
    assert reviews[1].published_at == at(5, 4)


@pytest.mark.django_db
def test_board_sees_each_organisation_with_small_numbers_withheld(partnership):
    report = reach_report(scope=BOARD, filters=ReportFilters(), today=TODAY)
    assert _figures(report, "Review K") == {
        "Northmoor Council": (S, 11, S),  # else 9 - 6 gives the other two's 3
        "Northmoor NHS Trust": (S, S, S),  # next smallest after the police
        "Northmoor Police": (S, S, S),  # 3 people
        "All organisations": (9, 22, 40.9),
    }
    assert _figures(report, "Review M") == {
        "Northmoor Council": (5, 11, 45.5),
        "Northmoor NHS Trust": (S, S, S),
        "Northmoor Police": (S, S, S),
        "All organisations": (5, 22, 22.7),
    }
    # Newest review first; without a chosen item, one bar per review's total share.
    assert [row["review"] for row in report.table("organisations").rows][::4] == [
        "Review M",
        "Review K",
    ]
    [chart] = report.charts
    assert chart.table_slug == "organisations"
    # Each bar is named by the adult's pseudonym, short enough for the chart.
    assert f"{partnership['review_m'].pseudonym}: 22.7%; " in chart.svg
    assert f"{partnership['review_k'].pseudonym}: 40.9%" in chart.svg


@pytest.mark.django_db
def test_week_by_week_growth_since_publication(partnership):
    report = reach_report(scope=BOARD, filters=ReportFilters(), today=TODAY)
    weeks_k = report.table(f"weeks-{partnership['review_k'].pk}").rows
    assert [(row["week"], row["number"]) for row in weeks_k] == [
        ("4 May 2026", 1),
        ("11 May 2026", 2),
        ("18 May 2026", 3),
        ("25 May 2026", 4),
        ("1 June 2026", 5),
        ("8 June 2026", 6),
        ("15 June 2026", 7),
    ]
    # Cumulative 4, 6, 8, 8, 9, 9, 9 (the lead's April completion counts from week 1).
    # Only figures 0 or 5+ people apart from every other figure shown (and from the
    # total of 9) are shown.
    assert _people(report, partnership["review_k"]) == [S, S, S, S, 9, 9, 9]
    # Review M: 2 then 5 then 5.
    assert _people(report, partnership["review_m"]) == [S, 5, 5]


@pytest.mark.django_db
def test_lead_sees_only_their_organisation(partnership):
    council = partnership["council"]
    report = reach_report(
        scope=ReportScope(organisation_id=council.pk, names=True),
        # Even were the filters to name another organisation, the scope holds.
        filters=ReportFilters(organisation=partnership["police"]),
        today=TODAY,
    )
    assert _figures(report, "Review K") == {"Northmoor Council": (6, 11, 54.5)}
    assert _figures(report, "Review M") == {"Northmoor Council": (5, 11, 45.5)}
    # Council only: 3 by week 1 (with the lead's), 5 by week 2, 6 from week 5.
    assert _people(report, partnership["review_k"]) == [S, S, S, S, 6, 6, 6]


@pytest.mark.django_db
def test_a_count_fewer_than_five_short_of_everyone_reads_all_but_fewer_than_5(client, partnership):
    """Three of p7 to p10 complete review K: the council's 9 of 11 would say that 2 have
    not, so the 9 and its share are withheld, on the lead's page and in the export."""
    for person in partnership["idle"][:3]:
        complete(person, partnership["review_k"], at(6, 10))
    council = partnership["council"]
    lead_view = reach_report(
        scope=ReportScope(organisation_id=council.pk, names=True),
        filters=ReportFilters(),
        today=TODAY,
    )
    assert _figures(lead_view, "Review K") == {"Northmoor Council": (NEARLY_ALL, 11, NEARLY_ALL)}
    assert _figures(lead_view, "Review M") == {"Northmoor Council": (5, 11, 45.5)}
    # For the board the other two rows are withheld whole (as in the fixture): they and
    # the council's 9 hold 12 people completed and 10 not between them, so the total shows.
    board = reach_report(scope=BOARD, filters=ReportFilters(), today=TODAY)
    assert _figures(board, "Review K") == {
        "Northmoor Council": (NEARLY_ALL, 11, NEARLY_ALL),
        "Northmoor NHS Trust": (S, S, S),
        "Northmoor Police": (S, S, S),
        "All organisations": (12, 22, 54.5),
    }
    nearly = "all but fewer than 5"
    assert nearly in _get(client, partnership["lead"]).content.decode()
    rows = _export_rows(
        _get(client, partnership["lead"], export="csv", table="organisations"), "csv"
    )
    assert ["Review K", "Northmoor Council", nearly, "11", nearly] in rows


@pytest.mark.django_db
def test_filters_narrow_people_reviews_and_dates(partnership):
    council, east = partnership["council"], partnership["east"]
    by_org = reach_report(scope=BOARD, filters=ReportFilters(organisation=council), today=TODAY)
    # One organisation: no total row, so nothing else need be withheld.
    assert _figures(by_org, "Review K") == {"Northmoor Council": (6, 11, 54.5)}

    team = reach_report(scope=BOARD, filters=ReportFilters(team=east), today=TODAY)
    # Adults East's 9 people beside the council's 11 unfiltered would give Adults West's
    # 2 (and their 1 completion of each review), so the team's rows are withheld whole.
    assert _figures(team, "Review K") == {"Northmoor Council": (S, S, S)}
    assert _figures(team, "Review M") == {"Northmoor Council": (S, S, S)}
    assert NARROWED_NOTE in team.table("organisations").notes

    may = reach_report(
        scope=BOARD,
        filters=ReportFilters(organisation=council, since=date(2026, 5, 1)),
        today=TODAY,
    )
    assert _figures(may, "Review K") == {"Northmoor Council": (5, 11, 45.5)}
    # Weeks run from the later of publication and the start date.
    assert len(may.table(f"weeks-{partnership['review_k'].pk}").rows) == 7

    leads = reach_report(
        scope=BOARD,
        filters=ReportFilters(role=Group.objects.get(name=Role.ORGANISATION_LEAD.value)),
        today=TODAY,
    )
    assert _figures(leads, "Review K") == {"Northmoor Council": (S, S, S)}

    from learning.models import Principle

    empowerment = reach_report(
        scope=BOARD,
        filters=ReportFilters(principle=Principle.objects.get(slug="empowerment")),
        today=TODAY,
    )
    assert {row["review"] for row in empowerment.table("organisations").rows} == {"Review M"}


@pytest.mark.django_db
def test_choosing_a_briefing_counts_only_its_completions_every_week_with_a_line(partnership):
    report = reach_report(
        scope=BOARD,
        filters=ReportFilters(item=partnership["briefing_b"]),
        today=TODAY,
    )
    # B: lead, p2, p3, p4, p5 in the council; t2 in the trust.
    assert _figures(report, "Review K") == {
        "Northmoor Council": (S, 11, S),  # else 6 - 5 gives the trust's 1
        "Northmoor NHS Trust": (S, S, S),
        "Northmoor Police": (S, S, S),
        "All organisations": (6, 22, 27.3),
    }
    assert [table.slug for table in report.tables] == [
        "organisations",
        f"weeks-{partnership['review_k'].pk}",
    ]
    # Cumulative 2, 4, 5, 5, 6, 6, 6: only the 6s are 5+ from 0 and equal to the total.
    assert _people(report, partnership["review_k"]) == [S, S, S, S, 6, 6, 6]
    [chart] = report.charts
    assert chart.table_slug == f"weeks-{partnership['review_k'].pk}"
    assert "<polyline" in chart.svg

    neither = reach_report(
        scope=BOARD,
        filters=ReportFilters(item=make_learning_page(title="Teaches no review")),
        today=TODAY,
    )
    assert neither.table("organisations").rows == []
    assert neither.charts == []


@pytest.mark.django_db
def test_an_old_review_shows_its_last_26_weeks_with_a_note(partnership):
    old = make_review(title="Review O", published_at=datetime(2025, 6, 2, 9, tzinfo=UTC))
    report = reach_report(scope=BOARD, filters=ReportFilters(), today=TODAY)
    table = report.table(f"weeks-{old.pk}")
    assert len(table.rows) == 26
    assert {key: table.rows[-1][key] for key in ("week", "number", "people")} == {
        "week": "15 June 2026",
        "number": 55,
        "people": 0,
    }
    assert "Showing the last 26 of 55 weeks." in table.notes[1]


def test_a_single_small_cell_is_protected_by_the_next_smallest():
    rows = organisation_rows(
        [
            {"organisation": "A", "completed": 3, "headcount": 10},
            {"organisation": "B", "completed": 12, "headcount": 20},
            {"organisation": "C", "completed": 0, "headcount": 30},
        ],
        with_total=True,
    )
    assert [(r["completed"], r["headcount"], r["share"]) for r in rows] == [
        (S, 10, S),  # 3 people
        (S, 20, S),  # else 15 - 0 would give A's 3
        (0, 30, 0.0),
        (15, 60, 25.0),
    ]


def test_a_nearly_complete_row_is_protected_by_the_next_smallest_rest():
    rows = organisation_rows(
        [
            {"organisation": "A", "completed": 18, "headcount": 20},
            {"organisation": "B", "completed": 5, "headcount": 30},
            {"organisation": "C", "completed": 10, "headcount": 30},
        ],
        with_total=True,
    )
    assert [(r["completed"], r["headcount"], r["share"]) for r in rows] == [
        (NEARLY_ALL, 20, NEARLY_ALL),  # 2 of A's people have not completed
        (5, 30, 16.7),
        # The smaller of the other rests (20, against B's 25): else the 47 people who
        # have not completed, less B's 25 and C's 20, would give A's 2.
        (S, 30, S),
        (33, 80, 41.2),
    ]


def test_small_groups_with_nothing_left_to_hide_hide_the_total():
    rows = organisation_rows(
        [
            {"organisation": "A", "completed": 1, "headcount": 2},
            {"organisation": "B", "completed": 1, "headcount": 2},
        ],
        with_total=True,
    )
    assert [(r["completed"], r["headcount"], r["share"]) for r in rows] == [
        (S, S, S),
        (S, S, S),
        (S, S, S),
    ]


def test_cumulative_figures_never_differ_by_a_small_group():
    weeks = [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19), date(2026, 1, 26)]
    new = {date(2025, 12, 29): 1, weeks[0]: 5, weeks[1]: 2, weeks[2]: 4}
    rows = cumulative_rows(new, weeks, weeks[0])
    # 6, 8, 12, 12: 6 is 5+ from 0 but only 6 from 12, fine; 8 is 2 from 6.
    assert [row["people"] for row in rows] == [6, S, 12, 12]
    assert cumulative_rows({}, weeks[:2], weeks[0])[1] == {
        "start": weeks[1],
        "week": "12 January 2026",
        "number": 2,
        "people": 0,
    }


def _get(client, user, **params):
    client.force_login(user)
    return client.get("/reports/reach/", params)


@pytest.mark.django_db
def test_board_view_never_names_anyone(client, partnership):
    response = _get(client, partnership["manager"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Review K" in html and "40.9%" in html and "fewer than 5" in html
    assert "<svg" in html
    for person in partnership["people"]:
        assert person.last_name not in html


@pytest.mark.django_db
def test_lead_view_is_held_to_their_organisation(client, partnership):
    response = _get(client, partnership["lead"], organisation=partnership["police"].pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Northmoor Council" in html and "54.5%" in html
    assert "Northmoor Police" not in html and "Northmoor NHS Trust" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR, Role.SAB_EDITOR])
def test_others_may_not_see_the_report(client, sign_in_with_mfa, role):
    sign_in_with_mfa(role)
    assert client.get("/reports/reach/").status_code == 403


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

    weeks_slug = f"weeks-{partnership['review_k'].pk}"
    report = reach_report(scope=BOARD, filters=ReportFilters(), today=timezone.localdate())
    for slug in ("organisations", weeks_slug):
        response = _get(client, partnership["manager"], export=export_format, table=slug)
        assert response.status_code == 200
        # A streamed file can be read once: keep its bytes for both checks.
        content = _content(response)
        rows = _export_rows(content, export_format)
        table = report.table(slug)
        assert rows == [table.header(), *table.text_rows()]
        if export_format == "xlsx":
            assert_typed_as_the_table(content, table)
    organisations = _export_rows(
        _get(client, partnership["manager"], export=export_format, table="organisations"),
        export_format,
    )
    assert ["Review K", "All organisations", "9", "22", "40.9%"] in organisations
    assert ["Review K", "Northmoor Police", *["fewer than 5"] * 3] in organisations
    if export_format == "xlsx":
        values = xlsx_values(
            _content(_get(client, partnership["manager"], export="xlsx", table="organisations"))
        )
        assert ["Review K", "All organisations", 9, 22, 0.409] in values
        assert ["Review K", "Northmoor Police", *["fewer than 5"] * 3] in values


@pytest.mark.django_db
def test_filtered_export_follows_the_filters(client, partnership):
    response = _get(
        client,
        partnership["manager"],
        export="csv",
        table="organisations",
        organisation=partnership["council"].pk,
    )
    rows = _export_rows(response, "csv")
    assert rows[1:] == [
        ["Review M", "Northmoor Council", "5", "11", "45.5%"],
        ["Review K", "Northmoor Council", "6", "11", "54.5%"],
    ]


@pytest.mark.django_db
def test_bad_filters_are_reported_not_an_error(client, partnership):
    response = _get(client, partnership["manager"], item="not-a-number", since="2026-13-45")
    assert response.status_code == 200
    assert "There is no such learning item" in response.content.decode()


@pytest.mark.django_db
def test_queries_do_not_grow_with_people(client, partnership):
    """Six people more than the fixture's twenty-two, then fifteen: the same queries."""

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _get(client, partnership["manager"]).status_code == 200
        return len(queries)

    def add_people(how_many: int) -> None:
        for n in range(how_many):
            person = make_person(team=partnership["east"])
            complete(person, partnership["review_k"], at(5, 4 + n % 20))
            complete(person, partnership["briefing_b"], at(6, 1 + n % 10))

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
