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
from learning.reports.reviews import ReviewCatalogue, ReviewLearning
from learning.shared_cache.values import shared_value

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
    "Briefings", then "Reviews". One query finds both, once per content version."""
    return shared_value("nav:briefings", lambda: _navigation_items(request), request.get_host())


def _navigation_items(request: HttpRequest) -> list[dict]:
    labels = {BriefingIndexPage: "Briefings", ReviewIndexPage: "Reviews"}
    found: dict[type, str] = {}
    for page in Page.objects.live().type(*labels).order_by("path"):
        url = page.get_url(request)
        if url and page.specific_class in labels:
            found.setdefault(page.specific_class, url)
    return [
        {"label": label, "url": found[model]} for model, label in labels.items() if model in found
    ]


def review_learning() -> ReviewCatalogue:
    """Every published review, newest first, with the pages that teach it: its own page
    and every briefing drawing on it, published or not (completions of a briefing since
    withdrawn still count). Two queries, for the reports (learning.reports.reviews)."""
    reviews = list(
        SafeguardingAdultsReviewPage.objects.live()
        .order_by(*NEWEST_FIRST)
        .values_list("pk", "title", "first_published_at", "pseudonym")
    )
    teaching: dict[int, set[int]] = {pk: {pk} for pk, *_ in reviews}
    for pk, review_id in BriefingPage.objects.filter(review__live=True).values_list(
        "pk", "review_id"
    ):
        teaching[review_id].add(pk)
    return ReviewCatalogue(
        model=SafeguardingAdultsReviewPage,
        reviews=tuple(
            ReviewLearning(
                pk=pk,
                title=title,
                published_at=published_at,
                page_ids=frozenset(teaching[pk]),
                name=pseudonym,
            )
            for pk, title, published_at, pseudonym in reviews
        ),
    )
