"""Fixtures for knowledge-check and myth-buster tests: the site, the index, a page to
attach checks to, and factories for checks and myth-busters."""

from __future__ import annotations

import itertools

import pytest
from wagtail.rich_text import RichText

from case_studies.demo import ensure_case_study_index
from case_studies.models import CaseStudyPage
from learning.models import Principle
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from quizzes.demo import ensure_check_index
from quizzes.models import KnowledgeCheckPage, MythBusterPage
from tests.factories import make_person
from tests.quizzes.helpers import multiple, myth, single, true_false

_numbers = itertools.count(1)


@pytest.fixture
def home(db):
    return ensure_site_pages()


@pytest.fixture
def check_index(home):
    return ensure_check_index(home)


@pytest.fixture
def principles(db) -> dict[str, Principle]:
    return Principle.objects.in_bulk(field_name="slug")


@pytest.fixture
def case_study(home, principles) -> CaseStudyPage:
    """A published learning page to attach checks to."""
    index = ensure_case_study_index(home)
    page = CaseStudyPage(
        title="Mr A: living alone",
        slug="mr-a-living-alone",
        summary="What happened and what Mr A wanted.",
        situation="<p>Mr A lives alone.</p>",
        desired_outcomes=[("outcome", {"outcome": "To stay at home.", "achieved": "fully"})],
        what_was_done="<p>A social worker visited.</p>",
        principles_in_practice=[
            (
                "principle",
                {"principle": principles["empowerment"], "text": RichText("<p>He led.</p>")},
            )
        ],
    )
    page.principles = [principles["empowerment"]]
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def make_check(check_index, principles):
    """A factory: a published knowledge check under the index. `questions` is a list
    of (block type, value) pairs (see the helpers above); other keywords set fields."""

    def make(questions=None, *, publish=True, **fields) -> KnowledgeCheckPage:
        number = next(_numbers)
        page = KnowledgeCheckPage(
            title=fields.pop("title", f"Knowledge check {number}"),
            slug=fields.pop("slug", f"knowledge-check-{number}"),
            summary=fields.pop("summary", "Five quick questions."),
            questions=questions or [single(), multiple(), true_false(), myth()],
            shuffle_options=fields.pop("shuffle_options", False),
            live=publish,
            **fields,
        )
        page.principles = [principles["empowerment"]]
        check_index.add_child(instance=page)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    return make


@pytest.fixture
def make_myth_buster(check_index, principles):
    def make(myths=None, **fields) -> MythBusterPage:
        number = next(_numbers)
        page = MythBusterPage(
            title=fields.pop("title", f"Myth-buster {number}"),
            slug=fields.pop("slug", f"myth-buster-{number}"),
            summary=fields.pop("summary", "Common beliefs, tested."),
            myths=[
                ("myth", value)
                for _, value in (
                    myths
                    or [
                        myth("Risky choices must always be stopped.", answer="myth"),
                        myth("Abuse can happen at home.", answer="reality"),
                    ]
                )
            ],
            **fields,
        )
        page.principles = [principles["empowerment"]]
        check_index.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def learner(db):
    return make_person(role=Role.PRACTITIONER)
