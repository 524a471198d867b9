"""Reads of recorded anonymisation overrides, for reports, the findings screen and the
dashboard."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from learning.models import AnonymisationOverride


def overrides_for_report() -> QuerySet[AnonymisationOverride]:
    """Every recorded override, newest first, with its page, revision and both people
    (and the proposer's admin profile, which the listing's avatar reads) loaded in the
    same query."""
    return AnonymisationOverride.objects.select_related(
        "page",
        "revision",
        "proposed_by",
        "proposed_by__wagtail_userprofile",
        "confirmed_by",
        "declined_by",
    ).order_by("-created_at", "-pk")


def overrides_for_page(page: Page) -> QuerySet[AnonymisationOverride]:
    """The overrides recorded on one page, newest first."""
    return overrides_for_report().filter(page_id=page.pk)


def overrides_awaiting(user) -> QuerySet[AnonymisationOverride]:
    """Proposals awaiting a second person that ``user`` could confirm: every pending one
    that someone else proposed, oldest first (the longest wait at the top)."""
    return (
        AnonymisationOverride.objects.filter(confirmed_at__isnull=True, declined_at__isnull=True)
        .exclude(proposed_by_id=user.pk)
        .select_related("page", "proposed_by")
        .order_by("created_at", "pk")
    )
