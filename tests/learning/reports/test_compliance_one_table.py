"""Issue 15: an export of one compliance table builds that table alone. Building the
whole report first (the overall and team counts, every requirement, twelve months of
trend) cost about 100 s of a 10,000-row export under the benchmark's tracemalloc, the
same at any length; the table built alone must still be exactly the one the page shows.

Two organisations; the council has two teams and a requirement everyone has, the
trust one team. Some people completed it in March, one in the trust is exempt, the
rest are outstanding (joined long ago, so overdue; one joined this week, not started).
"""

from __future__ import annotations

from datetime import date, timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import Completion, Exemption, Organisation, Requirement, Team
from learning.permissions import ReportScope
from learning.reports import compliance
from learning.reports.compliance import compliance_report, compliance_table
from learning.reports.filters import ReportFilters
from learning.required.status import (
    AUDIENCE_PREFETCH,
    Status,
    status_annotations,
    status_only,
)
from learning.roles import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db

JOINED = timezone.now() - timedelta(days=400)


@pytest.fixture
def world(page, second_page, make_requirement, totp_user):
    council = Organisation.objects.create(name="Northmoor Council", type="local_authority")
    trust = Organisation.objects.create(name="Northmoor NHS", type="nhs_trust")
    east = Team.objects.create(organisation=council, name="Adults East")
    west = Team.objects.create(organisation=council, name="Adults West")
    ward = Team.objects.create(organisation=trust, name="Ward 7")
    make_requirement(page, title="Core safeguarding")
    make_requirement(second_page, title="Self-neglect", organisation=council)
    lead = make_person(role=Role.ORGANISATION_LEAD, team=east, date_joined=JOINED)
    totp_user(lead)
    people = [
        make_person(team=team, first_name=f"P{number}", last_name=team.name, date_joined=JOINED)
        for number, team in enumerate([east] * 8 + [west] * 6 + [ward] * 7)
    ]
    people.append(make_person(team=west, first_name="New", last_name="Starter"))
    done_at = timezone.now() - timedelta(days=30)
    for person in people[:5] + people[8:10] + people[14:17]:
        Completion.objects.create(
            user=person,
            page=page,
            page_title=page.title,
            how="confirmed",
            minutes=5,
            completed_at=done_at,
        )
    Exemption.objects.create(
        user=people[20], reason="Long-term leave", ends_on=date.today() + timedelta(days=90)
    )
    manager = make_person(role=Role.SAB_MANAGER, organisation=trust)
    totp_user(manager)
    return {"council": council, "trust": trust, "lead": lead, "manager": manager}


def _views(world) -> list[tuple[ReportScope, ReportFilters]]:
    practitioners = Group.objects.get(name=Role.PRACTITIONER.value)
    board = ReportScope(organisation_id=None, names=False)
    lead = ReportScope(organisation_id=world["council"].pk, names=True)
    return [
        (board, ReportFilters()),
        # Narrowed to some of the council's people: each table beside the wider counts.
        (board, ReportFilters(organisation=world["council"], role=practitioners)),
        (lead, ReportFilters()),
        (lead, ReportFilters(role=practitioners)),
    ]


def _as_shown(table) -> tuple:
    return (
        table.slug,
        table.caption,
        table.columns,
        table.notes,
        table.empty_text,
        table.header(),
        table.text_rows(),
        table.value_rows(),
    )


def test_each_table_built_alone_is_the_one_the_report_shows(world):
    today = timezone.localdate()
    for scope, filters in _views(world):
        report = compliance_report(scope=scope, filters=filters, today=today)
        slugs = [table.slug for table in report.tables]
        assert {"overall", "requirements", "trend"} <= set(slugs)
        assert ("people" in slugs) == scope.names
        for slug in slugs:
            alone = compliance_table(scope=scope, filters=filters, today=today, slug=slug)
            assert alone is not None, slug
            assert _as_shown(alone) == _as_shown(report.table(slug)), (scope, filters, slug)
    # Every table had rows to compare, suppressed or not.
    report = compliance_report(scope=_views(world)[0][0], filters=ReportFilters(), today=today)
    assert all(report.table(slug).text_rows() for slug in ("overall", "teams", "requirements"))


def test_a_table_the_report_does_not_have_is_none(world):
    today = timezone.localdate()
    board, _, lead, _ = (scope for scope, _ in _views(world))
    # No names for the board; no teams table for a lead, whose overall table is by team.
    assert (
        compliance_table(scope=board, filters=ReportFilters(), today=today, slug="people") is None
    )
    assert compliance_table(scope=lead, filters=ReportFilters(), today=today, slug="teams") is None
    assert compliance_table(scope=lead, filters=ReportFilters(), today=today, slug="nope") is None


def _refuse(name: str):
    def refuse(*args, **kwargs):
        raise AssertionError(f"{name} was counted for an export that does not show it")

    return refuse


def _export(client, person, table: str, export_format: str = "csv") -> bytes:
    client.force_login(person)
    response = client.get(
        reverse("reports:report", args=["compliance"]), {"export": export_format, "table": table}
    )
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_people_export_counts_nothing_but_the_people(client, world, export_format):
    with (
        mock.patch.object(compliance, "_overall_counts", _refuse("the overall table")),
        mock.patch.object(compliance, "_requirement_counts", _refuse("each requirement")),
        mock.patch.object(compliance, "_month_totals", _refuse("the trend")),
    ):
        content = _export(client, world["lead"], "people", export_format)
    assert content


def test_the_trend_export_counts_only_the_trend(client, world):
    with (
        mock.patch.object(compliance, "_overall_counts", _refuse("the overall table")),
        mock.patch.object(compliance, "_requirement_counts", _refuse("each requirement")),
        mock.patch.object(compliance, "outstanding_people_rows", _refuse("the people")),
    ):
        content = _export(client, world["manager"], "trend").decode("utf-8-sig")
    assert content.startswith("Month,")
    assert timezone.localdate().strftime("%B %Y") in content


def test_an_export_without_a_table_is_still_the_first(client, world):
    client.force_login(world["manager"])
    response = client.get(reverse("reports:report", args=["compliance"]), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="compliance-overall-')


def test_the_people_export_takes_far_fewer_queries_than_the_page(client, world):
    def queries(**params) -> int:
        client.force_login(world["lead"])
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("reports:report", args=["compliance"]), params)
            assert response.status_code == 200
            if response.streaming:
                b"".join(response.streaming_content)
        # Not the audit trail's own statements (the page's people, the export's entries),
        # which learning/audit's tests count.
        return len(
            [
                query
                for query in captured.captured_queries
                if "learning_auditentry" not in query["sql"]
                and "SAVEPOINT" not in query["sql"].upper()
            ]
        )

    queries()  # the first request also loads the session and the site
    page = queries()
    export = queries(export="csv", table="people")
    # The page counts everyone's statuses for its tables (one statement) and the trend
    # (another, for all its months); the export does neither. It reads the people
    # statement twice: once for whose records the file holds (the audit trail records
    # each of them before it streams), once as it streams.
    assert export <= page - 1


def test_the_status_alone_is_the_status_with_its_dates(world):
    """Counts use status_only; lists use status_annotations: the same status, person by
    person, over the trend's months."""
    people = get_user_model().objects.order_by("pk")
    requirements = list(Requirement.objects.prefetch_related(*AUDIENCE_PREFETCH))
    today = timezone.localdate()
    seen = set()
    for day in (today, today - timedelta(days=45), today - timedelta(days=380)):
        for requirement in requirements:
            full = people.annotate(**status_annotations(requirement, day))
            alone = people.alias(**status_only(requirement, day)).annotate(status=F("rq_status"))
            statuses = list(full.values_list("pk", "rq_status"))
            assert statuses == list(alone.values_list("pk", "status"))
            seen |= {status for _, status in statuses}
    assert {Status.COMPLETE, Status.EXEMPT, Status.OVERDUE, Status.NOT_STARTED} <= seen
