"""The abstract base every learnable item inherits (briefings, case studies, reviews,
knowledge checks). The platform finds the concrete types through Wagtail's page-model
registry (learning.learnable), never by importing the content apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from learning.blocks import REFLECTIVE_QUESTIONS
from learning.models.taxonomy import ThemeTag
from learning.publishing_guard.forms import LearningPageForm
from learning.publishing_guard.texts import PageText, page_texts
from learning.review_due import default_review_due


class CompletionMethod(models.TextChoices):
    CONFIRM = "confirm", "The learner confirms they have read it"
    KNOWLEDGE_CHECK = "check", "The learner passes its knowledge check"


NO_KNOWLEDGE_CHECK_MESSAGE = (
    "Nobody could complete this page: it has no published knowledge check. Choose “The "
    "learner confirms they have read it”, or publish a knowledge check of this page first "
    "and then choose this."
)


class LearningPageTheme(ItemBase):
    """Theme tags on any learning page. One table for every page type, so a theme
    filter or a principle hub is a single query."""

    tag = models.ForeignKey(ThemeTag, on_delete=models.CASCADE, related_name="tagged_pages")
    content_object = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="theme_items"
    )


def names_used_field() -> models.TextField:
    """The field where a review or case study lists the names it uses on purpose."""
    return models.TextField(
        "names used on purpose",
        blank=True,
        help_text="One per line: each pseudonym, set of initials or agreed first name this "
        "page uses, for example “Adult C” or “Joan (a name chosen with her family)”. The "
        "anonymisation check accepts these and flags every other name. A name that looks "
        "like someone's real full name is flagged here too.",
    )


class LearningPage(Page):
    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown in lists and search results."
    )
    cpd_minutes = models.PositiveSmallIntegerField(
        "CPD minutes",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="Minutes credited to a learner's CPD record when they complete this.",
    )
    principles = ParentalManyToManyField(
        "learning.Principle", related_name="%(app_label)s_%(class)s_pages"
    )
    abuse_types = ParentalManyToManyField(
        "learning.AbuseType", blank=True, related_name="%(app_label)s_%(class)s_pages"
    )
    themes = ClusterTaggableManager(
        through=LearningPageTheme, blank=True, help_text="Free themes, e.g. hoarding."
    )
    reflective_questions = StreamField(REFLECTIVE_QUESTIONS, blank=True)
    completion_method = models.CharField(
        max_length=10, choices=CompletionMethod.choices, default=CompletionMethod.CONFIRM
    )
    last_reviewed = models.DateField(null=True, blank=True)
    review_due = models.DateField(
        null=True, blank=True, help_text="When the content should next be checked."
    )

    learning_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("principles", widget=forms.CheckboxSelectMultiple),
                FieldPanel("abuse_types"),
                FieldPanel("themes"),
            ],
            heading="Tagging",
        ),
        FieldPanel("reflective_questions"),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [
                FieldPanel("cpd_minutes"),
                FieldPanel("completion_method"),
                FieldPanel("last_reviewed"),
                FieldPanel("review_due"),
            ],
            heading="Learning",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("review_due"),
        index.RelatedFields("principles", [index.FilterField("slug")]),
    ]

    # The anonymisation guard (learning.publishing_guard) scans every guarded page before
    # it goes live; a page type that can never hold personal details may opt out.
    anonymisation_guarded = True
    base_form_class = LearningPageForm

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.review_due is None:
            # Every piece of learning has a date to be checked by; an editor who clears
            # it gets the default (HUB_REVIEW_DUE_MONTHS) back rather than none.
            self.review_due = default_review_due()
        if self.last_reviewed and self.review_due and self.review_due < self.last_reviewed:
            raise ValidationError(
                {"review_due": "The review due date must be after the last review."}
            )
        if self._completion_needs_a_check():
            raise ValidationError({"completion_method": NO_KNOWLEDGE_CHECK_MESSAGE})

    def has_knowledge_check(self) -> bool:
        """Can a learner take a knowledge check that completes this page? Asked the way
        the "Record your learning" box asks (the `hub_knowledge_check_url` hook), so a
        page is only said to have one where learners are shown it."""
        from learning.learnable import knowledge_check_url  # it imports this module

        return bool(self.pk) and bool(knowledge_check_url(self, None))

    def _completion_needs_a_check(self) -> bool:
        if self.completion_method != CompletionMethod.KNOWLEDGE_CHECK:
            return False
        if self.pk and (
            type(self)
            .objects.filter(pk=self.pk, completion_method=CompletionMethod.KNOWLEDGE_CHECK)
            .exists()
        ):
            # Refused only when the method is chosen. Page.save() cleans on publishing
            # (scheduled ones too) and moving, and those must not fail because a check
            # was unpublished after the page was set to need it.
            return False
        return not self.has_knowledge_check()

    def reflective_question_items(self) -> list[dict]:
        """Each question with its lasting id, for templates and reflective logs."""
        return [
            {"id": child.id, "text": child.value["text"], "principle": child.value["principle"]}
            for child in self.reflective_questions
        ]

    def declared_names(self) -> list[str]:
        """The names this page uses on purpose (pseudonyms, initials, agreed first names),
        which the anonymisation guard does not flag. Page types that declare names
        override this; see learning.anonymisation.declared."""
        return []

    def anonymisation_texts(self) -> list[PageText]:
        """Every text this page publishes (title, summary, rich text, each stream block,
        reflective questions, inline items), labelled with where it sits."""
        return page_texts(self)

    def publish(
        self,
        revision,
        user=None,
        changed=True,
        log_action=True,
        previous_revision=None,
        skip_permission_checks=False,
    ):
        """Enforces the anonymisation guard for everything that publishes through the
        model (workflow approval, bulk publish, scheduled publishing, the create view,
        code): raises AnonymisationError while the revision holds possible identifiers
        no override covers. The edit view's Publish button bypasses this method, so a
        before_publish_page hook (learning.publishing_guard.admin_hooks) guards it, and
        learning.publishing_guard.backstop refuses any other path at the database write.
        Copying with "publish copies" bypasses it too (Wagtail saves the copy live
        without publishing a revision): a before_copy_page hook and the backstop refuse
        a live copy holding findings, since overrides on the original do not cover it."""
        from learning.publishing_guard import services as guard

        findings = guard.unresolved_findings(self, revision)
        if findings:
            if log_action == "wagtail.publish.scheduled":
                # One refused page must not stop publish_scheduled publishing the rest.
                guard.refuse_scheduled_publish(page=self, revision=revision, findings=findings)
                return None
            raise guard.AnonymisationError(findings)
        return super().publish(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
            skip_permission_checks=skip_permission_checks,
        )
