"""The questions of a knowledge check as one learner was shown them.

When an attempt starts, the check's questions are copied into a plain dict (the
snapshot): wording, option texts, the order shown (shuffled when the check asks for
it) and which options are right. The attempt is scored against its snapshot and its
result page drawn from it, so editing a check never changes anyone's recorded result.

A snapshot looks like:

    {"version": 1, "pass_mark": 80, "questions": [
        {"id": "<stream child id>", "type": "single", "text": "...",
         "explanation": "...", "principle": {"slug": "...", "name": "..."} | None,
         "read_more": {"page_id": 1, "title": "...", "url": "..."} | None,
         "options": [{"key": "1", "text": "...", "correct": true}, ...]},
    ...]}

Option keys are the options' positions as shown ("1", "2", ...) for choice
questions, and "true"/"false" or "myth"/"reality" for the fixed types, so the
values a form posts say nothing about which option is right.
"""

from __future__ import annotations

import random
import uuid
from enum import StrEnum
from typing import Any

from quizzes.blocks import MYTH_REALITY_CHOICES, TRUE_FALSE_CHOICES
from quizzes.selectors import readable_read_more_pages

SNAPSHOT_VERSION = 1

_rng = random.SystemRandom()


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    MYTH_REALITY = "myth_reality"


def _principle(principle) -> dict | None:
    if principle is None:
        return None
    return {"slug": principle.slug, "name": principle.name}


def _read_more(page, readable: set[int] | None = None) -> dict | None:
    """The page to read more, kept with its id so the result can check it is still
    published when it is shown. `readable`: ids of pages learners can open, when
    known; an unpublished page is never kept."""
    if page is None or not page.live or (readable is not None and page.pk not in readable):
        return None
    url = page.url
    return {"page_id": page.pk, "title": page.title, "url": url} if url else None


def _fixed_options(choices, correct_answer: str) -> list[dict]:
    # Always in the same order (True, False / Myth, Reality): it gives nothing away.
    return [{"key": key, "text": label, "correct": key == correct_answer} for key, label in choices]


def question_snapshot(
    child, *, shuffle_options: bool = False, rng=None, readable: set[int] | None = None
) -> dict[str, Any]:
    """One stream child of a check's `questions` as a snapshot question. `readable`
    as for _read_more."""
    value = child.value
    kind = QuestionType(child.block_type)
    question = {
        "id": child.id or str(uuid.uuid4()),
        "type": kind.value,
        "text": value["statement"] if kind == QuestionType.MYTH_REALITY else value["text"],
        "explanation": value["explanation"],
        "principle": _principle(value.get("principle")),
        "read_more": _read_more(value.get("read_more"), readable),
    }
    if kind == QuestionType.TRUE_FALSE:
        question["options"] = _fixed_options(TRUE_FALSE_CHOICES, value["correct_answer"])
    elif kind == QuestionType.MYTH_REALITY:
        question["options"] = _fixed_options(MYTH_REALITY_CHOICES, value["correct_answer"])
    else:
        options = [(option["text"], bool(option["correct"])) for option in value["options"]]
        if shuffle_options:
            (rng or _rng).shuffle(options)
        question["options"] = [
            {"key": str(position), "text": text, "correct": correct}
            for position, (text, correct) in enumerate(options, start=1)
        ]
    return question


def build_snapshot(check, *, rng=None) -> dict[str, Any]:
    """The questions of `check` (a KnowledgeCheckPage, as it is now) in the order this
    learner will see them, shuffling questions and options when the check says so."""
    rng = rng or _rng
    readable = set(readable_read_more_pages(check.questions))
    questions = [
        question_snapshot(child, shuffle_options=check.shuffle_options, rng=rng, readable=readable)
        for child in check.questions
    ]
    if check.shuffle_questions:
        rng.shuffle(questions)
    return {"version": SNAPSHOT_VERSION, "pass_mark": check.pass_mark, "questions": questions}


def questions_for_form(snapshot: dict) -> list[dict]:
    """The snapshot's questions with every trace of the right answers removed: all a
    page may show before the learner submits."""
    return [
        {
            "id": question["id"],
            "number": number,
            "type": question["type"],
            "text": question["text"],
            "multiple": question["type"] == QuestionType.MULTIPLE,
            "options": [{"key": o["key"], "text": o["text"]} for o in question["options"]],
        }
        for number, question in enumerate(snapshot["questions"], start=1)
    ]
