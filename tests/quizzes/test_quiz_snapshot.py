"""Snapshots: what the learner is shown, and what the form may carry."""

from __future__ import annotations

import random

import pytest

from quizzes.snapshot import build_snapshot, questions_for_form
from tests.quizzes.helpers import multiple, myth, single, true_false

pytestmark = pytest.mark.django_db


def test_snapshot_keeps_texts_order_answers_and_principles(make_check, principles):
    check = make_check(
        [
            single("Q1", right="Yes", wrong=("No",), principle=principles["prevention"]),
            multiple("Q2", right=("A", "B"), wrong=("C",)),
            true_false("Q3", answer="false"),
            myth("Q4", answer="reality"),
        ],
        pass_mark=60,
    )
    snapshot = build_snapshot(check)

    assert snapshot["pass_mark"] == 60
    questions = snapshot["questions"]
    assert [q["id"] for q in questions] == [child.id for child in check.questions]
    assert [q["type"] for q in questions] == ["single", "multiple", "true_false", "myth_reality"]
    assert [q["text"] for q in questions] == ["Q1", "Q2", "Q3", "Q4"]
    assert questions[0]["options"] == [
        {"key": "1", "text": "Yes", "correct": True},
        {"key": "2", "text": "No", "correct": False},
    ]
    assert questions[0]["principle"] == {"slug": "prevention", "name": "Prevention"}
    assert questions[2]["options"] == [
        {"key": "true", "text": "True", "correct": False},
        {"key": "false", "text": "False", "correct": True},
    ]
    assert [o["correct"] for o in questions[3]["options"]] == [False, True]


def test_shuffling_changes_order_and_keys_follow_the_order_shown(make_check):
    check = make_check(
        [single(f"Q{n}", right=f"R{n}", wrong=(f"W{n}a", f"W{n}b", f"W{n}c")) for n in range(8)],
        shuffle_questions=True,
        shuffle_options=True,
    )
    orders = set()
    right_positions = set()
    for seed in range(20):
        snapshot = build_snapshot(check, rng=random.Random(seed))
        orders.add(tuple(q["text"] for q in snapshot["questions"]))
        for question in snapshot["questions"]:
            keys = [o["key"] for o in question["options"]]
            assert keys == ["1", "2", "3", "4"]  # keys are positions as shown
            right_positions.add(next(o["key"] for o in question["options"] if o["correct"]))
    assert len(orders) > 1
    assert right_positions == {"1", "2", "3", "4"}


def test_without_shuffling_the_editors_order_is_kept(make_check):
    check = make_check([single("Q1"), single("Q2")], shuffle_questions=False)
    for seed in range(5):
        snapshot = build_snapshot(check, rng=random.Random(seed))
        assert [q["text"] for q in snapshot["questions"]] == ["Q1", "Q2"]
        assert [o["text"] for o in snapshot["questions"][0]["options"]] == [
            "Right",
            "Wrong A",
            "Wrong B",
        ]


def test_form_questions_carry_no_answers(make_check):
    check = make_check()
    public = questions_for_form(build_snapshot(check))
    assert [q["number"] for q in public] == [1, 2, 3, 4]
    assert [q["multiple"] for q in public] == [False, True, False, False]
    for question in public:
        assert set(question) == {"id", "number", "type", "text", "multiple", "options"}
        for option in question["options"]:
            assert set(option) == {"key", "text"}
