"""Demo feedback and impact answers, dated as a learner's would be: the feedback just
after the completion it is about, and the answer to "Have you used this in your
practice?" some days after the follow-up question became due (six weeks,
learning.required.impact.FOLLOW_UP_DAYS, after the completion). An answer that would
fall after the day the demo is loaded is not given: that question is still open."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from learning.models import (
    Completion,
    Feedback,
    PracticeImpact,
    UsedInPractice,
    WillChangePractice,
)
from learning.required.impact import FOLLOW_UP_DAYS

# Feedback comments written for the demo: general, naming nobody.
COMMENTS = (
    "Short enough to read between visits, and the questions made me stop and think.",
    "Useful reminder to ask the person what they want before deciding what to do.",
    "I will use the seven-minute format in our next team meeting.",
    "Clear on when to share information without consent.",
    "Would like more on working with people who decline support.",
    "Good links to the Care Act duties; the case example helped.",
    "Helped me see where our referral could have gone to the right agency sooner.",
)
IMPACT_EXAMPLES = (
    "Asked the person what a good outcome looked like for them at the first visit.",
    "Raised a concern with the GP and housing together rather than one after the other.",
    "Used the professional curiosity questions in a supervision discussion.",
)
# How many days after the question became due people answered it, at most.
ANSWERED_WITHIN_DAYS = 6


def dated_feedback(
    completion: Completion, *, usefulness: int, change: str, comment: str, after: timedelta
) -> Feedback:
    """The person's feedback on the completion's page, given `after` the completion.
    Feedback.created_at is set when the row is added, so the date is written after."""
    given_at = completion.completed_at + after
    feedback = Feedback.objects.create(
        user=completion.user,
        page=completion.page,
        usefulness=usefulness,
        will_change_practice=change,
        comment=comment,
    )
    Feedback.objects.filter(pk=feedback.pk).update(created_at=given_at, updated_at=given_at)
    feedback.created_at = feedback.updated_at = given_at
    return feedback


def give_feedback(rng: random.Random, completion: Completion, now: datetime) -> Feedback:
    """Random feedback on the completion, a few minutes after it; where the person said
    it would change their practice, most answer the follow-up question when it comes
    (if it has come by `now`)."""
    change = rng.choices(
        [WillChangePractice.YES, WillChangePractice.NOT_SURE, WillChangePractice.NO],
        weights=(6, 3, 1),
    )[0]
    feedback = dated_feedback(
        completion,
        usefulness=rng.choices((2, 3, 4, 5), weights=(1, 2, 5, 4))[0],
        change=change,
        comment=rng.choice(COMMENTS) if rng.random() < 0.4 else "",
        after=timedelta(minutes=rng.randint(1, 20)),
    )
    if change == WillChangePractice.YES and rng.random() < 0.75:
        # Counted in local days, as the follow-up rule counts them.
        answered_at = timezone.localtime(completion.completed_at) + timedelta(
            days=FOLLOW_UP_DAYS + rng.randint(0, ANSWERED_WITHIN_DAYS), hours=rng.randint(0, 4)
        )
        answer = rng.choices(
            [UsedInPractice.YES, UsedInPractice.NOT_YET, UsedInPractice.NO], weights=(6, 3, 1)
        )[0]
        example = rng.choice(IMPACT_EXAMPLES) if answer == UsedInPractice.YES else ""
        if answered_at < now:
            PracticeImpact.objects.create(
                feedback=feedback, used_in_practice=answer, example=example, answered_at=answered_at
            )
    return feedback
