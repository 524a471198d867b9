"""Fixtures for learner-record tests: people and published learning pages.

The platform never imports the content apps, but its tests need a concrete learning
page; a case study is the simplest one that exists.
"""

from __future__ import annotations

import itertools

import pytest
from wagtail.rich_text import RichText

from learning.models import CompletionMethod, Principle
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from tests.factories import make_person

_numbers = itertools.count(1)


@pytest.fixture
def home(db):
    return ensure_site_pages()


@pytest.fixture
def principles(db) -> dict[str, Principle]:
    return Principle.objects.in_bulk(field_name="slug")


@pytest.fixture
def make_learning_page(home, principles):
    """A factory: a published learning page (a case study). Keyword arguments override
    its fields; `principle_slugs` sets its principles."""
    from case_studies.demo import ensure_case_study_index
    from case_studies.models import CaseStudyPage

    index = ensure_case_study_index(home)

    def make(*, principle_slugs=("empowerment",), publish=True, **fields) -> CaseStudyPage:
        number = next(_numbers)
        values = {
            "title": f"Learning item {number}",
            "slug": f"learning-item-{number}",
            "summary": "A short piece of learning about safeguarding adults.",
            "situation": "<p>Mr A lives alone and was finding it hard to cope.</p>",
            "desired_outcomes": [
                ("outcome", {"outcome": "I want to stay at home.", "achieved": "fully"})
            ],
            "what_was_done": "<p>A social worker visited twice.</p>",
            "principles_in_practice": [
                (
                    "principle",
                    {
                        "principle": principles[principle_slugs[0]],
                        "text": RichText("<p>Mr A led the plan.</p>"),
                    },
                )
            ],
            **fields,
        }
        page = CaseStudyPage(live=publish, **values)
        page.principles = [principles[slug] for slug in principle_slugs]
        index.add_child(instance=page)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    return make


@pytest.fixture
def learning_page(make_learning_page):
    return make_learning_page(title="Listening to Mrs B", cpd_minutes=7)


@pytest.fixture
def check_page(make_learning_page):
    """A page completed by passing its knowledge check, not by confirming. Set after
    publishing: choosing the method is refused while the page has no published check,
    and these tests need no check page (the content apps are not imported here)."""
    page = make_learning_page(title="Spotting financial abuse")
    type(page).objects.filter(pk=page.pk).update(completion_method=CompletionMethod.KNOWLEDGE_CHECK)
    page.refresh_from_db()
    return page


@pytest.fixture
def practitioner(db):
    return make_person(role=Role.PRACTITIONER, first_name="Priya", last_name="Shah")


@pytest.fixture
def pages(make_learning_page):
    """Three learning pages under two principles: one each, and one under both."""
    return [
        make_learning_page(title="About choice", principle_slugs=("empowerment",)),
        make_learning_page(title="About risk", principle_slugs=("prevention",)),
        make_learning_page(title="About both", principle_slugs=("prevention", "empowerment")),
    ]
