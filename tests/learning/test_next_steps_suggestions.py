"""The home page suggests unread learning on the principles a person has done least,
once no required learning is outstanding (issue 12)."""

from __future__ import annotations

import pytest

from learning.models import CompletionHow
from learning.next_steps import next_steps_for, suggested_learning
from learning.records import services
from tests.factories import make_person
from tests.learning.test_search import make_learning_page

pytestmark = pytest.mark.django_db


def complete(user, page):
    services.completion_record(user=user, page=page, how=CompletionHow.CONFIRMED)


def test_suggests_unread_learning_on_the_least_done_principle_first():
    person = make_person()
    done = make_learning_page(title="Done empowerment", principles=("empowerment",))
    make_learning_page(title="More empowerment", principles=("empowerment",))
    make_learning_page(title="Prevention", principles=("prevention",))
    complete(person, done)
    titles = [page.title for page in suggested_learning(person)]
    assert titles == ["Prevention", "More empowerment"]


def test_someone_elses_completions_do_not_count():
    person, other = make_person(), make_person()
    page = make_learning_page(title="Prevention", principles=("prevention",))
    complete(other, page)
    assert [p.title for p in suggested_learning(person)] == ["Prevention"]


def test_home_page_lists_suggestions_without_required_learning(client):
    person = make_person()
    make_learning_page(title="Unread briefing", kind="briefing")
    client.force_login(person)
    body = client.get("/").content.decode()
    assert "Read: Unread briefing" in body


def test_no_suggestions_while_required_learning_is_outstanding(make_requirement):
    person = make_person()
    required = make_learning_page(title="Unread briefing", kind="briefing")
    make_requirement(required)
    titles = [step.title for step in next_steps_for(person)]
    assert not any(title.startswith("Read:") for title in titles), titles


def _queries(function) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


def test_suggestions_load_only_the_pages_chosen_and_share_the_rest():
    """The list of completable pages is the same for everyone: built once per content
    version, then each person's suggestions read their own marks and load just the
    pages suggested, however many pages there are."""
    first, second = make_person(), make_person()
    for number in range(3):
        make_learning_page(title=f"Prevention {number}", principles=("prevention",))
    _queries(lambda: suggested_learning(first))  # builds the shared list
    few = _queries(lambda: suggested_learning(second))
    for number in range(9):
        make_learning_page(title=f"Empowerment {number}", principles=("empowerment",))
    _queries(lambda: suggested_learning(first))  # published pages: the list is rebuilt
    many = _queries(lambda: suggested_learning(second))
    assert many == few
    # No query per learnable page type: those are in the shared list.
    from learning.learnable import learnable_page_models

    assert few < 2 * len(learnable_page_models())
    assert len(suggested_learning(second)) == 3


def test_a_page_made_private_is_no_longer_suggested():
    from wagtail.models import PageViewRestriction

    person = make_person()
    page = make_learning_page(title="Soon private", principles=("prevention",))
    assert [p.title for p in suggested_learning(person)] == ["Soon private"]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert suggested_learning(person) == []
