"""The knowledge-check report against a hand-computed partnership.

"Consent and capacity check" (stand-alone; pass mark 100%; Q1 single choice, Q2 true
or false), finished attempts:

    Northmoor Council  6 people, 7 attempts: five pass first time; one gets Q1 wrong,
                       then passes                         -> 6 of 7 pass: 85.7%
    Northmoor NHS      3 people, 3 attempts, all pass      -> fewer than 5: withheld
    Northmoor Police   5 people, 5 attempts: one gets Q1 wrong, one both, one Q2;
                       two pass                            -> 2 of 5: 40%, but withheld
                       as the next smallest, or 15 - 7 - 5 would give the NHS's 3
    All                14 people, 15 attempts, 11 pass     -> 73.3%
    Q1 wrong in 3 of 15 answers (20%), Q2 in 2 of 15 (13.3%), 14 people each.

"Self-neglect check" (attached to "Self-neglect and hoarding"): 4 council people, all
pass: withheld, and its questions are not ranked.

The council's lead sees the council only: 6 people, 7 attempts, 85.7%; Q1 wrong in 1
of 7 answers (14.3%), Q2 in none.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from learning.models import Organisation
from learning.permissions import ReportScope
from learning.reports.filters import ReportFilters
from learning.reports.knowledge_checks import knowledge_check_report, pass_rates_by_item
from learning.reports.suppression import SUPPRESSED
from learning.roles import Role
from tests.factories import make_person
from tests.learning.reflections.factories import make_learning_page
from tests.learning.reports.checks import make_check, take

pytestmark = pytest.mark.django_db

S = SUPPRESSED
PARTNERSHIP = ReportScope(organisation_id=None, names=False)
TODAY = date(2026, 6, 15)
CONSENT = "Consent and capacity check"
SELF_NEGLECT = "Self-neglect check"
Q1 = "1. Who decides what the person wants?"
Q2 = "2. Capacity is assumed unless shown otherwise."


@pytest.fixture
def partnership(totp_user):
    council = Organisation.objects.create(name="Northmoor Council", type="local_authority")
    trust = Organisation.objects.create(name="Northmoor NHS", type="nhs_trust")
    police = Organisation.objects.create(name="Northmoor Police", type="police")
    board = Organisation.objects.create(name="Safeguarding Adults Board", type="other")
    hoarding = make_learning_page(title="Self-neglect and hoarding")
    consent = make_check(CONSENT)
    self_neglect = make_check(SELF_NEGLECT, checks_page=hoarding)

    takers = []

    def person(organisation):
        taker = make_person(organisation=organisation)
        takers.append(taker)
        return taker

    council_people = [person(council) for _ in range(6)]
    for taker in council_people[:5]:
        take(consent, taker)
    take(consent, council_people[5], wrong=(1,))
    take(consent, council_people[5])
    for _ in range(3):
        take(consent, person(trust))
    for wrong in ((1,), (1, 2), (2,), (), ()):
        take(consent, person(police), wrong=wrong)
    for _ in range(4):
        take(self_neglect, person(council))

    lead = make_person(role=Role.ORGANISATION_LEAD, organisation=council, last_name="Lead")
    manager = make_person(role=Role.SAB_MANAGER, organisation=board, last_name="Price")
    totp_user(lead)
    totp_user(manager)
    return {
        "council": council,
        "trust": trust,
        "police": police,
        "lead": lead,
        "manager": manager,
        "takers": takers,
        "hoarding": hoarding,
        "consent": consent,
    }


def _report(scope=PARTNERSHIP, **filters):
    return knowledge_check_report(scope=scope, filters=ReportFilters(**filters), today=TODAY)


def _columns(table, *keys):
    return [tuple(row[key] for key in keys) for row in table.rows]


def test_pass_rates_by_check_and_organisation(partnership):
    report = _report()
    assert _columns(report.table("checks"), "check", "attempts", "people", "pass_rate") == [
        (CONSENT, 15, 14, 73.3),
        (SELF_NEGLECT, S, S, S),
    ]
    organisations = report.table("organisations")
    assert _columns(organisations, "check", "organisation", "attempts", "people", "pass_rate") == [
        (CONSENT, "Northmoor Council", 7, 6, 85.7),
        (CONSENT, "Northmoor NHS", S, S, S),
        # 5 people, but withheld with the NHS's 3, which would follow from the total.
        (CONSENT, "Northmoor Police", S, S, S),
        (SELF_NEGLECT, "Northmoor Council", S, S, S),
    ]
    assert report.summary == [("Knowledge checks taken", 2), ("Taken by fewer than 5 people", 1)]


def test_most_missed_questions(partnership):
    questions = _report().table("questions")
    assert _columns(questions, "check", "question", "people", "answered", "wrong_share") == [
        (CONSENT, Q1, 14, 15, 20.0),
        (CONSENT, Q2, 14, 15, 13.3),
    ]


def test_lead_sees_only_their_organisation(partnership):
    scope = ReportScope(organisation_id=partnership["council"].pk, names=True)
    report = _report(scope, organisation=partnership["police"])
    assert [table.slug for table in report.tables] == ["checks", "questions"]
    assert _columns(report.table("checks"), "check", "attempts", "people", "pass_rate") == [
        (CONSENT, 7, 6, 85.7),
        (SELF_NEGLECT, S, S, S),
    ]
    assert _columns(report.table("questions"), "question", "people", "answered", "wrong_share") == [
        (Q1, 6, 7, 14.3),
        (Q2, 6, 7, 0.0),
    ]


def test_filters_by_organisation_and_item(partnership):
    police = _report(organisation=partnership["police"])
    assert _columns(police.table("checks"), "check", "attempts", "people", "pass_rate") == [
        (CONSENT, 5, 5, 40.0)
    ]
    # Choosing the page a check is attached to finds the check.
    attached = _report(item=partnership["hoarding"])
    assert _columns(attached.table("checks"), "check", "people") == [(SELF_NEGLECT, S)]
    standalone = _report(item=partnership["consent"])
    assert _columns(standalone.table("checks"), "check", "people") == [(CONSENT, 14)]
    assert _report(since=date(2999, 1, 1)).table("checks").rows == []


def test_pass_rates_by_item_for_the_feedback_report(partnership):
    rates = pass_rates_by_item(filters=ReportFilters())
    assert rates == {partnership["consent"].pk: 73.3, partnership["hoarding"].pk: S}


# Through the view -------------------------------------------------------------------


def _get(client, user, **params):
    client.force_login(user)
    response = client.get("/reports/knowledge-checks/", params)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_page_shows_the_figures_and_chart_without_names(client, partnership):
    html = _get(client, partnership["manager"])
    for taker in partnership["takers"]:
        assert taker.email.encode() not in html
        assert taker.last_name.encode() not in html
    text = html.decode()
    assert "73.3%" in text and "85.7%" in text and "fewer than 5" in text
    assert "Who decides what the person wants?" in text
    assert "<svg" in text and "Share of attempts that passed" in text


def test_lead_page_is_held_to_their_organisation(client, partnership):
    text = _get(client, partnership["lead"], organisation=partnership["police"].pk).decode()
    assert "85.7%" in text and "14.3%" in text
    assert "73.3%" not in text and "40%" not in text


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("slug", ["checks", "organisations", "questions"])
def test_exports_equal_the_tables(client, partnership, export_format, slug):
    content = _get(client, partnership["manager"], export=export_format, table=slug)
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    table = _report().table(slug)
    assert rows == [table.header(), *table.text_rows()]
    if slug == "organisations":
        assert rows[1] == [CONSENT, "Northmoor Council", "7", "6", "85.7%"]
        assert rows[3] == [
            CONSENT,
            "Northmoor Police",
            "fewer than 5",
            "fewer than 5",
            "fewer than 5",
        ]


def test_queries_do_not_grow_with_people(client, partnership):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _get(client, partnership["manager"])
        return len(queries)

    count()  # the first request fills caches (site, content types) the rest reuse
    before = count()
    for _ in range(6):
        take(partnership["consent"], make_person(organisation=partnership["trust"]), wrong=(2,))
    assert count() == before


def test_small_organisations_withheld_together_take_the_next_smallest_until_five():
    from learning.reports.knowledge_checks import (
        CheckFigures,
        KnowledgeCheckFigures,
        _by_organisation_rows,
    )

    figures = KnowledgeCheckFigures(
        by_organisation=[
            CheckFigures(1, "A check", 1, number, name, people, people, people)
            for number, (name, people) in enumerate(
                [("Big", 10), ("Middle", 6), ("Small", 3), ("Tiny", 1)]
            )
        ]
    )
    rows = _by_organisation_rows(figures)
    # Small and Tiny are 4 people between them, the total less the rest: Middle goes too.
    assert [(row["organisation"], row["people"], row["pass_rate"]) for row in rows] == [
        ("Big", 10, 100.0),
        ("Middle", S, S),
        ("Small", S, S),
        ("Tiny", S, S),
    ]
