"""Flows end on their summary and say what went on the record: a myth-buster's
"Record" comes back to its summary; a knowledge check's result says what was added."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizzes import services
from quizzes.recorded import recorded_for
from tests.quizzes.helpers import answers_for, myth

pytestmark = pytest.mark.django_db


def test_recording_a_myth_buster_from_its_summary_returns_to_the_summary(
    client, learner, make_myth_buster
):
    page = make_myth_buster([myth()])
    client.force_login(learner)
    summary = f"{page.url}?summary"
    assert 'name="from" value="' + summary in client.get(summary).content.decode()

    response = client.post(reverse("records:complete", args=[page.pk]), {"from": summary})

    assert response["Location"] == f"{page.url}?summary=&done=recorded#completion"
    body = client.get(response["Location"].split("#")[0]).content.decode()
    assert "How you did" in body
    assert 'id="completion"' in body


def _finish(check, learner, *, right):
    attempt = services.start_attempt(user=learner, check=check)
    stored, _ = services.finish_attempt(attempt=attempt, answers=answers_for(attempt, right=right))
    return stored


def test_a_pass_says_what_was_added(client, make_check, learner, case_study):
    check = make_check(checks_page=case_study)
    attempt = _finish(check, learner, right=True)

    outcome = recorded_for(attempt)
    assert outcome.added and outcome.completion.page_id == case_study.pk

    client.force_login(learner)
    body = client.get(f"{check.url}?attempt={attempt.pk}").content.decode()
    assert (
        f"{outcome.completion.minutes} minutes of CPD for “{case_study.title}” were added" in body
    )
    assert reverse("records:certificate", args=[outcome.completion.pk]) in body


def test_a_second_pass_says_nothing_new_was_added(client, make_check, learner, case_study):
    check = make_check(checks_page=case_study)
    _finish(check, learner, right=True)
    second = _finish(check, learner, right=True)

    assert recorded_for(second).added is False
    client.force_login(learner)
    body = client.get(f"{check.url}?attempt={second.pk}").content.decode()
    assert "No new CPD was added" in body


def test_a_fail_says_nothing_was_recorded_and_how_to_retry(client, make_check, learner, case_study):
    check = make_check(checks_page=case_study)
    attempt = _finish(check, learner, right=False)

    assert recorded_for(attempt).completion is None
    client.force_login(learner)
    body = client.get(f"{check.url}?attempt={attempt.pk}").content.decode()
    assert "Nothing has been added to your learning record" in body
    assert "Try again" in body
