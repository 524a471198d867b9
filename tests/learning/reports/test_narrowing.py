"""Narrowing filters cannot be used to work out a small group by difference.

Required learning "Core safeguarding adults learning" for everyone, on 15 June 2026:

    Northmoor Council   10 practitioners (5 complete), 3 supervisors (all complete)
    Northmoor Fire       3 practitioners (1 complete), 2 supervisors (both complete)
    Northmoor NHS       10 practitioners (5 complete), 6 supervisors (none complete)

Without filters: the council 13 people, 8 complete; fire 5 people, 3 complete; the
trust 16 people, 5 complete.

Filtered to practitioners the council would show 10 and 5: beside the unfiltered
13 and 8 that gives its 3 supervisors and that all 3 completed, so the council's row is
withheld. Fire has only 3 practitioners and is withheld anyway; the two withheld rows
differ from their wider selves by 3 + 2 = 5 people and 3 + 2 = 5 completions, enough
that the total cannot give either back. The trust's practitioners differ by 6 people
and no completions, so it shows: 10 people, 5 complete, 50%. The total (23 people, 11
complete) differs by 11 people and 5 completions and shows too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import Feedback, Organisation
from learning.permissions import ReportScope
from learning.reports.compliance import compliance_report
from learning.reports.engagement import engagement_report
from learning.reports.feedback import feedback_report
from learning.reports.filters import ReportFilters
from learning.reports.reach import reach_report
from learning.reports.suppression import NARROWED_NOTE, SUPPRESSED
from learning.roles import Role
from tests.factories import make_person
from tests.learning import conftest as learning_fixtures
from tests.learning.reflections.factories import make_learning_page
from tests.learning.reports.review_pages import complete, make_review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_partnership")]

TODAY = date(2026, 6, 15)
JOINED = datetime(2025, 1, 1, 9, tzinfo=UTC)
BOARD = ReportScope(organisation_id=None, names=False)


DONE_AT = datetime(2026, 3, 10, 9, tzinfo=UTC)


def _people(organisation, page, *, role, count, completing) -> list:
    """`count` people, the first `completing` of whom completed `page`: those returned."""
    completers = []
    for index in range(count):
        person = make_person(role=role, organisation=organisation, date_joined=JOINED)
        if index < completing:
            complete(person, page, DONE_AT)
            completers.append(person)
    return completers


@pytest.fixture(scope="module")
def _partnership(shared_data):
    return shared_data.build(_build_partnership)


@pytest.fixture
def page(_partnership, shared_data, db):
    """The learning page the partnership completes (the one tests/learning/conftest.py
    would make again)."""
    return shared_data.copy(_partnership[1])


@pytest.fixture
def partnership(_partnership, shared_data, db):
    return shared_data.copy(_partnership[0])


def _build_partnership():
    page = make_learning_page(title="Making safeguarding personal")
    make_requirement = learning_fixtures.make_requirement.__wrapped__(None)
    make_requirement(page)
    organisations = {"completers": []}
    for name, practitioners, supervisors in (
        ("Northmoor Council", (10, 5), (3, 3)),
        ("Northmoor Fire", (3, 1), (2, 2)),
        ("Northmoor NHS", (10, 5), (6, 0)),
    ):
        organisation = Organisation.objects.create(name=name, type="other")
        organisations[name] = organisation
        for role, (count, done) in (
            (Role.PRACTITIONER, practitioners),
            (Role.SUPERVISOR, supervisors),
        ):
            organisations["completers"] += _people(
                organisation, page, role=role, count=count, completing=done
            )
    return organisations, page


def _practitioners(**filters) -> ReportFilters:
    return ReportFilters(role=Group.objects.get(name=Role.PRACTITIONER.value), **filters)


def _figures(report, slug="overall"):
    return {
        row["group"]: (row["people"], row["complete"], row["share"])
        for row in report.table(slug).rows
    }


@pytest.mark.django_db
def test_a_row_that_differs_from_its_unfiltered_self_by_a_few_people_is_withheld(partnership):
    report = compliance_report(scope=BOARD, filters=_practitioners(), today=TODAY)
    assert _figures(report) == {
        "Northmoor Council": (SUPPRESSED, SUPPRESSED, SUPPRESSED),
        "Northmoor Fire": (SUPPRESSED, SUPPRESSED, SUPPRESSED),
        "Northmoor NHS": (10, 5, 50.0),
    }
    assert NARROWED_NOTE in report.table("overall").notes
    summary = dict(report.summary)
    assert summary["People with required learning"] == 23
    # The same rows again per requirement: there is one, for everyone.
    requirement_rows = {
        row["group"]: (row["people"], row["complete"]) for row in report.table("requirements").rows
    }
    assert requirement_rows["Northmoor Council"] == (SUPPRESSED, SUPPRESSED)
    assert requirement_rows["Northmoor NHS"] == (10, 5)


@pytest.mark.django_db
def test_without_the_filter_nothing_is_compared(partnership):
    report = compliance_report(scope=BOARD, filters=ReportFilters(), today=TODAY)
    figures = _figures(report)
    assert figures["Northmoor Council"] == (13, 8, 61.5)
    # Fire's 3 completions are withheld, and beside the total so are the next fewest
    # shown, the trust's 5.
    assert figures["Northmoor Fire"] == (5, SUPPRESSED, SUPPRESSED)
    assert figures["Northmoor NHS"] == (16, SUPPRESSED, SUPPRESSED)
    assert NARROWED_NOTE not in report.table("overall").notes


@pytest.mark.django_db
def test_a_total_that_differs_by_a_few_is_withheld(partnership, page):
    # Two more supervisors at the trust, both complete: its practitioners now differ
    # from everyone there by 8 people but 2 completions, so its row goes too; the total
    # differs by 13 people and 7 completions and still shows.
    trust = partnership["Northmoor NHS"]
    _people(trust, page, role=Role.SUPERVISOR, count=2, completing=2)
    report = compliance_report(scope=BOARD, filters=_practitioners(), today=TODAY)
    assert _figures(report)["Northmoor NHS"] == (SUPPRESSED, SUPPRESSED, SUPPRESSED)
    assert dict(report.summary)["People with required learning"] == 23


@pytest.mark.django_db
def test_narrowed_reports_run_a_fixed_number_of_queries(partnership, page):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            compliance_report(scope=BOARD, filters=_practitioners(), today=TODAY)
        return len(queries)

    count()  # settings and content types cached
    before = count()
    _people(partnership["Northmoor NHS"], page, role=Role.PRACTITIONER, count=8, completing=3)
    assert count() == before


@pytest.mark.django_db
def test_reach_withholds_organisations_and_weeks_that_differ_by_a_few(partnership):
    review = make_review(title="Review R", published_at=datetime(2026, 3, 2, 9, tzinfo=UTC))
    for person in partnership["completers"]:
        complete(person, review, DONE_AT)
    report = reach_report(scope=BOARD, filters=_practitioners(), today=TODAY)
    rows = {row["organisation"]: row for row in report.table("organisations").rows}
    assert (rows["Northmoor Council"]["completed"], rows["Northmoor Council"]["headcount"]) == (
        SUPPRESSED,
        SUPPRESSED,
    )
    assert rows["Northmoor Fire"]["headcount"] is SUPPRESSED
    nhs = rows["Northmoor NHS"]
    assert (nhs["completed"], nhs["headcount"], nhs["share"]) == (5, 10, 50.0)
    assert (rows["All organisations"]["completed"], rows["All organisations"]["headcount"]) == (
        11,
        23,
    )
    assert NARROWED_NOTE in report.table("organisations").notes
    # Everyone first completed in the week of 9 March: 11 practitioners, 5 others.
    weeks = {row["week"]: row["people"] for row in report.table(f"weeks-{review.pk}").rows}
    assert weeks["9 March 2026"] == 11

    # The council's practitioners alone: 5, beside the council's 8 in all, would give
    # its 3 supervisors' completions away, in the table and week by week.
    council = reach_report(
        scope=BOARD,
        filters=_practitioners(organisation=partnership["Northmoor Council"]),
        today=TODAY,
    )
    assert council.table("organisations").rows[0]["completed"] is SUPPRESSED
    weeks = {row["week"]: row["people"] for row in council.table(f"weeks-{review.pk}").rows}
    assert weeks["9 March 2026"] is SUPPRESSED
    unfiltered = reach_report(
        scope=BOARD,
        filters=ReportFilters(organisation=partnership["Northmoor Council"]),
        today=TODAY,
    )
    weeks = {row["week"]: row["people"] for row in unfiltered.table(f"weeks-{review.pk}").rows}
    assert weeks["9 March 2026"] == 8


@pytest.mark.django_db
def test_engagement_withholds_months_whose_learners_differ_by_a_few(partnership):
    council = partnership["Northmoor Council"]
    narrowed = engagement_report(
        scope=BOARD, filters=_practitioners(organisation=council), today=TODAY
    )
    march = {row["month"]: row for row in narrowed.table("months").rows}["March 2026"]
    assert (march["learners"], march["completions"], march["minutes"]) == (SUPPRESSED,) * 3
    assert dict(narrowed.summary)["Active learners"] is SUPPRESSED
    assert NARROWED_NOTE in narrowed.table("months").notes

    whole = engagement_report(scope=BOARD, filters=ReportFilters(organisation=council), today=TODAY)
    march = {row["month"]: row for row in whole.table("months").rows}["March 2026"]
    assert (march["learners"], march["completions"]) == (8, 8)
    # All the practitioners beside everyone: 11 of 16, five apart, so shown.
    all_practitioners = engagement_report(scope=BOARD, filters=_practitioners(), today=TODAY)
    march = {row["month"]: row for row in all_practitioners.table("months").rows}["March 2026"]
    assert march["learners"] == 11


@pytest.mark.django_db
def test_feedback_withholds_items_whose_responses_differ_by_a_few(partnership, page):
    for person in partnership["completers"]:
        Feedback.objects.create(user=person, page=page, usefulness=4, will_change_practice="yes")
    council = partnership["Northmoor Council"]
    narrowed = feedback_report(
        scope=BOARD, filters=_practitioners(organisation=council), today=TODAY
    )
    (row,) = narrowed.table("reaction").rows
    assert row["responses"] is SUPPRESSED
    assert narrowed.table("comments").rows == []
    whole = feedback_report(scope=BOARD, filters=ReportFilters(organisation=council), today=TODAY)
    (row,) = whole.table("reaction").rows
    assert row["responses"] == 8
