"""The generator at a tenth of partnership size on PostgreSQL (COPY): it writes what the
size promises, and how long it took goes in the benchmark summary. Skipped on SQLite,
where only the small size is built (tests/benchmarks/test_generator_small.py)."""

from __future__ import annotations

import pytest
from django.db import connection

from learning.models import Completion, Feedback, ReflectiveEntry, ReflectiveEntryVersion, User
from quizzes.models import Attempt
from tests.benchmarks.generator import SIZES, generate
from tests.benchmarks.probes import DATASET

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

TENTH = SIZES["tenth"]


def test_the_tenth_partnership_is_built_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the scale build runs on PostgreSQL (set DATABASE_URL)")
    built = generate("tenth")
    DATASET["generator: seconds to build the tenth size"] = round(built.total_seconds, 1)
    DATASET["generator: completions at the tenth size"] = built.rows["learning_completion"]
    assert User.objects.count() == TENTH.staff
    assert Completion.objects.count() == TENTH.completions
    assert Feedback.objects.count() == TENTH.feedback
    assert ReflectiveEntry.objects.count() == TENTH.reflective_entries
    assert ReflectiveEntryVersion.objects.count() == TENTH.reflective_entries
    assert Attempt.objects.count() == TENTH.attempts
    learner = built.ids["learner"]
    assert Completion.objects.filter(user_id=learner).count() == TENTH.learner_completions
    # The sequences moved past the copied ids: the next user the ORM makes fits.
    assert User.objects.create_user("after@partnership.example").pk > max(built.ids.values())
