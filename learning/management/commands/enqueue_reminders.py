"""Queue the day's reminder digests for the task worker. Run it once a day from cron,
for example `15 6 * * * cd /srv/hub && .venv/bin/python manage.py enqueue_reminders`;
`--now` sends them in this process instead (no worker needed)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from learning.tasks import send_reminder_digests


class Command(BaseCommand):
    help = "Queue today's reminder digests for the worker (or send them now with --now)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="Send the digests in this process instead of queueing them.",
        )

    def handle(self, *args, now: bool = False, **options) -> None:
        if now:
            sent = send_reminder_digests.call()
            self.stdout.write(
                f"Sent {sent['learner']} learner digest(s) and {sent['supervisor']} team digest(s)."
            )
            return
        result = send_reminder_digests.enqueue()
        self.stdout.write(f"Queued the reminder digests (task {result.id}).")
