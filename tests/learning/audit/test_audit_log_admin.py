"""The administrator's audit log (issue 14): who may open it, each filter, bad filters
told in words, pagination, the CSV export (which records itself) and a fixed number of
queries however long the log."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.http import HttpRequest, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import settings_menu

from learning.audit.admin_views import PER_PAGE
from learning.models import AuditAction, AuditEntry, Profile
from learning.roles import Role
from tests.factories import OrganisationFactory, make_person

pytestmark = pytest.mark.django_db

LOG = "/admin/audit-log/"
EXPORT = "/admin/audit-log/export/"


def _at(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _entry(action=AuditAction.VIEWED_RECORD, *, actor=None, subject=None, at=None, **fields):
    fields.setdefault("summary", "Viewed a learning record")
    fields.setdefault("ip_address", "203.0.113.7")
    return AuditEntry.objects.create(
        action=action, actor=actor, subject=subject, at=at or timezone.now(), **fields
    )


@pytest.fixture
def administrator(client, sign_in_with_mfa):
    return sign_in_with_mfa(Role.SITE_ADMINISTRATOR)


@pytest.fixture
def people(db):
    return {
        "jane": make_person(
            role=Role.SUPERVISOR,
            first_name="Jane",
            last_name="Okafor",
            email="jane@council.example",
        ),
        "sam": make_person(first_name="Sam", last_name="Reid", email="sam.reid@council.example"),
        "ali": make_person(first_name="Ali", last_name="Khan", email="ali@trust.example"),
    }


@pytest.fixture
def log(people):
    """Entries on different days, by different people, about different people."""
    jane, sam, ali = people["jane"], people["sam"], people["ali"]
    return {
        "jane_viewed_sam": _entry(
            actor=jane, subject=sam, at=_at(2026, 3, 2), summary="Opened Sam Reid's record"
        ),
        "jane_read_ali": _entry(
            AuditAction.VIEWED_ENTRY,
            actor=jane,
            subject=ali,
            at=_at(2026, 3, 10),
            summary="Read a shared entry",
        ),
        "sam_exported": _entry(
            AuditAction.EXPORTED, actor=sam, at=_at(2026, 3, 20), summary="Downloaded a report"
        ),
        "retention": _entry(
            AuditAction.RETENTION_ERASED,
            subject=ali,
            at=_at(2026, 3, 31, 23),
            summary="Erased at the end of the retention period",
            ip_address=None,
        ),
    }


# The actions these tests write. Making people writes entries of its own (their roles
# are recorded as they are given), which the tests leave out of what they compare.
OUR_ACTIONS = {
    AuditAction.VIEWED_RECORD,
    AuditAction.VIEWED_ENTRY,
    AuditAction.EXPORTED,
    AuditAction.RETENTION_ERASED,
}


def _summaries(response) -> list[str]:
    return [entry.summary for entry in response.context["entries"] if entry.action in OUR_ACTIONS]


# --- who may see it -----------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR])
@pytest.mark.parametrize("url", [LOG, EXPORT])
def test_people_without_admin_access_are_kept_out(client, log, role, url):
    client.force_login(make_person(role=role))
    before = AuditEntry.objects.count()
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert b"Opened Sam Reid" not in response.content
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("role", [Role.ORGANISATION_LEAD, Role.SAB_MANAGER, Role.SAB_EDITOR])
@pytest.mark.parametrize("url", [LOG, EXPORT])
def test_other_privileged_roles_are_refused(client, sign_in_with_mfa, log, role, url):
    sign_in_with_mfa(role)
    before = AuditEntry.objects.count()
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert b"Opened Sam Reid" not in response.content
    assert AuditEntry.objects.count() == before


def test_a_site_administrator_sees_every_column(client, administrator, log, people):
    response = client.get(LOG)
    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("When", "Who acted", "Action", "Whose records", "What", "From where"):
        assert f'<th scope="col">{heading}</th>' in page
    assert "Opened Sam Reid&#x27;s record" in page
    assert "Jane Okafor" in page and "jane@council.example" in page
    assert "Viewed a person&#x27;s learning record" in page
    assert "203.0.113.7" in page
    assert "2 Mar 2026, midday" in page
    # Entries written by the hub itself name no person.
    assert "The hub" in page
    assert "no-store" in response["Cache-Control"]


def test_newest_first(client, administrator, log):
    response = client.get(LOG)
    assert _summaries(response) == [
        "Erased at the end of the retention period",
        "Downloaded a report",
        "Read a shared entry",
        "Opened Sam Reid's record",
    ]


def test_a_superuser_sees_it(client, totp_user, log):
    superuser = make_person(role=Role.PRACTITIONER, is_superuser=True, is_staff=True)
    totp_user(superuser)
    client.force_login(superuser)
    response = client.get(LOG)
    assert response.status_code == 200
    assert len(_summaries(response)) == 4


def test_an_administrator_without_the_second_factor_is_sent_to_give_it(client, log):
    administrator = make_person(role=Role.SITE_ADMINISTRATOR)
    client.force_login(administrator)
    response = client.get(LOG)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def _menu_names(user) -> list[str]:
    request = HttpRequest()
    request.user = user
    return [item.name for item in settings_menu.menu_items_for_request(request)]


def test_the_settings_menu_offers_the_log_only_to_those_who_may_read_it(db):
    assert "audit-log" in _menu_names(make_person(role=Role.SITE_ADMINISTRATOR))
    assert "audit-log" in _menu_names(make_person(is_superuser=True))
    assert "audit-log" not in _menu_names(make_person(role=Role.SAB_MANAGER))
    assert "audit-log" not in _menu_names(make_person(role=Role.ORGANISATION_LEAD))


# --- filters ------------------------------------------------------------------------------


def test_filter_by_action(client, administrator, log):
    response = client.get(LOG, {"action": "viewed_entry"})
    assert _summaries(response) == ["Read a shared entry"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("jane@", ["Read a shared entry", "Opened Sam Reid's record"]),
        ("OKAFOR", ["Read a shared entry", "Opened Sam Reid's record"]),
        ("Jane Okafor", ["Read a shared entry", "Opened Sam Reid's record"]),
        ("sam.reid", ["Downloaded a report"]),
        ("nobody-at-all", []),
    ],
)
def test_filter_by_who_acted(client, administrator, log, text, expected):
    assert _summaries(client.get(LOG, {"actor": text})) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Khan", ["Erased at the end of the retention period", "Read a shared entry"]),
        ("sam reid", ["Opened Sam Reid's record"]),
        ("trust.example", ["Erased at the end of the retention period", "Read a shared entry"]),
    ],
)
def test_filter_by_whose_records(client, administrator, log, text, expected):
    assert _summaries(client.get(LOG, {"subject": text})) == expected


def test_filter_by_the_organisation_of_whose_records(client, administrator, log, people):
    trust = OrganisationFactory(name="Northmoor Trust")
    Profile.objects.filter(user=people["ali"]).update(organisation=trust)
    response = client.get(LOG, {"organisation": trust.pk})
    assert _summaries(response) == [
        "Erased at the end of the retention period",
        "Read a shared entry",
    ]


def test_the_users_listing_links_each_person_to_their_entries(client, administrator, people):
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    link = f"{LOG}?subject=sam.reid%40council.example"
    assert link in listing
    assert "Audit log entries: Sam Reid" in listing
    assert _summaries(client.get(link)) == []  # Only the entries about Sam: none here.


def test_filter_by_dates_takes_whole_days_on_the_hubs_clock(client, administrator, log):
    response = client.get(LOG, {"since": "2026-03-10", "until": "2026-03-20"})
    assert _summaries(response) == ["Downloaded a report", "Read a shared entry"]
    # 23:00 on 31 March, London time, is still 31 March (it is 22:00 UTC).
    response = client.get(LOG, {"since": "31/3/2026", "until": "31/3/2026"})
    assert _summaries(response) == ["Erased at the end of the retention period"]


def test_filters_combine(client, administrator, log):
    response = client.get(LOG, {"actor": "jane", "subject": "ali", "since": "2026-03-05"})
    assert _summaries(response) == ["Read a shared entry"]
    assert "Matching entries" in response.content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"since": "2026-02-30"}, "The start date is not a real date"),
        ({"until": "yesterday"}, "The end date is not a real date"),
        ({"since": "1066-10-14"}, "Enter a start date from 1 January 2000"),
        ({"until": "9999-12-31"}, "Enter an end date from 1 January 2000"),
        ({"since": "2026-03-20", "until": "2026-03-01"}, "The start date is after the end date"),
        ({"action": "deleted_everything"}, "There is no action called that"),
        ({"actor": "x" * 300}, "Enter 254 characters or fewer for who acted"),
        ({"organisation": "987654"}, "There is no such organisation"),
        ({"organisation": "the council"}, "There is no such organisation"),
    ],
)
def test_bad_filters_are_explained_and_ignored(client, administrator, log, query, message):
    response = client.get(LOG, query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem with the filters" in page
    assert message in page
    assert "<title>Error:" in page
    # The log is still shown, without the filter that could not be read.
    assert len(_summaries(response)) == 4


def test_a_bad_filter_does_not_drop_the_good_ones(client, administrator, log):
    response = client.get(LOG, {"action": "viewed_entry", "since": "2026-13-01"})
    assert _summaries(response) == ["Read a shared entry"]


# --- pagination ---------------------------------------------------------------------------


@pytest.fixture
def long_log(people):
    start = _at(2026, 1, 1)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            action=AuditAction.VIEWED_RECORD,
            actor=people["jane"],
            subject=people["sam"],
            summary=f"Entry {number}",
            at=start + datetime.timedelta(minutes=number),
        )
        for number in range(1, 2 * PER_PAGE + 21)
    )


VIEWED = {"action": "viewed_record"}


def test_fifty_entries_a_page(client, administrator, long_log):
    first = client.get(LOG, VIEWED)
    assert len(first.context["entries"]) == PER_PAGE
    assert _summaries(first)[0] == "Entry 120"
    assert "Page 1 of 3" in first.content.decode()
    last = client.get(LOG, {**VIEWED, "p": "3"})
    assert _summaries(last) == [f"Entry {number}" for number in range(20, 0, -1)]


def test_page_links_keep_the_filters(client, administrator, long_log):
    page = client.get(LOG, {"actor": "jane"}).content.decode()
    assert "?actor=jane&amp;p=2" in page


@pytest.mark.parametrize(
    "number, first", [("abc", "Entry 120"), ("99", "Entry 20"), ("-1", "Entry 20")]
)
def test_a_page_number_that_is_no_page_shows_a_page(client, administrator, long_log, number, first):
    response = client.get(LOG, {**VIEWED, "p": number})
    assert response.status_code == 200
    assert _summaries(response)[0] == first


# --- the export ---------------------------------------------------------------------------


def _rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_export_streams_the_filtered_entries(client, administrator, log):
    response = client.get(EXPORT, {"actor": "jane"})
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-log-')
    assert "no-store" in response["Cache-Control"]
    rows = _rows(response)
    assert rows[0][:7] == [
        "When",
        "Who acted",
        "Who acted: email address",
        "Action",
        "Whose records",
        "Whose records: email address",
        "What",
    ]
    assert [row[6] for row in rows[1:]] == ["Read a shared entry", "Opened Sam Reid's record"]
    opened = rows[2]
    assert opened[0] == "2026-03-02 12:00:00"
    assert opened[1:6] == [
        "Jane Okafor",
        "jane@council.example",
        "Viewed a person's learning record",
        "Sam Reid",
        "sam.reid@council.example",
    ]
    assert opened[10] == "203.0.113.7"


def test_the_export_writes_one_exported_entry_first(client, administrator, log):
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    response = client.get(EXPORT, {"action": "exported"})
    new = AuditEntry.objects.exclude(pk__in=before)
    assert new.count() == 1
    entry = new.get()
    assert entry.action == AuditAction.EXPORTED
    assert entry.actor == administrator
    assert entry.detail == {"export": "audit_log", "filters": {"action": "exported"}}
    assert entry.path.startswith(EXPORT)
    # Written before the file was read, so the file includes it.
    assert [row[6] for row in _rows(response)[1:]] == [
        "Downloaded the audit log as CSV",
        "Downloaded a report",
    ]
    assert AuditEntry.objects.exclude(pk__in=before).count() == 1


def test_export_cells_cannot_run_as_formulas(client, administrator, people):
    _entry(actor=people["jane"], summary='=HYPERLINK("http://evil.example","Open")')
    rows = _rows(client.get(EXPORT, VIEWED))
    assert rows[1][6] == '\'=HYPERLINK("http://evil.example","Open")'


def test_an_export_with_a_bad_filter_goes_back_to_the_log_and_records_nothing(
    client, administrator, log
):
    before = AuditEntry.objects.count()
    response = client.get(EXPORT, {"actor": "jane", "since": "2026-02-30", "p": "2"})
    assert response.status_code == 302
    assert response["Location"] == f"{LOG}?actor=jane&since=2026-02-30"
    assert AuditEntry.objects.count() == before
    page = client.get(response["Location"]).content.decode()
    assert "The start date is not a real date" in page


def test_the_log_links_to_the_export_of_the_same_filters(client, administrator, log):
    page = client.get(LOG, {"actor": "jane", "p": "1"}).content.decode()
    assert f'href="{EXPORT}?actor=jane"' in page


# --- queries ------------------------------------------------------------------------------


def _log_queries(client, query: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LOG, query)
    assert response.status_code == 200
    return len(captured)


def _add_entries(count: int) -> None:
    for number in range(count):
        # A different actor and subject on each, so a query per person would show.
        _entry(
            actor=make_person(role=Role.SUPERVISOR),
            subject=make_person(),
            summary=f"Viewed {number}",
        )


def test_the_log_runs_the_same_queries_whatever_its_length(client, administrator):
    _add_entries(3)
    query = {"actor": "Pat", "subject": "Tester", "since": "2000-01-01"}
    _log_queries(client, query)  # the first request builds the shared navigation
    small = _log_queries(client, query)
    _add_entries(60)
    assert _log_queries(client, query) == small
    assert _log_queries(client, {}) == small


def test_entries_name_supervisors_and_show_a_stated_reason(client, administrator, people):
    jane, sam, ali = people["jane"], people["sam"], people["ali"]
    _entry(
        AuditAction.SUPERVISORS_CHANGED,
        subject=sam,
        summary=f"Supervisors changed: added user {jane.pk}; removed user {ali.pk}",
        detail={"added": [jane.pk], "removed": [ali.pk]},
    )
    _entry(
        AuditAction.ACCESS_EXPORT_REQUESTED,
        actor=jane,
        subject=sam,
        summary="Produced a copy of the person's data",
        detail={"reason": "Letter of 3 March, ref SAR-14"},
    )
    page = client.get(LOG).content.decode()
    assert "Supervisors changed: added Jane Okafor; removed Ali Khan" in page
    assert f"user {jane.pk}" not in page
    assert "data (reason or reference given: Letter of 3 March, ref SAR-14)" in page
    export = client.get(reverse("audit_log_export"))
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Supervisors changed: added Jane Okafor; removed Ali Khan" in text
