"""Auditing a read of one other person's records: a supervisor or organisation lead
opening someone's learning record or certificate writes one VIEWED_RECORD entry before
the page is built, so a failure to write it refuses the page (learning.audit.http).

Pages listing other people's records (My team, the organisation lead's people table,
the lead's compliance report, a session's attendees as its supervisor sees them, the
exemptions list) write one VIEWED_IN_LIST entry for each person on the page shown, in
one insert: a person's copy of their data then says who saw their row, and when.
Seeing the same people in the same list again within SAME_LOOK writes nothing more,
so reloading a page cannot flood the log. The Users and People listings in the admin
show accounts, not learning records, and write nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from learning.audit.services import record, record_many
from learning.models.audit import AuditAction, AuditEntry

# How long seeing the same people in the same list again writes nothing more.
SAME_LOOK = timedelta(minutes=10)


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


def record_list_view(request: HttpRequest, people_ids: Iterable[int], what: str) -> None:
    """Record that the viewer is about to see each of `people_ids` in `what` ("My
    team"). The viewer's own row writes nothing. Raises AuditWriteFailed."""
    others = [pk for pk in people_ids if pk != request.user.pk]
    summary = f"Saw the person's records in {what}"
    if others:
        # A reload, or paging back and forth, within a few minutes is the same look.
        seen = set(
            AuditEntry.objects.filter(
                actor_id=request.user.pk,
                action=AuditAction.VIEWED_IN_LIST,
                summary=summary,
                at__gte=timezone.now() - SAME_LOOK,
                subject_id__in=others,
            ).values_list("subject_id", flat=True)
        )
        others = [pk for pk in others if pk not in seen]
    record_many(
        AuditAction.VIEWED_IN_LIST,
        summary=summary,
        subject_ids=others,
        request=request,
        detail={"list": what},
    )
