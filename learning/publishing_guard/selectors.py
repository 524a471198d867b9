"""Reads of recorded anonymisation overrides, for reports and the findings screen."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from learning.models import AnonymisationOverride


def overrides_for_report() -> QuerySet[AnonymisationOverride]:
    """Every recorded override, newest first, with its page, revision and the person who
    recorded it (and their admin profile, which the listing's avatar reads) loaded in
    the same query."""
    return AnonymisationOverride.objects.select_related(
        "page", "revision", "user", "user__wagtail_userprofile"
    ).order_by("-created_at", "-pk")


def overrides_for_page(page: Page) -> QuerySet[AnonymisationOverride]:
    """The overrides recorded on one page, newest first."""
    return overrides_for_report().filter(page_id=page.pk)
