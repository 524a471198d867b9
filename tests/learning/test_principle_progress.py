"""The principle list shows the signed-in person how much of each principle's learning
they have done ("You have completed 1 of 2 pieces of learning on prevention"), counted
by learning.records.selectors.principle_progress from completion_marks, in a fixed
number of queries (issue 12: lists show no progress)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.models import CompletionHow, Principle
from learning.records.selectors import PrincipleProgress, principle_progress
from tests.factories import make_person
from tests.learning.test_listing_marks import complete
from tests.learning.test_search import make_learning_page

pytestmark = pytest.mark.django_db


def _progress_line(body: str, name: str) -> str:
    """The progress paragraph under the principle's heading, tags stripped."""
    item = body.split(f">{name}</a></h2>", 1)[1].split("</li>", 1)[0]
    line = item.split('<p class="govuk-body-s hub-meta">', 1)[1].split("</p>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", line)).strip()


def _id(slug: str) -> int:
    return Principle.objects.get(slug=slug).pk


def test_selector_counts_published_learning_and_the_persons_completions():
    person, other = make_person(), make_person()
    done = make_learning_page(title="Done", principles=("prevention", "protection"))
    passed = make_learning_page(title="Passed", kind="briefing", principles=("prevention",))
    make_learning_page(title="Not done", kind="review", principles=("prevention",))
    draft = make_learning_page(title="Draft", principles=("prevention",), publish=False)
    theirs = make_learning_page(title="Theirs", principles=("protection",))
    complete(person, done)
    complete(person, passed, how=CompletionHow.PASSED_CHECK)
    complete(person, draft)  # not published: counts in neither number
    complete(other, theirs)

    progress = principle_progress(user=person)
    assert progress[_id("prevention")] == PrincipleProgress(completed=2, total=3)
    assert progress[_id("protection")] == PrincipleProgress(completed=1, total=2)
    assert _id("accountability") not in progress
    assert principle_progress(user=other)[_id("protection")] == PrincipleProgress(1, 2)


def test_all_done_only_when_something_to_do():
    assert PrincipleProgress(completed=2, total=2).all_done
    assert not PrincipleProgress(completed=1, total=2).all_done
    assert not PrincipleProgress(completed=0, total=0).all_done


def test_list_shows_the_signed_in_persons_progress(client):
    person = make_person()
    done = make_learning_page(title="Done", principles=("prevention", "empowerment"))
    make_learning_page(title="Not done", principles=("prevention",))
    complete(person, done)
    complete(make_person(), make_learning_page(title="Theirs", principles=("prevention",)))
    client.force_login(person)
    body = client.get(reverse("principle_list")).content.decode()
    assert _progress_line(body, "Prevention") == (
        "You have completed 1 of 3 pieces of learning on prevention."
    )
    # Everything on the principle done: a "Completed" tag, and the same count.
    assert _progress_line(body, "Empowerment") == (
        "Completed You have completed 1 of 1 piece of learning on empowerment."
    )
    assert _progress_line(body, "Accountability") == (
        "Nothing has been published about this principle yet."
    )


def test_visitors_see_how_much_learning_there_is_and_an_invitation_to_sign_in(client):
    make_learning_page(title="One", principles=("prevention",))
    make_learning_page(title="Two", principles=("prevention",))
    complete(make_person(), make_learning_page(title="Three", principles=("protection",)))
    body = client.get(reverse("principle_list")).content.decode()
    assert _progress_line(body, "Prevention") == "2 pieces of learning."
    assert _progress_line(body, "Protection") == "1 piece of learning."
    assert "You have completed" not in body
    assert "to see how much of the learning on each principle you have completed" in body


def test_list_costs_the_same_queries_however_much_learning_and_progress(client):
    person = make_person()
    client.force_login(person)

    def count() -> int:
        client.get(reverse("principle_list"))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("principle_list"))
        assert response.status_code == 200
        return len(captured)

    complete(person, make_learning_page(title="First", principles=("prevention",)))
    few = count()
    for number, slug in enumerate(("empowerment", "protection", "partnership", "prevention")):
        page = make_learning_page(title=f"More {number}", kind="briefing", principles=(slug,))
        complete(person, page)
        make_learning_page(title=f"Unread {number}", kind="review", principles=(slug,))
    assert count() == few
