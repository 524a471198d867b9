"""The demo's calendar, counted back from the day it is loaded: the board catalogued its
reviews, and published the learning that teaches them, months before the first
completion, and the learning activity (learning.demo.learning_activity) runs from
ACTIVITY_DAYS ago up to that day. Without it every demo page would count as published
on the day `make run` loaded it, after all the completions of it, and the reach report
would hold everyone in a single "week 1".

The content apps publish their demo pages through the SAB review workflow as an editor
would, on the day the demo is loaded; `date_demo_content`, run once by the learning
activity seed (inside its guard, so a second run moves nothing), then moves each page's
publication back. It reads the reviews and the pages teaching them from the board's
catalogue (learning.reports.reviews), so it imports no content app. Only the
publication dates change: the pages, their revisions and the workflow history stay as
the content apps made them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from learning.learnable import learnable_pages
from learning.reports.reviews import catalogued_reviews

# No completion, feedback or impact answer of the demo is older than this.
ACTIVITY_DAYS = 480
# The first catalogued review reached the hub this long ago, each later one
# REVIEW_GAP_DAYS after the one before; the briefings drawing on a review followed it
# TEACHING_DELAY_DAYS later.
FIRST_REVIEW_DAYS = 660
REVIEW_GAP_DAYS = 60
TEACHING_DELAY_DAYS = 14
# The rest of the learning was published over these days, before the activity began.
OTHER_CONTENT_DAYS = (570, ACTIVITY_DAYS + 20)


def _days_before(now: datetime, days: float) -> datetime:
    """`days` days before `now` on the local calendar, at the same local time of day: a
    date counted back across a change of the clocks is still that many local days
    earlier (subtracting from the UTC instant would land an hour off, and on the day
    before when `now` is late in the evening)."""
    local = timezone.localtime(now).replace(tzinfo=None) - timedelta(days=days)
    return timezone.make_aware(local)


def _publish_dates(now: datetime, pages: list[Page]) -> dict[int, datetime]:
    """When each of `pages` (oldest first) was first published: the reviews in the order
    they were catalogued, then the pages that teach each, then the others, spread
    evenly over OTHER_CONTENT_DAYS."""
    wanted = {page.pk for page in pages}
    reviews = sorted(
        (review for review in catalogued_reviews() if review.pk in wanted),
        key=lambda review: (review.published_at or now, review.pk),
    )
    dates: dict[int, datetime] = {}
    for number, review in enumerate(reviews):
        published = _days_before(now, FIRST_REVIEW_DAYS - number * REVIEW_GAP_DAYS)
        dates[review.pk] = published
        for pk in sorted(review.page_ids - {review.pk}):
            if pk in wanted:
                dates.setdefault(pk, published + timedelta(days=TEACHING_DELAY_DAYS))
    others = [page for page in pages if page.pk not in dates]
    earliest, latest = OTHER_CONTENT_DAYS
    step = (earliest - latest) / max(len(others) - 1, 1)
    for number, page in enumerate(others):
        dates[page.pk] = _days_before(now, earliest - number * step)
    return dates


def date_demo_content(now: datetime) -> int:
    """Move back the first publication of every live learning page first published in
    the last ACTIVITY_DAYS (the demo's, published as the demo was loaded), keeping their
    order; return how many were moved. A page published only once has its last
    publication moved with it; one published again since (the editorial demo re-dates
    one page's review) keeps the day that happened."""
    pages = list(
        learnable_pages()
        .live()
        .filter(first_published_at__gt=now - timedelta(days=ACTIVITY_DAYS))
        .order_by("first_published_at", "pk")
    )
    for pk, published in _publish_dates(now, pages).items():
        page = Page.objects.filter(pk=pk)
        page.filter(last_published_at=F("first_published_at")).update(last_published_at=published)
        page.update(first_published_at=published)
    return len(pages)
