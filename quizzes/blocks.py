"""The question blocks editors build knowledge checks and myth-busters from.

Each question is one child of a StreamField, and the child's stream id is the
question's lasting identity: attempts and reports refer to it, so rewording a question
keeps its figures together. True/false and myth-or-reality questions have fixed
answers, so they carry a `correct_answer` choice instead of a list of options.

Validation messages are written for editors and shown beside the block in the admin.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

# The fixed answers of the two yes-or-no question types: (key, label). The keys are
# what a learner's form posts and what attempts store.
TRUE_FALSE_CHOICES = [("true", "True"), ("false", "False")]
MYTH_REALITY_CHOICES = [("myth", "Myth"), ("reality", "Reality")]

MIN_OPTIONS = 2


def _question_text(label: str = "Question") -> blocks.TextBlock:
    return blocks.TextBlock(label=label, max_length=500)


def _explanation() -> blocks.TextBlock:
    return blocks.TextBlock(
        max_length=1500,
        help_text="Shown once the learner has answered: why the right answer is right.",
    )


def _principle() -> SnippetChooserBlock:
    return SnippetChooserBlock(
        "learning.Principle",
        required=False,
        help_text="The safeguarding principle this question tests (optional).",
    )


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    correct = blocks.BooleanBlock(required=False, label="This is a right answer")

    class Meta:
        icon = "radio-full"
        label = "Option"


def _options_error(message: str) -> StructBlockValidationError:
    """An error shown on the question's list of options."""
    return StructBlockValidationError(
        block_errors={"options": ListBlockValidationError(non_block_errors=[message])}
    )


def _check_options(options, rule: Callable[[int], str | None]) -> None:
    """Raise the first problem with a question's options: too few, a repeated wording,
    or a number of right answers the question type does not allow (`rule` gets the
    count and returns a message or None)."""
    texts = [option["text"].strip().casefold() for option in options]
    if len(texts) < MIN_OPTIONS:
        raise _options_error(f"Give at least {MIN_OPTIONS} options for the learner to choose from.")
    if len(set(texts)) < len(texts):
        raise _options_error("Two options have the same wording. Make each option different.")
    message = rule(sum(1 for option in options if option["correct"]))
    if message:
        raise _options_error(message)


def _exactly_one(count: int) -> str | None:
    if count == 1:
        return None
    return (
        "Mark exactly one option as the right answer "
        f"({'none is' if count == 0 else f'{count} are'} marked). If more than one is "
        "right, use a “multiple answers” question instead."
    )


def _at_least_one(count: int) -> str | None:
    return None if count else "Mark at least one option as a right answer."


class SingleAnswerQuestionBlock(blocks.StructBlock):
    """The learner picks one option; exactly one is right."""

    text = _question_text()
    options = blocks.ListBlock(OptionBlock(), help_text="Mark exactly one as the right answer.")
    explanation = _explanation()
    principle = _principle()

    class Meta:
        icon = "radio-empty"
        label = "Single answer"
        template = "blocks/quiz_choice_question.html"

    def clean(self, value):
        value = super().clean(value)
        _check_options(value["options"], _exactly_one)
        return value


class MultipleAnswerQuestionBlock(blocks.StructBlock):
    """The learner ticks every option that applies. It scores only when the learner
    picks all the right options and none of the others (the form says so)."""

    text = _question_text()
    options = blocks.ListBlock(
        OptionBlock(), help_text="Mark every right answer. Learners must pick all of them."
    )
    explanation = _explanation()
    principle = _principle()

    class Meta:
        icon = "tasks"
        label = "Multiple answers"
        template = "blocks/quiz_choice_question.html"

    def clean(self, value):
        value = super().clean(value)
        _check_options(value["options"], _at_least_one)
        return value


class TrueFalseQuestionBlock(blocks.StructBlock):
    text = _question_text("Statement")
    correct_answer = blocks.ChoiceBlock(choices=TRUE_FALSE_CHOICES, label="The statement is")
    explanation = _explanation()
    principle = _principle()

    class Meta:
        icon = "check"
        label = "True or false"
        template = "blocks/quiz_true_false_question.html"


class MythRealityBlock(blocks.StructBlock):
    """A common belief: is it a myth or the reality? Used as the cards of a
    myth-buster and as a question type inside a knowledge check."""

    statement = _question_text("Statement")
    correct_answer = blocks.ChoiceBlock(choices=MYTH_REALITY_CHOICES, label="The statement is")
    explanation = _explanation()
    principle = _principle()
    read_more = blocks.PageChooserBlock(
        required=False,
        help_text="A page where the learner can read more (optional).",
    )

    class Meta:
        icon = "help"
        label = "Myth or reality"
        template = "blocks/myth_card.html"


QUESTION_BLOCKS = [
    ("single", SingleAnswerQuestionBlock()),
    ("multiple", MultipleAnswerQuestionBlock()),
    ("true_false", TrueFalseQuestionBlock()),
    ("myth_reality", MythRealityBlock()),
]

MYTH_BLOCKS = [("myth", MythRealityBlock())]


def validate_not_empty(stream_value, message: str) -> None:
    """For pages built in code: the admin's `min_num` does not run outside its form."""
    if not len(stream_value):
        raise ValidationError(message)
