"""Required learning: what the board or an organisation requires of whom, by when and
how often; exemptions from it; the compliance target reports measure against; and the
records that keep reminders and impact follow-ups from repeating.

Each person's status against a requirement is never stored: it is computed in the
database from these rules and their completions (learning.required.status), so it stays
right whenever a requirement, a team, a role or a person changes.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from learning.models.organisations import Organisation, RegistrationBody, Team


class DueFrom(models.TextChoices):
    ASSIGNED = "assigned", "After it is assigned to them"
    JOINED = "joined", "After they join"


class RefreshRule(models.TextChoices):
    NEVER = "never", "Never: once is enough"
    EVERY_MONTHS = "months", "Every so many months after it was last completed"
    WINDOW = "window", "Once a year, in a fixed window"


def _valid_month_day(month: int | None, day: int | None) -> bool:
    if not month or not day:
        return False
    try:
        date(2001, month, day)  # not a leap year: 29 February is refused
    except ValueError:
        return False
    return True


class Requirement(models.Model):
    """One or more learning pages that a group of people must complete, by a due date,
    and again on a refresher cycle. Set partnership-wide by a SAB manager
    (`organisation` empty) or for one organisation by its lead."""

    title = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="requirements",
        help_text="Empty for a partnership-wide requirement set by the board.",
    )
    pages = models.ManyToManyField("wagtailcore.Page", related_name="requirements")
    # Who it applies to: everyone (in the organisation, for an organisation's own
    # requirement), or anyone matching at least one of the choices below.
    everyone = models.BooleanField(default=False)
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")
    teams = models.ManyToManyField(Team, blank=True, related_name="+")
    roles = models.ManyToManyField("auth.Group", blank=True, related_name="+")
    registration_bodies = models.JSONField(
        default=list, blank=True, help_text="Codes of RegistrationBody."
    )
    due_days = models.PositiveSmallIntegerField(
        "due within (days)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    due_from = models.CharField(max_length=10, choices=DueFrom.choices, default=DueFrom.ASSIGNED)
    refresh = models.CharField(
        max_length=10, choices=RefreshRule.choices, default=RefreshRule.NEVER
    )
    refresh_months = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    window_start_month = models.PositiveSmallIntegerField(null=True, blank=True)
    window_start_day = models.PositiveSmallIntegerField(null=True, blank=True)
    window_end_month = models.PositiveSmallIntegerField(null=True, blank=True)
    window_end_day = models.PositiveSmallIntegerField(null=True, blank=True)
    starts_on = models.DateField(
        "applies from",
        default=timezone.localdate,
        help_text="People already in the audience have until this date plus the days allowed.",
    )
    is_active = models.BooleanField(
        default=True, help_text="Retired requirements stay on record but are no longer due."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_days__gte=1, due_days__lte=730),
                name="requirement_due_days_in_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(refresh="months") | models.Q(refresh_months__gte=1),
                name="requirement_months_refresh_has_months",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.refresh == RefreshRule.EVERY_MONTHS and not self.refresh_months:
            errors["refresh_months"] = "Enter how many months until it must be done again"
        if self.refresh == RefreshRule.WINDOW:
            if not _valid_month_day(self.window_start_month, self.window_start_day):
                errors["window_start_month"] = "Enter a real date for the window to open"
            if not _valid_month_day(self.window_end_month, self.window_end_day):
                errors["window_end_month"] = "Enter a real date for the window to close"
            if not errors and (self.window_start_month, self.window_start_day) == (
                self.window_end_month,
                self.window_end_day,
            ):
                errors["window_end_month"] = "The window must close on a different day"
        unknown = set(self.registration_bodies or []) - set(RegistrationBody.values)
        if unknown:
            errors["registration_bodies"] = "Choose registration bodies from the list"
        if errors:
            raise ValidationError(errors)

    def describe_refresh(self) -> str:
        from django.utils.formats import date_format

        if self.refresh == RefreshRule.EVERY_MONTHS:
            return f"Every {self.refresh_months} month{'s' if self.refresh_months != 1 else ''}"
        if self.refresh == RefreshRule.WINDOW:
            opens = date_format(date(2001, self.window_start_month, self.window_start_day), "j F")
            closes = date_format(date(2001, self.window_end_month, self.window_end_day), "j F")
            return f"Every year between {opens} and {closes}"
        return "Once"


class RequirementAssignment(models.Model):
    """The day a requirement came to apply to a person who was already on the hub: when
    they moved into its audience (a new team, organisation or role) or it was widened to
    include them. "Due N days after being assigned" counts from here; without a row it
    counts from the later of the requirement's start and the day the person joined
    (learning.required.status). Kept (learning.required.assignments), never edited."""

    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="requirement_assignments"
    )
    assigned_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "user"], name="one_assignment_per_requirement_and_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requirement} assigned to {self.user} on {self.assigned_on}"


class Exemption(models.Model):
    """A person excused from a requirement (or from all their required learning) until
    a date, for example during long-term leave."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exemptions"
    )
    requirement = models.ForeignKey(
        Requirement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="exemptions",
        help_text="Empty to exempt the person from all their required learning.",
    )
    reason = models.CharField(max_length=300)
    ends_on = models.DateField("exempt until")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ends_on", "-created_at"]

    def __str__(self) -> str:
        return f"Exemption for {self.user} until {self.ends_on}"


@register_setting(icon="cog")
class ReportSettings(BaseGenericSetting):
    """The board's compliance target and how far below it still counts as amber."""

    compliance_target = models.PositiveSmallIntegerField(
        "compliance target (%)",
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    amber_margin = models.PositiveSmallIntegerField(
        "amber margin (percentage points)",
        default=10,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Below the target by up to this much is amber; further below is red.",
    )

    panels = [FieldPanel("compliance_target"), FieldPanel("amber_margin")]

    class Meta:
        verbose_name = "report settings"


class DigestKind(models.TextChoices):
    LEARNER = "learner", "Learning falling due"
    SUPERVISOR = "supervisor", "Team digest"


class DigestSent(models.Model):
    """A reminder digest emailed to a person: at most one of each kind a week, and the
    unique date means a task run twice on a day cannot send twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests_sent"
    )
    kind = models.CharField(max_length=12, choices=DigestKind.choices)
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    items = models.JSONField(default=list, help_text="What the digest listed.")

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "sent_on"], name="one_digest_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.user} on {self.sent_on}"


class UsedInPractice(models.TextChoices):
    YES = "yes", "Yes"
    NOT_YET = "not_yet", "Not yet"
    NO = "no", "No"


class PracticeImpact(models.Model):
    """The answer to "Have you used this in your practice?", asked some weeks after
    someone said an item would change their practice (Kirkpatrick level 3)."""

    feedback = models.OneToOneField(
        "learning.Feedback", on_delete=models.CASCADE, related_name="practice_impact"
    )
    used_in_practice = models.CharField(max_length=10, choices=UsedInPractice.choices)
    example = models.TextField(max_length=1000, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "practice impact answer"

    def __str__(self) -> str:
        return f"Impact answer for feedback {self.feedback_id}"
