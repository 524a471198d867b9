"""A knowledge check the person has passed reads "Passed" on the check index, even
when it is attached to another page (its pass is recorded as a completion of that
page, not of the check), through the hub_completion_marks hook (issue 12)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.records.selectors import completion_marks
from quizzes import services
from tests.factories import make_person
from tests.learning.test_search import make_learning_page
from tests.quizzes.helpers import answers_for

pytestmark = pytest.mark.django_db

INDEX_URL = "/test-your-knowledge/"


def take(user, check, *, right: bool = True):
    attempt = services.start_attempt(user=user, check=check)
    return services.finish_attempt(attempt=attempt, answers=answers_for(attempt, right=right))[0]


def _card(body: str, title: str) -> str:
    """The card of the page with this title."""
    start = body.index(f">{title}</a>")
    return body[start : body.index("</li>", start)]


def test_a_passed_attached_check_reads_passed_for_that_person_only(
    client, make_check, case_study, learner
):
    check = make_check(title="Mr A check", checks_page=case_study)
    make_check(title="Untried check")
    assert take(learner, check).passed
    client.force_login(learner)
    body = client.get(INDEX_URL).content.decode()
    assert "Passed<span" in _card(body, "Mr A check")
    assert "you have passed Mr A check" in _card(body, "Mr A check")
    assert "Passed" not in _card(body, "Untried check")

    client.force_login(make_person())
    body = client.get(INDEX_URL).content.decode()
    assert "Passed" not in _card(body, "Mr A check")


def test_a_failed_attempt_marks_nothing(client, make_check, case_study, learner):
    check = make_check(title="Mr A check", checks_page=case_study)
    assert take(learner, check, right=False).passed is False
    client.force_login(learner)
    card = _card(client.get(INDEX_URL).content.decode(), "Mr A check")
    assert "Passed" not in card
    assert "Completed" not in card


def test_the_selector_marks_the_check_and_still_its_page(make_check, case_study, learner):
    check = make_check(checks_page=case_study)
    take(learner, check)
    marks = completion_marks(user=learner)
    assert marks[check.pk] == "passed"
    assert marks[case_study.pk] == "passed"
    assert completion_marks(user=learner, page_ids=[case_study.pk]) == {case_study.pk: "passed"}
    assert completion_marks(user=make_person()) == {}


def test_marks_cost_the_same_queries_however_many_checks_passed(
    client, make_check, case_study, learner
):
    client.force_login(learner)

    def count() -> int:
        client.get(INDEX_URL)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(INDEX_URL)
        assert response.status_code == 200
        return len(captured)

    take(learner, make_check(checks_page=case_study))
    few = count()
    for number in range(4):
        # One check to a page: each attached to a briefing of its own.
        briefing = make_learning_page(title=f"Briefing {number}", kind="briefing")
        take(learner, make_check(checks_page=briefing))
        take(learner, make_check(), right=False)
    assert count() == few
