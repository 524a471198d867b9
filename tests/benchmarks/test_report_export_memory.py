"""Issue 15: the compliance report's people table (one row per person and requirement
not complete) exports with constant memory. An organisation lead downloads it as CSV
at about 10,000 and then about 100,000 rows, through the report view as a browser
would, reading the streamed file to its end; tracemalloc measures the peak Python
memory of the whole request, and the peak must not grow with the rows. The workbook's
time and peak are measured and reported beside it.

The people are bulk-inserted (tests.benchmarks.bulk's way: one password hash, rows
thousands at a time) into one organisation with ten requirements that apply to
everyone and that nobody has completed, so every person is a row for each.
"""

from __future__ import annotations

import time
import tracemalloc
from datetime import date, timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from learning.models import Organisation, Profile, Requirement, Team, User
from learning.roles import Role
from tests.benchmarks.bulk import BATCH
from tests.benchmarks.probes import RESULTS, Row
from tests.factories import PASSWORD, make_person
from tests.learning.reflections.factories import make_learning_page

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

REQUIREMENTS = 10
SMALL_PEOPLE = 1_000  # 10,000 rows
LARGE_PEOPLE = 10_000  # 100,000 rows
# The peak at ten times the rows may be at most this many times the small one's.
GROWTH_ALLOWED = 1.5


def _bulk_people(organisation: Organisation, teams: list[Team], start: int, count: int) -> None:
    password = make_password(PASSWORD)
    joined = timezone.now() - timedelta(days=400)
    users = User.objects.bulk_create(
        (
            User(
                email=f"export{number}@bench.example",
                first_name=("Sam", "Alex", "Jo", "Priya", "Tom")[number % 5],
                last_name=f"Worker{number:05d}",
                password=password,
                date_joined=joined,
            )
            for number in range(start, start + count)
        ),
        batch_size=BATCH,
    )
    Profile.objects.bulk_create(
        (
            Profile(
                user=user,
                organisation=organisation,
                team=teams[number % len(teams)],
                job_title="Social worker",
            )
            for number, user in enumerate(users)
        ),
        batch_size=BATCH,
    )
    practitioner = Group.objects.get(name=Role.PRACTITIONER.value)
    User.groups.through.objects.bulk_create(
        (User.groups.through(user_id=user.pk, group_id=practitioner.pk) for user in users),
        batch_size=BATCH,
    )


@pytest.fixture
def organisation(totp_user):
    organisation = Organisation.objects.create(name="Export council", type="local_authority")
    teams = Team.objects.bulk_create(
        Team(organisation=organisation, name=f"Team {number}") for number in range(10)
    )
    for number in range(REQUIREMENTS):
        requirement = Requirement.objects.create(
            title=f"Requirement {number:02d}",
            everyone=True,
            starts_on=date(2020, 1, 1),
            due_days=30,
        )
        requirement.pages.set([make_learning_page(title=f"Required item {number}")])
    lead = make_person(role=Role.ORGANISATION_LEAD, organisation=organisation)
    totp_user(lead)
    return {"organisation": organisation, "teams": teams, "lead": lead}


def _download(client, lead, export_format: str) -> tuple[int, int, float]:
    """(peak bytes, body bytes, seconds) of one download read to its end."""
    client.force_login(lead)
    url = reverse("reports:report", args=["compliance"])
    tracemalloc.start()
    try:
        started = time.perf_counter()
        response = client.get(url, {"export": export_format, "table": "people"})
        assert response.status_code == 200
        # Read to the end, which closes the response as a WSGI server would.
        size = sum(len(piece) for piece in response.streaming_content)
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, size, seconds


def _record(name: str, rows: int, peak: int, seconds: float, budget: str) -> None:
    RESULTS.append(
        Row(
            name,
            None,
            None,
            seconds,
            budget,
            note=f"{rows:,} rows, {peak / 1_000_000:.1f} MB peak; time under tracemalloc",
        )
    )


def test_the_compliance_csv_streams_in_constant_memory(client, organisation):
    _bulk_people(organisation["organisation"], organisation["teams"], 0, SMALL_PEOPLE)
    client.force_login(organisation["lead"])
    # Warm up (the session, the site, the URLs) on a small table.
    warm = client.get(
        reverse("reports:report", args=["compliance"]), {"export": "csv", "table": "overall"}
    )
    assert warm.status_code == 200
    b"".join(warm.streaming_content)
    measured = {}
    for export_format in ("csv", "xlsx"):
        measured[export_format, "small"] = _download(client, organisation["lead"], export_format)
    _bulk_people(
        organisation["organisation"],
        organisation["teams"],
        SMALL_PEOPLE,
        LARGE_PEOPLE - SMALL_PEOPLE,
    )
    for export_format in ("csv", "xlsx"):
        measured[export_format, "large"] = _download(client, organisation["lead"], export_format)

    small_rows, large_rows = SMALL_PEOPLE * REQUIREMENTS, LARGE_PEOPLE * REQUIREMENTS
    for export_format in ("csv", "xlsx"):
        for size, rows in (("small", small_rows), ("large", large_rows)):
            peak, _, seconds = measured[export_format, size]
            budget = (
                f"peak < {GROWTH_ALLOWED}x the 10k one"
                if export_format == "csv" and size == "large"
                else "reported"
            )
            _record(f"compliance {export_format.upper()} export", rows, peak, seconds, budget)

    small_peak, small_size, _ = measured["csv", "small"]
    large_peak, large_size, _ = measured["csv", "large"]
    # Every row was written: the large file is about ten times the small one.
    assert large_size > 8 * small_size
    assert large_peak < GROWTH_ALLOWED * small_peak, (
        f"CSV peak {large_peak / 1e6:.1f} MB at {large_rows:,} rows against "
        f"{small_peak / 1e6:.1f} MB at {small_rows:,}"
    )
