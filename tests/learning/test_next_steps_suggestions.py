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
