"""Background tasks. They run in-process locally and in a worker in production
(django-tasks database backend: `manage.py db_worker`)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_notification_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text email; returns how many were sent."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


@task()
def send_reminder_digests(*, today: str | None = None) -> dict[str, int]:
    """The daily reminders: learner and team digests (learning.reminders.digests).
    Queued each morning by `manage.py enqueue_reminders` from cron; `today` (ISO date)
    defaults to the day it runs. Running it twice sends nothing twice."""
    from datetime import date

    from django.utils import timezone

    # Imported here: the digests reach models and templates that import this module.
    from learning.reminders.digests import send_reminder_digests as send

    return send(today=date.fromisoformat(today) if today else timezone.localdate())
