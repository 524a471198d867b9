"""Knowledge-check attempts in a person's subject access export
(learning.privacy.registry): each attempt with its result, and each answer with the
question and options as the person was shown them (from the attempt's snapshot)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from learning.privacy.registry import ExportSection, register_exporter
from quizzes.models import Attempt


def _attempt_rows(user) -> Iterator[dict[str, Any]]:
    rows = Attempt.objects.filter(user=user).order_by("started_at", "pk")
    for row in rows.values(
        "id", "page_title", "started_at", "finished_at", "question_count", "correct_count",
        "score", "passed",
    ).iterator(chunk_size=500):  # fmt: skip
        yield {
            "attempt": row["id"],
            "knowledge_check": row["page_title"],
            "started_at": row["started_at"],
            "finished_at": row["finished_at"],
            "questions": row["question_count"],
            "answered_correctly": row["correct_count"],
            "score_percent": row["score"],
            "passed": row["passed"],
        }


def _option_texts(question: dict[str, Any], keys: list[str]) -> list[str]:
    texts = {option["key"]: option["text"] for option in question.get("options", [])}
    return [texts.get(key, key) for key in keys]


def _answer_rows(user) -> Iterator[dict[str, Any]]:
    attempts = (
        Attempt.objects.filter(user=user, finished_at__isnull=False)
        .only("id", "page_title", "snapshot")
        .prefetch_related("answers")
        .order_by("started_at", "pk")
    )
    for attempt in attempts.iterator(chunk_size=200):
        questions = {q["id"]: q for q in (attempt.snapshot or {}).get("questions", [])}
        for answer in attempt.answers.all():
            question = questions.get(answer.question_id, {})
            right = [o["key"] for o in question.get("options", []) if o.get("correct")]
            yield {
                "attempt": attempt.pk,
                "knowledge_check": attempt.page_title,
                "question_number": answer.position,
                "question": question.get("text", ""),
                "your_answer": _option_texts(question, list(answer.given)),
                "right_answer": _option_texts(question, right),
                "correct": answer.correct,
            }


def export_attempts(user) -> list[ExportSection]:
    return [
        ExportSection(
            "knowledge_check_attempts",
            "Your attempts at knowledge checks: when, score and whether you passed.",
            _attempt_rows(user),
        ),
        ExportSection(
            "knowledge_check_answers",
            "Each answer you gave: the question, the options you chose, the right "
            "answer and whether yours was right.",
            _answer_rows(user),
        ),
    ]


def register() -> None:
    register_exporter("quizzes.05_attempts", export_attempts)
