"""Each digest goes at most once across workers, duplicate tasks and retries
(learning.reminders.digests claims it before sending; learning.tasks retries)."""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from learning import tasks
from learning.models import DigestKind, DigestSent
from learning.reminders import digests, selectors
from learning.reminders.digests import Outcome
from tests.learning.log_records import logged
from tests.learning.reminders.conftest import TODAY

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REMINDER_TASK = "learning.tasks.send_reminder_digests"
real_send = EmailMultiAlternatives.send


def failing_for(address: str, error: Exception, times: int = 1):
    """EmailMultiAlternatives.send that fails for one address `times` times."""
    left = {"count": times}

    def send(message, fail_silently=False):
        if address in message.to and left["count"]:
            left["count"] -= 1
            raise error
        return real_send(message, fail_silently)

    return send


def run_queued_retries() -> None:
    """What db_worker does when a retry falls due (made due now)."""
    reminder_runs().update(run_after=timezone.now() - timedelta(seconds=1))
    # The worker closes connections between tasks, which on PostgreSQL would end the
    # test's transaction.
    with mock.patch.object(db_worker, "close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def reminder_runs():
    # Making people queues other tasks (search indexing) on the database backend too.
    return DBTaskResult.objects.filter(task_path=REMINDER_TASK)


def recipients(mailoutbox) -> list[str]:
    return sorted(address for message in mailoutbox for address in message.to)


@pytest.mark.django_db
class TestRetries:
    def test_a_send_that_fails_after_claiming_is_retried_and_sent_once(
        self, person, requirement, mailoutbox, settings
    ):
        settings.TASKS = DATABASE_TASKS
        dana, eve = person(20, "Dana", "Due"), person(20, "Eve", "Due")

        with mock.patch.object(
            EmailMultiAlternatives, "send", failing_for(dana.email, SMTPException("421"))
        ):
            sent = tasks.send_reminder_digests.call(today=TODAY.isoformat())
        assert (sent["learner"], sent["failed"]) == (1, 1)
        assert recipients(mailoutbox) == [eve.email]
        # Dana's claim was released, and a retry is queued for the same day, later.
        assert list(DigestSent.objects.values_list("user", flat=True)) == [eve.pk]
        [retry] = reminder_runs()
        assert retry.args_kwargs["kwargs"] == {"today": TODAY.isoformat(), "attempt": 2}
        assert retry.run_after > timezone.now() + timedelta(minutes=9)

        run_queued_retries()
        run_queued_retries()  # nothing left to do: no second retry was queued

        assert recipients(mailoutbox) == sorted([dana.email, eve.email])
        assert reminder_runs().get().status == "SUCCESSFUL"
        assert DigestSent.objects.count() == 2

    def test_a_task_that_stops_half_way_is_retried_and_sends_each_once(
        self, person, requirement, mailoutbox, settings
    ):
        settings.TASKS = DATABASE_TASKS
        people = [person(20, name, "Due") for name in ("Ann", "Ben", "Cat")]
        # A failure that ends the whole run, at the second person in sending order.
        second = selectors.learner_digests(today=TODAY)[1].person

        with (
            mock.patch.object(
                EmailMultiAlternatives, "send", failing_for(second.email, RuntimeError("bug"))
            ),
            pytest.raises(RuntimeError),
        ):
            tasks.send_reminder_digests.call(today=TODAY.isoformat())
        assert len(mailoutbox) == 1
        assert reminder_runs().count() == 1

        run_queued_retries()

        assert recipients(mailoutbox) == sorted(p.email for p in people)

    def test_retries_stop_after_the_last_delay(self, person, requirement, settings):
        settings.TASKS = DATABASE_TASKS
        person(20, "Dana", "Due")
        last = len(tasks.REMINDER_RETRY_DELAYS) + 1

        with mock.patch.object(EmailMultiAlternatives, "send", side_effect=SMTPException("x")):
            tasks.send_reminder_digests.call(today=TODAY.isoformat(), attempt=last)

        assert not reminder_runs().exists()


def test_without_a_task_queue_a_failed_send_waits_for_the_next_run(
    person, requirement, mailoutbox, db
):
    # The immediate backend (development) cannot queue a retry for later.
    person(20, "Dana", "Due")
    with (
        logged("learning.tasks") as log,
        mock.patch.object(EmailMultiAlternatives, "send", side_effect=SMTPException("421")),
    ):
        result = tasks.send_reminder_digests.enqueue(today=TODAY.isoformat())
    assert result.return_value["failed"] == 1
    [warning] = log.at_least(logging.WARNING)
    assert "next daily run" in warning.getMessage()
    assert not DigestSent.objects.exists()


# Two workers at once: PostgreSQL only, as SQLite lets one writer in at a time.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("second_day", [TODAY, TODAY + timedelta(days=1)])
def test_two_workers_sending_at_once_send_one_email(person, requirement, mailoutbox, second_day):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs PostgreSQL: SQLite serialises every write on one file lock, so the "
            "workers cannot truly race (set DATABASE_URL to a PostgreSQL database)."
        )
    dana = person(20, "Dana", "Due")
    [digest] = selectors.learner_digests(today=TODAY)
    real_create = DigestSent.objects.create

    def slow_create(**fields):
        # Widen the gap between checking for a digest and recording one, where two
        # workers without the claim's lock would both find none.
        time.sleep(0.3)
        return real_create(**fields)

    barrier = threading.Barrier(2)
    outcomes: list[Outcome] = []
    errors: list[BaseException] = []

    def worker(day) -> None:
        try:
            message = digests.learner_message(digest)
            barrier.wait()
            outcomes.append(
                digests.send_once(
                    person=dana, kind=DigestKind.LEARNER, today=day, items=[], message=message
                )
            )
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    with mock.patch.object(DigestSent.objects, "create", slow_create):
        threads = [threading.Thread(target=worker, args=(day,)) for day in (TODAY, second_day)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    assert sorted(outcomes) == [Outcome.SENT, Outcome.SKIPPED]
    assert len(mailoutbox) == 1
    assert DigestSent.objects.filter(user=dana).count() == 1
