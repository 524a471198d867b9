"""The kinds of record the demo's bulk learning activity does not make by itself: staff
doing their core learning again a year on (a second refresher cycle), a supervisor
delivering a briefing to their team (team-session completions), and someone who has
left their organisation (deactivated, their record kept), so that records, reports and
the lead's people view show each of them.

Completions go through learning.records.services and learning.supervision.services, so
the cycle of each is the one a learner's would get.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.utils import timezone

from learning.models import Completion, CompletionHow, Requirement, TeamSession, User
from learning.permissions import supervisees_of
from learning.records.services import completion_record
from learning.supervision.services import team_session_record

# Of the staff whose core learning was done more than REFRESHED_AFTER_DAYS ago, about
# this share have done it again since; the rest show as due or overdue.
REFRESHED_SHARE = 0.5
REFRESHED_AFTER_DAYS = 380
# Delivered to the team in a meeting: the seven-minute format is made for it.
TEAM_SESSION_BRIEFING_SLUG = "making-safeguarding-personal"
TEAM_SESSION_REFLECTION = (
    "We agreed to ask each person what a good outcome would look like for them before "
    "we plan anything, and to write their own words in the record."
)


def refresh_core_learning(
    rng: random.Random, people: Sequence[User], requirement: Requirement, now: datetime
) -> list[Completion]:
    """Some of `people` whose learning for `requirement` is over a year old complete it
    again a year or more after the first time; returns the completions made (their
    second cycle, as learning.records.services.completion_record numbers it)."""
    old = (
        Completion.objects.filter(
            user__in=people,
            page__in=requirement.pages.all(),
            completed_at__lt=now - timedelta(days=REFRESHED_AFTER_DAYS),
        )
        .select_related("user", "page")
        .order_by("pk")
    )
    made = []
    for completion in old:
        if rng.random() >= REFRESHED_SHARE:
            continue
        # A year on, and at least a day before the demo is loaded.
        days_since = (now - completion.completed_at).days
        when = now - timedelta(days=rng.randint(1, days_since - 365), hours=rng.randint(0, 8))
        again, created = completion_record(
            user=completion.user,
            page=completion.page.specific,
            how=CompletionHow.CONFIRMED,
            completed_at=when,
        )
        if created:
            made.append(again)
    return made


TEAM_SESSION_DISCUSSION_MINUTES = 15


def team_session_page(briefings: Sequence, required_ids: set[int]):
    """The briefing the demo supervisor delivers: TEAM_SESSION_BRIEFING_SLUG, or else
    a briefing that is not required learning; None when there is none."""
    others = [page for page in briefings if page.pk not in required_ids]
    chosen = [page for page in others if page.slug == TEAM_SESSION_BRIEFING_SLUG] or others
    return chosen[0] if chosen else None


def deliver_team_session(
    supervisor: User, page, delivered_on: date, staff: Sequence[User]
) -> TeamSession | None:
    """The supervisor becomes the supervisor of the active `staff` in their own team and
    delivers `page` to those of their supervisees who had not completed it, through
    learning.supervision.services; None when nobody could attend."""
    team_id = supervisor.profile.team_id
    for person in staff:
        if person.is_active and team_id is not None and person.profile.team_id == team_id:
            person.profile.supervisors.add(supervisor)
    done = Completion.objects.filter(page=page).values("user")
    attendees = [
        person
        for person in supervisees_of(supervisor).exclude(pk__in=done).order_by("pk")
        if timezone.localdate(person.date_joined) <= delivered_on
    ]
    if not attendees:
        return None
    return team_session_record(
        delivered_by=supervisor,
        page=page,
        delivered_on=delivered_on,
        attendees=attendees,
        # A briefing in a team meeting runs longer than reading it alone: discussion.
        minutes=page.specific.cpd_minutes + TEAM_SESSION_DISCUSSION_MINUTES,
        group_reflection=TEAM_SESSION_REFLECTION,
    )


def mark_a_leaver(rng: random.Random, staff: Sequence[User], organisation_id: int) -> User | None:
    """One of the organisation's staff with learning on their record, and no
    exemption, has left: deactivated, as the hub does, never deleted."""
    with_records = set(Completion.objects.filter(user__in=staff).values_list("user", flat=True))
    candidates = [
        person
        for person in staff
        if person.profile.organisation_id == organisation_id
        and person.pk in with_records
        and not person.exemptions.exists()
    ]
    if not candidates:
        return None
    leaver = rng.choice(candidates)
    User.objects.filter(pk=leaver.pk).update(is_active=False)
    leaver.is_active = False
    return leaver
