"""Scoring rules for every question type, on plain snapshots (no database)."""

from __future__ import annotations

import pytest

from quizzes.scoring import is_right, passes, percent, score_attempt


def _options(*flags):
    return [
        {"key": str(n), "text": f"Option {n}", "correct": flag} for n, flag in enumerate(flags, 1)
    ]


SINGLE = {"id": "s", "type": "single", "options": _options(False, True, False)}
MULTIPLE = {"id": "m", "type": "multiple", "options": _options(True, True, False, True)}
TRUE_FALSE = {
    "id": "tf",
    "type": "true_false",
    "options": [
        {"key": "true", "text": "True", "correct": False},
        {"key": "false", "text": "False", "correct": True},
    ],
}
MYTH = {
    "id": "mr",
    "type": "myth_reality",
    "options": [
        {"key": "myth", "text": "Myth", "correct": True},
        {"key": "reality", "text": "Reality", "correct": False},
    ],
}


@pytest.mark.parametrize(
    ("question", "given", "expected"),
    [
        (SINGLE, ["2"], True),
        (SINGLE, ["1"], False),
        (SINGLE, ["1", "2"], False),  # a crafted post with two answers is wrong
        (MULTIPLE, ["1", "2", "4"], True),
        (MULTIPLE, ["4", "2", "1"], True),  # order does not matter
        (MULTIPLE, ["1", "2"], False),  # partly right scores nothing
        (MULTIPLE, ["1", "2", "3", "4"], False),  # every right one plus a wrong one
        (MULTIPLE, ["3"], False),
        (TRUE_FALSE, ["false"], True),
        (TRUE_FALSE, ["true"], False),
        (MYTH, ["myth"], True),
        (MYTH, ["reality"], False),
    ],
)
def test_is_right(question, given, expected):
    assert is_right(question, given) is expected


def test_score_counts_each_type_and_partial_multiple_as_wrong():
    snapshot = {"pass_mark": 75, "questions": [SINGLE, MULTIPLE, TRUE_FALSE, MYTH]}
    score = score_attempt(snapshot, {"s": ["2"], "m": ["1", "2"], "tf": ["false"], "mr": ["myth"]})
    assert (score.correct_count, score.question_count, score.percent) == (3, 4, 75)
    assert score.passed is True
    assert [r.correct for r in score.results] == [True, False, True, True]
    assert [r.position for r in score.results] == [1, 2, 3, 4]
    assert score.results[1].given == ["1", "2"]


def test_missing_answers_are_wrong_and_unknown_questions_ignored():
    snapshot = {"pass_mark": 50, "questions": [SINGLE, MYTH]}
    score = score_attempt(snapshot, {"mr": ["myth"], "not-a-question": ["1"]})
    assert [r.correct for r in score.results] == [False, True]
    assert score.results[0].given == []
    assert score.passed is True  # 1 of 2 reaches 50%


def test_all_wrong_fails():
    snapshot = {"pass_mark": 1, "questions": [SINGLE]}
    score = score_attempt(snapshot, {"s": ["3"]})
    assert (score.correct_count, score.percent, score.passed) == (0, 0, False)


def test_pass_mark_is_compared_exactly_not_after_rounding():
    # 2 of 3 is 66.67%: it fails a pass mark of 67 and passes one of 66.
    assert passes(2, 3, 67) is False
    assert passes(2, 3, 66) is True
    assert percent(2, 3) == 66
    assert passes(5, 5, 100) is True
    assert passes(4, 5, 100) is False
    assert passes(0, 0, 1) is False
