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
