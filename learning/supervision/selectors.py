"""Reads for supervisors. Each selector runs a fixed number of queries however many
people a supervisor has: counts are annotated and related rows prefetched."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from learning import permissions
from learning.models import ReflectiveEntry, TeamSession, User
from learning.records.selectors import annotate_cpd_minutes_this_year
from learning.reflections.selectors import awaiting_review
from learning.required.status import (
    StatusCounts,
    status_summary,
    statuses_for_people,
)


@dataclass(frozen=True)
class TeamMember:
    """One supervisee as "My team" shows them."""

    person: User
    completed_this_year: int
    minutes_this_year: int
    shared_entries: list[ReflectiveEntry] = field(default_factory=list)
    # Their required learning in a few words (learning.required.status.status_summary).
    required_summary: str = ""
    overdue_count: int = 0

    @property
    def awaiting_review(self) -> list[ReflectiveEntry]:
        return [entry for entry in self.shared_entries if awaiting_review(entry)]


def my_team(*, supervisor, today: date | None = None) -> list[TeamMember]:
    """The supervisor's supervisees, by name, each with the learning they completed
    on the hub this year, their CPD hours this year (everything on their record, as
    `cpd_totals_for` counts it), the entries they share with the supervisor now, and
    their required learning in a few words. A fixed number of queries whatever the
    size of the team or the number of requirements."""
    today = today or timezone.localdate()
    shared = (
        permissions.entries_shared_with(supervisor)
        .select_related("signed_off_by")
        .order_by("-updated_at")
    )
    # The CPD figures are the record's own (learning.records.selectors), so a supervisor
    # sees the same hours as the person and their organisation lead.
    people = list(
        annotate_cpd_minutes_this_year(
            permissions.supervisees_of(supervisor).select_related("profile__team"),
            today=today,
            name="minutes_this_year",
            completed="completed_this_year",
        )
        .prefetch_related(Prefetch("reflective_entries", queryset=shared, to_attr="shared"))
        .order_by("last_name", "first_name", "email")
    )
    required = {
        person_id: StatusCounts.of(statuses)
        for person_id, statuses in statuses_for_people(people, today=today).items()
    }
    return [
        TeamMember(
            person=person,
            completed_this_year=person.completed_this_year,
            minutes_this_year=person.minutes_this_year,
            shared_entries=person.shared,
            required_summary=status_summary(required[person.pk]),
            overdue_count=required[person.pk].overdue_count,
        )
        for person in people
    ]


def sessions_delivered(*, supervisor, limit: int = 10) -> QuerySet[TeamSession]:
    """The supervisor's most recent team sessions, with how many attended (one query)."""
    return (
        TeamSession.objects.filter(delivered_by=supervisor)
        .annotate(attendee_count=Count("attendees"))
        .order_by("-delivered_on", "-created_at")[:limit]
    )


def session_for_viewer(*, viewer, session_id) -> TeamSession | None:
    """The team session, if the viewer delivered or attended it."""
    return (
        permissions.visible_team_sessions(viewer)
        .select_related("delivered_by", "page", "team")
        .filter(pk=session_id)
        .first()
    )


def session_to_manage(*, viewer, session_id) -> TeamSession | None:
    """The team session, if the viewer may edit or delete it (they recorded it)."""
    session = (
        TeamSession.objects.select_related("delivered_by", "page", "team")
        .filter(pk=session_id)
        .first()
    )
    if session is None or not permissions.can_manage_team_session(viewer, session):
        return None
    return session


def session_attendees(session: TeamSession) -> QuerySet[User]:
    return session.attendees.order_by("last_name", "first_name", "email")
