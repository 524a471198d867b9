"""Demo knowledge-check attempts: about thirty of the demo staff (made by
learning.demo.learning_activity) take the demo checks, some passing first time, some
failing and trying again, some failing and leaving it, so that the knowledge-check
report and the xAPI export have data.

Attempts go through quizzes.services, as a learner's would: each holds a snapshot of
the check's questions, is scored on the server and has its answers stored, and a pass
completes the page the check is attached to (learning.signals.knowledge_check_passed).
Only the times are moved back into the past months.

Run through the `register_demo_activity` hook, after the demo staff exist. Idempotent:
it does nothing when any of the people already has an attempt, and seed_demo passes
the staff only on the run that creates them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from quizzes import services
from quizzes.models import Attempt, KnowledgeCheckPage

ATTEMPT_PEOPLE = 30
# How people get on: pass first time, fail then pass, or fail and leave it.
OUTCOMES = ("pass", "fail_then_pass", "fail")
OUTCOME_WEIGHTS = (6, 3, 2)


def _wrong_answer(question: dict) -> list[str]:
    """Option keys that answer `question` wrongly."""
    right = [o["key"] for o in question["options"] if o["correct"]]
    wrong = [o["key"] for o in question["options"] if not o["correct"]]
    if question["type"] == "multiple":
        # One right option missed, or one wrong option added: either scores nothing.
        given = right[:-1] if len(right) > 1 else right + wrong[:1]
    else:
        given = wrong[:1]
    # A question with no wrong option to choose is left unanswered, which is wrong too.
    return given if set(given) != set(right) else []


def _answers(rng: random.Random, snapshot: dict, *, passing: bool) -> dict[str, list[str]]:
    """Answers to every question of the snapshot, with as many wrong as still passes
    (when `passing`) or enough wrong to fail."""
    questions = snapshot["questions"]
    count = len(questions)
    # The most questions that can be wrong while the score still reaches the pass mark.
    allowed = (count * (100 - snapshot["pass_mark"])) // 100
    wrong_count = (
        rng.randint(0, allowed) if passing else rng.randint(min(allowed + 1, count), count)
    )
    wrong = set(rng.sample(range(count), k=wrong_count))
    answers = {}
    for number, question in enumerate(questions):
        if number in wrong:
            answers[question["id"]] = _wrong_answer(question)
        else:
            answers[question["id"]] = [o["key"] for o in question["options"] if o["correct"]]
    return answers


def _take(
    rng: random.Random, user, check: KnowledgeCheckPage, finished_at: datetime, *, passing: bool
) -> Attempt:
    attempt = services.start_attempt(user=user, check=check, rng=rng)
    started_at = finished_at - timedelta(minutes=rng.randint(3, 12), seconds=rng.randint(0, 59))
    Attempt.objects.filter(pk=attempt.pk).update(started_at=started_at)
    attempt.started_at = started_at
    finished, _ = services.finish_attempt(
        attempt=attempt, answers=_answers(rng, attempt.snapshot, passing=passing), now=finished_at
    )
    return finished


@transaction.atomic
def seed_check_attempts(people: Sequence, *, now: datetime | None = None) -> list[Attempt]:
    """Finished attempts at the live checks by about ATTEMPT_PEOPLE of `people` (users
    with their date_joined); returns those made."""
    people = list(people)
    if not people or Attempt.objects.filter(user__in=people).exists():
        return []
    checks = list(KnowledgeCheckPage.objects.live().order_by("path"))
    if not checks:
        return []
    rng = random.Random(2027)  # noqa: S311 (reproducible demo data, not a secret)
    now = now or timezone.now()
    made: list[Attempt] = []
    for user in rng.sample(people, k=min(ATTEMPT_PEOPLE, len(people))):
        # Never before they joined.
        longest_ago = min(300, (now - user.date_joined).days - 1)
        if longest_ago < 3:
            continue
        for check in rng.sample(checks, k=min(len(checks), rng.randint(1, 3))):
            outcome = rng.choices(OUTCOMES, weights=OUTCOME_WEIGHTS)[0]
            finished_at = now - timedelta(days=rng.randint(3, longest_ago), hours=rng.randint(0, 8))
            if outcome == "pass":
                made.append(_take(rng, user, check, finished_at, passing=True))
                continue
            made.append(_take(rng, user, check, finished_at, passing=False))
            if outcome == "fail_then_pass":
                # Tried again after reading the explanations, a little later.
                again = finished_at + timedelta(minutes=rng.randint(20, 90))
                made.append(_take(rng, user, check, again, passing=True))
    return made
