"""Reading the audit trail: who may, and the entries a set of filters selects. Every
filter runs in the database, so the log costs the same few queries however long it is."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from learning.models import AuditEntry, Organisation


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""  # part of the actor's name or email address
    subject: str = ""  # part of the name or email address of the person it was about
    organisation: Organisation | None = None  # the organisation of the person it was about
    since: datetime.date | None = None
    until: datetime.date | None = None


def _person_matches(field: str, text: str) -> Q:
    """Each word of `text` in the person's first name, last name or email address, so
    "Jane Smith" finds Jane Smith as "jane" or "smith@" would."""
    condition = Q()
    for word in text.split():
        condition &= (
            Q(**{f"{field}__first_name__icontains": word})
            | Q(**{f"{field}__last_name__icontains": word})
            | Q(**{f"{field}__email__icontains": word})
        )
    return condition


def _start_of(day: datetime.date) -> datetime.datetime:
    # Days as the hub's clocks show them (Europe/London), not UTC days.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_entries(filters: AuditFilters | None = None) -> QuerySet[AuditEntry]:
    """The entries the filters select, newest first, with the people named in them."""
    filters = filters or AuditFilters()
    entries = AuditEntry.objects.select_related("actor", "subject").order_by("-at", "-id")
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.actor.strip():
        entries = entries.filter(_person_matches("actor", filters.actor))
    if filters.subject.strip():
        entries = entries.filter(_person_matches("subject", filters.subject))
    if filters.organisation is not None:
        entries = entries.filter(subject__profile__organisation=filters.organisation)
    if filters.since is not None:
        entries = entries.filter(at__gte=_start_of(filters.since))
    if filters.until is not None:
        entries = entries.filter(at__lt=_start_of(filters.until + datetime.timedelta(days=1)))
    return entries
