"""What a learner sees after submitting: each question as they were shown it, what
they chose, what was right and why. Built from the attempt's snapshot and stored
answers, never from the check as it is now."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from quizzes.models import Attempt
from quizzes.selectors import readable_pages
from quizzes.snapshot import QuestionType


def _principle_url(principle: dict | None) -> str | None:
    if not principle:
        return None
    try:
        return reverse("principle_detail", args=[principle["slug"]])
    except NoReverseMatch:
        return None


def _read_more(stored: dict | None, readable: dict) -> dict | None:
    """The snapshot's "read more" page as it is now, or None once learners can no
    longer open it (unpublished, deleted or made private since the attempt)."""
    page = readable.get((stored or {}).get("page_id"))
    return {"title": page.title, "url": page.url} if page is not None and page.url else None


def attempt_result(attempt: Attempt) -> list[dict]:
    """Each question of a finished attempt with, per option, whether the learner chose
    it and whether it is right. One query (the stored answers), and two more when any
    question has a page to read more."""
    readable = readable_pages(
        (question.get("read_more") or {}).get("page_id")
        for question in attempt.snapshot["questions"]
    )
    given_by_question = {
        answer.question_id: (set(answer.given), answer.correct) for answer in attempt.answers.all()
    }
    questions = []
    for number, question in enumerate(attempt.snapshot["questions"], start=1):
        given, correct = given_by_question.get(question["id"], (set(), False))
        options = [
            {"text": option["text"], "chosen": option["key"] in given, "right": option["correct"]}
            for option in question["options"]
        ]
        questions.append(
            {
                "number": number,
                "text": question["text"],
                "type": question["type"],
                "multiple": question["type"] == QuestionType.MULTIPLE,
                "correct": correct,
                "options": options,
                "chosen": [option["text"] for option in options if option["chosen"]],
                "right": [option["text"] for option in options if option["right"]],
                "explanation": question["explanation"],
                "principle": question.get("principle"),
                "principle_url": _principle_url(question.get("principle")),
                "read_more": _read_more(question.get("read_more"), readable),
            }
        )
    return questions
