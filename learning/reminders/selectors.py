"""Who gets which reminder digest today, and what it lists.

Statuses come from learning.required.status, in SQL, one query per requirement for
everyone at once; Python here only groups the rows by person and turns each row's dates
into what an email says. A person is left out altogether when they switched reminders
off, has left, or had a digest of the same kind within the last REMIND_EVERY_DAYS days
(learning.reminders.digests records each one as it sends it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse

from learning.models import DigestKind, DigestSent, Profile, Requirement
from learning.required.impact import follow_ups_due_among
from learning.required.status import (
    DUE_SOON_DAYS,
    Status,
    annotate_status,
    done_in_cycle,
    due_date,
    expiring_soon,
    latest_completions,
    person_status,
)

# At most one digest of each kind per person in this many days.
REMIND_EVERY_DAYS = 7
# An item whose last completion runs out within DUE_SOON_DAYS: a refresher is due.
REFRESHER = "refresher"
_ORDER = {Status.OVERDUE: 0, Status.DUE: 1, REFRESHER: 2}


def absolute_url(path_or_url: str) -> str:
    """An address an email can carry: the site's public URL (WAGTAILADMIN_BASE_URL)
    in front of a path; full URLs (a page on another Wagtail site) as they are."""
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path_or_url


@dataclass(frozen=True)
class PageLink:
    title: str
    url: str


@dataclass(frozen=True)
class DueItem:
    """One requirement outstanding for one person, and the pages still to do for it."""

    requirement_id: int
    title: str
    status: str  # Status.OVERDUE, Status.DUE or REFRESHER
    due_on: date
    complete_until: date | None = None  # for a refresher: when the last completion runs out
    pages: tuple[PageLink, ...] = ()

    @property
    def status_label(self) -> str:
        if self.status == REFRESHER:
            return "Refresher due"
        return Status(self.status).label

    def as_record(self) -> dict:
        return {
            "requirement": self.requirement_id,
            "status": self.status,
            "due_on": self.due_on.isoformat(),
        }


@dataclass(frozen=True)
class FollowUp:
    """An impact question ("Have you used this in your practice?") waiting for an answer."""

    feedback_id: int
    page_title: str
    url: str

    def as_record(self) -> dict:
        return {"impact_feedback": self.feedback_id}


@dataclass
class LearnerDigest:
    person: object
    items: list[DueItem] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)

    def as_records(self) -> list[dict]:
        return [item.as_record() for item in self.items] + [
            follow_up.as_record() for follow_up in self.follow_ups
        ]


@dataclass
class TeamMember:
    person: object
    items: list[DueItem]


@dataclass
class SupervisorDigest:
    supervisor: object
    members: list[TeamMember]

    def as_records(self) -> list[dict]:
        return [
            {"person": member.person.pk, **item.as_record()}
            for member in self.members
            for item in member.items
        ]


# ---------------------------------------------------------------------------
# Recipients
# ---------------------------------------------------------------------------


def recent_digest_q(kind: str, today: date) -> Q:
    """A user (OuterRef pk) was sent a digest of this kind within REMIND_EVERY_DAYS
    days of `today` (either side, so a run for an earlier day cannot crowd a week)."""
    window = timedelta(days=REMIND_EVERY_DAYS)
    return Q(
        Exists(
            DigestSent.objects.filter(
                user_id=OuterRef("pk"),
                kind=kind,
                sent_on__gt=today - window,
                sent_on__lt=today + window,
            )
        )
    )


def digest_recipients(kind: str, *, today: date) -> QuerySet:
    """Active people with an email address who want reminders and have not had a digest
    of this kind this week."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__receives_digests=True)
        .exclude(email="")
        .exclude(recent_digest_q(kind, today))
        .select_related("profile")
    )


# ---------------------------------------------------------------------------
# What is outstanding, for many people at once
# ---------------------------------------------------------------------------


def _due_item(requirement: Requirement, row, today: date, last_completions) -> DueItem:
    standing = person_status(requirement, row, row, today)
    if standing.status == Status.COMPLETE:
        # Complete now, but the cycle ends within DUE_SOON_DAYS: the next due date is
        # the one the person will have on the first day of the next cycle, and the
        # pages to list are those not yet done for that cycle.
        next_cycle = standing.complete_until + timedelta(days=1)
        due_on = due_date(requirement, row, standing.last_completed, next_cycle)
        cycle_day = today + timedelta(days=DUE_SOON_DAYS)
        status, until = REFRESHER, standing.complete_until
    else:
        due_on, status, until = standing.due_on, standing.status, None
        cycle_day = today
    pages = []
    if last_completions is not None:
        for page in requirement.pages.all():
            last = last_completions.get((row.pk, page.pk))
            if page.live and not done_in_cycle(requirement, last, cycle_day):
                pages.append(PageLink(page.title, absolute_url(page.get_url() or "/")))
    return DueItem(
        requirement_id=requirement.pk,
        title=requirement.title,
        status=status,
        due_on=due_on,
        complete_until=until,
        pages=tuple(pages),
    )


def outstanding_by_person(
    people: QuerySet, *, today: date, refreshers: bool, with_pages: bool
) -> dict[int, tuple[object, list[DueItem]]]:
    """person id -> (person, their due and overdue items, most urgent first) among
    `people`; with `refreshers`, also items whose refresher falls due within
    DUE_SOON_DAYS. Per active requirement: the audience queries, one status query for
    everyone, and (with `with_pages`) one for the pages still to do."""
    found: dict[int, tuple[object, list[DueItem]]] = {}
    for requirement in Requirement.objects.filter(is_active=True).prefetch_related("pages"):
        rows = annotate_status(people, requirement, today=today)
        wanted = Q(rq_status__in=[Status.DUE, Status.OVERDUE])
        if refreshers:
            rows = rows.annotate(**expiring_soon(requirement, today))
            wanted |= Q(rq_status=Status.COMPLETE, rq_expiring=True)
        rows = list(rows.filter(wanted))
        if not rows:
            continue
        last_completions = (
            latest_completions(
                user_ids=[row.pk for row in rows],
                page_ids=[page.pk for page in requirement.pages.all()],
                today=today,
            )
            if with_pages
            else None
        )
        for row in rows:
            item = _due_item(requirement, row, today, last_completions)
            found.setdefault(row.pk, (row, []))[1].append(item)
    for _person, items in found.values():
        items.sort(key=lambda item: (_ORDER[item.status], item.due_on, item.title))
    return found


# ---------------------------------------------------------------------------
# The digests
# ---------------------------------------------------------------------------


def _emailed_follow_ups(user_ids, today: date) -> set[tuple[int, int]]:
    """(person id, feedback id) of impact questions already put in a learner digest in
    the last year: a question alone starts a digest only the first time."""
    sent = DigestSent.objects.filter(
        user_id__in=list(user_ids),
        kind=DigestKind.LEARNER,
        sent_on__gt=today - timedelta(days=365),
    ).values_list("user_id", "items")
    return {
        (user_id, entry["impact_feedback"])
        for user_id, items in sent
        for entry in items or ()
        if isinstance(entry, dict) and "impact_feedback" in entry
    }


def learner_digests(*, today: date) -> list[LearnerDigest]:
    """Today's learner digests: everyone (not reminded this week, reminders on) with
    required learning due within DUE_SOON_DAYS, overdue, or with a refresher falling
    due; each also carries the impact questions due for them. Impact questions alone
    start a digest only when one of them has not been emailed before, so an unanswered
    question does not bring an email every week."""
    people = digest_recipients(DigestKind.LEARNER, today=today)
    outstanding = outstanding_by_person(people, today=today, refreshers=True, with_pages=True)
    follow_ups = follow_ups_due_among(people=people, today=today)
    asked = _emailed_follow_ups(set(follow_ups) - set(outstanding), today)
    newly_asked = {
        user_id
        for user_id, feedback_list in follow_ups.items()
        if user_id not in outstanding
        and any((user_id, feedback.pk) not in asked for feedback in feedback_list)
    }
    extra_people = {person.pk: person for person in people.filter(pk__in=newly_asked)}
    digests = []
    for user_id in sorted(set(outstanding) | newly_asked):
        person, items = outstanding.get(user_id) or (extra_people[user_id], [])
        digest = LearnerDigest(person=person, items=items)
        for feedback in follow_ups.get(user_id, ()):
            digest.follow_ups.append(
                FollowUp(
                    feedback_id=feedback.pk,
                    page_title=feedback.page.title,
                    url=absolute_url(reverse("records:impact_answer", args=[feedback.pk])),
                )
            )
        digests.append(digest)
    return digests


def _by_name(person) -> tuple[str, str, str]:
    return (person.last_name.lower(), person.first_name.lower(), person.email)


def supervisor_digests(*, today: date) -> list[SupervisorDigest]:
    """Today's team digests: each supervisor (reminders on, no team digest this week)
    with supervisees whose required learning is due or overdue. A supervisor's team is
    the active people who name them as a supervisor: the rule of
    learning.permissions.supervisees_of, applied to every supervisor at once."""
    supervisions = Profile.supervisors.through.objects.filter(profile__user__is_active=True)
    supervisors = digest_recipients(DigestKind.SUPERVISOR, today=today).filter(
        Exists(supervisions.filter(user_id=OuterRef("pk")))
    )
    supervised = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Exists(
                supervisions.filter(
                    profile__user_id=OuterRef("pk"), user_id__in=supervisors.values("pk")
                )
            )
        )
        .select_related("profile")
    )
    outstanding = outstanding_by_person(supervised, today=today, refreshers=False, with_pages=False)
    if not outstanding:
        return []
    pairs = supervisions.filter(
        profile__user_id__in=list(outstanding), user_id__in=supervisors.values("pk")
    ).values_list("user_id", "profile__user_id")
    team_of: dict[int, list[int]] = {}
    for supervisor_id, person_id in pairs:
        team_of.setdefault(supervisor_id, []).append(person_id)
    digests = []
    for supervisor in supervisors.filter(pk__in=list(team_of)).order_by("pk"):
        members = [
            TeamMember(person=outstanding[person_id][0], items=outstanding[person_id][1])
            for person_id in team_of[supervisor.pk]
        ]
        members.sort(key=lambda member: _by_name(member.person))
        digests.append(SupervisorDigest(supervisor=supervisor, members=members))
    return digests
