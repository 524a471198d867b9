"""StreamField blocks for seven-minute briefings and Safeguarding Adults Reviews."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

# A seven-minute briefing is seven numbered sections: the format teams know, and what
# fits one or two sheets of A4 when printed for a team meeting.
SECTION_COUNT = 7

# Sections sit under their own numbered headings, so the body gets paragraphs, lists and
# links but no headings of its own.
SECTION_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class SectionHeading(models.TextChoices):
    """The headings most seven-minute briefings use, in their usual order."""

    BACKGROUND = "background", "Background"
    WHY_IT_MATTERS = "why_it_matters", "Why it matters"
    INFORMATION = "information", "Information"
    LEARNING = "learning", "What the learning is"
    WHAT_TO_DO = "what_to_do", "What to do"
    REFLECTION = "reflection", "Questions for reflection"
    FURTHER_INFORMATION = "further_information", "Further information"


def section_count_message(count: int) -> str:
    difference = abs(SECTION_COUNT - count)
    action = f"Add {difference} more" if count < SECTION_COUNT else f"Remove {difference}"
    return f"A seven-minute briefing has exactly seven sections; this one has {count}. {action}."


def section_value(heading: str, body: str) -> dict:
    """The value of one section from a heading written as text: a common heading is
    stored as its choice, so it keeps its place in the suggestions; any other heading
    as the section's own heading."""
    choice = next((c for c in SectionHeading if c.label.lower() == heading.strip().lower()), None)
    return {
        "heading": choice.value if choice else "",
        "custom_heading": "" if choice else heading.strip(),
        "body": body,
    }


def default_sections() -> list[dict]:
    """A new briefing starts with its seven sections already there, headed with the
    common headings, so an editor fills them in rather than building the structure."""
    return [{"type": "section", "value": section_value(h.label, "")} for h in SectionHeading]


class BriefingSectionValue(blocks.StructValue):
    def heading_text(self) -> str:
        """The heading readers see: the editor's own heading if written, otherwise the
        chosen common heading."""
        custom = (self.get("custom_heading") or "").strip()
        if custom:
            return custom
        try:
            return SectionHeading(self.get("heading")).label
        except ValueError:
            return ""


class BriefingSectionBlock(blocks.StructBlock):
    """One numbered section. Editors pick a common heading or write their own: the
    choice list offers the headings readers expect, the text box allows anything."""

    heading = blocks.ChoiceBlock(
        choices=SectionHeading.choices,
        required=False,
        label="Heading",
        help_text="Choose a common heading, or leave this blank and write your own below.",
    )
    custom_heading = blocks.CharBlock(
        required=False,
        max_length=80,
        label="Or your own heading",
        help_text="Used instead of the heading chosen above.",
    )
    body = blocks.RichTextBlock(features=SECTION_RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ol"
        label = "Section"
        value_class = BriefingSectionValue
        template = "blocks/briefing_section.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("heading") and not (value.get("custom_heading") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "heading": ValidationError("Choose a heading or write your own below.")
                }
            )
        return value


class BriefingSectionsBlock(blocks.StreamBlock):
    """Exactly seven sections. Wagtail's own min/max messages are replaced with one that
    says how many there are, and the count is enforced on drafts too (Wagtail defers
    min_num on drafts), so a briefing is never saved in another shape."""

    section = BriefingSectionBlock()

    class Meta:
        min_num = SECTION_COUNT
        max_num = SECTION_COUNT

    def clean(self, value):
        count = len(value)
        try:
            cleaned = super().clean(value)
        except StreamBlockValidationError as error:
            if count == SECTION_COUNT:
                raise
            raise StreamBlockValidationError(
                block_errors=error.block_errors,
                non_block_errors=ErrorList([ValidationError(section_count_message(count))]),
            ) from error
        if count != SECTION_COUNT:
            raise StreamBlockValidationError(
                non_block_errors=ErrorList([ValidationError(section_count_message(count))])
            )
        return cleaned


# Safeguarding Adults Reviews: findings and recommendations are short statements, kept
# in the report's order and shown as numbered lists.
KEY_FINDINGS = [
    (
        "finding",
        blocks.TextBlock(max_length=1000, label="Finding", help_text="One finding, in brief."),
    )
]
RECOMMENDATIONS = [
    (
        "recommendation",
        blocks.TextBlock(
            max_length=1000, label="Recommendation", help_text="One recommendation, in brief."
        ),
    )
]
