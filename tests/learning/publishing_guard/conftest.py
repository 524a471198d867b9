"""Fixtures for the publishing guard's tests: the site, unpublished case studies and
reviews to publish, and the people who write, propose and agree overrides.

The pages are real case studies and reviews (learning page types that exist with
migrations); the guard itself knows nothing about them."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from wagtail.rich_text import RichText

from briefings.demo import ensure_review_index
from briefings.models import ReviewType, SafeguardingAdultsReviewPage
from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from learning.models import HomePage, Principle
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from tests.factories import make_person

# Titles and slugs must differ between pages made in one test.
_numbers = itertools.count(1)


@pytest.fixture
def home() -> HomePage:
    return ensure_site_pages()


@pytest.fixture
def index(home) -> CaseStudyIndexPage:
    existing = CaseStudyIndexPage.objects.first()
    if existing:
        return existing
    index = CaseStudyIndexPage(title="Case studies", slug="case-studies")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def empowerment() -> Principle:
    return Principle.objects.get(slug="empowerment")


@pytest.fixture
def make_draft(index, empowerment) -> Callable[..., CaseStudyPage]:
    """A factory: an unpublished case study with clean text unless told otherwise."""

    def make(**fields) -> CaseStudyPage:
        number = next(_numbers)
        values = {
            "title": f"Living with risk {number}",
            "slug": f"living-with-risk-{number}",
            "summary": "Mr H wanted to stay at home; Adult A's family disagreed.",
            "situation": "<p>Mr H lives alone and was finding it hard to cope.</p>",
            "desired_outcomes": [
                ("outcome", {"outcome": "I want to stay at home.", "achieved": "fully"})
            ],
            "what_was_done": "<p>A social worker visited twice.</p>",
            "principles_in_practice": [
                (
                    "principle",
                    {"principle": empowerment, "text": RichText("<p>Mr H led the plan.</p>")},
                )
            ],
            "reflective_questions": [
                ("question", {"text": "When does choice become risk?", "principle": empowerment})
            ],
            **fields,
        }
        page = CaseStudyPage(live=False, **values)
        page.principles = [empowerment]
        index.add_child(instance=page)
        page.save_revision()
        return page

    return make


@pytest.fixture
def make_review(home, empowerment) -> Callable[..., SafeguardingAdultsReviewPage]:
    """A factory: an unpublished review with clean text unless told otherwise."""

    def make(**fields) -> SafeguardingAdultsReviewPage:
        number = next(_numbers)
        values = {
            "title": f"Review of a hospital discharge {number}",
            "slug": f"review-hospital-discharge-{number}",
            "summary": "What the board learned.",
            "pseudonym": "Adult D",
            "board": "Northmoor Safeguarding Adults Board",
            "year_published": 2024,
            "review_type": ReviewType.MANDATORY,
            "key_findings": [("finding", "Discharge was planned late.")],
            "recommendations": [("recommendation", "Plan discharge early.")],
            **fields,
        }
        review = SafeguardingAdultsReviewPage(live=False, **values)
        review.principles = [empowerment]
        ensure_review_index(home).add_child(instance=review)
        review.save_revision()
        return review

    return make


def _person(totp_user, role: Role, **names):
    # Admin views ask for a second factor; these people have one set up.
    user = make_person(role=role, **names)
    totp_user(user)
    return user


@pytest.fixture
def manager(totp_user):
    return _person(totp_user, Role.SAB_MANAGER, first_name="Morgan", last_name="Proposer")


@pytest.fixture
def deputy(totp_user):
    """A second person who may override the anonymisation check."""
    return _person(totp_user, Role.SAB_MANAGER, first_name="Helen", last_name="Confirmer")


@pytest.fixture
def editor(totp_user):
    return _person(totp_user, Role.SAB_EDITOR)
