"""Erase the people whose retention period has ended, and delete expired copies of
people's data (learning.privacy.retention). Safe to run more often than needed: a
person already erased is not erased again, and a day's run repeated finds nothing new.

Run it once a day, from cron:

    30 2 * * * cd /srv/hub && .venv/bin/python manage.py apply_retention

or a systemd timer (OnCalendar=*-*-* 02:30, Persistent=true) starting a service that
runs the same command. `--dry-run` lists who is due and what would go, changing nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from learning.privacy.retention import apply_retention
from learning.text_counts import counted


class Command(BaseCommand):
    help = (
        "Erase people whose retention period has ended (their free text and identity; "
        "report counts stay) and delete expired copies of people's data. Run it daily: "
        "from cron, e.g. `30 2 * * * cd /srv/hub && .venv/bin/python manage.py "
        "apply_retention`, or a systemd timer with OnCalendar=*-*-* 02:30 and "
        "Persistent=true. --dry-run changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who is due and what would go, changing nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        run = apply_retention(dry_run=dry_run)
        would = "would be " if dry_run else ""
        if run.clocks_started or run.clocks_cleared:
            self.stdout.write(
                f"Deactivation dates: {run.clocks_started} {would}started, "
                f"{run.clocks_cleared} {would}cleared."
            )
        self.stdout.write(
            f"{counted(run.exports_expired, 'expired copy', 'expired copies')} of people's "
            f"data {would}deleted."
        )
        tasks = counted(
            run.task_results_pruned, "finished background task", "finished background tasks"
        )
        self.stdout.write(f"{tasks} (emails sent, copies built) {would}deleted.")
        self.stdout.write(
            f"{counted(run.invitations_forgotten, 'invitation', 'invitations')} never accepted "
            f"{would}left without the address they were sent to."
        )
        for user_id, counts in run.erased:
            what = "; ".join(count.label for count in counts) or "nothing left to erase"
            self.stdout.write(f"Person {user_id} {would}erased: {what}.")
        people = counted(len(run.erased), "person", "people")
        self.stdout.write(f"{people} {would}erased on {run.today:%-d %B %Y}.")
        if run.failed:
            raise CommandError(
                f"{counted(len(run.failed), 'erasure', 'erasures')} failed, so did not happen "
                f"(people {', '.join(map(str, run.failed))}; the log says why). Nothing of "
                "theirs was changed; the next run tries again."
            )
