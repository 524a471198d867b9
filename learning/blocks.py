"""StreamField blocks shared by every kind of learning page."""

from __future__ import annotations

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class ReflectiveQuestionBlock(blocks.StructBlock):
    """A question for practitioners to reflect on, tied to one principle. Its stream
    block id is its lasting identity: reflective-log entries point at it, so editing
    the wording keeps the link and entries keep the text they answered."""

    text = blocks.TextBlock(max_length=500, help_text="Phrase it as an open question.")
    principle = SnippetChooserBlock("learning.Principle")

    class Meta:
        icon = "help"
        label = "Reflective question"
        template = "blocks/reflective_question.html"


REFLECTIVE_QUESTIONS = [("question", ReflectiveQuestionBlock())]
