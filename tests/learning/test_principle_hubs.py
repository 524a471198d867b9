"""Each principle's page gathers the learning tagged with it and its reflective questions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from learning.models import Principle
from learning.search import learning_by_type, reflective_questions_for
from tests.learning.test_search import make_learning_page

pytestmark = pytest.mark.django_db

URL = "/principles/empowerment/"


@pytest.fixture
def empowerment():
    return Principle.objects.get(slug="empowerment")


def test_hub_groups_each_type_of_learning_tagged_with_the_principle(client):
    make_learning_page(title="Briefing on choice", kind="briefing")
    make_learning_page(title="Review of Adult K", kind="review")
    make_learning_page(title="Case study of Mrs T", kind="case_study")
    make_learning_page(
        title="Briefing on partnership", kind="briefing", principles=("partnership",)
    )

    response = client.get(URL)
    groups = {
        group.label: [page.title for page in group.pages]
        for group in response.context["learning_groups"]
    }
    # Briefings first, then reviews, then case studies.
    assert list(groups.items()) == [
        ("Seven-minute briefings", ["Briefing on choice"]),
        ("Safeguarding Adults Reviews", ["Review of Adult K"]),
        ("Case studies", ["Case study of Mrs T"]),
    ]
    body = response.content.decode()
    for heading in groups:
        assert f">{heading}</h3>" in body
    assert "Briefing on partnership" not in body


def test_hub_lists_published_learning_tagged_with_the_principle_newest_first(client):
    make_learning_page(title="Older empowerment story", principles=("empowerment",))
    make_learning_page(title="Newer empowerment story", principles=("empowerment", "prevention"))
    make_learning_page(title="Only about prevention", principles=("prevention",))
    make_learning_page(title="Draft empowerment story", publish=False)
    private = make_learning_page(title="Private empowerment story")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(URL)
    assert response.status_code == 200
    groups = response.context["learning_groups"]
    assert [group.label for group in groups] == ["Case studies"]
    assert [page.title for page in groups[0].pages] == [
        "Newer empowerment story",
        "Older empowerment story",
    ]
    body = response.content.decode()
    assert "Newer empowerment story" in body
    assert "Only about prevention" not in body
    assert "Draft empowerment story" not in body
    assert "Private empowerment story" not in body


def test_long_groups_are_cut_and_point_to_the_search(empowerment):
    for number in range(4):
        make_learning_page(title=f"Story {number}")
    [group] = learning_by_type(principle=empowerment, limit=3)
    assert len(group.pages) == 3
    assert group.has_more


def test_hub_lists_the_principles_reflective_questions_linking_to_their_pages(client):
    page = make_learning_page(
        title="Choice and risk",
        principles=("empowerment", "protection"),
        questions=(
            ("How did you find out what the person wanted?", "empowerment"),
            ("Who else needed to know?", "protection"),
        ),
    )
    # Questions are tied to a principle, whatever the page itself is tagged with.
    make_learning_page(
        title="Working together",
        principles=("partnership",),
        questions=(("Whose voice was missing from the meeting?", "empowerment"),),
    )
    make_learning_page(
        title="Unpublished",
        publish=False,
        questions=(("A question nobody should see yet?", "empowerment"),),
    )

    response = client.get(URL)
    body = response.content.decode()
    texts = [question.text for question in response.context["questions"]]
    assert texts == [
        "Whose voice was missing from the meeting?",
        "How did you find out what the person wanted?",
    ]
    assert "Who else needed to know?" not in body
    assert "A question nobody should see yet?" not in body
    question_id = page.reflective_questions[0].id
    assert f'href="{page.url}#question-{question_id}"' in body


def test_hub_with_nothing_tagged_says_so(client):
    body = client.get(URL).content.decode()
    assert "Nothing has been published about this principle yet." in body
    assert "There are no reflective questions about this principle yet." in body


def test_unknown_principle_is_404(client):
    assert client.get("/principles/no-such-principle/").status_code == 404


def _hub_queries(client) -> int:
    client.get(URL)  # fills the site cache, so both counts measure the same work
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def _add_pages(count: int, start: int) -> None:
    kinds = ["briefing", "review", "case_study"]
    for number in range(start, start + count):
        make_learning_page(
            title=f"Empowerment story {number}",
            kind=kinds[number % 3],
            principles=("empowerment", "prevention"),
            abuse_types=("self-neglect", "financial-or-material"),
            themes=("hoarding", f"theme-{number}"),
            questions=((f"Question {number}?", "empowerment"),),
        )


def test_hub_runs_a_fixed_number_of_queries_whatever_the_number_of_pages(client):
    _add_pages(3, start=0)
    with_three = _hub_queries(client)
    _add_pages(9, start=3)
    assert len(client.get(URL).context["questions"]) == 12
    assert _hub_queries(client) == with_three


def test_selectors_can_be_called_directly(empowerment):
    make_learning_page(title="Direct", questions=(("Direct question?", "empowerment"),))
    assert [g.pages[0].title for g in learning_by_type(principle=empowerment)] == ["Direct"]
    assert [q.page.title for q in reflective_questions_for(principle=empowerment)] == ["Direct"]
