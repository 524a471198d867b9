"""The partnership generator at its small size, inside `make test` so it cannot rot:
it writes what its size promises, the people the measurements sign in as can open
their pages, and the same seed gives the same rows.

The module builds twice, once: the first build is rolled back when its digest is taken,
the second is kept (see tests/conftest.py, `shared_data`) for every test to read."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse

from learning import permissions
from learning.learnable import learnable_pages
from learning.models import (
    Completion,
    EntryShare,
    ExternalCPD,
    Feedback,
    Organisation,
    ReflectiveEntry,
    ReflectiveEntryVersion,
    Requirement,
    RequirementAssignment,
    Team,
    TeamSession,
    User,
)
from quizzes.models import Attempt, AttemptAnswer, KnowledgeCheckPage
from tests.benchmarks.generator import SIZES, generate

SMALL = SIZES["small"]
DAY = date(2026, 3, 2)  # a fixed day, so that both runs date their rows alike


def _build_twice():
    """Two whole builds from one seed, the first rolled back: their digests, and what
    the second one built."""
    with transaction.atomic():
        generate("small", seed=7, today=DAY)
        first = _digest()
        transaction.set_rollback(True)
    built = generate("small", seed=7, today=DAY)
    return built, (first, _digest())


@pytest.fixture(scope="module")
def _world(shared_data):
    return shared_data.build(_build_twice)


@pytest.fixture
def built(_world, shared_data, db):
    return shared_data.copy(_world[0])


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_world")]


# Who opens which page: the measured pages of each named person.
PAGES = {
    "learner: my learning": ("learner", lambda ids: reverse("records:my_learning")),
    "learner: CPD summary": ("learner", lambda ids: reverse("records:cpd_summary")),
    "learner: home": ("learner", lambda ids: "/"),
    "supervisor: my team": ("supervisor", lambda ids: reverse("supervision:my_team")),
    "supervisor: a supervisee's record": (
        "supervisor",
        lambda ids: reverse("records:person_learning", args=[ids["learner"]]),
    ),
    "manager: compliance": ("manager", lambda ids: reverse("reports:report", args=["compliance"])),
    "manager: reach": ("manager", lambda ids: reverse("reports:report", args=["reach"])),
    "manager: feedback": ("manager", lambda ids: reverse("reports:report", args=["feedback"])),
    "lead: compliance": ("lead", lambda ids: reverse("reports:report", args=["compliance"])),
}


def test_the_named_people_open_their_pages(client, built):
    # One test, not one per page: under pytest-xdist's work stealing, every worker that
    # runs a test of this module builds the partnership for it.
    failed = {}
    for page, (who, url) in PAGES.items():
        client.force_login(User.objects.get(email=built.emails[who]))
        response = client.get(url(built.ids))
        if response.status_code != 200:
            failed[page] = (url(built.ids), response.status_code)
    assert not failed


def test_every_table_holds_what_the_size_promises(built):
    assert Organisation.objects.count() == SMALL.organisations
    assert Team.objects.count() == SMALL.teams
    assert User.objects.count() == SMALL.staff
    assert learnable_pages().live().count() == SMALL.pages
    # The small size copies its least content once: each briefing has its own check.
    checked = KnowledgeCheckPage.objects.live().values_list("checks_page_id", flat=True)
    assert len(set(checked)) == len(checked) == 2
    assert Requirement.objects.count() == SMALL.requirements
    assert RequirementAssignment.objects.count() == SMALL.assignments
    assert Completion.objects.count() == SMALL.completions
    assert Feedback.objects.count() == SMALL.feedback
    assert ReflectiveEntry.objects.count() == SMALL.reflective_entries
    assert ReflectiveEntryVersion.objects.count() == SMALL.reflective_entries
    assert Attempt.objects.count() == SMALL.attempts
    questions = Attempt.objects.aggregate(total=Sum("question_count"))["total"]
    assert AttemptAnswer.objects.count() == questions > 0
    assert TeamSession.objects.count() == SMALL.team_sessions
    # Each session also credits its deliverer with facilitation CPD.
    assert ExternalCPD.objects.count() == SMALL.external_cpd + SMALL.team_sessions
    assert EntryShare.objects.exists()
    # The loader's own tally agrees with the tables.
    assert built.rows["learning_completion"] == SMALL.completions
    assert built.rows["learning_feedback"] == SMALL.feedback


def test_the_named_people_have_their_data(built):
    learner = User.objects.get(email=built.emails["learner"])
    supervisor = User.objects.get(email=built.emails["supervisor"])
    assert learner.pk == built.ids["learner"]
    assert Completion.objects.filter(user=learner).count() == SMALL.learner_completions
    supervisees = permissions.supervisees_of(supervisor)
    assert supervisees.count() == SMALL.named_supervisees
    assert supervisees.filter(pk=learner.pk).exists()
    # Every supervisor has 8 to 40 supervisees.
    counts = list(
        User.objects.annotate(n=Count("supervisees")).filter(n__gt=0).values_list("n", flat=True)
    )
    assert counts and all(8 <= n <= 40 for n in counts), counts
    # A completion made in a team session credits the session's minutes.
    from_sessions = Completion.objects.filter(team_session__isnull=False).select_related(
        "team_session"
    )
    assert from_sessions
    assert all(row.minutes == row.team_session.minutes for row in from_sessions)


def _digest() -> str:
    """A digest of columns the seed decides (not the database's own ids, which a
    sequence may hand out differently after a rollback)."""
    digest = hashlib.sha256()
    tables = [
        Completion.objects.order_by("certificate_code").values_list(
            "user__email",
            "page_title",
            "cycle",
            "how",
            "minutes",
            "completed_at",
            "certificate_code",
        ),
        Feedback.objects.order_by("user__email", "page__slug").values_list(
            "user__email", "page__slug", "usefulness", "will_change_practice", "comment"
        ),
        ReflectiveEntry.objects.order_by("pk").values_list(
            "pk", "author__email", "title", "status", "review_status", "created_at"
        ),
        Attempt.objects.order_by("pk").values_list("pk", "user__email", "score", "started_at"),
        User.objects.order_by("email").values_list(
            "email",
            "first_name",
            "date_joined",
            "profile__team__name",
            "profile__registration_body",
        ),
    ]
    rows = 0
    for table in tables:
        for row in table:
            digest.update(repr(row).encode())
            rows += 1
    assert rows > SMALL.completions  # the digest covers the data, not an empty table
    return digest.hexdigest()


def test_the_same_seed_gives_the_same_data(_world):
    first, second = _world[1]
    assert first == second
    # And the digest is of the kept rows, which no test has changed.
    assert _digest() == second
