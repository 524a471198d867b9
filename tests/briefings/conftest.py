"""Fixtures for briefing and review tests: the site, the two index pages and page
factories."""

from __future__ import annotations

import itertools

import pytest
from wagtail.rich_text import RichText

from briefings.blocks import SectionHeading, section_value
from briefings.demo import ensure_briefing_index, ensure_review_index
from briefings.models import BriefingPage, ReviewType, SafeguardingAdultsReviewPage
from learning.models import AbuseType, Principle
from learning.site_setup import ensure_site_pages

_numbers = itertools.count(1)


def sections(count: int = 7, body: str = "<p>Short and to the point.</p>") -> list:
    """`count` sections with the common headings in order (repeating past seven)."""
    headings = list(SectionHeading)
    return [
        ("section", {**section_value(headings[i % 7].label, ""), "body": RichText(body)})
        for i in range(count)
    ]


@pytest.fixture
def home(db):
    return ensure_site_pages()


@pytest.fixture
def briefing_index(home):
    return ensure_briefing_index(home)


@pytest.fixture
def review_index(home):
    return ensure_review_index(home)


@pytest.fixture
def principles(db) -> dict[str, Principle]:
    return Principle.objects.in_bulk(field_name="slug")


def _tag(page, principles, principle_slugs, abuse_type_slugs, themes) -> None:
    page.principles = [principles[slug] for slug in principle_slugs]
    page.abuse_types = list(AbuseType.objects.filter(slug__in=abuse_type_slugs))
    if themes:
        page.themes.add(*themes)


@pytest.fixture
def make_briefing(briefing_index, principles):
    """A factory: a briefing under the index, published unless `publish=False`.
    Keyword arguments override fields; `principle_slugs`, `abuse_type_slugs` and
    `themes` set the tagging."""

    def make(
        *,
        principle_slugs=("empowerment",),
        abuse_type_slugs=(),
        themes=(),
        publish=True,
        **fields,
    ) -> BriefingPage:
        number = next(_numbers)
        values = {
            "title": f"Briefing {number}",
            "slug": f"briefing-{number}",
            "summary": "What every practitioner should know.",
            "sections": sections(),
            **fields,
        }
        page = BriefingPage(live=publish, **values)
        _tag(page, principles, principle_slugs, abuse_type_slugs, themes)
        briefing_index.add_child(instance=page)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    return make


@pytest.fixture
def make_review(review_index, principles):
    """A factory: a review under the review index, published unless `publish=False`."""

    def make(
        *,
        principle_slugs=("accountability",),
        abuse_type_slugs=(),
        themes=(),
        publish=True,
        **fields,
    ) -> SafeguardingAdultsReviewPage:
        number = next(_numbers)
        values = {
            "title": f"Safeguarding Adults Review: Adult {number}",
            "slug": f"review-{number}",
            "summary": "What happened and what the review found.",
            "pseudonym": f"Adult {number}",
            "board": "Northmoor Safeguarding Adults Board",
            "year_published": 2024,
            "review_type": ReviewType.MANDATORY,
            "key_findings": [("finding", "Agencies did not share what they knew.")],
            "recommendations": [("recommendation", "Agree a protocol for sharing.")],
            **fields,
        }
        page = SafeguardingAdultsReviewPage(live=publish, **values)
        _tag(page, principles, principle_slugs, abuse_type_slugs, themes)
        review_index.add_child(instance=page)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    return make
