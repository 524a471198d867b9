"""Building and sending the reminder digests (run daily by the task
learning.tasks.send_reminder_digests).

Each digest goes at most once, however many workers run the task and however often
it is retried. Before sending, a worker claims the digest: in one short transaction it
locks the person's row, checks that no digest of that kind went to them within the
week (the selectors leave such people out already; this check is the one that counts),
and writes the DigestSent row, which it commits. Only then does the email go. A
second worker claiming the same person waits on the lock and then finds the committed
row, whatever day it is sending for; the row's unique (person, kind, day) is a second
guard. If sending fails the claim is deleted, so a retry or the next run tries again;
if the worker dies between the claim and the send, the claim stays and that digest is
skipped for the week, since sending twice is the worse mistake.
"""

from __future__ import annotations

import logging
from datetime import date
from enum import StrEnum
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, IntegrityError, transaction
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


class Outcome(StrEnum):
    SENT = "sent"
    SKIPPED = "skipped"  # sent already this week, here or by another worker
    FAILED = "failed"  # claim released: a retry or the next run tries again


def send_once(
    *, person, kind: str, today: date, items: list[dict], message: EmailMultiAlternatives
) -> Outcome:
    """Send the digest unless one of this kind went to the person this week (or is
    going at this moment from another worker)."""
    claim = claim_digest(person=person, kind=kind, today=today, items=items)
    if claim is None:
        return Outcome.SKIPPED
    try:
        message.send()
    except (SMTPException, OSError):
        # One bad address or a mail server hiccup must not stop everyone else's digest.
        logger.exception("Could not send a %s digest to user %s", kind, person.pk)
        release_claim(claim)
        return Outcome.FAILED
    except Exception:
        release_claim(claim)
        raise
    return Outcome.SENT


def claim_digest(*, person, kind: str, today: date, items: list[dict]) -> DigestSent | None:
    """Record the digest as sent, committed before it goes; None if it went already."""
    with transaction.atomic():
        # Claims for one person queue here (PostgreSQL; SQLite writes one at a time
        # anyway), so the check below sees every claim committed before this one.
        people = get_user_model().objects.filter(pk=person.pk)
        if not people.select_for_update().values_list("pk", flat=True):
            return None  # deleted since the digests were built
        if people.filter(recent_digest_q(kind, today)).exists():
            return None
        try:
            with transaction.atomic():
                return DigestSent.objects.create(user=person, kind=kind, sent_on=today, items=items)
        except IntegrityError:
            return None


def release_claim(claim: DigestSent) -> None:
    try:
        DigestSent.objects.filter(pk=claim.pk).delete()
    except DatabaseError:
        # The claim stays, so this digest is skipped for the week: never sent twice.
        logger.exception("Could not release the %s digest claim %s", claim.kind, claim.pk)


def send_reminder_digests(*, today: date) -> dict[str, int]:
    """Send today's learner and team digests; return how many of each went, and how
    many could not be sent ("failed", for the task to retry). Nothing is sent while
    settings.HUB_SEND_DIGESTS is off."""
    sent = {DigestKind.LEARNER.value: 0, DigestKind.SUPERVISOR.value: 0, "failed": 0}
    if not settings.HUB_SEND_DIGESTS:
        return sent
    for digest in selectors.learner_digests(today=today):
        outcome = send_once(
            person=digest.person,
            kind=DigestKind.LEARNER,
            today=today,
            items=digest.as_records(),
            message=learner_message(digest),
        )
        _count(sent, DigestKind.LEARNER, outcome)
    for digest in selectors.supervisor_digests(today=today):
        outcome = send_once(
            person=digest.supervisor,
            kind=DigestKind.SUPERVISOR,
            today=today,
            items=digest.as_records(),
            message=supervisor_message(digest),
        )
        _count(sent, DigestKind.SUPERVISOR, outcome)
    return sent


def _count(sent: dict[str, int], kind: str, outcome: Outcome) -> None:
    if outcome is Outcome.SENT:
        sent[kind] += 1
    elif outcome is Outcome.FAILED:
        sent["failed"] += 1
