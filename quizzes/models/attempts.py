"""A learner's attempts at knowledge checks.

An attempt is created when the learner starts the check (holding the snapshot of the
questions as shown) and finished once, by a conditional update, when they submit. Its
answers, one row per question, are written with the finish: they are what the
editors' report aggregates in the database.

Attempts are part of a person's record: they outlive the check (its title is kept)
and people are deactivated rather than deleted (PROTECT).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class Attempt(models.Model):
    # Random and unguessable: it travels in the form and in result links.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="check_attempts"
    )
    page = models.ForeignKey(
        "quizzes.KnowledgeCheckPage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="attempts",
    )
    page_title = models.CharField(max_length=255)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The revision of the check whose questions were shown.",
    )
    # What a pass completes, fixed when the attempt starts: the page the check is
    # attached to (and the revision of it that was live), or the check itself.
    completes_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completes_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snapshot = models.JSONField(help_text="The questions as shown (see quizzes.snapshot).")
    question_count = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    correct_count = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Percentage of questions answered right."
    )
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # A result exists exactly when the attempt is finished.
            models.CheckConstraint(
                condition=(
                    Q(
                        finished_at__isnull=True,
                        correct_count__isnull=True,
                        score__isnull=True,
                        passed__isnull=True,
                    )
                    | Q(
                        finished_at__isnull=False,
                        correct_count__isnull=False,
                        score__isnull=False,
                        passed__isnull=False,
                    )
                ),
                name="quizzes_attempt_result_when_finished",
            ),
            models.CheckConstraint(
                condition=Q(score__lte=100), name="quizzes_attempt_score_percentage"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "page", "started_at"]),
            models.Index(fields=["page", "finished_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.page_title} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class AttemptAnswer(models.Model):
    """One question of a finished attempt: what the learner chose and whether it was
    right. `question_id` is the question's stream id, so figures for a question stay
    together when its wording is edited."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=64)
    position = models.PositiveSmallIntegerField(help_text="Where it was shown, from 1.")
    given = models.JSONField(default=list, help_text="The option keys chosen.")
    correct = models.BooleanField()

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_id"], name="quizzes_one_answer_per_question"
            )
        ]
        indexes = [models.Index(fields=["question_id"])]

    def __str__(self) -> str:
        return f"Question {self.position} of {self.attempt_id}"
