"""An email backend for the reminder fault run: a mail server that goes down after
delivering a few messages, and comes back when the run says so.

State is in files under settings.HUB_FAULTS_MAIL_DIR, shared by every worker process
(each send takes a lock on it). While `down` is present, the first `deliver_first`
messages (plan.json) are delivered; the next one raises an error the digests do not
expect, which ends the task that sent it (a failed task); every later one is refused
as a mail server that hung up (which the digests count as not sent). Each delivered
message is one JSON line in delivered.jsonl, which the run counts per person."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from smtplib import SMTPServerDisconnected

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

PLAN = "plan.json"
DOWN = "down"
DELIVERED = "delivered.jsonl"


def prepare(folder: Path, *, deliver_first: int) -> None:
    """A mail server that delivers `deliver_first` messages, then refuses until
    bring_up()."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / PLAN).write_text(json.dumps({"deliver_first": deliver_first, "attempts": 0}))
    (folder / DOWN).touch()
    (folder / DELIVERED).write_text("")


def bring_up(folder: Path) -> None:
    (folder / DOWN).unlink(missing_ok=True)


def delivered(folder: Path) -> list[dict]:
    lines = (folder / DELIVERED).read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


class FlakyBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = Path(settings.HUB_FAULTS_MAIL_DIR)
        sent = 0
        for message in email_messages:
            with open(folder / PLAN, "r+") as plan_file:
                fcntl.flock(plan_file, fcntl.LOCK_EX)
                plan = json.load(plan_file)
                plan["attempts"] += 1
                plan_file.seek(0)
                plan_file.truncate()
                json.dump(plan, plan_file)
                refuse = (folder / DOWN).exists() and plan["attempts"] > plan["deliver_first"]
                crash = refuse and plan["attempts"] == plan["deliver_first"] + 1
                if not refuse:
                    with open(folder / DELIVERED, "a") as out:
                        record = {"to": message.to, "subject": message.subject, "pid": os.getpid()}
                        out.write(json.dumps(record) + "\n")
            if crash:
                raise RuntimeError("fault run: the mail library failed unexpectedly")
            if refuse:
                # What smtplib raises when the server hangs up; digests.send_once
                # catches it, releases the claim and counts the digest as failed.
                raise SMTPServerDisconnected("fault run: the mail server is down")
            sent += 1
        return sent
