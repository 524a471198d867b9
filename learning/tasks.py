"""Background tasks. They run in-process locally and in a worker in production
(django-tasks database backend: `manage.py db_worker`)."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_notification_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text email; returns how many were sent."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


# How long after a failed run of the reminder task its retries wait, one per attempt.
REMINDER_RETRY_DELAYS = (timedelta(minutes=10), timedelta(minutes=30), timedelta(hours=2))


@task()
def send_reminder_digests(*, today: str | None = None, attempt: int = 1) -> dict[str, int]:
    """The daily reminders: learner and team digests (learning.reminders.digests).
    Queued each morning by `manage.py enqueue_reminders` from cron; `today` (ISO date)
    defaults to the day it runs.

    django-tasks does not retry a failed task, so this one queues its own retry (for
    the same day) when it raises or some digests could not be sent, up to
    len(REMINDER_RETRY_DELAYS) times; the next day's run picks up whatever is left.
    Every digest is claimed before it is sent, so no run or retry sends one twice."""
    # Imported here: the digests reach models and templates that import this module.
    from learning.reminders.digests import send_reminder_digests as send

    day = date.fromisoformat(today) if today else timezone.localdate()
    try:
        sent = send(today=day)
    except Exception:
        _retry_reminders(day, attempt)
        raise
    if sent["failed"]:
        _retry_reminders(day, attempt)
    return sent


def _retry_reminders(day: date, attempt: int) -> None:
    if attempt > len(REMINDER_RETRY_DELAYS):
        logger.error(
            "Reminder digests for %s failed %s times; the next daily run tries again", day, attempt
        )
        return
    if not send_reminder_digests.get_backend().supports_defer:
        # The immediate backend (development) runs tasks at once, so cannot wait.
        logger.warning("Reminder digests for %s not all sent; the next daily run tries again", day)
        return
    try:
        send_reminder_digests.using(
            run_after=timezone.now() + REMINDER_RETRY_DELAYS[attempt - 1]
        ).enqueue(today=day.isoformat(), attempt=attempt + 1)
    except Exception:
        # Most likely the database the queue lives in; the next daily run tries again.
        logger.exception("Could not queue a retry of the reminder digests for %s", day)
