"""Issue 14: writing an audit entry never slows a page noticeably. On SQLite, the
write adds under 2 ms (median) to a supervisor opening a supervisee's learning record,
and `record()` on its own takes well under that.

The page is timed in turns with and without the write, so that whatever else the
machine is doing falls on both alike; the figures are printed with -s and in the
benchmark summary."""

from __future__ import annotations

import statistics
import sys
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from learning.audit import services as audit_services
from learning.models import AuditAction, AuditEntry, Team
from learning.records import services as records
from learning.roles import Role
from tests.benchmarks.probes import RESULTS, Row
from tests.conftest import HubClient
from tests.factories import OrganisationFactory, make_person
from tests.learning.reflections.factories import make_learning_page

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

BUDGET_SECONDS = 0.002
RECORD_RUNS = 300
PAGE_RUNS = 60
WARM_UP = 5
LIST_RUNS = 100
PEOPLE_PER_PAGE = 50  # learning.organisation.selectors.PER_PAGE


def _median_ms(timings: list[float]) -> float:
    return statistics.median(timings) * 1000


@contextmanager
def _audit_writes_skipped():
    """`record` replaced by a no-op wherever the project holds it (its own module, and
    each module that imported it by name), so that the page runs exactly as it does,
    less the write."""
    original = audit_services.record
    holders = [
        (module, name)
        for module_name, module in list(sys.modules.items())
        if module_name.startswith("learning") and module is not None
        for name, value in list(vars(module).items())
        if value is original
    ]
    for module, name in holders:
        setattr(module, name, lambda *args, **kwargs: None)
    try:
        yield
    finally:
        for module, name in holders:
            setattr(module, name, original)


@pytest.fixture
def supervision():
    """A supervisor and a supervisee with a year of learning: 30 completions of 10
    items and some CPD done elsewhere."""
    organisation = OrganisationFactory()
    team = Team.objects.create(organisation=organisation, name="Adult social care east")
    supervisor = make_person(role=Role.SUPERVISOR, organisation=organisation, team=team)
    supervisee = make_person(role=Role.PRACTITIONER, organisation=organisation, team=team)
    supervisee.profile.supervisors.add(supervisor)
    pages = [make_learning_page(title=f"Learning item {number}") for number in range(10)]
    for number in range(30):
        records.completion_record(user=supervisee, page=pages[number % 10], how="confirmed")
    for number in range(5):
        records.external_cpd_create(
            user=supervisee,
            title=f"Course {number}",
            date=timezone.localdate() - timedelta(days=30 * number),
            minutes=60,
            type="course",
        )
    return supervisor, supervisee


def test_record_on_its_own(supervision):
    supervisor, supervisee = supervision
    request = RequestFactory().get("/people/1/learning/", REMOTE_ADDR="203.0.113.5")
    request.user = supervisor
    for _ in range(WARM_UP):
        audit_services.record(
            AuditAction.VIEWED_RECORD, summary="Warm-up", subject=supervisee, request=request
        )
    timings = []
    for _ in range(RECORD_RUNS):
        started = time.perf_counter()
        audit_services.record(
            AuditAction.VIEWED_RECORD,
            summary=f"Viewed {supervisee}'s learning record",
            subject=supervisee,
            request=request,
        )
        timings.append(time.perf_counter() - started)
    median = _median_ms(timings)
    print(f"\nrecord(): median {median:.3f} ms, worst {max(timings) * 1000:.3f} ms")
    RESULTS.append(
        Row(
            "audit: record() alone",
            None,
            None,
            median / 1000,
            "2 ms",
            f"median of {RECORD_RUNS}, worst {max(timings) * 1000:.1f} ms",
        )
    )
    assert median / 1000 < BUDGET_SECONDS


def test_the_audit_write_adds_under_2_ms_to_opening_a_supervisees_record(supervision):
    supervisor, supervisee = supervision
    client = HubClient()
    client.force_login(supervisor)
    url = reverse("records:person_learning", args=[supervisee.pk])

    def timed_get() -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        return elapsed

    for _ in range(WARM_UP):
        timed_get()
        with _audit_writes_skipped():
            timed_get()

    audited, unaudited = [], []
    entries = AuditEntry.objects.filter(subject=supervisee, action=AuditAction.VIEWED_RECORD)
    before = entries.count()
    for _ in range(PAGE_RUNS):
        audited.append(timed_get())
        with _audit_writes_skipped():
            unaudited.append(timed_get())
    # One entry for each audited view and none for the others: the comparison is fair.
    assert entries.count() - before == PAGE_RUNS

    with_write, without_write = _median_ms(audited), _median_ms(unaudited)
    added = with_write - without_write
    print(
        f"\nsupervisee's record: median {with_write:.2f} ms with the audit write, "
        f"{without_write:.2f} ms without: +{added:.2f} ms over {PAGE_RUNS} runs each"
    )
    RESULTS.append(
        Row(
            "audit: supervisee's record, write",
            None,
            None,
            added / 1000,
            "+2 ms",
            f"{with_write:.1f} ms with, {without_write:.1f} ms without (medians)",
        )
    )
    assert added / 1000 < BUDGET_SECONDS


def test_a_full_page_of_a_list_is_one_insert_under_2_ms(supervision):
    """A list of people (the lead's people table, 50 a page) writes one entry a person
    shown, in one statement (learning.audit.record_views.record_list_view)."""
    supervisor, _supervisee = supervision
    people = [make_person().pk for _ in range(PEOPLE_PER_PAGE)]
    request = RequestFactory().get("/organisation/people/", REMOTE_ADDR="203.0.113.5")
    request.user = supervisor

    def write() -> None:
        audit_services.record_many(
            AuditAction.VIEWED_IN_LIST,
            summary="Saw the person's records in the people table",
            subject_ids=people,
            request=request,
            detail={"list": "the people table"},
        )

    for _ in range(WARM_UP):
        write()
    timings = []
    for _ in range(LIST_RUNS):
        started = time.perf_counter()
        write()
        timings.append(time.perf_counter() - started)
    median = _median_ms(timings)
    print(f"\nrecord_many() of {PEOPLE_PER_PAGE}: median {median:.3f} ms")
    RESULTS.append(
        Row(
            f"audit: a list of {PEOPLE_PER_PAGE} people",
            None,
            None,
            median / 1000,
            "2 ms",
            f"one insert, median of {LIST_RUNS}, worst {max(timings) * 1000:.1f} ms",
        )
    )
    assert median / 1000 < BUDGET_SECONDS
