"""A signed-in learner's quiz pages show their own attempts, results and answers, so
no proxy or shared cache may keep them (Cache-Control: private, no-store)."""

from __future__ import annotations

import re

import pytest

from quizzes.forms import question_field_name
from quizzes.models import Attempt
from tests.quizzes.helpers import answers_for

pytestmark = pytest.mark.django_db


def _private(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def _attempt_from(response) -> Attempt:
    return Attempt.objects.get(pk=re.search(r"attempt=([0-9a-f-]+)", response["Location"])[1])


def _submit(client, check, attempt):
    data = {"action": "submit", "attempt": str(attempt.pk)}
    for question_id, keys in answers_for(attempt).items():
        data[question_field_name(question_id)] = keys
    return client.post(check.url, data)


def test_every_knowledge_check_response_is_private_for_a_signed_in_learner(
    client, learner, make_check
):
    check = make_check()
    client.force_login(learner)

    introduction = client.get(check.url)
    started = client.post(check.url, {"action": "start"})
    attempt = _attempt_from(started)
    questions = client.get(f"{check.url}?attempt={attempt.pk}")
    unanswered = client.post(check.url, {"action": "submit", "attempt": str(attempt.pk)})
    submitted = _submit(client, check, attempt)
    result = client.get(f"{check.url}?attempt={attempt.pk}")

    responses = {
        "introduction": introduction,
        "start (redirect)": started,
        "questions": questions,
        "questions with errors": unanswered,
        "submit (redirect)": submitted,
        "result": result,
    }
    assert [r.status_code for r in responses.values()] == [200, 302, 200, 200, 302, 200]
    assert "You passed" in result.content.decode()
    assert [name for name, r in responses.items() if not _private(r)] == []


def test_every_myth_buster_response_is_private_for_a_signed_in_learner(
    client, learner, make_myth_buster
):
    buster = make_myth_buster()
    client.force_login(learner)
    card = buster.myths[0]

    first = client.get(buster.url)
    unanswered = client.post(f"{buster.url}?statement=1", {"statement": card.id})
    answered = client.post(f"{buster.url}?statement=1", {"statement": card.id, "answer": "myth"})
    explained = client.get(f"{buster.url}?statement=1")
    summary = client.get(f"{buster.url}?summary")
    again = client.post(buster.url, {"action": "start-again"})

    responses = {
        "statement": first,
        "statement with errors": unanswered,
        "answer (redirect)": answered,
        "explanation": explained,
        "summary": summary,
        "start again (redirect)": again,
    }
    assert [r.status_code for r in responses.values()] == [200, 200, 302, 200, 200, 302]
    assert "You said myth" in explained.content.decode()
    assert [name for name, r in responses.items() if not _private(r)] == []


def test_an_anonymous_visitors_introduction_is_not_marked_private(client, make_check):
    # The rule is for signed-in people: the public introduction stays cacheable.
    assert not _private(client.get(make_check().url))
