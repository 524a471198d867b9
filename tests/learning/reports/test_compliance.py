"""The compliance report against a hand-computed partnership.

Two organisations take the requirement "Core safeguarding adults learning" (one page,
once, due 30 days after 1 January 2026). On 15 June 2026:

    Northmoor Council   Adults East  (40 people: the lead and 35 others complete, 4 not)
                        Adults North (5 people: all complete)
                        Adults West  (2 people: neither complete)
    Northmoor NHS       Ward 7       (10 people: 4 complete, 1 exempt, 5 not)

Each organisation's people not complete are none or at least five (6 and 5), so that
its count of those complete is shown (1 to 4 not complete would withhold it as "all but
fewer than 5"). By organisation: the council 47 people, 41 complete, 87.2% (amber
against 90% with a 10-point amber margin); the trust 10 people, 5 complete or exempt,
50% (red).

By team, each organisation's teams are siblings adding up to its figures: Adults West
(2 people) is withheld, and so is the next smallest council team, Adults North (5), or
West would follow from the council's totals by subtraction. Adults East shows 40 people
but only "all but fewer than 5" complete, since 4 are not; its share is withheld the
same way, and its RAG still shows green, which it is whether 1 or 4 are not complete
(97.5% or 90%). The three council teams withhold 41 complete and 6 not between them, so
nothing follows from the council's figures. Ward 7 is the trust's only team and shows
as the trust does.

Per requirement, each organisation's people are split into complete or exempt, overdue,
and due or not started (council 41, 6, 0; trust 5, 5, 0), all shown: no part is 1 to 4.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.models import Completion, Exemption, Organisation, Team
from learning.permissions import ReportScope
from learning.reports.compliance import compliance_report, rag
from learning.reports.filters import ReportFilters
from learning.reports.suppression import NEARLY_ALL, SUPPRESSED
from learning.roles import Role
from tests.factories import make_person
from tests.learning import conftest as learning_fixtures
from tests.learning.reflections.factories import make_learning_page
from tests.learning.xlsx_helpers import (
    assert_typed_as_the_table,
    column_types,
    xlsx_as_shown,
    xlsx_values,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_partnership")]

TODAY = date(2026, 6, 15)
JOINED = datetime(2025, 1, 1, 9, tzinfo=UTC)
DONE_AT = datetime(2026, 3, 10, 9, tzinfo=UTC)


def _person(team, role=Role.PRACTITIONER, **fields):
    person = make_person(role=role, team=team, date_joined=JOINED, **fields)
    return person


def _complete(person, page):
    Completion.objects.create(
        user=person,
        page=page,
        page_title=page.title,
        how="confirmed",
        minutes=7,
        completed_at=DONE_AT,
    )


@pytest.fixture(scope="module")
def _partnership(shared_data, enrol_totp):
    return shared_data.build(_build_partnership, enrol_totp)


@pytest.fixture
def partnership(_partnership, shared_data, db):
    return shared_data.copy(_partnership)


def _build_partnership(totp_user):
    page = make_learning_page(title="Making safeguarding personal")
    make_requirement = learning_fixtures.make_requirement.__wrapped__(None)
    council = Organisation.objects.create(name="Northmoor Council", type="local_authority")
    trust = Organisation.objects.create(name="Northmoor NHS", type="nhs_trust")
    east = Team.objects.create(organisation=council, name="Adults East")
    north = Team.objects.create(organisation=council, name="Adults North")
    west = Team.objects.create(organisation=council, name="Adults West")
    ward = Team.objects.create(organisation=trust, name="Ward 7")
    requirement = make_requirement(
        page, everyone=False, organisations=[council, trust], starts_on=date(2026, 1, 1)
    )
    lead = _person(east, role=Role.ORGANISATION_LEAD, first_name="Lena", last_name="Lead")
    totp_user(lead)
    east_people = [lead] + [_person(east) for _ in range(39)]
    north_people = [_person(north) for _ in range(5)]
    west_people = [_person(west) for _ in range(2)]
    ward_people = [_person(ward) for _ in range(10)]
    for person in east_people[:36] + north_people + ward_people[:4]:
        _complete(person, page)
    exemption = Exemption.objects.create(
        user=ward_people[4],
        requirement=requirement,
        reason="Long-term leave",
        ends_on=date(2026, 12, 31),
    )
    Exemption.objects.filter(pk=exemption.pk).update(created_at=datetime(2026, 6, 1, 9, tzinfo=UTC))
    board = Organisation.objects.create(name="Safeguarding Adults Board", type="other")
    manager = make_person(role=Role.SAB_MANAGER, organisation=board)
    totp_user(manager)
    return {
        "council": council,
        "trust": trust,
        "lead": lead,
        "manager": manager,
        "requirement": requirement,
        "not_done": east_people[36:] + west_people,
    }


def _rows(report, slug):
    return {row["group"]: row for row in report.table(slug).rows}


@pytest.mark.django_db
def test_partnership_view_by_organisation_with_small_numbers_withheld(partnership):
    report = compliance_report(
        scope=ReportScope(organisation_id=None, names=False), filters=ReportFilters(), today=TODAY
    )
    by_organisation = _rows(report, "overall")
    council = by_organisation["Northmoor Council"]
    assert (council["people"], council["complete"], council["share"], council["rag"]) == (
        47,
        41,
        87.2,
        "amber",
    )
    trust = by_organisation["Northmoor NHS"]
    assert (trust["people"], trust["complete"], trust["share"], trust["rag"]) == (
        10,
        5,
        50.0,
        "red",
    )

    teams = _rows(report, "teams")
    east = teams["Adults East (Northmoor Council)"]
    # 36 of 40 complete would tell that 4 are not: the count and share are withheld,
    # and the RAG is green whether 1 or 4 are not complete.
    assert (east["people"], east["complete"], east["share"], east["rag"]) == (
        40,
        NEARLY_ALL,
        NEARLY_ALL,
        "green",
    )
    # Adults West has 2 people; Adults North goes with it, or West would follow from
    # the council's totals by subtraction.
    for name in ("Adults West (Northmoor Council)", "Adults North (Northmoor Council)"):
        assert teams[name]["people"] is SUPPRESSED and teams[name]["share"] is SUPPRESSED
    ward = teams["Ward 7 (Northmoor NHS)"]
    assert (ward["people"], ward["complete"], ward["share"]) == (10, 5, 50.0)

    per_requirement = report.table("requirements").rows
    assert [
        (row["group"], row["people"], row["complete"], row["overdue"], row["pending"])
        for row in per_requirement
    ] == [
        ("Northmoor Council", 47, 41, 6, 0),
        ("Northmoor NHS", 10, 5, 5, 0),
    ]
    # No names anywhere in the board's view.
    assert "people" not in [table.slug for table in report.tables]


@pytest.mark.django_db
def test_lead_sees_their_organisation_by_team_and_the_named_people_not_complete(partnership):
    scope = ReportScope(organisation_id=partnership["council"].pk, names=True)
    report = compliance_report(
        scope=scope, filters=ReportFilters(organisation=partnership["council"]), today=TODAY
    )
    teams = _rows(report, "overall")
    assert set(teams) == {
        "Adults East (Northmoor Council)",
        "Adults North (Northmoor Council)",
        "Adults West (Northmoor Council)",
    }
    east = teams["Adults East (Northmoor Council)"]
    # 4 of its 40 people are not complete, so the count of those who are is withheld.
    assert (east["people"], east["complete"], east["rag"]) == (40, NEARLY_ALL, "green")
    assert teams["Adults West (Northmoor Council)"]["people"] is SUPPRESSED
    named = report.table("people").rows
    assert sorted(row["name"][0] for row in named) == sorted(
        str(person) for person in partnership["not_done"]
    )
    assert {row["status"] for row in named} == {"Overdue"}
    assert {row["due_on"] for row in named} == {"31 January 2026"}


@pytest.mark.django_db
def test_trend_counts_completions_in_the_month_they_happened(partnership):
    report = compliance_report(
        scope=ReportScope(organisation_id=None, names=False), filters=ReportFilters(), today=TODAY
    )
    trend = {row["month"]: row for row in report.table("trend").rows}
    assert len(trend) == 12
    # Before the requirement applied nobody had required learning.
    assert trend["December 2025"]["people"] == 0
    # February: all 57 people, nobody complete yet (the only exemption began in June).
    assert (trend["February 2026"]["people"], trend["February 2026"]["complete"]) == (57, 0)
    assert trend["February 2026"]["share"] == 0.0
    # March onwards: 45 completions; June adds the exemption.
    assert trend["March 2026"]["complete"] == 45
    assert (trend["June 2026"]["people"], trend["June 2026"]["complete"]) == (57, 46)
    assert trend["June 2026"]["share"] == pytest.approx(80.7)


def test_rag_against_the_target_and_margin():
    assert [rag(value, 90, 10) for value in (95, 90, 85, 80, 79.9, None)] == [
        "green",
        "green",
        "amber",
        "amber",
        "red",
        "",
    ]
    assert rag(SUPPRESSED, 90, 10) == ""


def _get(client, user, **params):
    client.force_login(user)
    return client.get("/reports/compliance/", params)


@pytest.mark.django_db
def test_view_shows_the_board_figures_without_names(client, partnership):
    response = _get(client, partnership["manager"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Northmoor Council" in html and "87.2%" in html
    assert 'hub-rag--amber">Amber<' in html and 'hub-rag--red">Red<' in html
    # Adults West and North are withheld whole; Adults East's count of people complete
    # is withheld as nearly all of them.
    assert html.count("all but fewer than 5") >= 1
    assert html.count("fewer than 5") > html.count("all but fewer than 5")
    for person in partnership["not_done"]:
        assert person.last_name not in html
    assert "<svg" in html and 'role="img"' in html


@pytest.mark.django_db
def test_lead_view_is_held_to_their_organisation(client, partnership):
    response = _get(client, partnership["lead"], organisation=partnership["trust"].pk)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Northmoor NHS" not in html
    assert partnership["not_done"][0].last_name in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR, Role.SAB_EDITOR])
def test_others_may_not_see_reports(client, sign_in_with_mfa, role):
    sign_in_with_mfa(role)
    assert client.get("/reports/compliance/").status_code == 403
    assert client.get("/reports/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exports_hold_exactly_the_table_on_screen(client, partnership, export_format):
    response = _get(client, partnership["manager"], export=export_format, table="overall")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        rows = xlsx_as_shown(content)
    report = compliance_report(
        scope=ReportScope(organisation_id=None, names=False),
        filters=ReportFilters(),
        today=timezone.localdate(),
    )
    table = report.table("overall")
    assert rows == [table.header(), *table.text_rows()]
    assert ["Northmoor NHS", "10", "5", "50%", "Red"] in rows
    if export_format == "xlsx":
        # The figures are numbers, the share a real percentage, so a manager can sum
        # and chart them.
        assert ["Northmoor NHS", 10, 5, 0.5, "Red"] in xlsx_values(content)
        assert ["Northmoor Council", 47, 41, 0.872, "Amber"] in xlsx_values(content)
        assert column_types(content) == [{"text"}, {"number"}, {"number"}, {"percent"}, {"text"}]
        assert_typed_as_the_table(content, table)

    # A withheld figure is exported as its text, as the page shows it.
    response = _get(client, partnership["manager"], export=export_format, table="teams")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        rows = xlsx_as_shown(content)
        assert_typed_as_the_table(content, report.table("teams"))
    assert [
        "Adults East (Northmoor Council)",
        "40",
        "all but fewer than 5",
        "all but fewer than 5",
        "Green",
    ] in rows


@pytest.mark.django_db
def test_unknown_table_or_format_is_a_404(client, partnership):
    assert _get(client, partnership["manager"], export="pdf").status_code == 404
    assert _get(client, partnership["manager"], export="csv", table="nope").status_code == 404


@pytest.mark.django_db
def test_bad_filters_are_reported_not_an_error(client, partnership):
    response = _get(client, partnership["manager"], team="999999999999", until="31/02/2026")
    assert response.status_code == 200
    assert "There is no such team" in response.content.decode()


@pytest.mark.django_db
def test_queries_do_not_grow_with_people(client, partnership):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _get(client, partnership["manager"]).status_code == 200
        return len(queries)

    count()  # the first request also loads the session and the site
    before = count()
    team = Team.objects.get(name="Adults East")
    for _ in range(10):
        _person(team)
    assert count() == before


@pytest.mark.django_db
def test_a_leads_report_is_held_to_their_organisation_whatever_the_filters(partnership):
    scope = ReportScope(organisation_id=partnership["council"].pk, names=True)
    for filters in (ReportFilters(), ReportFilters(organisation=partnership["trust"])):
        report = compliance_report(scope=scope, filters=filters, today=TODAY)
        groups = set(_rows(report, "overall"))
        assert groups and all(group.endswith("(Northmoor Council)") for group in groups)
