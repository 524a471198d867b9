"""Each person's status against each requirement: the one place it is computed.

A status is never stored. `annotate_status` adds it to any queryset of people as SQL
(subqueries on completions and exemptions), so a report can count it per organisation
and a list can filter it, and it follows every change to a requirement, a team, a role,
an exemption or a completion the moment it is made. Python here only turns rules into
the constant dates the SQL compares against, and dates into words.

The rules, for a person in a requirement's audience (see `audience_q`):

- **Exempt** while an exemption from it (or from all required learning) runs.
- **Complete** when every page of the requirement has a completion of any kind
  (confirmed, passed check, team session) in the current cycle. A one-off requirement
  has one cycle; "every N months" counts completions from N months ago; a yearly window
  counts completions since the window last opened.
- Otherwise it is due on a date: the days allowed after the person's anchor (the later
  of the requirement's start and the day they joined, or for "after being assigned" the
  day it came to apply to them: learning.required.assignments), and no earlier than the
  end of the current window or the day their last completion expired (plus the days
  allowed).
  **Overdue** after that date; **due** within DUE_SOON_DAYS of it; **not started**
  before that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import reduce
from operator import add, and_, or_

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Least
from django.utils import timezone

from learning.models import (
    Completion,
    DueFrom,
    Exemption,
    RefreshRule,
    Requirement,
    RequirementAssignment,
)
from learning.records.dates import months_after, start_of_day

# Learning falls due (and reminders start) this many days before its due date.
DUE_SOON_DAYS = 14


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"
    COMPLETE = "complete", "Complete"
    EXEMPT = "exempt", "Exempt"


# ---------------------------------------------------------------------------
# Cycles: the constant dates each rule compares against
# ---------------------------------------------------------------------------


def _window_start_on_or_before(requirement: Requirement, day: date) -> date:
    opens = date(day.year, requirement.window_start_month, requirement.window_start_day)
    return opens if opens <= day else opens.replace(year=day.year - 1)


def _window_end_after(requirement: Requirement, opened: date) -> date:
    closes = date(opened.year, requirement.window_end_month, requirement.window_end_day)
    return closes if closes > opened else closes.replace(year=opened.year + 1)


def cycle_start(requirement: Requirement, today: date) -> date | None:
    """The first day whose completions count towards the cycle `today` is in: None for a
    one-off requirement (any completion ever counts)."""
    if requirement.refresh == RefreshRule.EVERY_MONTHS:
        return months_after(today, -requirement.refresh_months)
    if requirement.refresh == RefreshRule.WINDOW:
        return _window_start_on_or_before(requirement, today)
    return None


def expiry_of(requirement: Requirement, completed_on: date) -> date | None:
    """The last day a completion on `completed_on` keeps the requirement complete."""
    if requirement.refresh == RefreshRule.EVERY_MONTHS:
        return months_after(completed_on, requirement.refresh_months) - timedelta(days=1)
    if requirement.refresh == RefreshRule.WINDOW:
        opened = _window_start_on_or_before(requirement, completed_on)
        return opened.replace(year=opened.year + 1) - timedelta(days=1)
    return None


# ---------------------------------------------------------------------------
# Who a requirement applies to
# ---------------------------------------------------------------------------

# Prefetch these on requirements whose audience or status is computed more than once.
AUDIENCE_PREFETCH = ("pages", "organisations", "teams", "roles")


def audience_q(requirement: Requirement) -> Q:
    """People (User rows) the requirement applies to: active members of an organisation,
    within the requirement's own organisation if it has one, and either everyone or
    anyone matching one of its organisations, teams, roles or registration bodies.
    A requirement with no learning left (its pages were all deleted) applies to nobody:
    nobody could complete it. Reads the requirement's choices (four small queries, none
    when prefetched with AUDIENCE_PREFETCH); the Q holds only ids."""
    users = get_user_model()
    if not requirement.pages.all():
        return Q(pk__in=[])
    scope = Q(is_active=True, profile__organisation__isnull=False)
    if requirement.organisation_id:
        scope &= Q(profile__organisation_id=requirement.organisation_id)
    if requirement.everyone:
        return scope
    matches: list[Q] = []
    organisation_ids = [organisation.pk for organisation in requirement.organisations.all()]
    if organisation_ids:
        matches.append(Q(profile__organisation_id__in=organisation_ids))
    team_ids = [team.pk for team in requirement.teams.all()]
    if team_ids:
        matches.append(Q(profile__team_id__in=team_ids))
    role_ids = [role.pk for role in requirement.roles.all()]
    if role_ids:
        holds_role = users.groups.through.objects.filter(
            user_id=OuterRef("pk"), group_id__in=role_ids
        )
        matches.append(Q(Exists(holds_role)))
    if requirement.registration_bodies:
        matches.append(Q(profile__registration_body__in=list(requirement.registration_bodies)))
    if not matches:
        return Q(pk__in=[])
    return scope & reduce(or_, matches)


def requirements_for_person(
    user, *, requirements: QuerySet[Requirement] | None = None
) -> list[Requirement]:
    """The active requirements that apply to the person (one query per requirement to
    test the audience; a person has a handful)."""
    if requirements is None:
        requirements = Requirement.objects.filter(is_active=True)
    users = get_user_model().objects
    return [
        requirement
        for requirement in requirements.prefetch_related(*AUDIENCE_PREFETCH)
        if users.filter(audience_q(requirement), pk=user.pk).exists()
    ]


# ---------------------------------------------------------------------------
# The status, in SQL
# ---------------------------------------------------------------------------


def _all_pages_completed_since(page_ids: list[int], since: datetime | None, before: datetime) -> Q:
    """Every page has a completion by the person (OuterRef pk) on or after `since` and
    before `before` (the end of the day the status is computed for, so that a status
    for an earlier date ignores what was completed after it)."""
    if not page_ids:
        return Q(pk__in=[])
    clauses = []
    for page_id in page_ids:
        done = Completion.objects.filter(
            user_id=OuterRef("pk"), page_id=page_id, completed_at__lt=before
        )
        if since is not None:
            done = done.filter(completed_at__gte=since)
        clauses.append(Q(Exists(done)))
    return reduce(and_, clauses)


def _anchor_before(requirement: Requirement, day: date) -> Q:
    """The person's anchor date (see the module docstring) is before `day`."""
    if requirement.starts_on >= day:
        return Q(pk__in=[])
    before = Q(date_joined__lt=start_of_day(day))
    if requirement.due_from == DueFrom.ASSIGNED:
        assigned_since = RequirementAssignment.objects.filter(
            requirement_id=requirement.pk, user_id=OuterRef("pk"), assigned_on__gte=day
        )
        before &= ~Q(Exists(assigned_since))
    return before


def _due_before(requirement: Requirement, page_ids: list[int], day: date, today: date) -> Q:
    """The person's due date in the cycle `today` is in (when not complete) falls
    before `day`."""
    allowed = timedelta(days=requirement.due_days)
    latest_anchor = day - allowed
    condition = _anchor_before(requirement, latest_anchor)
    if requirement.refresh == RefreshRule.EVERY_MONTHS:
        # The last cycle's expiry (plus the days allowed) is before `day` unless every
        # page was completed on or after this date.
        still_counting = months_after(latest_anchor, -requirement.refresh_months)
        condition &= ~_all_pages_completed_since(
            page_ids, start_of_day(still_counting), start_of_day(today + timedelta(days=1))
        )
    elif requirement.refresh == RefreshRule.WINDOW:
        # Due no earlier than the end of this cycle's window.
        opened = _window_start_on_or_before(requirement, today)
        if _window_end_after(requirement, opened) >= day:
            return Q(pk__in=[])
    return condition


def status_annotations(requirement: Requirement, today: date, prefix: str = "rq") -> dict:
    """Annotations for a queryset of people: `<prefix>_status` (a Status value),
    `<prefix>_last` (the earliest of each page's latest completion: when the
    requirement was last completed in full, or None) and `<prefix>_exempt_until`.
    The requirement's pages must be prefetched or are read once here."""
    page_ids = [page.pk for page in requirement.pages.all()]
    since = cycle_start(requirement, today)
    before = start_of_day(today + timedelta(days=1))
    complete = _all_pages_completed_since(page_ids, start_of_day(since) if since else None, before)
    exemptions = Exemption.objects.filter(
        user_id=OuterRef("pk"), ends_on__gte=today, created_at__lt=before
    ).filter(Q(requirement__isnull=True) | Q(requirement_id=requirement.pk))
    last_each = [
        Subquery(
            Completion.objects.filter(
                user_id=OuterRef("pk"), page_id=page_id, completed_at__lt=before
            )
            .values("user_id")
            .annotate(last=Max("completed_at"))
            .values("last")[:1]
        )
        for page_id in page_ids
    ]
    if not last_each:
        last = Value(None, output_field=models.DateTimeField())
    elif len(last_each) == 1:
        last = last_each[0]
    else:
        last = Least(*last_each)
    exempt = Exists(exemptions)
    return {
        f"{prefix}_assigned_on": Subquery(
            RequirementAssignment.objects.filter(
                requirement_id=requirement.pk, user_id=OuterRef("pk")
            ).values("assigned_on")[:1],
            output_field=models.DateField(),
        ),
        f"{prefix}_exempt_until": Subquery(
            exemptions.order_by("-ends_on").values("ends_on")[:1],
            output_field=models.DateField(),
        ),
        f"{prefix}_last": last,
        f"{prefix}_status": Case(
            When(exempt, then=Value(Status.EXEMPT)),
            When(complete, then=Value(Status.COMPLETE)),
            When(_due_before(requirement, page_ids, today, today), then=Value(Status.OVERDUE)),
            When(
                _due_before(
                    requirement, page_ids, today + timedelta(days=DUE_SOON_DAYS + 1), today
                ),
                then=Value(Status.DUE),
            ),
            default=Value(Status.NOT_STARTED),
            output_field=CharField(),
        ),
    }


def expiring_soon(requirement: Requirement, today: date, prefix: str = "rq") -> dict:
    """`<prefix>_expiring`: complete now, but the cycle ends within DUE_SOON_DAYS, so a
    refresher is falling due (reminders include it)."""
    page_ids = [page.pk for page in requirement.pages.all()]
    soon = today + timedelta(days=DUE_SOON_DAYS)
    since = cycle_start(requirement, soon)
    if since is None or since == cycle_start(requirement, today):
        return {f"{prefix}_expiring": Value(False, output_field=BooleanField())}
    still_complete = _all_pages_completed_since(
        page_ids, start_of_day(since), start_of_day(today + timedelta(days=1))
    )
    return {f"{prefix}_expiring": ExpressionWrapper(~still_complete, output_field=BooleanField())}


def annotate_status(
    people: QuerySet, requirement: Requirement, *, today: date | None = None, prefix: str = "rq"
) -> QuerySet:
    """The people in the requirement's audience, each with its status annotations."""
    today = today or timezone.localdate()
    return people.filter(audience_q(requirement)).annotate(
        **status_annotations(requirement, today, prefix)
    )


# ---------------------------------------------------------------------------
# Counts across requirements, for tables of people
# ---------------------------------------------------------------------------

# The count annotation for each status, in order of urgency.
COUNTS = {
    Status.OVERDUE: "overdue_count",
    Status.DUE: "due_count",
    Status.NOT_STARTED: "not_started_count",
    Status.COMPLETE: "complete_count",
    Status.EXEMPT: "exempt_count",
}


def status_count_annotations(requirements: list[Requirement], today: date) -> tuple[dict, dict]:
    """For a queryset of people: aliases (each requirement's status, "" outside its
    audience) and, summed over them, the COUNTS annotations. Use as
    `people.alias(**aliases).annotate(**counts)`: one query whatever the number of
    people."""
    aliases = {}
    for requirement in requirements:
        prefix = f"r{requirement.pk}"
        status = status_annotations(requirement, today, prefix=prefix)[f"{prefix}_status"]
        aliases[f"{prefix}_status"] = Case(
            When(audience_q(requirement), then=status),
            default=Value(""),
            output_field=CharField(),
        )
    counts = {}
    for status, name in COUNTS.items():
        terms = [
            Case(When(**{alias: status}, then=Value(1)), default=Value(0)) for alias in aliases
        ]
        counts[name] = reduce(add, terms) if terms else Value(0)
    return aliases, counts


def status_summary(row) -> str:
    """A person's required learning in a few words ("2 overdue, 1 due", "All complete",
    "Exempt", "Nothing required"), from a row carrying the COUNTS annotations."""
    overdue, due, not_started, complete, exempt = (getattr(row, name) for name in COUNTS.values())
    outstanding = [
        f"{count} {label}"
        for count, label in ((overdue, "overdue"), (due, "due"), (not_started, "not started"))
        if count
    ]
    if outstanding:
        return ", ".join(outstanding)
    if complete and exempt:
        return f"All complete ({exempt} exempt)"
    if complete:
        return "All complete"
    if exempt:
        return "Exempt"
    return "Nothing required"


# ---------------------------------------------------------------------------
# Dates in words, for one person's row
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonStatus:
    """One person's standing against one requirement, ready to show."""

    requirement: Requirement
    status: str
    due_on: date | None = None
    complete_until: date | None = None
    exempt_until: date | None = None
    last_completed: datetime | None = None

    @property
    def label(self) -> str:
        return Status(self.status).label

    @property
    def is_outstanding(self) -> bool:
        return self.status in (Status.NOT_STARTED, Status.DUE, Status.OVERDUE)


def anchor_date(requirement: Requirement, person, assigned_on: date | None = None) -> date:
    """The day the person's time to complete the requirement counts from: the later of
    its start and their joining, or for "after being assigned" the day it was assigned
    to them if later (learning.required.assignments)."""
    anchor = max(requirement.starts_on, timezone.localtime(person.date_joined).date())
    if requirement.due_from == DueFrom.ASSIGNED and assigned_on:
        anchor = max(anchor, assigned_on)
    return anchor


def due_date(
    requirement: Requirement,
    person,
    last_completed: datetime | None,
    today: date,
    assigned_on: date | None = None,
) -> date:
    """When the person must next complete the requirement (they have not, this cycle)."""
    due = anchor_date(requirement, person, assigned_on) + timedelta(days=requirement.due_days)
    if requirement.refresh == RefreshRule.EVERY_MONTHS and last_completed is not None:
        expired = expiry_of(requirement, timezone.localtime(last_completed).date())
        due = max(due, expired + timedelta(days=1 + requirement.due_days))
    elif requirement.refresh == RefreshRule.WINDOW:
        opened = _window_start_on_or_before(requirement, today)
        due = max(due, _window_end_after(requirement, opened))
    return due


def person_status(
    requirement: Requirement, person, row, today: date, prefix: str = "rq"
) -> PersonStatus:
    """A PersonStatus from a row annotated by `annotate_status` (the person's own user
    row, or any object carrying the annotations)."""
    status = getattr(row, f"{prefix}_status")
    last = getattr(row, f"{prefix}_last")
    until = None
    due = None
    if status == Status.COMPLETE and last is not None:
        until = expiry_of(requirement, timezone.localtime(last).date())
    elif status in (Status.NOT_STARTED, Status.DUE, Status.OVERDUE):
        due = due_date(requirement, person, last, today, getattr(row, f"{prefix}_assigned_on"))
    return PersonStatus(
        requirement=requirement,
        status=status,
        due_on=due,
        complete_until=until,
        exempt_until=getattr(row, f"{prefix}_exempt_until"),
        last_completed=last,
    )


def statuses_for_person(user, *, today: date | None = None) -> list[PersonStatus]:
    """The person's status against every requirement that applies to them, outstanding
    first (overdue, then soonest due), then exempt and complete. Two queries (the
    requirements, then every status on the person's own row), remembered on the user
    object for the rest of the request."""
    today = today or timezone.localdate()
    cached = getattr(user, "_hub_required_statuses", None)
    if cached is not None and cached[0] == today:
        return cached[1]
    requirements = list(
        Requirement.objects.filter(is_active=True).prefetch_related(*AUDIENCE_PREFETCH)
    )
    annotations: dict = {}
    for requirement in requirements:
        prefix = f"r{requirement.pk}"
        annotations.update(status_annotations(requirement, today, prefix))
        annotations[f"{prefix}_applies"] = Case(
            When(audience_q(requirement), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    row = (
        get_user_model()
        .objects.select_related("profile")
        .filter(pk=user.pk)
        .annotate(**annotations)
        .first()
        if requirements and user.pk
        else None
    )
    results = [
        person_status(requirement, row, row, today, prefix=f"r{requirement.pk}")
        for requirement in requirements
        if row is not None and getattr(row, f"r{requirement.pk}_applies")
    ]
    order = {Status.OVERDUE: 0, Status.DUE: 1, Status.NOT_STARTED: 2, Status.EXEMPT: 3}
    results.sort(
        key=lambda item: (
            order.get(item.status, 4),
            item.due_on or date.max,
            item.requirement.title,
        )
    )
    user._hub_required_statuses = (today, results)
    return results


def required_page_ids(user, *, today: date | None = None) -> set[int]:
    """Pages the person is required to complete and has not completed this cycle, for
    marking required items in listings."""
    return {
        page.pk
        for item in statuses_for_person(user, today=today)
        if item.is_outstanding
        for page in item.requirement.pages.all()
    }


def page_due_again(
    *, user, page_id: int, last_completed: datetime, today: date | None = None
) -> bool:
    """Does a refresher cycle of a requirement the person has, for this page, start after
    their last completion of it (or start within DUE_SOON_DAYS, so they may refresh
    early)? Then completing it again records a new cycle."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    last_day = timezone.localtime(last_completed).date()
    requirements = Requirement.objects.filter(is_active=True, pages__pk=page_id).exclude(
        refresh=RefreshRule.NEVER
    )
    for requirement in requirements_for_person(user, requirements=requirements):
        if requirement.refresh == RefreshRule.EVERY_MONTHS:
            starts = cycle_start(requirement, soon)
        else:
            starts = cycle_start(requirement, today)
        if starts is not None and last_day < starts:
            return True
    return False
