"""Passing a knowledge check completes the page through the knowledge_check_passed
signal, once however often the person passes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from learning.models import Completion, CompletionHow
from learning.signals import knowledge_check_passed

pytestmark = pytest.mark.django_db


def send_pass(user, page, attempt_id, finished_at, revision_id=None):
    knowledge_check_passed.send(
        sender=object,
        user=user,
        page=page,
        revision_id=revision_id if revision_id is not None else page.live_revision_id,
        attempt_id=attempt_id,
        finished_at=finished_at,
    )


def test_a_pass_records_one_completion(practitioner, check_page):
    finished = datetime(2026, 2, 3, 10, 15, tzinfo=ZoneInfo("Europe/London"))
    send_pass(practitioner, check_page, attempt_id=1, finished_at=finished)

    completion = Completion.objects.get(user=practitioner)
    assert completion.page_id == check_page.pk
    assert completion.how == CompletionHow.PASSED_CHECK
    assert completion.completed_at == finished
    assert completion.revision_id == check_page.live_revision_id
    assert completion.minutes == check_page.cpd_minutes


def test_passing_again_keeps_the_first_completion(practitioner, check_page):
    first = datetime(2026, 2, 3, 10, 15, tzinfo=ZoneInfo("Europe/London"))
    send_pass(practitioner, check_page, attempt_id=1, finished_at=first)
    send_pass(
        practitioner,
        check_page,
        attempt_id=2,
        finished_at=datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Europe/London")),
    )

    assert Completion.objects.filter(user=practitioner).count() == 1
    assert Completion.objects.get().completed_at == first


def test_an_unknown_revision_falls_back_to_the_live_one(practitioner, check_page):
    send_pass(practitioner, check_page, attempt_id=1, finished_at=None, revision_id=999999)

    completion = Completion.objects.get()
    assert completion.revision_id == check_page.live_revision_id
