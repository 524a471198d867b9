"""Writes for supervisors: recording a team session."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from learning import permissions
from learning.learnable import learnable_pages
from learning.models import CompletionHow, TeamSession
from learning.records.services import completion_record, validate_cpd_date

GROUP_REFLECTION_MAX_LENGTH = TeamSession._meta.get_field("group_reflection").max_length


def _completed_at(delivered_on: date) -> datetime:
    """When attendees completed the item: now for a session today, otherwise midday on
    the day, well clear of midnight, so the local date never shifts."""
    if delivered_on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(delivered_on, time(12, 0)))


def team_session_record(
    *,
    delivered_by,
    page: Page,
    delivered_on: date,
    attendees: Iterable,
    group_reflection: str = "",
) -> TeamSession:
    """Record that a supervisor delivered a live learning page to some of their own
    supervisees on a day `validate_cpd_date` accepts (not in the future, not more than
    ten years ago), and give each attendee a completion (how "team session"; someone
    who had already completed the page keeps their earlier completion). Raises
    ValidationError for anything else, PermissionDenied for someone who supervises
    nobody."""
    if not permissions.can_supervise(delivered_by):
        raise PermissionDenied("Only a supervisor records a team session.")
    errors: dict[str, str] = {}
    if page is None or not learnable_pages().live().filter(pk=page.pk).exists():
        errors["page"] = "Choose a published learning item"
    try:
        validate_cpd_date(delivered_on)
    except ValidationError as error:
        errors["delivered_on"] = error.messages[0]
    attendees = list(attendees)
    team_ids = set(permissions.supervisees_of(delivered_by).values_list("pk", flat=True))
    if not attendees:
        errors["attendees"] = "Select who attended"
    elif any(person.pk not in team_ids for person in attendees):
        errors["attendees"] = "Choose people from your own team only"
    group_reflection = (group_reflection or "").strip()
    if len(group_reflection) > GROUP_REFLECTION_MAX_LENGTH:
        errors["group_reflection"] = (
            f"Keep the group reflection to {GROUP_REFLECTION_MAX_LENGTH:,} characters or fewer"
        )
    if errors:
        raise ValidationError(errors)

    page = page.specific
    profile = permissions.profile_of(delivered_by)
    with transaction.atomic():
        session = TeamSession.objects.create(
            page=page,
            page_title=page.title,
            delivered_by=delivered_by,
            team=profile.team if profile else None,
            delivered_on=delivered_on,
            group_reflection=group_reflection,
        )
        session.attendees.set(attendees)
        completed_at = _completed_at(delivered_on)
        for person in attendees:
            completion_record(
                user=person,
                page=page,
                how=CompletionHow.TEAM_SESSION,
                completed_at=completed_at,
                team_session=session,
            )
    return session
