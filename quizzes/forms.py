"""Learners' forms: answering a knowledge check, and one myth-buster statement.

Both are built from what the learner was shown and carry nothing about which answer
is right; scoring is in quizzes.scoring.
"""

from __future__ import annotations

from django import forms

from quizzes.blocks import MYTH_REALITY_CHOICES

MULTIPLE_HINT = (
    "Select all that apply. This question counts as right only if you select every right "
    "answer and none of the others."
)


def question_field_name(question_id: str) -> str:
    return f"q-{question_id}"


class AttemptForm(forms.Form):
    """One field per question, in the order shown: radios for a question with one
    answer, checkboxes for one with several. Every question must be answered."""

    def __init__(self, questions: list[dict], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            choices = [(option["key"], option["text"]) for option in question["options"]]
            number = question["number"]
            invalid = f"Select one of the answers shown for question {number}."
            if question["multiple"]:
                field = forms.MultipleChoiceField(
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=MULTIPLE_HINT,
                    error_messages={
                        "required": f"Select at least one answer for question {number}.",
                        "invalid_choice": invalid,
                    },
                )
            else:
                field = forms.ChoiceField(
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": f"Select an answer for question {number}.",
                        "invalid_choice": invalid,
                    },
                )
            field.label = question["text"]
            self.fields[question_field_name(question["id"])] = field

    def question_fields(self) -> list[tuple[dict, forms.BoundField]]:
        """Each question with its bound field, for the template."""
        return [(q, self[question_field_name(q["id"])]) for q in self.questions]

    def answers(self) -> dict[str, list[str]]:
        """The cleaned answers as {question id: [option keys]}."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question["id"]))
            answers[question["id"]] = list(value) if isinstance(value, list) else [value]
        return answers


class MythAnswerForm(forms.Form):
    statement = forms.CharField(widget=forms.HiddenInput, max_length=64)
    answer = forms.ChoiceField(
        choices=MYTH_REALITY_CHOICES,
        widget=forms.RadioSelect,
        label="Is this a myth or the reality?",
        error_messages={
            "required": "Select myth or reality.",
            "invalid_choice": "Select myth or reality.",
        },
    )
