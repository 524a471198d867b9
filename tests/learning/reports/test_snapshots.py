"""Issue 15: reports that take a while to count are kept and shown "as of" when they
were counted (learning.reports.snapshots); quick ones are always live.

Each test makes every report "slow" (a threshold of 0 seconds) to see it kept: the
data here counts in milliseconds."""

from __future__ import annotations

import pickle
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from learning.models import AuditAction, Completion
from learning.permissions import ReportScope
from learning.privacy.erasure import erase_person
from learning.reports import knowledge_checks, snapshots
from learning.reports.filters import ReportFilters
from learning.reports.registry import report_type
from learning.reports.tables import RowPages, in_pages
from learning.roles import Role
from tests.factories import make_person
from tests.learning.reports.checks import make_check, take

pytestmark = pytest.mark.django_db

JOINED = timezone.now() - timedelta(days=400)
AS_OF = "These figures were counted at"


@pytest.fixture
def world(page, make_requirement, totp_user):
    make_requirement(page, title="Core safeguarding")
    people = [make_person(date_joined=JOINED) for _ in range(6)]
    manager = make_person(role=Role.SAB_MANAGER)
    totp_user(manager)
    lead = make_person(role=Role.ORGANISATION_LEAD, organisation=people[0].profile.organisation)
    totp_user(lead)
    return {"page": page, "people": people, "manager": manager, "lead": lead}


def people_with_required_learning(body: str) -> int:
    found = re.search(
        r"People with required learning</dt><dd[^>]*>(\d+)</dd>", body.replace("\n", "")
    )
    assert found, "the summary line is missing"
    return int(found.group(1))


def compliance(client, **params) -> str:
    response = client.get(reverse("reports:report", args=["compliance"]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_quick_report_is_always_live_and_never_kept(client, world):
    client.force_login(world["manager"])
    before = people_with_required_learning(compliance(client))
    make_person(date_joined=JOINED)
    body = compliance(client)
    assert people_with_required_learning(body) == before + 1
    assert AS_OF not in body
    key = snapshots.snapshot_key(
        "compliance",
        ReportScope(organisation_id=None, names=False),
        ReportFilters(),
        timezone.localdate(),
    )
    assert cache.get(key) is None


def test_a_slow_report_is_kept_shown_as_of_and_recounted_once_old(client, world, settings):
    settings.HUB_REPORT_SNAPSHOT_SECONDS = 0
    settings.HUB_REPORT_SNAPSHOT_MINUTES = 10
    client.force_login(world["manager"])
    first = compliance(client)
    assert AS_OF not in first, "counted just now: no need to say when"
    counted = people_with_required_learning(first)

    make_person(date_joined=JOINED)
    kept = compliance(client)
    assert AS_OF in kept
    assert people_with_required_learning(kept) == counted, "the kept figures, not live ones"

    # Eleven minutes on: this viewer still gets the kept figures at once, and a recount
    # is queued (run at once by the test settings' immediate task backend)...
    later = timezone.now() + timedelta(minutes=11)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert people_with_required_learning(compliance(client)) == counted
    # ...so the next viewer sees the new count, as of the recount.
    recounted = compliance(client)
    assert people_with_required_learning(recounted) == counted + 1
    assert AS_OF in recounted


def test_no_report_kept_before_an_erasure_is_shown_after_it(client, world, settings):
    """A kept report may hold an erased person's comments or name (the feedback report's
    comments, a lead's named table): the key names the latest erasure."""
    settings.HUB_REPORT_SNAPSHOT_SECONDS = 0
    client.force_login(world["manager"])
    compliance(client)
    assert AS_OF in compliance(client)
    erase_person(
        world["people"][0],
        reason="They asked for their records to be erased.",
        actor=world["manager"],
        action=AuditAction.ERASED,
    )
    assert AS_OF not in compliance(client), "counted afresh after the erasure"
    assert AS_OF in compliance(client), "and kept again from then on"


def test_filters_and_scopes_are_kept_apart(client, world, settings):
    settings.HUB_REPORT_SNAPSHOT_SECONDS = 0
    today = timezone.localdate()
    board = ReportScope(organisation_id=None, names=False)
    organisation = world["people"][0].profile.organisation
    keys = {
        snapshots.snapshot_key("compliance", board, ReportFilters(), today),
        snapshots.snapshot_key(
            "compliance", board, ReportFilters(organisation=organisation), today
        ),
        snapshots.snapshot_key(
            "compliance",
            ReportScope(organisation_id=organisation.pk, names=True),
            ReportFilters(),
            today,
        ),
        snapshots.snapshot_key("reach", board, ReportFilters(), today),
        snapshots.snapshot_key("compliance", board, ReportFilters(), today + timedelta(days=1)),
    }
    assert len(keys) == 5


def test_a_report_that_reads_people_as_it_is_shown_is_never_kept(client, world, settings):
    settings.HUB_REPORT_SNAPSHOT_SECONDS = 0
    client.force_login(world["lead"])
    compliance(client)
    make_person(date_joined=JOINED, organisation=world["people"][0].profile.organisation)
    body = compliance(client)
    assert AS_OF not in body
    report = report_type("compliance").build(
        scope=ReportScope(organisation_id=world["people"][0].profile.organisation_id, names=True),
        filters=ReportFilters(),
        today=timezone.localdate(),
    )
    assert not snapshots.keepable(report)


def test_an_export_of_a_kept_report_is_the_table_the_page_showed(client, world, settings):
    settings.HUB_REPORT_SNAPSHOT_SECONDS = 0
    client.force_login(world["manager"])
    compliance(client)
    # Someone completes: live, the overall table would change; the kept one has not.
    Completion.objects.create(
        user=world["people"][0],
        page=world["page"],
        page_title="Core",
        how="confirmed",
        minutes=5,
        completed_at=timezone.now(),
    )
    kept = snapshots.kept_report(
        report_type("compliance"),
        scope=ReportScope(organisation_id=None, names=False),
        filters=ReportFilters(),
        today=timezone.localdate(),
    )
    assert kept is not None
    exported = client.get(
        reverse("reports:report", args=["compliance"]), {"export": "csv", "table": "overall"}
    )
    assert exported.status_code == 200
    csv_text = b"".join(exported.streaming_content).decode("utf-8-sig")
    kept_rows = kept[0].table("overall").text_rows()
    assert all(",".join(row).replace('"', "") in csv_text.replace('"', "") for row in kept_rows)


def test_finished_rows_in_pages_survive_being_kept():
    rows = [{"n": number} for number in range(120)]
    paged = in_pages(rows, "things_page", per_page=50)
    assert isinstance(paged, RowPages)
    again = pickle.loads(pickle.dumps(paged))
    assert again.count() == 120
    assert again[50:100] == rows[50:100]
    assert list(again) == rows
    assert again.parameter == "things_page"


def test_many_knowledge_checks_wait_for_one_to_be_chosen_for_their_questions_by_organisation(
    world, monkeypatch
):
    check = make_check("Mental capacity check")
    for person in world["people"]:
        take(check, person, wrong=(0,))
    board = ReportScope(organisation_id=None, names=False)

    def tables() -> tuple[list[str], list[str]]:
        report = knowledge_checks.knowledge_check_report(
            scope=board, filters=ReportFilters(), today=timezone.localdate()
        )
        return [t.slug for t in report.tables], report.table("questions").notes

    slugs, notes = tables()
    assert any(slug.startswith("questions-by-organisation-") for slug in slugs)
    monkeypatch.setattr(knowledge_checks, "BY_ORGANISATION_CHECKS", 0)
    slugs, notes = tables()
    assert not any(slug.startswith("questions-by-organisation-") for slug in slugs)
    assert any("choose the check's learning item" in note for note in notes)


def test_the_morning_count_keeps_each_slow_report_for_the_partnership(client, world, settings):
    from io import StringIO

    from django.core.management import call_command

    from learning.reports.registry import report_types

    board = ReportScope(organisation_id=None, names=False)
    today = timezone.localdate()
    out = StringIO()
    call_command("count_reports", stdout=out)
    # Quick here, so nothing is kept: every report stays live.
    assert all(
        snapshots.kept_report(kind, scope=board, filters=ReportFilters(), today=today) is None
        for kind in report_types()
    )
    settings.HUB_REPORT_SNAPSHOT_SECONDS = 0
    call_command("count_reports", stdout=out)
    assert "Compliance with required learning: counted in" in out.getvalue()
    assert all(
        snapshots.kept_report(kind, scope=board, filters=ReportFilters(), today=today)
        for kind in report_types()
    )
    client.force_login(world["manager"])
    assert AS_OF in compliance(client)
