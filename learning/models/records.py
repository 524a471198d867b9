"""A person's learning record: completions of learning pages, CPD done elsewhere,
feedback on each item, and team sessions where a supervisor delivered a briefing.

Records outlive the content and the people they mention: a deleted page leaves its
title on the record, and people are deactivated rather than deleted (PROTECT).
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# Unambiguous characters only, so a code read off paper is typed back correctly.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_certificate_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))


class CompletionHow(models.TextChoices):
    CONFIRMED = "confirmed", "Read and confirmed"
    PASSED_CHECK = "passed_check", "Passed the knowledge check"
    TEAM_SESSION = "team_session", "Team session"


class TeamSession(models.Model):
    """A supervisor delivered a learning item to their team in a meeting."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="team_sessions"
    )
    page_title = models.CharField(max_length=255)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sessions_delivered"
    )
    team = models.ForeignKey(
        "learning.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    delivered_on = models.DateField()
    # What attendees are credited: the session as it ran, not the item's nominal time.
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(6000)]
    )
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="sessions_attended")
    group_reflection = models.TextField(
        blank=True, max_length=5000, help_text="What the team took from it (Markdown)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-delivered_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=6000),
                name="team_session_minutes_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_title} with {self.team or 'a team'} on {self.delivered_on}"


class Completion(models.Model):
    """One person completed one learning page in one refresher cycle.

    A person's first completion of a page is cycle 1. Once a refresher cycle of a
    requirement they have on the page starts (or is about to start) after their latest
    completion of it (learning.required.status.page_due_again), completing it again
    adds the next cycle; until then, completing it again keeps the existing record.
    Earlier cycles stay on the record. `cycle` is part of the uniqueness rule, so each
    cycle holds one completion. learning.records.services.completion_record numbers
    the cycles: write completions through it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="completions"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="completions"
    )
    page_title = models.CharField(max_length=255)
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cycle = models.PositiveSmallIntegerField(default=1)
    how = models.CharField(max_length=20, choices=CompletionHow.choices)
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(6000)]
    )
    completed_at = models.DateTimeField()
    team_session = models.ForeignKey(
        TeamSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="completions"
    )
    certificate_code = models.CharField(
        max_length=12, unique=True, default=new_certificate_code, editable=False
    )

    class Meta:
        ordering = ["-completed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "cycle"], name="one_completion_per_page_per_cycle"
            )
        ]
        indexes = [
            models.Index(fields=["user", "completed_at"]),
            # Each person's latest completion of each page, read in order without a
            # sort or hash: what every status counted set-wise starts from.
            models.Index(fields=["user", "page", "completed_at"], name="completion_user_page_at"),
        ]

    def __str__(self) -> str:
        return f"{self.user} completed {self.page_title}"


class CPDType(models.TextChoices):
    COURSE = "course", "Course"
    E_LEARNING = "e_learning", "E-learning"
    SUPERVISION = "supervision", "Supervision"
    READING = "reading", "Reading"
    CONFERENCE = "conference", "Conference"
    FACILITATION = "facilitation", "Facilitating learning"
    OTHER = "other", "Other"


class ExternalCPD(models.Model):
    """Learning a person did elsewhere and records here themselves."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="external_cpd"
    )
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=200, blank=True)
    date = models.DateField()
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(6000)]
    )
    type = models.CharField(max_length=20, choices=CPDType.choices)
    participatory = models.BooleanField(
        default=False, help_text="Learning with other people, as the NMC counts it."
    )
    what_learned = models.TextField("what I learned", max_length=5000, blank=True)
    # Set when the hub credited the person for delivering a team session; the entry
    # follows the session's edits and goes with it.
    team_session = models.OneToOneField(
        TeamSession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="facilitation_credit",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = "external CPD entry"
        verbose_name_plural = "external CPD entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=6000),
                name="external_cpd_minutes_in_range",
            )
        ]

    def __str__(self) -> str:
        return self.title


class WillChangePractice(models.TextChoices):
    YES = "yes", "Yes"
    NOT_SURE = "not_sure", "Not sure"
    NO = "no", "No"


class Feedback(models.Model):
    """What one person thought of one learning item. SAB managers only ever see it
    aggregated, and comments without the writer's name."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="feedback"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="feedback")
    usefulness = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    will_change_practice = models.CharField(max_length=10, choices=WillChangePractice.choices)
    comment = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="one_feedback_per_page"),
            models.CheckConstraint(
                condition=models.Q(usefulness__gte=1, usefulness__lte=5),
                name="feedback_usefulness_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.page_id}"
