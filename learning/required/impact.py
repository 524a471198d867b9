"""The impact follow-up (Kirkpatrick level 3): some weeks after someone completes an item
they said would change their practice, ask "Have you used this in your practice?".

The question is due once the person has a completion of the page at least
FOLLOW_UP_DAYS old, their feedback on it still says "yes", and they have not answered.
It is asked on the home page (`impact_next_steps`, through the `hub_next_steps` hook) and
in the learner's reminder digest (learning.reminders). The board reads the answers
added up, and the examples without names, in the feedback report.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from learning.models import (
    Completion,
    Feedback,
    PracticeImpact,
    UsedInPractice,
    WillChangePractice,
)
from learning.next_steps import NextStep
from learning.records.dates import start_of_day

# Six weeks: long enough for the learning to meet a real case.
FOLLOW_UP_DAYS = 42


def _follow_ups_due(today: date) -> QuerySet[Feedback]:
    """Every "yes, it will change my practice" not yet followed up, whose page the
    person completed at least FOLLOW_UP_DAYS days before `today`."""
    # Completed on day D is due when today - D >= FOLLOW_UP_DAYS, i.e. before the start
    # of the day FOLLOW_UP_DAYS - 1 days ago.
    cutoff = start_of_day(today - timedelta(days=FOLLOW_UP_DAYS - 1))
    completed_long_enough_ago = Completion.objects.filter(
        user_id=OuterRef("user_id"), page_id=OuterRef("page_id"), completed_at__lt=cutoff
    )
    answered = PracticeImpact.objects.filter(feedback_id=OuterRef("pk"))
    return (
        Feedback.objects.filter(will_change_practice=WillChangePractice.YES)
        .filter(Exists(completed_long_enough_ago))
        .exclude(Exists(answered))
        .select_related("page")
        .order_by("created_at", "pk")
    )


def follow_ups_due(*, user, today: date | None = None) -> list[Feedback]:
    """The person's feedback whose impact question is due now (one query)."""
    today = today or timezone.localdate()
    return list(_follow_ups_due(today).filter(user_id=user.pk))


def follow_ups_due_among(*, people: QuerySet, today: date) -> dict[int, list[Feedback]]:
    """Impact questions due for each of `people` (a queryset of users), by user id, in
    one query: for the reminder digests."""
    due: dict[int, list[Feedback]] = {}
    for feedback in _follow_ups_due(today).filter(user__in=people.values("pk")):
        due.setdefault(feedback.user_id, []).append(feedback)
    return due


def feedback_to_follow_up(*, user, feedback_id: int) -> Feedback | None:
    """The person's own feedback that said the item would change their practice (the
    question may be answered, and the answer changed, from then on); None for anyone
    else's feedback or any other answer."""
    return (
        Feedback.objects.filter(
            pk=feedback_id, user_id=user.pk, will_change_practice=WillChangePractice.YES
        )
        .select_related("page")
        .first()
    )


def impact_answer_for(*, feedback: Feedback) -> PracticeImpact | None:
    return PracticeImpact.objects.filter(feedback=feedback).first()


def impact_answer_save(
    *, user, feedback: Feedback, used_in_practice: str, example: str = ""
) -> PracticeImpact:
    """Save (or change) the person's answer to the impact question on their feedback.
    Raises ValidationError for someone else's feedback, an unknown answer or an example
    over 1000 characters. The example is kept as plain text (templates escape it)."""
    if feedback.user_id != user.pk:
        raise ValidationError("You can only answer about your own learning.", code="not_own")
    if used_in_practice not in UsedInPractice.values:
        raise ValidationError(
            {"used_in_practice": "Select yes, not yet or no"}, code="invalid_choice"
        )
    example = (example or "").strip()
    limit = PracticeImpact._meta.get_field("example").max_length
    if len(example) > limit:
        raise ValidationError(
            {"example": f"Keep this to {limit:,} characters or fewer (it has {len(example):,})."}
        )
    answer, _ = PracticeImpact.objects.update_or_create(
        feedback=feedback,
        defaults={
            "used_in_practice": used_in_practice,
            "example": example,
            "answered_at": timezone.now(),
        },
    )
    return answer


def impact_next_steps(user) -> list[NextStep]:
    """One suggestion on the home page for each impact question due."""
    if not user.is_authenticated:
        return []
    return [
        NextStep(
            f"Have you used “{feedback.page.title}” in your practice?",
            reverse("records:impact_answer", args=[feedback.pk]),
            "You said it would change your practice. Tell us whether it has: it takes a minute.",
            priority=25,
        )
        for feedback in follow_ups_due(user=user)
    ]
