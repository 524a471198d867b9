"""Every file that leaves the hub (a person's CPD record, the organisation lead's people
table, report tables, the board pack, xAPI statements) writes one EXPORTED entry before
the file is returned or streamed, saying which report, in what format, with which
filters; the pages those files come from write none; and a download whose entry cannot
be written is refused with a 503 and no file."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from learning.models import CompletionHow
from learning.models.audit import AuditAction, AuditEntry
from learning.records import services
from learning.reports.registry import report_types
from learning.roles import Role
from tests.factories import TeamFactory, make_person

pytestmark = pytest.mark.django_db

XAPI_RANGE = {"since": "2026-01-01", "until": "2026-03-31", "actor": "account"}


@pytest.fixture
def team(db):
    return TeamFactory(name="Adult Social Care", organisation__name="Northmoor Council")


@pytest.fixture
def sam(team, page):
    sam = make_person(first_name="Sam", last_name="Patel", team=team)
    services.completion_record(user=sam, page=page, how=CompletionHow.CONFIRMED)
    return sam


@pytest.fixture
def lead(team, sam, totp_user):
    lead = make_person(role=Role.ORGANISATION_LEAD, organisation=team.organisation)
    totp_user(lead)
    return lead


@pytest.fixture
def manager(sam, totp_user):
    manager = make_person(role=Role.SAB_MANAGER)
    totp_user(manager)
    return manager


def exported() -> list[AuditEntry]:
    """The downloads themselves (not the entries for each person named in a file)."""
    return list(
        AuditEntry.objects.filter(action=AuditAction.EXPORTED).exclude(detail__has_key="in")
    )


def named_in_files() -> list[tuple[int, str]]:
    return sorted(
        AuditEntry.objects.filter(action=AuditAction.EXPORTED, detail__has_key="in").values_list(
            "subject_id", "summary"
        )
    )


def download(client, user, url: str, query: dict | None = None):
    client.force_login(user)
    response = client.get(url, query or {})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].startswith("attachment;")
    return response


def only_entry(actor, subject=None) -> AuditEntry:
    [entry] = exported()
    assert entry.actor == actor
    assert entry.subject == subject
    assert entry.ip_address == "127.0.0.1"
    return entry


def test_own_cpd_record_csv_is_about_its_owner(client, sam):
    download(client, sam, reverse("records:export_csv"))

    entry = only_entry(sam, subject=sam)
    assert entry.summary == "Downloaded their own CPD record as CSV"
    assert entry.detail == {"format": "csv", "report": "cpd-record", "filters": {}}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_organisation_people_table(client, lead, team, file_format):
    url = reverse(f"organisation:people_{file_format}")
    download(client, lead, url, {"team": team.pk, "role": "Practitioner", "sort": "-cpd"})
    entry = only_entry(lead)
    assert entry.summary == (
        f"Downloaded Northmoor Council's people table as {file_format.upper()}"
    )
    assert entry.detail == {
        "format": file_format,
        "report": "organisation-people",
        "filters": {
            "team": "Adult Social Care (Northmoor Council)",
            "role": "Practitioner",
            "sort": "-cpd",
        },
    }


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("slug", [report.slug for report in report_types()])
def test_report_table(client, manager, slug, file_format):
    response = download(
        client,
        manager,
        reverse("reports:report", args=[slug]),
        {"export": file_format, "since": "2026-01-01"},
    )
    table = response["Content-Disposition"].split('filename="', 1)[1]

    entry = only_entry(manager)
    assert entry.summary.startswith("Downloaded the ")
    assert entry.summary.endswith(f" table as {file_format.upper()}")
    assert entry.detail["format"] == file_format
    assert entry.detail["report"] == slug
    assert table.startswith(f"{slug}-{entry.detail['table']}-")
    assert entry.detail["filters"] == {"since": "2026-01-01"}


def test_a_report_table_chosen_by_name(client, manager):
    download(
        client,
        manager,
        reverse("reports:report", args=["compliance"]),
        {"export": "csv", "table": "teams"},
    )

    entry = only_entry(manager)
    assert (
        entry.summary
        == "Downloaded the Compliance with required learning report's “By team” table as CSV"
    )
    assert entry.detail == {
        "format": "csv",
        "report": "compliance",
        "table": "teams",
        "filters": {},
    }


def test_board_pack_pdf(client, manager):
    response = download(client, manager, reverse("reports:board_pack_pdf"))
    quarter = response["Content-Disposition"].split("board-pack-", 1)[1].removesuffix('.pdf"')

    entry = only_entry(manager)
    assert entry.detail == {
        "format": "pdf",
        "report": "board-pack",
        "filters": {"quarter": quarter, "covering": mock.ANY},
    }
    assert entry.summary.startswith("Downloaded the board pack for ")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_each_person_in_the_people_table_is_recorded_as_in_it(client, lead, sam, team, file_format):
    download(client, lead, reverse(f"organisation:people_{file_format}"))
    # Everyone in the organisation but the lead, who downloaded it.
    assert named_in_files() == [
        (
            sam.pk,
            "The person's records were in Northmoor Council's people table, downloaded as "
            f"{file_format.upper()}",
        )
    ]


def test_each_person_with_statements_is_recorded_as_in_the_xapi_file(client, lead, sam, team):
    today = timezone.localdate()
    colleague = make_person(team=team)  # No learning in the range: not in the file.
    assert colleague.pk
    download(
        client,
        lead,
        reverse("reports:xapi"),
        {"since": today.isoformat(), "until": today.isoformat(), "actor": "account"},
    )
    assert [subject for subject, _summary in named_in_files()] == [sam.pk]


def test_xapi_statements_are_recorded_before_streaming(client, lead):
    response = download(client, lead, reverse("reports:xapi"), XAPI_RANGE)
    # Nothing of the file has been read yet: the entry was written before streaming.
    entry = only_entry(lead)
    assert entry.summary == "Downloaded Northmoor Council's xAPI statements as JSON"
    assert entry.detail == {
        "format": "json",
        "report": "xapi",
        "filters": {
            "organisation": "Northmoor Council",
            "since": "2026-01-01",
            "until": "2026-03-31",
            "actor_form": "account",
        },
    }
    assert b"".join(response.streaming_content).startswith(b"[")


def test_the_pages_the_files_come_from_write_no_export(client, sam, lead, manager):
    client.force_login(sam)
    for url in (reverse("records:my_learning"), reverse("records:cpd_summary")):
        assert client.get(url).status_code == 200
    client.force_login(lead)
    for url in (reverse("organisation:people"), reverse("reports:xapi")):
        assert client.get(url).status_code == 200
    client.force_login(manager)
    for url in (reverse("reports:report", args=["compliance"]), reverse("reports:board_pack")):
        assert client.get(url).status_code == 200

    assert exported() == []


DOWNLOADS = {
    "cpd-record": ("sam", reverse("records:export_csv"), {}),
    "people-csv": ("lead", reverse("organisation:people_csv"), {}),
    "people-xlsx": ("lead", reverse("organisation:people_xlsx"), {}),
    "report-csv": ("manager", reverse("reports:report", args=["compliance"]), {"export": "csv"}),
    "report-xlsx": ("manager", reverse("reports:report", args=["feedback"]), {"export": "xlsx"}),
    "board-pack": ("manager", reverse("reports:board_pack_pdf"), {}),
    "xapi": ("lead", reverse("reports:xapi"), XAPI_RANGE),
}


@pytest.mark.parametrize("name", DOWNLOADS)
def test_a_download_that_cannot_be_recorded_is_refused(client, request, name):
    who, url, query = DOWNLOADS[name]
    client.force_login(request.getfixturevalue(who))

    with mock.patch.object(
        AuditEntry.objects, "create", side_effect=DatabaseError("audit table unavailable")
    ):
        response = client.get(url, query)

    assert response.status_code == 503
    assert "Content-Disposition" not in response
    assert not response.streaming
    assert response["Content-Type"].startswith("text/html")
    if who != "sam":  # whose name the page header shows
        assert "Sam Patel" not in response.content.decode()
    assert exported() == []


def test_a_search_typed_into_a_filter_is_never_kept_in_the_log():
    """Entries outlive erasure, so a search (which may be a person's name) is recorded
    as made, never as typed; the address is kept without its query string."""
    from learning.audit.downloads import SEARCHED, describe_filters

    described = describe_filters({"q": "Sam Patel", "search": "Patel", "status": "overdue"})
    assert described == {"q": SEARCHED, "search": SEARCHED, "status": "overdue"}
