"""Starting and finishing knowledge-check attempts.

Scoring happens here, on the server, against the attempt's snapshot; the page the
learner answered never carried the right answers. Finishing is a conditional update,
so however many times the same attempt is submitted (a double click, a resent form,
two tabs) it is recorded once and `knowledge_check_passed` is sent at most once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from learning.personal_cache.registry import records_changed
from learning.signals import knowledge_check_passed
from quizzes.models import Attempt, AttemptAnswer, KnowledgeCheckPage
from quizzes.scoring import score_attempt
from quizzes.selectors import unfinished_attempt
from quizzes.snapshot import build_snapshot


class CheckNotPublished(Exception):
    """Only a published check can be attempted: its questions must be a real revision."""


def start_attempt(*, user, check: KnowledgeCheckPage, rng=None) -> Attempt:
    """An attempt at the live version of `check` for `user`: their unfinished one if
    they already started this version, otherwise a new one holding the questions (in
    the order this learner will see them) as they are now."""
    if not check.live or check.live_revision_id is None:
        raise CheckNotPublished(check.pk)
    existing = unfinished_attempt(user=user, check=check)
    if existing is not None:
        return existing
    snapshot = build_snapshot(check, rng=rng)
    completes = check.completes_page()
    return Attempt.objects.create(
        user=user,
        page=check,
        page_title=check.title,
        revision_id=check.live_revision_id,
        completes_page_id=completes.pk,
        completes_revision_id=completes.live_revision_id,
        snapshot=snapshot,
        question_count=len(snapshot["questions"]),
        started_at=timezone.now(),
    )


def finish_attempt(
    *, attempt: Attempt, answers: Mapping[str, Iterable[str]], now: datetime | None = None
) -> tuple[Attempt, bool]:
    """Score `answers` ({question id: [option keys]}) against the attempt's snapshot
    and record the result; return (attempt as stored, finished_now).

    Only the first call finishes the attempt: later calls (a second submission) change
    nothing and return the stored result with finished_now=False. When the first call
    passes, `learning.signals.knowledge_check_passed` is sent inside the same
    transaction, so the result and whatever the receivers record stand or fall together.
    """
    score = score_attempt(attempt.snapshot, answers)
    finished_at = now or timezone.now()
    with transaction.atomic():
        updated = Attempt.objects.filter(pk=attempt.pk, finished_at__isnull=True).update(
            finished_at=finished_at,
            correct_count=score.correct_count,
            score=score.percent,
            passed=score.passed,
        )
        if updated:
            # The update sends no signal: say whose pages the result changes.
            records_changed([attempt.user_id])
            AttemptAnswer.objects.bulk_create(
                AttemptAnswer(
                    attempt_id=attempt.pk,
                    question_id=result.question_id,
                    position=result.position,
                    given=result.given,
                    correct=result.correct,
                )
                for result in score.results
            )
        stored = Attempt.objects.select_related("completes_page", "page", "user").get(pk=attempt.pk)
        if updated and stored.passed:
            _announce_pass(stored)
    return stored, bool(updated)


def _announce_pass(attempt: Attempt) -> None:
    if attempt.completes_page is not None:
        page = attempt.completes_page.specific
        # None when the attached page had no live revision: the check's own revision
        # would name another page's content, and receivers fall back to the live one.
        revision_id = attempt.completes_revision_id
    else:
        # The attached page has gone since the attempt started: the check itself.
        page = attempt.page
        revision_id = attempt.revision_id
    if page is None:
        return
    knowledge_check_passed.send(
        sender=KnowledgeCheckPage,
        user=attempt.user,
        page=page,
        revision_id=revision_id,
        attempt_id=attempt.pk,
        finished_at=attempt.finished_at,
    )
