"""Knowledge checks, myth-busters and the index page that lists them.

Both are learnable pages. A knowledge check may be attached to the learning page it
checks (a briefing, a review or a case study): that page then shows a "Check your
understanding" link, and passing the check completes it. Serving (questions, answers,
results) is in quizzes.views; the pages only hand over to it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from learning.models import CompletionMethod, LearningPage
from quizzes.admin_forms import PASS_MARK_MESSAGE, KnowledgeCheckPageForm
from quizzes.blocks import MYTH_BLOCKS, QUESTION_BLOCKS, validate_not_empty
from quizzes.panels import LearnablePageChooserPanel

INTRO_FEATURES = ["bold", "italic", "link", "ul", "ol"]
# LearningPage's settings without "how it is completed": each quiz type has one fixed way.
_SETTINGS_PANELS = [
    *Page.settings_panels,
    MultiFieldPanel(
        [FieldPanel("cpd_minutes"), FieldPanel("last_reviewed"), FieldPanel("review_due")],
        heading="Learning",
    ),
]


class KnowledgeCheckIndexPage(Page):
    intro = RichTextField(
        blank=True, features=INTRO_FEATURES, help_text="A sentence or two above the list."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["learning.HomePage"]
    subpage_types = ["quizzes.KnowledgeCheckPage", "quizzes.MythBusterPage"]
    max_count = 1

    class Meta:
        verbose_name = "knowledge check index"

    def get_context(self, request, *args, **kwargs):
        from learning.listing import filtered_listing_context
        from quizzes.selectors import live_knowledge_checks, live_myth_busters

        context = super().get_context(request, *args, **kwargs)
        context["myth_busters"] = live_myth_busters(index=self)
        context.update(filtered_listing_context(request, live_knowledge_checks(index=self)))
        return context


class KnowledgeCheckPage(LearningPage):
    intro = RichTextField(
        blank=True,
        features=INTRO_FEATURES,
        help_text="Shown before the learner starts: what the check covers.",
    )
    checks_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="checks understanding of",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_checks",
        help_text=(
            "The briefing, review or case study this check goes with (optional). That page "
            "links to the check, and passing the check completes it."
        ),
    )
    questions = StreamField(
        QUESTION_BLOCKS,
        min_num=1,
        help_text="The questions, in the order learners see them unless shuffled.",
    )
    pass_mark = models.PositiveSmallIntegerField(
        "pass mark (%)",
        default=80,
        validators=[
            MinValueValidator(1, message=PASS_MARK_MESSAGE),
            MaxValueValidator(100, message=PASS_MARK_MESSAGE),
        ],
        help_text="The percentage of questions a learner must answer right to pass.",
    )
    shuffle_questions = models.BooleanField(
        default=False, help_text="Show the questions in a new order on every attempt."
    )
    shuffle_options = models.BooleanField(
        default=True,
        help_text="Show each question's options in a new order on every attempt.",
    )
    # A knowledge check is always completed by passing it.
    completion_method = models.CharField(
        max_length=10,
        choices=CompletionMethod.choices,
        default=CompletionMethod.KNOWLEDGE_CHECK,
        editable=False,
    )

    content_panels = [
        *Page.content_panels,
        *LearningPage.learning_panels,
        FieldPanel("intro"),
        LearnablePageChooserPanel("checks_page"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
            ],
            heading="Scoring",
        ),
    ]
    settings_panels = _SETTINGS_PANELS
    search_fields = [*LearningPage.search_fields, index.SearchField("intro")]
    base_form_class = KnowledgeCheckPageForm

    parent_page_types = ["quizzes.KnowledgeCheckIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "knowledge check"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=1, pass_mark__lte=100),
                name="quizzes_pass_mark_1_to_100",
            )
        ]

    def clean(self) -> None:
        super().clean()
        from quizzes.checkable import checkable_page_models

        errors = {}
        try:
            validate_not_empty(self.questions, "Add at least one question.")
        except ValidationError as error:
            errors["questions"] = error
        if self.checks_page_id:
            target = Page.objects.filter(pk=self.checks_page_id).first()
            if target is None or target.specific_class not in checkable_page_models():
                errors["checks_page"] = (
                    "Choose a briefing, review or case study: a knowledge check can only "
                    "check a learning page."
                )
            else:
                other = (
                    KnowledgeCheckPage.objects.filter(checks_page_id=self.checks_page_id)
                    .exclude(pk=self.pk)
                    .first()
                )
                if other is not None:
                    errors["checks_page"] = (
                        f"“{target.title}” already has a knowledge check (“{other.title}”). "
                        "A page can have only one."
                    )
        if errors:
            raise ValidationError(errors)

    def serve(self, request, *args, **kwargs):
        from quizzes.views import serve_knowledge_check

        return serve_knowledge_check(request, self)

    def serve_preview(self, request, mode_name):
        from quizzes.views import preview_knowledge_check

        return preview_knowledge_check(request, self)

    def has_knowledge_check(self) -> bool:
        # Passing this check is what completes it.
        return True

    def completes_page(self) -> Page:
        """The page a pass completes: the attached page when there is one."""
        return self.checks_page.specific if self.checks_page_id else self


class MythBusterPage(LearningPage):
    intro = RichTextField(
        blank=True,
        features=INTRO_FEATURES,
        help_text="Shown above the first statement.",
    )
    myths = StreamField(
        MYTH_BLOCKS,
        min_num=1,
        verbose_name="statements",
        help_text="Each common belief, whether it is a myth or the reality, and why.",
    )
    # A myth-buster has no knowledge check of its own: the learner confirms it.
    completion_method = models.CharField(
        max_length=10,
        choices=CompletionMethod.choices,
        default=CompletionMethod.CONFIRM,
        editable=False,
    )

    content_panels = [
        *Page.content_panels,
        *LearningPage.learning_panels,
        FieldPanel("intro"),
        FieldPanel("myths"),
    ]
    settings_panels = _SETTINGS_PANELS
    search_fields = [*LearningPage.search_fields, index.SearchField("intro")]

    parent_page_types = ["quizzes.KnowledgeCheckIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "myth-buster"

    def clean(self) -> None:
        super().clean()
        try:
            validate_not_empty(self.myths, "Add at least one statement.")
        except ValidationError as error:
            raise ValidationError({"myths": error}) from error

    def serve(self, request, *args, **kwargs):
        from quizzes.views import serve_myth_buster

        return serve_myth_buster(request, self)

    def serve_preview(self, request, mode_name):
        from quizzes.views import preview_myth_buster

        return preview_myth_buster(request, self)
