"""The quarterly board pack against a hand-computed partnership, for January to March
2026 (2026-Q1).

One requirement, "Core safeguarding adults learning" (one page, starting 1 October
2025, due 30 days after), for three organisations; the page also teaches the review
"Review of Adult A" (published 1 December 2025).

    Northmoor Council  12 people (the lead among them): 7 completed on 10 February
                       2026, an 8th only on 5 April (after the quarter), 4 not at all
    Northmoor NHS      5 people (the board's manager among them): none completed
    Northmoor Police   3 people: none completed

As at 31 March the council has 5 people not complete, so its figures are shown (after
the 8th completion its 4 not complete would withhold its count as "all but fewer than
5"):
- Compliance by organisation: the council 12 people, 7 complete, 58.3%, red against
  90% with a 10-point margin. The police (3 people) are withheld, and the trust with
  them (the next smallest, or it would follow from the totals). Trend: 20 people in
  March, 7 complete.
- Reach of "Review of Adult A": the council 7 of 12, 58.3%; the police and the trust
  withheld as above.
- Feedback: the 7 council people who completed in February each rated the page 4; 6
  said it will change their practice and 1 was not sure (7 responses, mean 4). The 6
  saying yes are all but 1 of the responses, so their count and share read "all but
  fewer than 5", and the 1 not sure "fewer than 5". The 8th person's feedback in April
  falls outside the quarter.
"""

from __future__ import annotations

import base64
import re
import zlib
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from learning.models import Completion, Feedback, Organisation, Team
from learning.permissions import ReportScope
from learning.reports import board_pack as board_pack_module
from learning.reports.board_pack import BoardPack, Quarter, Section, build_board_pack
from learning.reports.board_pack_pdf import board_pack_pdf
from learning.reports.charts import bar_chart
from learning.reports.reviews import REVIEW_LEARNING_HOOK, ReviewCatalogue, ReviewLearning
from learning.reports.suppression import NEARLY_ALL, SUPPRESSED
from learning.reports.tables import Chart, Column, Report, ReportTable
from learning.roles import Role
from tests.factories import make_person
from tests.learning import conftest as learning_fixtures
from tests.learning.reflections.factories import make_learning_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_partnership")]

Q1 = Quarter(2026, 1)
LATER = date(2026, 6, 1)
JOINED = datetime(2025, 1, 1, 9, tzinfo=UTC)
IN_QUARTER = datetime(2026, 2, 10, 9, tzinfo=UTC)
AFTER_QUARTER = datetime(2026, 4, 5, 9, tzinfo=UTC)
SECTION_TITLES = (
    "Compliance with required learning",
    "Reach of review learning",
    "Feedback and impact",
)


def _person(team, role=Role.PRACTITIONER):
    person = make_person(role=role, team=team, date_joined=JOINED)
    return person


def _complete(person, page, moment):
    Completion.objects.create(
        user=person,
        page=page,
        page_title=page.title,
        how="confirmed",
        minutes=7,
        completed_at=moment,
    )


def _feedback(person, page, moment, usefulness, will_change):
    feedback = Feedback.objects.create(
        user=person, page=page, usefulness=usefulness, will_change_practice=will_change
    )
    Feedback.objects.filter(pk=feedback.pk).update(created_at=moment, updated_at=moment)


@pytest.fixture(scope="module")
def _partnership(shared_data, enrol_totp):
    return shared_data.build(_build_partnership, enrol_totp)


@pytest.fixture
def page(_partnership, shared_data, db):
    """The learning page the partnership completes (the one tests/learning/conftest.py
    would make again)."""
    return shared_data.copy(_partnership[1])


@pytest.fixture
def partnership(_partnership, shared_data, db):
    world, page = shared_data.copy(_partnership)
    review = ReviewLearning(
        pk=page.pk,
        title="Review of Adult A",
        published_at=datetime(2025, 12, 1, 9, tzinfo=UTC),
        page_ids=frozenset({page.pk}),
    )
    with hooks.register_temporarily(
        REVIEW_LEARNING_HOOK, lambda: ReviewCatalogue(model=type(page), reviews=(review,))
    ):
        yield world


def _build_partnership(totp_user):
    page = make_learning_page(title="Making safeguarding personal")
    make_requirement = learning_fixtures.make_requirement.__wrapped__(None)
    council = Organisation.objects.create(name="Northmoor Council", type="local_authority")
    trust = Organisation.objects.create(name="Northmoor NHS", type="nhs_trust")
    police = Organisation.objects.create(name="Northmoor Police", type="police")
    east = Team.objects.create(organisation=council, name="Adults East")
    ward = Team.objects.create(organisation=trust, name="Ward 7")
    response = Team.objects.create(organisation=police, name="Response")
    make_requirement(
        page, everyone=False, organisations=[council, trust, police], starts_on=date(2025, 10, 1)
    )
    lead = _person(east, role=Role.ORGANISATION_LEAD)
    totp_user(lead)
    manager = _person(ward, role=Role.SAB_MANAGER)
    totp_user(manager)
    council_people = [lead] + [_person(east) for _ in range(11)]
    for _ in range(4):
        _person(ward)
    for _ in range(3):
        _person(response)
    for person in council_people[:7]:
        _complete(person, page, IN_QUARTER)
    _complete(council_people[7], page, AFTER_QUARTER)
    for person in council_people[:6]:
        _feedback(person, page, IN_QUARTER, 4, "yes")
    _feedback(council_people[6], page, IN_QUARTER, 4, "not_sure")
    _feedback(council_people[7], page, AFTER_QUARTER, 1, "no")
    world = {"council": council, "trust": trust, "lead": lead, "manager": manager}
    return world, page


def _rows(section: Section, slug: str, key: str) -> dict:
    table = next(table for _, table in section.items if table.slug == slug)
    return {row[key]: row for row in table.rows}


def _sections(pack: BoardPack) -> dict[str, Section]:
    return {section.slug: section for section in pack.sections}


@pytest.mark.django_db
def test_the_partnership_pack_holds_each_section_as_at_the_quarter_end(partnership):
    pack = build_board_pack(
        scope=ReportScope(organisation_id=None, names=False), quarter=Q1, today=LATER
    )
    assert (pack.as_at, pack.covering, pack.in_progress) == (
        date(2026, 3, 31),
        "The whole partnership",
        False,
    )
    sections = _sections(pack)
    assert list(sections) == ["compliance", "reach", "feedback"]
    assert sections["compliance"].period == "1 January 2026 to 31 March 2026"
    assert sections["reach"].period == "Up to 31 March 2026"

    compliance = _rows(sections["compliance"], "compliance-overall", "group")
    council = compliance["Northmoor Council"]
    assert (council["people"], council["complete"], council["share"], council["rag"]) == (
        12,
        7,
        58.3,
        "red",
    )
    assert compliance["Northmoor Police"]["people"] is SUPPRESSED
    assert compliance["Northmoor NHS"]["share"] is SUPPRESSED
    trend = _rows(sections["compliance"], "compliance-trend", "month")
    assert list(trend) == ["January 2026", "February 2026", "March 2026"]
    assert (trend["March 2026"]["people"], trend["March 2026"]["complete"]) == (20, 7)

    reach = [
        row
        for row in next(
            t for _, t in sections["reach"].items if t.slug == "reach-organisations"
        ).rows
        if row["review"] == "Review of Adult A"
    ]
    by_organisation = {row["organisation"]: row for row in reach}
    council_reach = by_organisation["Northmoor Council"]
    assert (council_reach["completed"], council_reach["headcount"], council_reach["share"]) == (
        7,
        12,
        58.3,
    )
    assert by_organisation["Northmoor NHS"]["headcount"] is SUPPRESSED
    assert by_organisation["Northmoor Police"]["share"] is SUPPRESSED

    levels = _rows(sections["feedback"], "feedback-levels", "item")
    item = levels["Making safeguarding personal"]
    # 6 of 7 saying yes would tell that 1 did not.
    assert (item["responses"], item["mean"], item["change_yes_share"]) == (7, 4.0, NEARLY_ALL)
    reaction = _rows(sections["feedback"], "feedback-reaction", "item")
    answers = reaction["Making safeguarding personal"]
    assert (answers["rating_4"], answers["change_yes"], answers["change_not_sure"]) == (
        7,
        NEARLY_ALL,
        SUPPRESSED,
    )
    assert (answers["change_no"], answers["change_no_share"]) == (0, 0.0)
    # No names in a pack, even a lead's.
    assert "compliance-people" not in [t.slug for _, t in sections["compliance"].items]


@pytest.mark.django_db
def test_a_leads_pack_is_their_organisation_by_team_and_names_nobody(partnership):
    scope = ReportScope(organisation_id=partnership["council"].pk, names=True)
    pack = build_board_pack(scope=scope, quarter=Q1, today=LATER)
    assert pack.covering == "Northmoor Council"
    sections = _sections(pack)
    teams = _rows(sections["compliance"], "compliance-overall", "group")
    assert list(teams) == ["Adults East (Northmoor Council)"]
    assert (
        teams["Adults East (Northmoor Council)"]["people"],
        teams["Adults East (Northmoor Council)"]["complete"],
    ) == (12, 7)
    assert all(table.slug != "compliance-people" for _, table in sections["compliance"].items)
    organisations = {
        row["organisation"]
        for _, table in sections["reach"].items
        if table.slug == "reach-organisations"
        for row in table.rows
    }
    assert organisations == {"Northmoor Council"}


@pytest.mark.django_db
def test_sections_follow_the_reports_registered(partnership, monkeypatch):
    real = board_pack_module.report_type
    monkeypatch.setattr(
        board_pack_module, "report_type", lambda slug: None if slug == "reach" else real(slug)
    )
    pack = build_board_pack(
        scope=ReportScope(organisation_id=None, names=False), quarter=Q1, today=LATER
    )
    assert [section.slug for section in pack.sections] == ["compliance", "feedback"]


def _get(client, user, path="/reports/board-pack/", **params):
    client.force_login(user)
    return client.get(path, params)


@pytest.mark.django_db
def test_the_page_shows_each_sections_chart_and_figures(client, partnership):
    response = _get(client, partnership["manager"], quarter="2026-Q1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Learning and development: January to March 2026" in html
    assert "hub-printable" in html and "1 January 2026 to 31 March 2026 (2026-Q1)" in html
    for title in SECTION_TITLES:
        assert title in html
    assert "58.3%" in html and 'hub-rag--red">Red<' in html
    # The police and the trust are withheld whole; the feedback's "yes" is all but one.
    assert html.count("all but fewer than 5") >= 1
    assert html.count("fewer than 5") > html.count("all but fewer than 5")
    assert "Review of Adult A" in html
    assert html.count('<svg class="hub-chart__svg"') >= 3
    # Each chart comes before its table.
    assert html.index("Share of people complete by organisation") < html.index(
        'id="table-compliance-overall"'
    )
    assert 'href="/reports/board-pack.pdf?quarter=2026-Q1"' in html
    assert "?export=" not in html


@pytest.mark.django_db
def test_without_a_quarter_the_last_complete_one_is_shown(client, partnership):
    from django.utils import timezone

    expected = Quarter.last_complete(timezone.localdate())
    response = _get(client, partnership["lead"])
    assert response.status_code == 200
    assert f"Learning and development: {expected.label}" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("quarter", ["2026-Q5", "nonsense", "2099-Q1", "", "2026-Q1x"])
@pytest.mark.parametrize("path", ["/reports/board-pack/", "/reports/board-pack.pdf"])
def test_a_quarter_not_on_offer_is_a_form_error(client, partnership, quarter, path):
    response = _get(client, partnership["manager"], path=path, quarter=quarter)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose a quarter" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR, Role.SAB_EDITOR])
def test_others_may_not_see_the_board_pack(client, sign_in_with_mfa, role):
    sign_in_with_mfa(role)
    assert client.get("/reports/board-pack/").status_code == 403
    assert client.get("/reports/board-pack.pdf", {"quarter": "2026-Q1"}).status_code == 403


def _pdf_text(content: bytes) -> str:
    """The PDF's page content and metadata as text: each stream decoded (reportlab
    writes them deflated, then ASCII85-encoded)."""
    parts = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)\s*endstream", content, re.DOTALL):
        data = stream.strip()
        if data.endswith(b"~>"):
            data = base64.a85decode(data[:-2])
        try:
            parts.append(zlib.decompress(data))
        except zlib.error:
            continue
    return b"\n".join(parts).decode("latin-1")


@pytest.mark.django_db
def test_the_pdf_has_the_sections_figures_and_metadata(client, partnership):
    response = _get(
        client, partnership["manager"], path="/reports/board-pack.pdf", quarter="2026-Q1"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="board-pack-2026-Q1.pdf"'
    assert "no-store" in response["Cache-Control"]
    content = response.content
    assert content.startswith(b"%PDF")
    text = _pdf_text(content)
    assert "(Board pack) Tj" in text
    for title in SECTION_TITLES:
        assert title in text
    assert "(58.3%) Tj" in text and "(Red) Tj" in text
    assert "(fewer than 5) Tj" in text  # in the tables and in the charts
    assert "(all but fewer than 5) Tj" in text  # the feedback's "yes"
    assert "(target 90%) Tj" in text
    assert re.search(r"\(Page 1 of (\d+)\) Tj", text)
    assert "/Title (Board pack: January to March 2026)" in text
    assert "/Author (Safeguarding Learning Hub)" in text
    assert "/Lang (en-GB)" in text
    # Nobody's name: the lead is in the council, among the figures.
    assert partnership["lead"].last_name not in text


def test_long_charts_and_tables_run_over_pages():
    """A chart taller than a page is drawn in parts, and a long table repeats its head."""
    points = [(f"Learning item {n}", n % 7 * 10 if n % 5 else SUPPRESSED) for n in range(60)]
    table = ReportTable(
        slug="items",
        caption="Every item",
        columns=[
            Column("item", "Learning item"),
            Column("share", "Share", numeric=True, kind="percent"),
        ],
        rows=[{"item": label, "share": value} for label, value in points],
    )
    report = Report(
        slug="long",
        title="A long report",
        description="Sixty items.",
        tables=[table],
        charts=[Chart(title="Every item", svg=bar_chart("Every item", points), table_slug="items")],
    )
    pack = BoardPack(
        quarter=Q1,
        produced_on=LATER,
        as_at=Q1.end,
        covering="The whole partnership",
        sections=[board_pack_module._section(report, "1 January 2026 to 31 March 2026")],
    )
    text = _pdf_text(board_pack_pdf(pack))
    pages = int(re.search(r"\(Page 1 of (\d+)\) Tj", text)[1])
    assert pages >= 5
    assert text.count("(Learning item 59) Tj") == 2  # once in the chart, once in the table
    assert text.count("(Share) Tj") >= 2  # the header row, repeated


def test_quarters():
    assert Quarter.parse("2026-Q3") == Quarter(2026, 3)
    assert Quarter.parse("2026-Q0") is None and Quarter.parse("26-Q1") is None
    q3 = Quarter(2026, 3)
    assert (q3.start, q3.end, q3.label) == (
        date(2026, 7, 1),
        date(2026, 9, 30),
        "July to September 2026",
    )
    assert Quarter.last_complete(date(2026, 1, 15)) == Quarter(2025, 4)
    assert Quarter.last_complete(date(2026, 10, 1)) == Quarter(2026, 3)
    assert Quarter(2025, 4).end == date(2025, 12, 31)


@pytest.mark.django_db
def test_the_reports_index_links_the_pack_the_export_and_the_leads_pages(client, partnership):
    manager_html = _get(client, partnership["manager"], path="/reports/").content.decode()
    for link in ('href="/reports/board-pack/"', 'href="/required-learning/"'):
        assert link in manager_html
    # Statements are one person's records each: the board, which sees aggregates, has
    # no export of them.
    for link in ('href="/organisation/people/"', 'href="/reports/xapi/"'):
        assert link not in manager_html
    lead_html = _get(client, partnership["lead"], path="/reports/").content.decode()
    assert 'href="/reports/xapi/"' in lead_html
    assert 'href="/organisation/people/">Your people</a>' in lead_html
    assert 'href="/required-learning/">Required learning</a>' in lead_html


@pytest.mark.django_db
def test_queries_do_not_grow_with_people(client, partnership, page):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert _get(client, partnership["manager"], quarter="2026-Q1").status_code == 200
        return len(queries)

    count()  # the first request also loads the session and the site
    before = count()
    east = Team.objects.get(name="Adults East")
    for _ in range(10):
        person = _person(east)
        _complete(person, page, IN_QUARTER)
        _feedback(person, page, IN_QUARTER, 5, "not_sure")
    assert count() == before
