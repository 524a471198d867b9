"""The organisation lead's people table: exact contents against the hand-built
organisation in conftest.py, filters, sorting, paging, exports and who may see it."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.models import Completion, CompletionHow
from learning.roles import Role
from tests.factories import TeamFactory, make_person
from tests.learning.organisation import conftest as organisation
from tests.learning.organisation.helpers import HEADINGS, table_rows
from tests.learning.xlsx_helpers import column_types, xlsx_as_shown, xlsx_values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_northmoor")]

PEOPLE_URL = "/organisation/people/"

# The table for Northmoor's lead, sorted by name: worked out in conftest.northmoor.
ANN = [
    "Ann Adams", "", "Adult Social Care", "Practitioner", "Social Work England", "Yes",
    "2 overdue", "1.5",
]  # fmt: skip
BOB = [
    "Bob Brown", "", "Adult Social Care", "Supervisor", "Nursing and Midwifery Council",
    "Yes", "1 due", "0.7",
]  # fmt: skip
CAT = ["Cat Clark", "", "Hospital Team", "Practitioner", "", "Yes", "All complete", "2"]
DAN = ["Dan Davis", "", "", "Practitioner", "", "Yes", "Exempt", "0"]
EVE = ["Eve Evans", "", "Adult Social Care", "Practitioner", "", "No", "Nothing required", "1"]
DEV = ["Dev Kapoor", "", "Hospital Team", "Organisation lead", "", "Yes", "1 not started", "0"]


def expected(northmoor, *rows):
    """The rows with each person's email filled in (the factory numbers them)."""
    emails = {
        "Ann Adams": northmoor.ann.email,
        "Bob Brown": northmoor.bob.email,
        "Cat Clark": northmoor.cat.email,
        "Dan Davis": northmoor.dan.email,
        "Eve Evans": northmoor.eve.email,
        "Dev Kapoor": northmoor.lead.email,
    }
    return [[row[0], emails[row[0]], *row[2:]] for row in rows]


@pytest.fixture(scope="module")
def _northmoor(shared_data, enrol_totp):
    # conftest.northmoor's own body (functools' __wrapped__ under pytest's fixture),
    # built once for the module rather than once for each of its fifty-odd tests.
    return shared_data.build(organisation.northmoor.__wrapped__, None, enrol_totp)


@pytest.fixture
def northmoor(_northmoor, shared_data, db):
    return shared_data.copy(_northmoor)


@pytest.fixture
def lead_client(client, northmoor):
    client.force_login(northmoor.lead)
    return client


def shown(client, query: str = "") -> list[list[str]]:
    response = client.get(f"{PEOPLE_URL}{query}")
    assert response.status_code == 200
    return [row[: len(HEADINGS)] for row in table_rows(response.content.decode())]


class TestTable:
    def test_the_lead_sees_their_organisations_people_with_statuses_and_cpd(
        self, lead_client, northmoor
    ):
        assert shown(lead_client) == expected(northmoor, ANN, BOB, CAT, DAN, EVE, DEV)

    def test_each_name_opens_the_persons_record_in_one_click(self, lead_client, northmoor):
        body = lead_client.get(PEOPLE_URL).content.decode()
        record = reverse("records:person_learning", args=[northmoor.ann.pk])
        assert f'href="{record}">Ann Adams</a>' in body
        assert lead_client.get(record).status_code == 200

    def test_another_organisations_people_never_appear(self, lead_client, northmoor):
        body = lead_client.get(PEOPLE_URL).content.decode()
        assert "Zulu" not in body and "Olu Other" not in body

    def test_the_other_lead_sees_only_their_own(self, client, northmoor):
        client.force_login(northmoor.other_lead)
        names = [row[0] for row in shown(client)]
        assert names == ["Olu Other", "Zed Zulu"]

    def test_mark_exempt_links_to_the_exemption_form_for_everyone_but_the_lead(
        self, lead_client, northmoor
    ):
        body = lead_client.get(PEOPLE_URL).content.decode()
        add = reverse("required:exemption_create")
        assert f'href="{add}?person={northmoor.ann.pk}"' in body
        assert f'href="{add}?person={northmoor.lead.pk}"' not in body

    def test_cpd_counts_this_year_only(self, lead_client, northmoor):
        # Cat's 600 minutes of last year are not in her 2 hours.
        cat = next(row for row in shown(lead_client) if row[0] == "Cat Clark")
        assert cat[-1] == "2"

    def test_a_new_completion_changes_the_status_at_once(self, lead_client, northmoor):
        Completion.objects.create(
            user=northmoor.ann,
            page=northmoor.core.pages.get(),
            page_title="Making safeguarding personal",
            how=CompletionHow.CONFIRMED,
            minutes=30,
            completed_at=northmoor.ann.date_joined.replace(year=2022),
        )
        ann = next(row for row in shown(lead_client) if row[0] == "Ann Adams")
        assert ann[6] == "1 overdue"


class TestFilters:
    @pytest.mark.parametrize(
        ("status", "rows"),
        [
            ("overdue", [ANN]),
            ("due", [BOB]),
            ("not_started", [DEV]),
            ("complete", [CAT]),
            ("exempt", [DAN]),
            ("none", [EVE]),
        ],
    )
    def test_by_required_learning_status(self, lead_client, northmoor, status, rows):
        assert shown(lead_client, f"?status={status}") == expected(northmoor, *rows)

    def test_inactive_and_active(self, lead_client, northmoor):
        assert shown(lead_client, "?active=inactive") == expected(northmoor, EVE)
        assert shown(lead_client, "?active=active") == expected(northmoor, ANN, BOB, CAT, DAN, DEV)

    def test_by_team(self, lead_client, northmoor):
        rows = shown(lead_client, f"?team={northmoor.hospital.pk}")
        assert rows == expected(northmoor, CAT, DEV)

    def test_by_role_and_registration(self, lead_client, northmoor):
        assert shown(lead_client, "?role=Supervisor") == expected(northmoor, BOB)
        assert shown(lead_client, "?registration=swe") == expected(northmoor, ANN)
        assert shown(lead_client, "?registration=none") == expected(northmoor, CAT, DAN, EVE, DEV)

    def test_by_name_search_across_first_and_last_name(self, lead_client, northmoor):
        assert shown(lead_client, "?q=bob+brown") == expected(northmoor, BOB)
        assert shown(lead_client, "?q=DAVIS") == expected(northmoor, DAN)
        assert shown(lead_client, "?q=nobody-like-this") == []

    def test_filters_combine(self, lead_client, northmoor):
        query = f"?team={northmoor.social_care.pk}&active=active&status=overdue"
        assert shown(lead_client, query) == expected(northmoor, ANN)

    def test_a_team_of_another_organisation_is_refused_and_ignored(self, lead_client, northmoor):
        theirs = TeamFactory(organisation=northmoor.zed.profile.organisation)
        response = lead_client.get(f"{PEOPLE_URL}?team={theirs.pk}&status=nonsense&sort=evil")
        body = response.content.decode()
        assert response.status_code == 200
        assert "There is no such team in your organisation, so that filter was not used." in body
        assert "There is no such required learning status" in body
        assert len(table_rows(body)) == 6

    @pytest.mark.parametrize("junk", ["9" * 30, "-1", "x", "١٢"])
    def test_impossible_ids_are_ignored_not_errors(self, lead_client, northmoor, junk):
        response = lead_client.get(f"{PEOPLE_URL}?team={junk}&page={junk}")
        assert response.status_code == 200


class TestSorting:
    def names(self, client, sort: str) -> list[str]:
        return [row[0] for row in shown(client, f"?sort={sort}")]

    def test_by_status_puts_the_most_pressing_first(self, lead_client, northmoor):
        assert self.names(lead_client, "status") == [
            "Ann Adams", "Bob Brown", "Dev Kapoor", "Cat Clark", "Dan Davis", "Eve Evans",
        ]  # fmt: skip
        assert self.names(lead_client, "-status") == [
            "Eve Evans", "Dan Davis", "Cat Clark", "Dev Kapoor", "Bob Brown", "Ann Adams",
        ]  # fmt: skip

    def test_by_cpd_hours(self, lead_client, northmoor):
        assert self.names(lead_client, "-cpd") == [
            "Cat Clark", "Ann Adams", "Eve Evans", "Bob Brown", "Dan Davis", "Dev Kapoor",
        ]  # fmt: skip

    def test_by_team_with_no_team_last(self, lead_client, northmoor):
        assert self.names(lead_client, "team") == [
            "Ann Adams", "Bob Brown", "Eve Evans", "Cat Clark", "Dev Kapoor", "Dan Davis",
        ]  # fmt: skip

    def test_by_name_descending(self, lead_client, northmoor):
        assert self.names(lead_client, "-name") == [
            "Dev Kapoor", "Eve Evans", "Dan Davis", "Cat Clark", "Bob Brown", "Ann Adams",
        ]  # fmt: skip

    def test_the_sorted_column_says_so_and_its_link_reverses_it(self, lead_client, northmoor):
        body = lead_client.get(f"{PEOPLE_URL}?sort=cpd&status=overdue").content.decode()
        link = 'aria-sort="ascending"><a class="govuk-link" href="?sort=-cpd&amp;status=overdue"'
        assert link in body
        assert body.count("aria-sort=") == 1
        # The filter form keeps the order.
        assert 'name="sort" value="cpd"' in body


class TestPaging:
    def test_fifty_a_page_and_the_export_has_every_row(self, lead_client, northmoor):
        for number in range(45):
            make_person(
                organisation=northmoor.organisation, first_name="Pat", last_name=f"Zz{number:02}"
            )
        first = shown(lead_client)
        second = shown(lead_client, "?page=2")
        assert len(first) == 50 and len(second) == 1
        assert second[0][0] == "Pat Zz44"
        exported = list(csv.reader(io.StringIO(csv_text(lead_client, ""))))
        assert exported[1:] == first + second


class TestQueries:
    def add_people(self, northmoor, people: int) -> None:
        for number in range(people):
            someone = make_person(
                team=northmoor.social_care, first_name="Extra", last_name=f"P{number}"
            )
            Completion.objects.create(
                user=someone,
                page=northmoor.core.pages.get(),
                page_title="Core",
                how=CompletionHow.CONFIRMED,
                minutes=10,
                completed_at=northmoor.ann.date_joined,
            )

    def queries(self, client, rows: int) -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(f"{PEOPLE_URL}?sort=status&active=active")
        assert response.status_code == 200
        assert len(table_rows(response.content.decode())) == rows
        return len(context.captured_queries)

    def test_the_number_of_queries_does_not_grow_with_the_people(self, lead_client, northmoor):
        # Five active people in the fixture, then 3 and 12 more. A first request fills
        # the caches every page warms (the site, content types).
        lead_client.get(PEOPLE_URL)
        self.add_people(northmoor, 3)
        with_three = self.queries(lead_client, 5 + 3)
        self.add_people(northmoor, 9)
        with_twelve = self.queries(lead_client, 5 + 12)
        assert with_three == with_twelve


# ---------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------


def csv_text(client, query: str) -> str:
    response = client.get(f"/organisation/people/export.csv{query}")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeff")
    return text[1:]


def xlsx_content(client, query: str) -> bytes:
    response = client.get(f"/organisation/people/export.xlsx{query}")
    assert response.status_code == 200
    return response.content


def xlsx_rows(client, query: str) -> list[list[str]]:
    """The workbook's cells as the page shows them."""
    return xlsx_as_shown(xlsx_content(client, query))


class TestExports:
    @pytest.mark.parametrize(
        "query", ["", "?status=overdue", "?sort=-cpd&active=active", "?q=zzz-nobody"]
    )
    def test_csv_and_excel_equal_the_rows_on_screen(self, lead_client, northmoor, query):
        on_screen = shown(lead_client, query)
        rows = list(csv.reader(io.StringIO(csv_text(lead_client, query))))
        assert rows[0] == HEADINGS
        assert rows[1:] == on_screen
        assert xlsx_rows(lead_client, query) == [HEADINGS, *on_screen]

    def test_the_excel_hours_are_numbers(self, lead_client, northmoor):
        content = xlsx_content(lead_client, "")
        assert [row[-1] for row in xlsx_values(content)] == [
            "CPD hours this year", 1.5, 0.7, 2, 0, 1, 0,
        ]  # fmt: skip
        # Only the hours are figures: "Yes" and "No", and the rest, stay text.
        types = column_types(content)
        assert types[-1] == {"number"}
        assert all(kinds <= {"text", "blank"} for kinds in types[:-1])

    def test_cells_that_look_like_formulas_are_made_text(self, lead_client, northmoor):
        northmoor.cat.first_name = "=HYPERLINK(1)"
        northmoor.cat.save()
        rows = list(csv.reader(io.StringIO(csv_text(lead_client, "?q=clark"))))
        assert rows[1][0] == "'=HYPERLINK(1) Clark"
        assert xlsx_rows(lead_client, "?q=clark")[1][0] == "'=HYPERLINK(1) Clark"

    def test_exports_are_named_for_the_organisation_and_private(self, lead_client, northmoor):
        response = lead_client.get("/organisation/people/export.xlsx")
        assert "northmoor-council-people-" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]


# ---------------------------------------------------------------------------
# Who may see it
# ---------------------------------------------------------------------------

URLS = [PEOPLE_URL, "/organisation/people/export.csv", "/organisation/people/export.xlsx"]


class TestPermissions:
    @pytest.mark.parametrize("url", URLS)
    @pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR])
    def test_practitioners_and_supervisors_are_refused(self, client, northmoor, url, role):
        client.force_login(make_person(role=role, organisation=northmoor.organisation))
        assert client.get(url).status_code == 403

    @pytest.mark.parametrize("url", URLS)
    @pytest.mark.parametrize("role", [Role.SAB_MANAGER, Role.SITE_ADMINISTRATOR])
    def test_board_managers_and_administrators_never_see_names(
        self, client, totp_user, northmoor, url, role
    ):
        someone = make_person(role=role, organisation=northmoor.organisation)
        totp_user(someone)
        client.force_login(someone)
        response = client.get(url)
        assert response.status_code == 403
        assert b"Ann Adams" not in response.content

    def test_signed_out_visitors_are_sent_to_sign_in(self, client, northmoor):
        response = client.get(PEOPLE_URL)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_a_lead_without_the_second_factor_this_session_is_stopped(self, client, northmoor):
        client.force_login_without_second_factor(northmoor.lead)
        response = client.get(PEOPLE_URL)
        assert response.status_code == 302
        assert "Ann Adams" not in response.content.decode()

    def test_the_other_organisations_lead_cannot_open_our_records(self, client, northmoor):
        client.force_login(northmoor.other_lead)
        record = reverse("records:person_learning", args=[northmoor.ann.pk])
        assert client.get(record).status_code == 404

    def test_posting_is_not_allowed(self, lead_client):
        assert lead_client.post(PEOPLE_URL).status_code == 405
