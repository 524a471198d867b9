"""One person's statuses, with their dates, ready to show: the person's own list, the
"Required" tags on listings, and whether completing a page again starts a new cycle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from learning.models import RefreshRule, Requirement
from learning.required.status.annotations import status_annotations
from learning.required.status.audience import requirements_for_person
from learning.required.status.choices import DUE_SOON_DAYS, OUTSTANDING, Status
from learning.required.status.cycles import cycle_start, due_date, expiry_of

# Where statuses_for_person keeps its answer on the user object: the home page's next
# steps, the listings' tags and My learning all read it in one request.
_CACHE_ATTRIBUTE = "_hub_required_statuses"


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
        return self.status in OUTSTANDING


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
    elif status in OUTSTANDING:
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
    first (overdue, then soonest due), then exempt and complete. A fixed number of
    queries (the requirements that apply, from the person's facts read once, then the
    status of each on the person's own row), remembered on the user object for the rest
    of the request."""
    today = today or timezone.localdate()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] == today:
        return cached[1]
    # Status expressions cost far more to build than to run: only for those that apply.
    requirements = requirements_for_person(user)
    annotations: dict = {}
    for requirement in requirements:
        annotations.update(status_annotations(requirement, today, f"r{requirement.pk}"))
    row = (
        get_user_model()
        .objects.select_related("profile")
        .filter(pk=user.pk)
        .annotate(**annotations)
        .first()
        if requirements
        else None
    )
    results = [
        person_status(requirement, row, row, today, prefix=f"r{requirement.pk}")
        for requirement in requirements
        if row is not None
    ]
    order = {Status.OVERDUE: 0, Status.DUE: 1, Status.NOT_STARTED: 2, Status.EXEMPT: 3}
    results.sort(
        key=lambda item: (
            order.get(item.status, 4),
            item.due_on or date.max,
            item.requirement.title,
        )
    )
    setattr(user, _CACHE_ATTRIBUTE, (today, results))
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
