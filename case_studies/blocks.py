"""StreamField blocks for the Making Safeguarding Personal parts of a case study: what
the person wanted (and how far they got it), and how each principle showed."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.db import models
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

# Rich text in a case study sits under the page's own section headings, so editors get
# paragraphs, lists and links but no headings of their own.
CASE_STUDY_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class Achievement(models.TextChoices):
    """How far one of the person's desired outcomes was achieved."""

    FULLY = "fully", "Fully achieved"
    PARTLY = "partly", "Partly achieved"
    NOT = "not", "Not achieved"


# GOV.UK tag colours for each achievement. The tag always shows the words as well, so
# the colour never carries the meaning alone.
ACHIEVEMENT_TAG_CLASSES = {
    Achievement.FULLY: "govuk-tag--green",
    Achievement.PARTLY: "govuk-tag--yellow",
    Achievement.NOT: "govuk-tag--red",
}


class DesiredOutcomeValue(blocks.StructValue):
    def achievement_label(self) -> str:
        try:
            return Achievement(self.get("achieved")).label
        except ValueError:
            return ""

    def achievement_tag_class(self) -> str:
        return ACHIEVEMENT_TAG_CLASSES.get(self.get("achieved"), "govuk-tag--grey")


class DesiredOutcomeBlock(blocks.StructBlock):
    outcome = blocks.TextBlock(
        label="What the person wanted",
        max_length=500,
        help_text="In the person's own words where possible, e.g. “I want to stay at home.”",
    )
    achieved = blocks.ChoiceBlock(
        choices=Achievement.choices, label="How far it was achieved", widget=forms.RadioSelect
    )

    class Meta:
        icon = "user"
        label = "Desired outcome"
        value_class = DesiredOutcomeValue
        template = "blocks/outcome_row.html"


class PrincipleInPracticeBlock(blocks.StructBlock):
    principle = SnippetChooserBlock("learning.Principle")
    text = blocks.RichTextBlock(
        features=CASE_STUDY_RICH_TEXT_FEATURES,
        label="How it showed",
        help_text="What practitioners did that reflected this principle.",
    )

    class Meta:
        icon = "pick"
        label = "Principle in practice"
        template = "blocks/principle_in_practice.html"


def repeated_principle_positions(principles: Iterable) -> dict[int, object]:
    """Positions (0-based) of principles that already appeared earlier in the list,
    mapped to the repeated principle. Empty choices are skipped: the block's own
    required check reports those."""
    seen: set = set()
    repeats: dict[int, object] = {}
    for position, principle in enumerate(principles):
        if principle is None:
            continue
        key = getattr(principle, "pk", principle)
        if key in seen:
            repeats[position] = principle
        seen.add(key)
    return repeats


def repeated_principle_message(principle: object) -> str:
    return (
        f"“{principle}” is already described above. Each principle may be used only once: "
        "put everything about it in one section."
    )


class PrinciplesInPracticeBlock(blocks.StreamBlock):
    """One section per principle. Each principle may appear once, so that the page's
    "How the principles showed" reads as one account per principle."""

    principle = PrincipleInPracticeBlock()

    def clean(self, value):
        value = super().clean(value)
        repeats = repeated_principle_positions(child.value.get("principle") for child in value)
        if repeats:
            messages = [repeated_principle_message(p) for p in dict.fromkeys(repeats.values())]
            raise StreamBlockValidationError(
                non_block_errors=ErrorList(messages),
                block_errors={
                    position: StructBlockValidationError(
                        block_errors={"principle": ErrorList([repeated_principle_message(p)])}
                    )
                    for position, p in repeats.items()
                },
            )
        return value

    class Meta:
        icon = "list-ul"


DESIRED_OUTCOMES = [("outcome", DesiredOutcomeBlock())]
