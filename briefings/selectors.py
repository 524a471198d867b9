"""Reading briefings and reviews. Every list here is published, public pages only,
newest first (reviews by the year they were published), with the tags their cards show
prefetched, so listing them costs the same number of queries however many there are."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page

from briefings.models import (
    BriefingIndexPage,
    BriefingPage,
    ReviewIndexPage,
    SafeguardingAdultsReviewPage,
)

CARD_PREFETCH = ("principles", "abuse_types", "themes")


NEWEST_FIRST = ("-first_published_at", "-pk")
# The board often catalogues an older review long after it came out; a review's age is
# the year it was published, not the day it reached the hub.
NEWEST_REVIEW_FIRST = ("-year_published", *NEWEST_FIRST)


def _newest_first(queryset: QuerySet, ordering: tuple[str, ...] = NEWEST_FIRST) -> QuerySet:
    return queryset.order_by(*ordering).prefetch_related(*CARD_PREFETCH)


def live_briefings(*, index: Page | None = None) -> QuerySet[BriefingPage]:
    """Published, public briefings, optionally only those under one index."""
    queryset = BriefingPage.objects.live().public()
    if index is not None:
        queryset = queryset.child_of(index)
    return _newest_first(queryset)


def live_reviews(*, index: Page | None = None) -> QuerySet[SafeguardingAdultsReviewPage]:
    """Published, public reviews, optionally only those under one index, newest review
    first: by the year the review was published, then by when it was catalogued."""
    queryset = SafeguardingAdultsReviewPage.objects.live().public()
    if index is not None:
        queryset = queryset.child_of(index)
    return _newest_first(queryset, NEWEST_REVIEW_FIRST)


def live_briefings_for_review(review: SafeguardingAdultsReviewPage) -> QuerySet[BriefingPage]:
    """The published, public briefings that teach a review's learning."""
    return _newest_first(BriefingPage.objects.live().public().filter(review=review))


def review_years(reviews: QuerySet[SafeguardingAdultsReviewPage]) -> list[int]:
    """The distinct years the given reviews were published, latest first (one query)."""
    return list(
        reviews.order_by()
        .values_list("year_published", flat=True)
        .distinct()
        .order_by("-year_published")
    )


def navigation_items(request: HttpRequest) -> list[dict]:
    """The service navigation items for the published index pages that exist:
    "Briefings", then "Reviews". One query finds both."""
    labels = {BriefingIndexPage: "Briefings", ReviewIndexPage: "Reviews"}
    found: dict[type, str] = {}
    for page in Page.objects.live().type(*labels).order_by("path"):
        url = page.get_url(request)
        if url and page.specific_class in labels:
            found.setdefault(page.specific_class, url)
    return [
        {"label": label, "url": found[model]} for model, label in labels.items() if model in found
    ]
