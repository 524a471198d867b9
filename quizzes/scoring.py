"""Scoring a knowledge-check attempt against its snapshot. Pure functions: no
database, so every rule here is tested directly.

- A single-answer, true/false or myth-or-reality question is right when the learner
  chose its one right option.
- A multiple-answer question is all or nothing: right only when the learner chose every
  right option and no other. Partly right scores nothing.
- The score is the share of questions answered right; the learner passes when it
  reaches the pass mark. The comparison is made in whole numbers, so 2 out of 3 does
  not pass a pass mark of 67 through rounding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    position: int
    given: list[str]
    correct: bool


@dataclass(frozen=True)
class Score:
    correct_count: int
    question_count: int
    percent: int
    passed: bool
    results: list[QuestionResult]


def right_keys(question: Mapping) -> set[str]:
    return {option["key"] for option in question["options"] if option["correct"]}


def is_right(question: Mapping, given: Iterable[str]) -> bool:
    """Whether the options `given` answer `question` right (see the module rules)."""
    return set(given) == right_keys(question)


def percent(correct_count: int, question_count: int) -> int:
    """The score as a whole percentage, rounded down (never flattering a near miss)."""
    if question_count <= 0:
        return 0
    return (100 * correct_count) // question_count


def passes(correct_count: int, question_count: int, pass_mark: int) -> bool:
    """Whether `correct_count` out of `question_count` reaches `pass_mark` per cent."""
    return question_count > 0 and correct_count * 100 >= pass_mark * question_count


def score_attempt(snapshot: Mapping, answers: Mapping[str, Iterable[str]]) -> Score:
    """Score `answers` ({question id: [option keys]}) against `snapshot`. A question
    with no answer counts as wrong; answers to questions not in the snapshot are
    ignored."""
    results = []
    for position, question in enumerate(snapshot["questions"], start=1):
        given = list(dict.fromkeys(answers.get(question["id"], ())))
        results.append(
            QuestionResult(
                question_id=question["id"],
                position=position,
                given=given,
                correct=bool(given) and is_right(question, given),
            )
        )
    correct_count = sum(result.correct for result in results)
    question_count = len(results)
    return Score(
        correct_count=correct_count,
        question_count=question_count,
        percent=percent(correct_count, question_count),
        passed=passes(correct_count, question_count, snapshot["pass_mark"]),
        results=results,
    )
