"""Builders for knowledge-check questions as (block type, value) pairs, and answers
for an attempt's snapshot."""

from __future__ import annotations


def single(text="Which is right?", *, right="Right", wrong=("Wrong A", "Wrong B"), **extra):
    options = [{"text": right, "correct": True}] + [{"text": w, "correct": False} for w in wrong]
    return (
        "single",
        {
            "text": text,
            "options": options,
            "explanation": extra.get("explanation", f"Because {right}."),
            "principle": extra.get("principle"),
        },
    )


def multiple(text="Which apply?", *, right=("Right A", "Right B"), wrong=("Wrong C",), **extra):
    options = [{"text": r, "correct": True} for r in right] + [
        {"text": w, "correct": False} for w in wrong
    ]
    return (
        "multiple",
        {
            "text": text,
            "options": options,
            "explanation": extra.get("explanation", "All of the right ones."),
            "principle": extra.get("principle"),
        },
    )


def true_false(text="The sky is blue.", *, answer="true", **extra):
    return (
        "true_false",
        {
            "text": text,
            "correct_answer": answer,
            "explanation": extra.get("explanation", "It is what it is."),
            "principle": extra.get("principle"),
        },
    )


def myth(statement="Everyone is always right.", *, answer="myth", **extra):
    return (
        "myth_reality",
        {
            "statement": statement,
            "correct_answer": answer,
            "explanation": extra.get("explanation", "Nobody is always right."),
            "principle": extra.get("principle"),
            "read_more": extra.get("read_more"),
        },
    )


def answers_for(attempt, *, right: bool = True, overrides: dict | None = None) -> dict:
    """Answers for every question of an attempt: all right, or all wrong."""
    answers = {}
    for question in attempt.snapshot["questions"]:
        keys = [o["key"] for o in question["options"] if o["correct"] == right]
        if not right and question["type"] != "multiple":
            keys = keys[:1]
        answers[question["id"]] = keys
    answers.update(overrides or {})
    return answers
