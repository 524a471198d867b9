"""The knowledge-check result says when the attempt finished in the site's one time
format, without Django's "p.m." (which doubled the sentence's full stop)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from quizzes.forms import question_field_name
from quizzes.models import Attempt
from tests.quizzes.helpers import answers_for

pytestmark = pytest.mark.django_db


def test_result_and_history_show_the_finishing_time_as_9_08pm(client, learner, make_check):
    check = make_check()
    client.force_login(learner)
    started = client.post(check.url, {"action": "start"})
    attempt = Attempt.objects.get(pk=re.search(r"attempt=([0-9a-f-]+)", started["Location"])[1])
    data = {"action": "submit", "attempt": str(attempt.pk)}
    for question_id, keys in answers_for(attempt).items():
        data[question_field_name(question_id)] = keys
    client.post(check.url, data)
    # 21:08 UTC on 27 March 2026 is 9:08pm in London (summer time starts on the 29th).
    Attempt.objects.filter(pk=attempt.pk).update(
        finished_at=datetime(2026, 3, 27, 21, 8, tzinfo=UTC)
    )

    soup = BeautifulSoup(client.get(f"{check.url}?attempt={attempt.pk}").content, "html.parser")
    text = soup.get_text(" ", strip=True)

    assert "Finished on 27 March 2026 at 9:08pm." in text
    assert "p.m." not in text
    first_row = soup.find("table").find("tbody").find("tr")
    assert first_row.find("td").get_text(strip=True) == "27 March 2026, 9:08pm"
