"""Report exports are written as their rows are read: the CSV streams, the workbook is
built on disk and sent as a file, and the compliance report's people table (one row per
person and requirement not complete, the one table as long as the organisation) reads
its rows from the database in chunks, in a fixed number of queries.

An organisation with one team, whose name an administrator typed starting with "="
(it would run as a formula). Two requirements, each of one page, due 30 days after the
person joined: Ann and Eve joined long ago (overdue on both), Bea 20 days ago (due soon
on both), Cal today (not started on both), Dee long ago but complete on the first and
overdue on the second. Zed and the lead completed everything and are in no row.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from html import unescape
from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.http import FileResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import Completion, Team
from learning.models.audit import AuditAction, AuditEntry
from learning.permissions import ReportScope
from learning.reports import compliance
from learning.reports.compliance import compliance_report
from learning.reports.filters import ReportFilters
from learning.reports.tables import LazyRows
from learning.roles import Role
from tests.factories import OrganisationFactory, make_person
from tests.learning.xlsx_helpers import xlsx_as_shown

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=400)
TEAM = "=Adults East"


def _complete(person, page) -> None:
    Completion.objects.create(
        user=person,
        page=page,
        page_title=page.title,
        how="confirmed",
        minutes=5,
        completed_at=timezone.now() - timedelta(days=1),
    )


@pytest.fixture
def organisation(page, second_page, make_requirement, totp_user):
    council = OrganisationFactory(name="Northmoor Council")
    team = Team.objects.create(organisation=council, name=TEAM)
    first = make_requirement(
        page, title="Core safeguarding", everyone=True, starts_on=date(2020, 1, 1), due_days=30
    )
    second = make_requirement(
        second_page, title="Self-neglect", everyone=True, starts_on=date(2020, 1, 1), due_days=30
    )
    lead = make_person(
        role=Role.ORGANISATION_LEAD,
        team=team,
        first_name="Lena",
        last_name="Lead",
        date_joined=LONG_AGO,
    )
    totp_user(lead)
    people = {
        "ann": make_person(team=team, first_name="Ann", last_name="Adams", date_joined=LONG_AGO),
        "bea": make_person(
            team=team,
            first_name="Bea",
            last_name="Brown",
            date_joined=timezone.now() - timedelta(days=20),
        ),
        "cal": make_person(team=team, first_name="Cal", last_name="Cole"),
        "dee": make_person(team=team, first_name="Dee", last_name="Dale", date_joined=LONG_AGO),
        "eve": make_person(team=team, first_name="Eve", last_name="Evans", date_joined=LONG_AGO),
        "zed": make_person(team=team, first_name="Zed", last_name="Zane", date_joined=LONG_AGO),
    }
    for person in (lead, people["zed"]):
        _complete(person, page)
        _complete(person, second_page)
    _complete(people["dee"], page)
    return {
        "council": council,
        "team": team,
        "lead": lead,
        "people": people,
        "pages": (first, second),
    }


def _lead_report(organisation):
    return compliance_report(
        scope=ReportScope(organisation_id=organisation["council"].pk, names=True),
        filters=ReportFilters(organisation=organisation["council"]),
        today=timezone.localdate(),
    )


def _export(client, organisation, export_format="csv", table="people"):
    client.force_login(organisation["lead"])
    return client.get(
        reverse("reports:report", args=["compliance"]), {"export": export_format, "table": table}
    )


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel reads UTF-8 by
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _as_in_a_file(rows: list[list[str]]) -> list[list[str]]:
    """The rows as both files hold them: text that would run as a formula marked as text."""
    return [[("'" + cell) if cell.startswith("=") else cell for cell in row] for row in rows]


def _page_table(html: str, slug: str) -> list[list[str]]:
    """The text of each row of the page's table `slug`, header first."""
    table = re.search(rf'<table class="govuk-table" id="table-{slug}">(.*?)</table>', html, re.S)
    assert table is not None, slug
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)
    ]


def test_the_people_table_is_read_lazily_in_the_order_shown(organisation):
    table = _lead_report(organisation).table("people")
    assert isinstance(table.rows, LazyRows)
    today = timezone.localdate()
    overdue = f"{timezone.localtime(LONG_AGO).date() + timedelta(days=30):%-d %B %Y}"
    due = f"{today + timedelta(days=10):%-d %B %Y}"
    later = f"{today + timedelta(days=30):%-d %B %Y}"
    # Overdue, then due, then not started; each by name, then requirement. Zed and the
    # lead, who are complete, and Dee's first requirement, which she has done, are in
    # no row.
    assert table.text_rows() == [
        ["Ann Adams", TEAM, "Core safeguarding", "Overdue", overdue],
        ["Ann Adams", TEAM, "Self-neglect", "Overdue", overdue],
        ["Dee Dale", TEAM, "Self-neglect", "Overdue", overdue],
        ["Eve Evans", TEAM, "Core safeguarding", "Overdue", overdue],
        ["Eve Evans", TEAM, "Self-neglect", "Overdue", overdue],
        ["Bea Brown", TEAM, "Core safeguarding", "Due", due],
        ["Bea Brown", TEAM, "Self-neglect", "Due", due],
        ["Cal Cole", TEAM, "Core safeguarding", "Not started", later],
        ["Cal Cole", TEAM, "Self-neglect", "Not started", later],
    ]
    # Each name links to the person's record.
    ann = organisation["people"]["ann"]
    links = {row["name"] for row in table.rows}
    assert ("Ann Adams", reverse("records:person_learning", args=[ann.pk])) in links


def test_the_csv_streams_the_table_shown_on_the_page_formula_safe(client, organisation):
    response = _export(client, organisation)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv_rows(b"".join(response.streaming_content))

    client.force_login(organisation["lead"])
    page = client.get(reverse("reports:report", args=["compliance"])).content.decode()
    shown = _page_table(page, "people")
    table = _lead_report(organisation).table("people")
    assert shown == [table.header(), *table.text_rows()]
    # The file is the page's table, with the team's name, which would run as a formula,
    # opened as text.
    expected = [[("'" + cell) if cell.startswith("=") else cell for cell in row] for row in shown]
    assert rows == expected
    assert rows[1][:3] == ["Ann Adams", "'" + TEAM, "Core safeguarding"]
    assert len(rows) == 10


def test_a_table_longer_than_a_chunk_streams_in_several_pieces(client, organisation):
    with mock.patch("learning.reports.exports.CSV_CHUNK_CHARACTERS", 100):
        response = _export(client, organisation)
        pieces = list(response.streaming_content)
    assert len(pieces) > 3
    assert _csv_rows(b"".join(pieces)) == _csv_rows(
        b"".join(_export(client, organisation).streaming_content)
    )


def test_other_tables_stream_as_before(client, organisation):
    response = _export(client, organisation, table="overall")
    assert isinstance(response, StreamingHttpResponse)
    table = _lead_report(organisation).table("overall")
    assert _csv_rows(b"".join(response.streaming_content)) == _as_in_a_file(
        [table.header(), *table.text_rows()]
    )


def test_the_workbook_is_sent_from_a_file_and_holds_the_same_rows(client, organisation):
    response = _export(client, organisation, export_format="xlsx")
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert response["Content-Disposition"].startswith('attachment; filename="compliance-people-')
    assert int(response["Content-Length"]) > 0
    content = b"".join(response.streaming_content)
    table = _lead_report(organisation).table("people")
    shown = [table.header(), *table.text_rows()]
    assert xlsx_as_shown(content) == _as_in_a_file(shown)


def test_the_download_and_whose_records_are_in_it_are_recorded_before_it_streams(
    client, organisation
):
    response = _export(client, organisation)
    # The view writes the download's entry, and one for each person named in the file
    # (their ids read in one pass first); the rows themselves are read as it streams.
    downloads = AuditEntry.objects.filter(action=AuditAction.EXPORTED, subject__isnull=True)
    [entry] = downloads
    assert entry.actor == organisation["lead"]
    assert entry.detail["table"] == "people" and entry.detail["format"] == "csv"
    named = AuditEntry.objects.filter(action=AuditAction.EXPORTED, subject__isnull=False)
    assert {e.actor for e in named} == {organisation["lead"]}
    with CaptureQueriesContext(connection) as streaming:
        content = b"".join(response.streaming_content)
    assert [q for q in streaming.captured_queries if "shown_name" in q["sql"]]
    assert not [q for q in streaming.captured_queries if "audit" in q["sql"].lower()]
    in_the_file = {row[0] for row in _csv_rows(content)[1:]}
    assert {str(e.subject) for e in named} == in_the_file


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_download_that_cannot_be_recorded_is_refused(client, organisation, export_format):
    with mock.patch.object(
        AuditEntry.objects, "create", side_effect=DatabaseError("audit table unavailable")
    ):
        response = _export(client, organisation, export_format=export_format)
    assert response.status_code == 503
    assert not response.streaming
    assert "Content-Disposition" not in response
    assert "Ann Adams" not in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORTED).exists()


def _csv_queries(client, organisation) -> tuple[int, int]:
    """(queries, rows) of one CSV download of the people table, streamed to the end."""
    with CaptureQueriesContext(connection) as queries:
        response = _export(client, organisation)
        rows = _csv_rows(b"".join(response.streaming_content))
    return len(queries), len(rows) - 1


def test_the_csv_takes_a_fixed_number_of_queries_however_long(client, organisation):
    _csv_queries(client, organisation)  # the first request also loads the session and site
    before, rows_before = _csv_queries(client, organisation)
    for number in range(30):
        make_person(
            team=organisation["team"],
            first_name="Extra",
            last_name=f"Person {number:02d}",
            date_joined=LONG_AGO,
        )
    # Read two rows at a time: a fixed number of queries even when the rows come in
    # many chunks.
    with mock.patch.object(compliance, "PEOPLE_CHUNK", 2):
        after, rows_after = _csv_queries(client, organisation)
    assert rows_after == rows_before + 60
    assert after == before
    assert after <= 40
