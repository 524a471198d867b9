"""Seven-minute briefings, the Safeguarding Adults Review (SAR) catalogue, and the two
index pages that list them."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from briefings.blocks import (
    KEY_FINDINGS,
    RECOMMENDATIONS,
    SECTION_COUNT,
    BriefingSectionsBlock,
    default_sections,
    section_count_message,
)
from briefings.forms import ReviewPageForm
from briefings.panels import ReadingLengthPanel
from briefings.printing import layout_template, wants_print_view
from briefings.reading import reading_length
from briefings.validators import validate_year_published
from learning.anonymisation.declared import parse_declared_names
from learning.models import LearningPage, names_used_field

INTRO_FEATURES = ["bold", "italic", "link"]


class ReviewType(models.TextChoices):
    MANDATORY = "mandatory", "Mandatory review (section 44(1) of the Care Act 2014)"
    DISCRETIONARY = "discretionary", "Discretionary review (section 44(4) of the Care Act 2014)"


class SafeguardingAdultsReviewPage(LearningPage):
    """A catalogue entry for one review: who commissioned it, when, what it found and
    recommended, and where to read the full report. The briefings that teach its
    learning point at it (BriefingPage.review)."""

    pseudonym = models.CharField(
        "the adult's pseudonym",
        max_length=80,
        help_text="How the review refers to the adult, e.g. “Adult D” or a first name the "
        "family agreed to. Never their real name.",
    )
    names_used = names_used_field()
    board = models.CharField(
        "Safeguarding Adults Board",
        max_length=150,
        help_text="The board that commissioned the review.",
    )
    year_published = models.PositiveSmallIntegerField(validators=[validate_year_published])
    review_type = models.CharField(max_length=15, choices=ReviewType.choices)
    key_findings = StreamField(KEY_FINDINGS, help_text="The review's main findings, in order.")
    recommendations = StreamField(
        RECOMMENDATIONS, help_text="The review's recommendations, in the report's order."
    )
    report_url = models.URLField(
        "link to the full report",
        blank=True,
        help_text="Where the board publishes the report, if it is online.",
    )
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="full report document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Or upload the report here.",
    )

    content_panels = [
        *Page.content_panels,
        *LearningPage.learning_panels,
        MultiFieldPanel(
            [
                FieldPanel("pseudonym"),
                FieldPanel("names_used"),
                FieldPanel("board"),
                FieldPanel("year_published"),
                FieldPanel("review_type", widget=forms.RadioSelect),
            ],
            heading="The review",
        ),
        FieldPanel("key_findings"),
        FieldPanel("recommendations"),
        MultiFieldPanel(
            [
                FieldPanel("report_url"),
                FieldPanel(
                    "report_document",
                    # The rule is in briefings.report_documents.
                    help_text="Or upload the report here. Only the board's editors can "
                    "open it until the review is published.",
                ),
            ],
            heading="The full report",
        ),
    ]
    settings_panels = LearningPage.settings_panels
    base_form_class = ReviewPageForm
    search_fields = [
        *LearningPage.search_fields,
        index.SearchField("pseudonym"),
        index.SearchField("board"),
        index.SearchField("key_findings"),
        index.SearchField("recommendations"),
        index.FilterField("year_published"),
        index.FilterField("review_type"),
    ]

    parent_page_types = ["briefings.ReviewIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Safeguarding Adults Review"
        verbose_name_plural = "Safeguarding Adults Reviews"

    def declared_names(self) -> list[str]:
        return [self.pseudonym, *parse_declared_names(self.names_used)]

    def report_link(self) -> str:
        """Where to read the full report: the uploaded document if there is one."""
        if self.report_document_id:
            return self.report_document.url
        return self.report_url

    def get_context(self, request, *args, **kwargs):
        from briefings.selectors import live_briefings_for_review

        context = super().get_context(request, *args, **kwargs)
        context["briefings"] = live_briefings_for_review(self)
        return context


class BriefingPage(LearningPage):
    """A seven-minute briefing: seven numbered sections, printable on one or two sheets
    of A4 for a team meeting. It may carry the learning from a review."""

    review = models.ForeignKey(
        SafeguardingAdultsReviewPage,
        verbose_name="the review this briefing draws on",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="briefings",
        help_text="If the briefing teaches the learning from a Safeguarding Adults Review.",
    )
    sections = StreamField(
        BriefingSectionsBlock(),
        min_num=SECTION_COUNT,
        max_num=SECTION_COUNT,
        default=default_sections,
        help_text="Exactly seven sections, shown numbered 1 to 7.",
    )

    content_panels = [
        *Page.content_panels,
        *LearningPage.learning_panels,
        FieldPanel("review"),
        FieldPanel("sections"),
        ReadingLengthPanel(heading="Reading length"),
    ]
    settings_panels = LearningPage.settings_panels
    search_fields = [*LearningPage.search_fields, index.SearchField("sections")]

    parent_page_types = ["briefings.BriefingIndexPage"]
    subpage_types: list[str] = []
    # Editors can preview the print view before publishing, to see it fits the paper.
    preview_modes = [("", "Default"), ("print", "Print version")]

    class Meta:
        verbose_name = "seven-minute briefing"
        verbose_name_plural = "seven-minute briefings"

    def clean_fields(self, exclude=None):
        # The section count is checked here rather than in clean(): the admin form
        # excludes a field that already failed its own validation, so the form shows the
        # block's message once, while pages built in code (the demo seeder, imports) are
        # still refused, since Wagtail runs full_clean() on every save.
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not exclude or "sections" not in exclude:
            count = len(self.sections)
            if count != SECTION_COUNT:
                errors.setdefault("sections", []).append(
                    ValidationError(section_count_message(count), code="section_count")
                )
        if errors:
            raise ValidationError(errors)

    def reading_length(self):
        return reading_length(self)

    def declared_names(self) -> list[str]:
        """A briefing teaches from its review, under the names the review declares."""
        review = self.review
        return review.declared_names() if review is not None else []

    def live_review(self) -> SafeguardingAdultsReviewPage | None:
        """The review this briefing draws on, if readers can see it."""
        review = self.review
        return review if review is not None and review.live else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        print_view = wants_print_view(request)
        context.update(print_view=print_view, layout_template=layout_template(print_view))
        return context

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        if mode_name == "print":
            context.update(print_view=True, layout_template=layout_template(True))
        return context


class BriefingIndexPage(Page):
    intro = RichTextField(
        blank=True, features=INTRO_FEATURES, help_text="A sentence or two above the list."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["learning.HomePage"]
    subpage_types = ["briefings.BriefingPage"]
    max_count = 1

    class Meta:
        verbose_name = "briefing index"

    def get_context(self, request, *args, **kwargs):
        from briefings.selectors import live_briefings
        from learning.listing import filtered_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(filtered_listing_context(request, live_briefings(index=self)))
        return context


class ReviewIndexPage(Page):
    intro = RichTextField(
        blank=True, features=INTRO_FEATURES, help_text="A sentence or two above the list."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["learning.HomePage"]
    subpage_types = ["briefings.SafeguardingAdultsReviewPage"]
    max_count = 1

    class Meta:
        verbose_name = "review index"

    def get_context(self, request, *args, **kwargs):
        from briefings.filters import ReviewFilterForm, filter_reviews
        from briefings.selectors import live_reviews, review_years
        from learning.listing import filtered_listing_context

        context = super().get_context(request, *args, **kwargs)
        reviews = live_reviews(index=self)
        review_filter_form = ReviewFilterForm(request.GET or None, years=review_years(reviews))
        reviews = filter_reviews(reviews, review_filter_form.selected())
        context.update(filtered_listing_context(request, reviews))
        context["review_filter_form"] = review_filter_form
        return context
