"""Building and sending the reminder digests (run daily by the task
learning.tasks.send_reminder_digests).

Each digest is sent once: its DigestSent row is written in the same transaction as the
email goes out, and the row's unique (person, kind, day) means a second run on the same
day, or a second worker running at the same time, finds the row and sends nothing. The
week's gap comes from the selectors, which leave out anyone with a digest of that kind
in the last REMIND_EVERY_DAYS days, and is checked again here inside the transaction.
If sending fails the row is rolled back, so the next run tries again.
"""

from __future__ import annotations

import logging
from datetime import date
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from learning.models import DigestKind, DigestSent
from learning.reminders import selectors
from learning.reminders.selectors import (
    REFRESHER,
    LearnerDigest,
    SupervisorDigest,
    absolute_url,
    recent_digest_q,
)
from learning.required.status import Status
from learning.text_counts import counted

logger = logging.getLogger(__name__)


def _message(*, subject: str, template: str, context: dict, to: str) -> EmailMultiAlternatives:
    settings_url = absolute_url(reverse("records:reminder_settings"))
    context = {**context, "settings_url": settings_url, "site_name": settings.WAGTAIL_SITE_NAME}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"learning/reminders/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            # Mail programs offer "unsubscribe" from this, and leave out-of-office
            # replies unsent.
            "List-Unsubscribe": f"<{settings_url}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string(f"learning/reminders/{template}.html", context), "text/html"
    )
    return message


def learner_subject(digest: LearnerDigest) -> str:
    overdue = sum(item.status == Status.OVERDUE for item in digest.items)
    if not digest.items:
        return "Have you used your safeguarding learning in your practice?"
    if overdue:
        return (
            f"Reminder: {counted(overdue, 'item', 'items')} of required safeguarding "
            f"learning overdue, {len(digest.items)} to do in all"
        )
    return (
        f"Reminder: {counted(len(digest.items), 'item', 'items')} of required "
        "safeguarding learning due soon"
    )


def learner_message(digest: LearnerDigest) -> EmailMultiAlternatives:
    return _message(
        subject=learner_subject(digest),
        template="learner_digest",
        context={
            "person": digest.person,
            "items": digest.items,
            "follow_ups": digest.follow_ups,
            "refresher": REFRESHER,
            "record_url": absolute_url(reverse("records:my_learning")),
        },
        to=digest.person.email,
    )


def supervisor_subject(digest: SupervisorDigest) -> str:
    people = counted(len(digest.members), "person", "people")
    return f"Team digest: {people} in your team with safeguarding learning due"


def supervisor_message(digest: SupervisorDigest) -> EmailMultiAlternatives:
    return _message(
        subject=supervisor_subject(digest),
        template="supervisor_digest",
        context={
            "supervisor": digest.supervisor,
            # Each person with a link to their learning record, where each item is.
            "people": [
                {
                    "member": member,
                    "record_url": absolute_url(
                        reverse("records:person_learning", args=[member.person.pk])
                    ),
                }
                for member in digest.members
            ],
            "team_url": absolute_url(reverse("supervision:my_team")),
        },
        to=digest.supervisor.email,
    )


def send_once(
    *, person, kind: str, today: date, items: list[dict], message: EmailMultiAlternatives
) -> bool:
    """Send the digest unless one of this kind went to the person this week (or goes
    at this moment from another worker); True if this call sent it."""
    try:
        with transaction.atomic():
            recent = get_user_model().objects.filter(recent_digest_q(kind, today), pk=person.pk)
            if recent.exists():
                return False
            try:
                with transaction.atomic():
                    DigestSent.objects.create(user=person, kind=kind, sent_on=today, items=items)
            except IntegrityError:
                return False  # another run recorded today's digest first
            message.send()
    except (SMTPException, OSError):
        # Rolled back: tried again on the next run. One bad address or a mail server
        # hiccup must not stop everyone else's digest.
        logger.exception("Could not send a %s digest to user %s", kind, person.pk)
        return False
    return True


def send_reminder_digests(*, today: date) -> dict[str, int]:
    """Send today's learner and team digests; return how many of each went. Nothing is
    sent while settings.HUB_SEND_DIGESTS is off."""
    sent = {DigestKind.LEARNER.value: 0, DigestKind.SUPERVISOR.value: 0}
    if not settings.HUB_SEND_DIGESTS:
        return sent
    for digest in selectors.learner_digests(today=today):
        if send_once(
            person=digest.person,
            kind=DigestKind.LEARNER,
            today=today,
            items=digest.as_records(),
            message=learner_message(digest),
        ):
            sent[DigestKind.LEARNER.value] += 1
    for digest in selectors.supervisor_digests(today=today):
        if send_once(
            person=digest.supervisor,
            kind=DigestKind.SUPERVISOR,
            today=today,
            items=digest.as_records(),
            message=supervisor_message(digest),
        ):
            sent[DigestKind.SUPERVISOR.value] += 1
    return sent
