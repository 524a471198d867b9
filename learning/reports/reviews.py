"""The board's catalogue of Safeguarding Adults Reviews, as the reports see it.

Reviews are pages in the briefings app, which `learning` may not import. The app
answers through the `hub_review_learning` Wagtail hook instead: a function taking no
arguments and returning a `ReviewCatalogue` (the review page model and each published
review with the ids of the pages that teach its learning), in one or two queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from wagtail import hooks
from wagtail.models import Page

REVIEW_LEARNING_HOOK = "hub_review_learning"


@dataclass(frozen=True)
class ReviewLearning:
    """One catalogued review and the pages that teach it: the review's own page and
    every page (a briefing, say) drawing on it."""

    pk: int
    title: str
    published_at: datetime | None
    page_ids: frozenset[int]
    # A short name for charts, such as the adult's pseudonym ("Adult D").
    name: str = ""

    @property
    def short_name(self) -> str:
        return self.name or self.title


@dataclass(frozen=True)
class ReviewCatalogue:
    """The reviews one content app catalogues, newest first, with their page model (so
    reports can count them by their tags without importing it)."""

    model: type[Page]
    reviews: tuple[ReviewLearning, ...] = field(default_factory=tuple)


def review_catalogues() -> list[ReviewCatalogue]:
    """Every app's catalogue (in practice there is one, from briefings)."""
    return [hook() for hook in hooks.get_hooks(REVIEW_LEARNING_HOOK)]


def catalogued_reviews() -> list[ReviewLearning]:
    """Every published review the board catalogues, newest first."""
    return [review for catalogue in review_catalogues() for review in catalogue.reviews]
