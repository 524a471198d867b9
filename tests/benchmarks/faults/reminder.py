"""The reminder fault run, end to end with the django-tasks database backend: the day's
reminder task is queued twice (as if cron ran on two servers), two `manage.py
db_worker` processes take the queue while the mail server fails after delivering a few
messages, the mail server comes back, the retries the task queued are made due (their
10-minute delay skipped by moving run_after, as tests/learning/reminders/
test_sending_once.py does) and two workers run them. Each person due a digest must
then have been sent exactly one of each kind, however many tasks, workers and retries.

Call run() with Django set up against the run's database; the workers are separate
processes with TASKS_BACKEND=database and tests.benchmarks.faults.settings."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from tests.benchmarks.faults import mail
from tests.benchmarks.faults.outage import Verdict
from tests.benchmarks.http.server import REPO

REMINDER_TASK = "learning.tasks.send_reminder_digests"
WORKERS = 2


@dataclass
class ReminderRun:
    due: dict[str, int]  # digests due today, by kind, before the run
    deliver_first: int
    tasks: list[dict] = field(default_factory=list)  # each task run: attempt, status, result
    delivered: int = 0
    recorded: int = 0  # DigestSent rows for today
    most_to_one_person: int = 0  # deliveries of one subject to one address
    mismatched_people: int = 0  # delivered count differs from DigestSent rows
    undelivered: int = 0  # due but never sent


def verdicts(run: ReminderRun) -> list[Verdict]:
    retries = sum(task["attempt"] > 1 for task in run.tasks)
    due = sum(run.due.values())
    return [
        Verdict("failed runs were retried", retries > 0, f"{retries} retries ran"),
        Verdict(
            "every digest due was delivered",
            run.undelivered == 0 and run.delivered == due,
            f"{run.delivered:,} delivered of {due:,} due",
        ),
        Verdict(
            "no one was sent the same digest twice",
            run.most_to_one_person == 1,
            f"most copies of one digest to one person: {run.most_to_one_person}",
        ),
        Verdict(
            "each person's deliveries match their recorded digests",
            run.mismatched_people == 0 and run.recorded == run.delivered,
            f"{run.recorded:,} recorded, {run.mismatched_people} people differ",
        ),
    ]


def worker_environment(env: Mapping[str, str], mail_dir: Path) -> dict[str, str]:
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.faults.settings",
        "TASKS_BACKEND": "database",
        "HUB_FAULTS_MAIL_DIR": str(mail_dir),
    }


def manage(env: Mapping[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=dict(env),
        check=True,
        capture_output=True,
    )


def run_workers(env: Mapping[str, str], log_dir: Path, round_: int) -> None:
    """WORKERS db_worker processes at once, each until the queue holds nothing due."""
    with ExitStack() as logs:
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--batch",
                    "--no-startup-delay",
                    "--worker-id",
                    f"fault-{round_}-{n}",
                ],
                cwd=REPO,
                env=dict(env),
                stdout=logs.enter_context(open(log_dir / f"worker-{round_}-{n}.log", "wb")),
                stderr=subprocess.STDOUT,
            )
            for n in range(WORKERS)
        ]
        for process in processes:
            process.wait(timeout=600)


def run(env: Mapping[str, str], scratch: Path, *, deliver_first: int = 3) -> ReminderRun:
    from django.db import connection
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from learning.models import DigestSent
    from learning.reminders import selectors

    today = timezone.localdate()
    if DigestSent.objects.filter(sent_on__gt=today - timedelta(days=7)).exists():
        raise RuntimeError(
            "digests went from this database within the week, so none is due: run the "
            "reminder fault on a freshly built database"
        )
    due = {
        "learner": len(list(selectors.learner_digests(today=today))),
        "supervisor": len(list(selectors.supervisor_digests(today=today))),
    }
    if not sum(due.values()):
        raise RuntimeError("nobody is due a reminder digest today in this database")
    mail_dir = scratch / "mail"
    mail.prepare(mail_dir, deliver_first=deliver_first)
    workers = worker_environment(env, mail_dir)
    runs = DBTaskResult.objects.filter(task_path=REMINDER_TASK)
    already = set(runs.values_list("pk", flat=True))
    connection.close()

    # Cron on two servers by mistake: two tasks for the same day.
    manage(workers, "enqueue_reminders")
    manage(workers, "enqueue_reminders")
    run_workers(workers, scratch, 1)
    mail.bring_up(mail_dir)
    retries = runs.exclude(pk__in=already).filter(status="READY")
    retries.update(run_after=timezone.now() - timedelta(seconds=1))
    connection.close()
    run_workers(workers, scratch, 2)

    result = ReminderRun(due=due, deliver_first=deliver_first)
    for task in runs.exclude(pk__in=already).order_by("enqueued_at"):
        result.tasks.append(
            {
                "attempt": task.args_kwargs["kwargs"].get("attempt", 1),
                "status": task.status,
                "workers": task.worker_ids,
                "returned": task.return_value,
                "error": task.exception_class_path.rsplit(".", 1)[-1],
            }
        )
    deliveries = mail.delivered(mail_dir)
    per_subject = Counter((tuple(d["to"]), d["subject"]) for d in deliveries)
    per_address = Counter(address for d in deliveries for address in d["to"])
    recorded = Counter(
        DigestSent.objects.filter(sent_on=today).values_list("user__email", flat=True)
    )
    result.delivered = len(deliveries)
    result.recorded = sum(recorded.values())
    result.most_to_one_person = max(per_subject.values(), default=0)
    result.mismatched_people = sum(
        1
        for address in per_address.keys() | recorded.keys()
        if per_address[address] != recorded[address]
    )
    result.undelivered = max(sum(due.values()) - len(per_subject), 0)
    return result
