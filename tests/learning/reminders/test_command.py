"""`manage.py enqueue_reminders`: queues the daily task for the worker, or sends now."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task_backends

from learning.models import DigestSent
from tests.learning.reminders.conftest import at

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("enqueue_reminders", *args, stdout=out)
    return out.getvalue()


def test_queues_the_daily_task_for_the_worker(settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    output = run()

    [queued] = task_backends["default"].results
    assert queued.task.module_path == "learning.tasks.send_reminder_digests"
    assert (queued.args, queued.kwargs) == ([], {})
    assert output == f"Queued the reminder digests (task {queued.id}).\n"
    assert mailoutbox == []


def test_now_sends_in_this_process_for_today(person_today, requirement, mailoutbox):
    # The command has no date to pass: it reminds as of the real today.
    dana = person_today(20, "Dana", "Due")

    output = run("--now")

    assert output == "Sent 1 learner digest(s) and 0 team digest(s).\n"
    [message] = mailoutbox
    assert message.to == [dana.email]
    assert DigestSent.objects.get().sent_on == timezone.localdate()
    assert run("--now") == "Sent 0 learner digest(s) and 0 team digest(s).\n"


@pytest.fixture
def person_today(organisation):
    from tests.factories import make_person

    def build(days_ago: int, first_name: str, last_name: str):
        joined = timezone.localdate() - timedelta(days=days_ago)
        user = make_person(
            organisation=organisation,
            first_name=first_name,
            last_name=last_name,
            date_joined=at(joined),
        )
        return user

    return build
