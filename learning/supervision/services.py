"""Writes for supervisors: recording, correcting and deleting a team session. Each
change follows on to the attendees' completions and the deliverer's facilitation
credit in the same transaction, and is kept in the session's history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from learning import permissions
from learning.learnable import learnable_pages
from learning.models import Completion, CompletionHow, CPDType, ExternalCPD, TeamSession
from learning.records.services import completion_record, validate_cpd_date
from learning.supervision import history

GROUP_REFLECTION_MAX_LENGTH = TeamSession._meta.get_field("group_reflection").max_length
MIN_MINUTES, MAX_MINUTES = 1, 6000
FACILITATION_TITLE_MAX_LENGTH = ExternalCPD._meta.get_field("title").max_length


def _completed_at(delivered_on: date) -> datetime:
    """When attendees completed the item: now for a session today, otherwise midday on
    the day, well clear of midnight, so the local date never shifts."""
    if delivered_on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(delivered_on, time(12, 0)))


def _check_minutes(minutes, errors: dict[str, str]) -> None:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        errors["minutes"] = "Enter how long the session lasted as a whole number of minutes"
    elif not MIN_MINUTES <= minutes <= MAX_MINUTES:
        errors["minutes"] = (
            f"Enter a duration between {MIN_MINUTES} and {MAX_MINUTES:,} minutes (100 hours)"
        )


def _check_attendees(attendees: list, *, newcomers: list, supervisor, errors: dict) -> None:
    """Someone attended, and everyone newly named is in the supervisor's team now (a
    person who has since left may stay on a session they attended)."""
    team_ids = set(permissions.supervisees_of(supervisor).values_list("pk", flat=True))
    if not attendees:
        errors["attendees"] = "Select who attended"
    elif any(person.pk not in team_ids for person in newcomers):
        errors["attendees"] = "Choose people from your own team only"


def _check_date(delivered_on, errors: dict[str, str]) -> None:
    try:
        validate_cpd_date(delivered_on)
    except ValidationError as error:
        errors["delivered_on"] = error.messages[0]


def _clean_reflection(group_reflection: str, errors: dict[str, str]) -> str:
    group_reflection = (group_reflection or "").strip()
    if len(group_reflection) > GROUP_REFLECTION_MAX_LENGTH:
        errors["group_reflection"] = (
            f"Keep the group reflection to {GROUP_REFLECTION_MAX_LENGTH:,} characters or fewer"
        )
    return group_reflection


def _facilitation_fields(session: TeamSession) -> dict:
    """The deliverer's CPD entry for running the session: facilitation, which the NMC
    counts as participatory learning."""
    title = f"Delivered: {session.page_title}"[:FACILITATION_TITLE_MAX_LENGTH]
    return {
        "title": title,
        "provider": session.team.name if session.team else settings.WAGTAIL_SITE_NAME,
        "date": session.delivered_on,
        "minutes": session.minutes,
        "type": CPDType.FACILITATION,
        "participatory": True,
    }


def _sync_facilitation_credit(session: TeamSession) -> ExternalCPD:
    # update_or_create also gives a credit to a session recorded before credits existed.
    credit, _ = ExternalCPD.objects.update_or_create(
        team_session=session,
        defaults={"user_id": session.delivered_by_id, **_facilitation_fields(session)},
    )
    return credit


def _credit_attendees(session: TeamSession, people) -> None:
    """A completion for each person, unless they already have the item in this cycle
    (they keep their earlier completion, and this session gives them nothing)."""
    if session.page is None:
        return  # the page was deleted: nothing left to complete
    page = session.page.specific
    completed_at = _completed_at(session.delivered_on)
    for person in people:
        completion_record(
            user=person,
            page=page,
            how=CompletionHow.TEAM_SESSION,
            completed_at=completed_at,
            team_session=session,
            minutes=session.minutes,
        )


def team_session_record(
    *,
    delivered_by,
    page: Page,
    delivered_on: date,
    attendees: Iterable,
    minutes: int | None = None,
    group_reflection: str = "",
) -> TeamSession:
    """Record that a supervisor delivered a live learning page to some of their own
    supervisees on a day `validate_cpd_date` accepts (not in the future, not more than
    ten years ago) in a session lasting `minutes` (1 to 6000). Each attendee gets a
    completion (how "team session", crediting the session's minutes; someone who had
    already completed the page keeps their earlier completion) and the deliverer a
    facilitation CPD entry. No `minutes` means the item's own CPD minutes (the form
    always asks; scripts and the demo may rely on the default). Raises ValidationError
    for anything else, PermissionDenied for someone who supervises nobody."""
    if not permissions.can_supervise(delivered_by):
        raise PermissionDenied("Only a supervisor records a team session.")
    errors: dict[str, str] = {}
    if page is None or not learnable_pages().live().filter(pk=page.pk).exists():
        errors["page"] = "Choose a published learning item"
    elif minutes is None:
        minutes = getattr(page.specific, "cpd_minutes", None)
    _check_date(delivered_on, errors)
    _check_minutes(minutes, errors)
    attendees = list(attendees)
    _check_attendees(attendees, newcomers=attendees, supervisor=delivered_by, errors=errors)
    group_reflection = _clean_reflection(group_reflection, errors)
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
            minutes=minutes,
            group_reflection=group_reflection,
        )
        session.attendees.set(attendees)
        _credit_attendees(session, attendees)
        _sync_facilitation_credit(session)
        history.log_created(session=session, user=delivered_by, attendees=attendees)
    return session


def team_session_update(
    *,
    session: TeamSession,
    user,
    delivered_on: date,
    minutes: int,
    attendees: Iterable,
    group_reflection: str = "",
) -> dict:
    """Correct a session (not its learning item: a different item is a different
    session). People taken off it lose the completion this session gave them, and
    only that one; people added (from the supervisor's current team only; someone who
    has since left may stay on) get one; a new date or duration follows on to the
    session's completions and the facilitation credit. Returns what changed, as kept in
    the history. Raises PermissionDenied for anyone but the supervisor who recorded
    it, ValidationError for bad input."""
    if not permissions.can_manage_team_session(user, session):
        raise PermissionDenied("Only the supervisor who recorded a session changes it.")
    errors: dict[str, str] = {}
    if delivered_on != session.delivered_on:
        # An unchanged date stays valid even once it is more than ten years old.
        _check_date(delivered_on, errors)
    _check_minutes(minutes, errors)
    attendees = list(attendees)
    current = {person.pk: person for person in session.attendees.all()}
    wanted = {person.pk: person for person in attendees}
    added = [person for pk, person in wanted.items() if pk not in current]
    removed = [person for pk, person in current.items() if pk not in wanted]
    _check_attendees(attendees, newcomers=added, supervisor=user, errors=errors)
    group_reflection = _clean_reflection(group_reflection, errors)
    if errors:
        raise ValidationError(errors)

    before = (session.delivered_on, session.minutes, session.group_reflection)
    with transaction.atomic():
        session.delivered_on = delivered_on
        session.minutes = minutes
        session.group_reflection = group_reflection
        session.save()
        if removed:
            Completion.objects.filter(team_session=session, user__in=removed).delete()
            session.attendees.remove(*removed)
        Completion.objects.filter(team_session=session).update(
            completed_at=_completed_at(delivered_on), minutes=minutes
        )
        if added:
            session.attendees.add(*added)
            _credit_attendees(session, added)
        _sync_facilitation_credit(session)
        changes = history.edit_changes(
            before_date=before[0],
            before_minutes=before[1],
            before_notes=before[2],
            session=session,
            added=added,
            removed=removed,
        )
        history.log_edited(session=session, user=user, changes=changes)
    return changes


def completions_from(session: TeamSession) -> int:
    """How many people's records hold a completion this session gave them."""
    return Completion.objects.filter(team_session=session).count()


def team_session_delete(*, session: TeamSession, user) -> int:
    """Delete a session with the completions it gave and the facilitation credit; the
    history stays. Returns how many completions went. Raises PermissionDenied for
    anyone but the supervisor who recorded it."""
    if not permissions.can_manage_team_session(user, session):
        raise PermissionDenied("Only the supervisor who recorded a session deletes it.")
    with transaction.atomic():
        completions = Completion.objects.filter(team_session=session)
        removed = completions.count()
        completions.delete()
        history.log_deleted(
            session=session,
            user=user,
            attendees=list(session.attendees.all()),
            completions_removed=removed,
        )
        session.delete()  # the facilitation credit goes with it (CASCADE)
    return removed
