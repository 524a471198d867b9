"""The background task that builds a copy of a person's data (learning.privacy.
access_export). Run by the django-tasks worker in production, at once in development
and tests (learning.settings TASKS)."""

from __future__ import annotations

from django_tasks import task


@task()
def build_access_export(*, export_id: str) -> str:
    """Build one pending access export; returns its resulting status."""
    from learning.privacy.access_export import build_export

    return build_export(export_id)
