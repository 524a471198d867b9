"""Figures for the editors' knowledge-check report: aggregates only, never names.

Everything is counted in the database (a fixed number of queries whatever the number
of attempts). Following the partnership's privacy rule, a share is shown only when at
least MIN_LEARNERS different people are behind it; below that only the number of
attempts is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from quizzes.models import AttemptAnswer, KnowledgeCheckPage
from quizzes.snapshot import question_snapshot

MIN_LEARNERS = 5
SUPPRESSED = f"Hidden: fewer than {MIN_LEARNERS} people"


def share(part: int, whole: int) -> int:
    """`part` of `whole` as a whole percentage, rounded to nearest."""
    return round(100 * part / whole) if whole else 0


def checks_with_figures() -> QuerySet[KnowledgeCheckPage]:
    """Every knowledge check (published or not), A to Z, annotated with
    `attempt_count` (finished attempts), `pass_count` and `learner_count` (different
    people who finished one). One query."""
    finished = Q(attempts__finished_at__isnull=False)
    return (
        KnowledgeCheckPage.objects.annotate(
            attempt_count=Count("attempts", filter=finished),
            pass_count=Count("attempts", filter=finished & Q(attempts__passed=True)),
            learner_count=Count("attempts__user", filter=finished, distinct=True),
        )
        .select_related("checks_page")
        .order_by("title", "pk")
    )


def pass_rate(check) -> int | None:
    """The annotated check's pass rate over finished attempts, or None when fewer than
    MIN_LEARNERS people are behind it."""
    if check.learner_count < MIN_LEARNERS:
        return None
    return share(check.pass_count, check.attempt_count)


@dataclass(frozen=True)
class QuestionFigures:
    number: int | None  # its place in the check now; None once removed from it
    text: str
    answered: int
    right: int
    learners: int

    @property
    def right_share(self) -> int | None:
        return share(self.right, self.answered) if self.learners >= MIN_LEARNERS else None


def question_figures(check: KnowledgeCheckPage) -> list[QuestionFigures]:
    """For each question ever answered on `check`, how many answered it and how many
    got it right. Questions are matched across edits by their stream id; they are
    listed as they are now, then any since removed (with the wording last shown).
    Two queries."""
    rows = (
        AttemptAnswer.objects.filter(attempt__page=check)
        .values("question_id")
        .annotate(
            answered=Count("pk"),
            right=Count("pk", filter=Q(correct=True)),
            learners=Count("attempt__user", distinct=True),
        )
    )
    by_id = {row["question_id"]: row for row in rows}
    current = [question_snapshot(child) for child in check.questions]
    figures = []
    for number, question in enumerate(current, start=1):
        row = by_id.pop(question["id"], None) or {"answered": 0, "right": 0, "learners": 0}
        figures.append(
            QuestionFigures(
                number=number,
                text=question["text"],
                answered=row["answered"],
                right=row["right"],
                learners=row["learners"],
            )
        )
    removed_texts = _last_shown_texts(check, list(by_id))
    for question_id, row in by_id.items():
        figures.append(
            QuestionFigures(
                number=None,
                text=removed_texts.get(question_id, "(a question since removed)"),
                answered=row["answered"],
                right=row["right"],
                learners=row["learners"],
            )
        )
    return figures


def _last_shown_texts(check: KnowledgeCheckPage, question_ids: list[str]) -> dict[str, str]:
    """The wording of each removed question in the latest attempt that showed it. One
    query, read newest first until every question is found."""
    texts: dict[str, str] = {}
    if not question_ids:
        return texts
    answers = (
        AttemptAnswer.objects.filter(attempt__page=check, question_id__in=question_ids)
        .select_related("attempt")
        .only("question_id", "attempt__snapshot")
        .order_by("-attempt__started_at")
    )
    for answer in answers.iterator(chunk_size=100):
        if answer.question_id in texts:
            continue
        for question in answer.attempt.snapshot["questions"]:
            if question["id"] == answer.question_id:
                texts[answer.question_id] = question["text"]
        if len(texts) == len(question_ids):
            break
    return texts
