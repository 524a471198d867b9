"""Reading case studies."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from case_studies.models import CaseStudyIndexPage, CaseStudyPage


def live_case_studies(*, index: Page | None = None) -> QuerySet[CaseStudyPage]:
    """Published case studies that anyone may see, newest first, optionally only those
    under one index. The tags each card shows are prefetched, so listing them costs
    the same number of queries however many there are."""
    queryset = CaseStudyPage.objects.live().public()
    if index is not None:
        queryset = queryset.child_of(index)
    return queryset.order_by("-first_published_at", "-pk").prefetch_related(
        "principles", "abuse_types", "themes"
    )


def case_study_index() -> CaseStudyIndexPage | None:
    """The published case study index, if there is one."""
    return CaseStudyIndexPage.objects.live().first()
