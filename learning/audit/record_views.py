"""Auditing a read of one other person's records: a supervisor or organisation lead
opening someone's learning record or certificate writes one VIEWED_RECORD entry before
the page is built, so a failure to write it refuses the page (learning.audit.http).

Only pages about one person are audited. Pages listing many people (My team, the
organisation lead's people table, a team session's attendees) write nothing: what they
show is the summary that links to each person's record, and opening that is audited.
"""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from learning.audit.services import record
from learning.models.audit import AuditAction


def record_view(
    request: HttpRequest, person, what: str, *, target: models.Model | None = None
) -> None:
    """Record that the viewer is about to see `what` ("learning record") of `person`.
    A person reading their own records writes nothing. Raises AuditWriteFailed."""
    if person.pk == request.user.pk:
        return
    record(
        AuditAction.VIEWED_RECORD,
        summary=f"Viewed the person's {what}",
        subject=person,
        target=target,
        request=request,
    )
