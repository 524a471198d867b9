"""Case studies in the Making Safeguarding Personal shape, and the index that lists them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from case_studies.blocks import (
    CASE_STUDY_RICH_TEXT_FEATURES,
    DESIRED_OUTCOMES,
    PrinciplesInPracticeBlock,
    repeated_principle_message,
    repeated_principle_positions,
)
from case_studies.forms import CaseStudyPageForm
from case_studies.partners import partner_type_labels, validate_partner_types
from learning.anonymisation.declared import parse_declared_names
from learning.models import LearningPage, names_used_field


def _rich_text(verbose_name: str, help_text: str, *, blank: bool = False) -> RichTextField:
    return RichTextField(
        verbose_name,
        features=CASE_STUDY_RICH_TEXT_FEATURES,
        blank=blank,
        help_text=help_text,
    )


class CaseStudyPage(LearningPage):
    names_used = names_used_field()
    situation = _rich_text(
        "the situation",
        "Who the person is and what was happening, using initials only (“Mrs T”).",
    )
    desired_outcomes = StreamField(
        DESIRED_OUTCOMES,
        verbose_name="what the person wanted",
        help_text="Each outcome the person wanted, and how far it was achieved.",
    )
    what_was_done = _rich_text("what was done", "The response, and who did what.")
    principles_in_practice = StreamField(
        PrinciplesInPracticeBlock(),
        verbose_name="how the principles showed",
        help_text="One section for each principle the response reflected.",
    )
    supported_success = _rich_text(
        "what supported success",
        "Training, processes or relationships that helped.",
        blank=True,
    )
    barriers = _rich_text("barriers", "What got in the way.", blank=True)
    conditions_for_success = _rich_text(
        "conditions for success",
        "What would need to be in place for this to go well again.",
        blank=True,
    )
    partner_types = models.JSONField(
        "partners involved",
        default=list,
        blank=True,
        validators=[validate_partner_types],
        help_text="The types of organisation that took part.",
    )

    base_form_class = CaseStudyPageForm
    content_panels = [
        *Page.content_panels,
        *LearningPage.learning_panels,
        MultiFieldPanel(
            [
                FieldPanel("names_used"),
                FieldPanel("situation"),
                FieldPanel("desired_outcomes"),
                FieldPanel("what_was_done"),
                FieldPanel("principles_in_practice"),
            ],
            heading="The case",
        ),
        MultiFieldPanel(
            [
                FieldPanel("supported_success"),
                FieldPanel("barriers"),
                FieldPanel("conditions_for_success"),
                FieldPanel("partner_types"),
            ],
            heading="Learning from the case",
        ),
    ]
    settings_panels = LearningPage.settings_panels
    search_fields = [
        *LearningPage.search_fields,
        index.SearchField("situation"),
        index.SearchField("what_was_done"),
        index.SearchField("supported_success"),
        index.SearchField("barriers"),
        index.SearchField("conditions_for_success"),
    ]

    parent_page_types = ["case_studies.CaseStudyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"

    def declared_names(self) -> list[str]:
        return parse_declared_names(self.names_used)

    def clean(self) -> None:
        super().clean()
        # The admin form already refuses a repeat through PrinciplesInPracticeBlock;
        # this catches pages built in code (imports, the demo seeder), since Wagtail
        # runs full_clean() on every save.
        repeats = repeated_principle_positions(
            child.value.get("principle") for child in self.principles_in_practice
        )
        if repeats:
            raise ValidationError(
                {
                    "principles_in_practice": [
                        repeated_principle_message(p) for p in dict.fromkeys(repeats.values())
                    ]
                }
            )

    def partner_type_labels(self) -> list[str]:
        return partner_type_labels(self.partner_types)


class CaseStudyIndexPage(Page):
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two above the list.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["learning.HomePage"]
    subpage_types = ["case_studies.CaseStudyPage"]
    max_count = 1

    class Meta:
        verbose_name = "case study index"

    def get_context(self, request, *args, **kwargs):
        # Imported here: the selector module imports these models.
        from case_studies.selectors import live_case_studies
        from learning.listing import filtered_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(filtered_listing_context(request, live_case_studies(index=self)))
        return context
