"""Reviews, briefings and completions for the reach and engagement report tests.

Plain functions, not fixtures: tests/briefings/conftest.py is not above this folder.
The platform never imports briefings; its tests may, to make real review pages.
"""

from __future__ import annotations

import itertools
from datetime import datetime

from wagtail.models import Page
from wagtail.rich_text import RichText

from briefings.blocks import SectionHeading, section_value
from briefings.demo import ensure_briefing_index, ensure_review_index
from briefings.models import BriefingPage, ReviewType, SafeguardingAdultsReviewPage
from learning.models import AbuseType, Completion, Principle
from learning.site_setup import ensure_site_pages

_numbers = itertools.count(1)


def _tag(page, principle_slugs, abuse_type_slugs) -> None:
    page.principles = list(Principle.objects.filter(slug__in=principle_slugs))
    page.abuse_types = list(AbuseType.objects.filter(slug__in=abuse_type_slugs))


def _publish(page: Page, published_at: datetime) -> None:
    page.save_revision().publish()
    Page.objects.filter(pk=page.pk).update(
        first_published_at=published_at, last_published_at=published_at
    )
    page.refresh_from_db()


def make_review(
    *,
    title: str,
    published_at: datetime,
    principle_slugs=("accountability",),
    abuse_type_slugs=(),
) -> SafeguardingAdultsReviewPage:
    """A published review, first published at `published_at`."""
    number = next(_numbers)
    page = SafeguardingAdultsReviewPage(
        title=title,
        slug=f"report-review-{number}",
        summary="What happened and what the review found.",
        pseudonym=f"Adult {number}",
        board="Northmoor Safeguarding Adults Board",
        year_published=2026,
        review_type=ReviewType.MANDATORY,
        key_findings=[("finding", "Agencies did not share what they knew.")],
        recommendations=[("recommendation", "Agree a protocol for sharing.")],
    )
    _tag(page, principle_slugs, abuse_type_slugs)
    ensure_review_index(ensure_site_pages()).add_child(instance=page)
    _publish(page, published_at)
    return page


def make_briefing(
    *,
    title: str,
    published_at: datetime,
    review: SafeguardingAdultsReviewPage | None = None,
    principle_slugs=("empowerment",),
    abuse_type_slugs=(),
) -> BriefingPage:
    """A published seven-minute briefing, drawing on `review` if given."""
    number = next(_numbers)
    headings = list(SectionHeading)
    page = BriefingPage(
        title=title,
        slug=f"report-briefing-{number}",
        summary="What every practitioner should know.",
        review=review,
        sections=[
            (
                "section",
                {
                    **section_value(headings[i].label, ""),
                    "body": RichText("<p>Short and to the point.</p>"),
                },
            )
            for i in range(7)
        ],
    )
    _tag(page, principle_slugs, abuse_type_slugs)
    ensure_briefing_index(ensure_site_pages()).add_child(instance=page)
    _publish(page, published_at)
    return page


def complete(person, page, at: datetime, *, minutes: int = 7) -> Completion:
    return Completion.objects.create(
        user=person,
        page=page,
        page_title=page.title,
        how="confirmed",
        minutes=minutes,
        completed_at=at,
    )
