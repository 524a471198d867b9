"""Links onward from an explanation go only where a learner can follow them: a "read
more" page that is published and public when the link is drawn, and a principle page
that exists. Anything else is left out rather than sent to a 404."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import NoReverseMatch
from wagtail.models import PageViewRestriction

from quizzes import services
from quizzes.forms import question_field_name
from quizzes.models import Attempt
from quizzes.snapshot import build_snapshot
from tests.quizzes.helpers import answers_for, myth

pytestmark = pytest.mark.django_db


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _no_reverse(*args, **kwargs):
    raise NoReverseMatch("principle_detail")


def _hrefs(tag) -> list[str]:
    return [a["href"] for a in tag.find_all("a")]


# Myth-buster ---------------------------------------------------------------------------


@pytest.fixture
def buster(make_myth_buster, case_study, principles):
    return make_myth_buster(
        [
            myth(
                "Risky choices must always be stopped.",
                answer="myth",
                principle=principles["empowerment"],
                read_more=case_study,
            ),
            myth("Abuse can happen at home.", answer="reality"),
        ]
    )


def _answered_card(client, buster):
    card = buster.myths[0]
    client.post(f"{buster.url}?statement=1", {"statement": card.id, "answer": "myth"})
    return _soup(client.get(f"{buster.url}?statement=1")).find(id="answer")


def test_myth_buster_links_a_published_read_more_page(client, buster, case_study):
    assert case_study.url in _hrefs(_answered_card(client, buster))


def test_myth_buster_drops_a_read_more_page_unpublished_since(client, buster, case_study):
    case_study.unpublish()
    answer = _answered_card(client, buster)
    assert case_study.url not in _hrefs(answer)
    assert case_study.title not in answer.get_text(" ")
    # The principle is still there to read.
    assert "/principles/empowerment/" in _hrefs(answer)


def test_myth_buster_drops_a_read_more_page_made_private(client, buster, case_study):
    PageViewRestriction.objects.create(page=case_study, restriction_type="login")
    assert case_study.url not in _hrefs(_answered_card(client, buster))


def test_myth_buster_without_a_principle_page_links_nothing(
    client, make_myth_buster, principles, monkeypatch
):
    monkeypatch.setattr("quizzes.myth_buster.reverse", _no_reverse)
    buster = make_myth_buster([myth("A statement.", principle=principles["empowerment"])])
    answer = _answered_card(client, buster)
    assert _hrefs(answer) == []
    # Nothing to read more, so no heading over an empty list.
    assert "Read more" not in answer.get_text(" ")


# Knowledge-check result ------------------------------------------------------------------


def _finished_result(client, learner, check, *, before_submit=None):
    client.force_login(learner)
    started = client.post(check.url, {"action": "start"})
    attempt = Attempt.objects.get(pk=re.search(r"attempt=([0-9a-f-]+)", started["Location"])[1])
    if before_submit:
        before_submit()
    data = {"action": "submit", "attempt": str(attempt.pk)}
    for question_id, keys in answers_for(attempt).items():
        data[question_field_name(question_id)] = keys
    client.post(check.url, data)
    return _soup(client.get(f"{check.url}?attempt={attempt.pk}")).select_one(".hub-quiz-results")


@pytest.fixture
def check_with_read_more(make_check, case_study, principles):
    return make_check(
        [myth("A statement.", principle=principles["empowerment"], read_more=case_study)]
    )


def test_result_links_a_published_read_more_page(client, learner, check_with_read_more, case_study):
    results = _finished_result(client, learner, check_with_read_more)
    assert case_study.url in _hrefs(results)


def test_result_drops_a_read_more_page_unpublished_after_the_attempt_started(
    client, learner, check_with_read_more, case_study
):
    results = _finished_result(
        client, learner, check_with_read_more, before_submit=case_study.unpublish
    )
    assert case_study.url not in _hrefs(results)
    assert "Read more" not in results.get_text(" ")


def test_snapshot_keeps_no_read_more_page_that_is_not_published(
    check_with_read_more, case_study, learner
):
    assert build_snapshot(check_with_read_more)["questions"][0]["read_more"] == {
        "page_id": case_study.pk,
        "title": case_study.title,
        "url": case_study.url,
    }
    case_study.unpublish()
    assert build_snapshot(check_with_read_more)["questions"][0]["read_more"] is None
    attempt = services.start_attempt(user=learner, check=check_with_read_more)
    assert attempt.snapshot["questions"][0]["read_more"] is None


def test_result_without_a_principle_page_names_the_principle_without_a_link(
    client, learner, check_with_read_more, monkeypatch
):
    monkeypatch.setattr("quizzes.results.reverse", _no_reverse)
    results = _finished_result(client, learner, check_with_read_more)
    assert "This question tests the principle of empowerment." in results.get_text(" ")
    assert "None" not in _hrefs(results)
    assert all(href for href in _hrefs(results))
