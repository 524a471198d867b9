"""One person's statuses, with their dates, ready to show: the person's own list, the
"Required" tags on listings, and whether completing a page again starts a new cycle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from learning.models import RefreshRule, Requirement
from learning.personal_cache.values import personal_value
from learning.required.status.audience import requirements_for_people, requirements_for_person
from learning.required.status.choices import DUE_SOON_DAYS, OUTSTANDING, Status
from learning.required.status.cycles import cycle_start, due_date, expiry_of
from learning.required.status.in_memory import Standing, read_status_records, standing_of

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
    standing = Standing(
        status=getattr(row, f"{prefix}_status"),
        last=getattr(row, f"{prefix}_last"),
        assigned_on=getattr(row, f"{prefix}_assigned_on"),
        exempt_until=getattr(row, f"{prefix}_exempt_until"),
    )
    return status_from_standing(requirement, person, standing, today)


def status_from_standing(
    requirement: Requirement, person, standing: Standing, today: date
) -> PersonStatus:
    """A PersonStatus with its dates, from a status and the values it rests on."""
    until = None
    due = None
    if standing.status == Status.COMPLETE and standing.last is not None:
        until = expiry_of(requirement, timezone.localtime(standing.last).date())
    elif standing.status in OUTSTANDING:
        due = due_date(requirement, person, standing.last, today, standing.assigned_on)
    return PersonStatus(
        requirement=requirement,
        status=standing.status,
        due_on=due,
        complete_until=until,
        exempt_until=standing.exempt_until,
        last_completed=standing.last,
    )


_ORDER = {Status.OVERDUE: 0, Status.DUE: 1, Status.NOT_STARTED: 2, Status.EXEMPT: 3}


def _most_urgent_first(results: list[PersonStatus]) -> list[PersonStatus]:
    return sorted(
        results,
        key=lambda item: (
            _ORDER.get(item.status, 4),
            item.due_on or date.max,
            item.requirement.title,
        ),
    )


def statuses_for_person(user, *, today: date | None = None) -> list[PersonStatus]:
    """The person's status against every requirement that applies to them, outstanding
    first (overdue, then soonest due), then exempt and complete. A fixed number of
    queries (the requirements that apply, from the person's facts read once, then the
    records the rule reads: in_memory.read_status_records) when today's are not cached
    for the person already; remembered on the user object for the rest of the request."""
    today = today or timezone.localdate()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] == today:
        return cached[1]

    def build() -> list[PersonStatus]:
        requirements = requirements_for_person(user)
        records = read_status_records([user.pk], requirements, today)
        return _most_urgent_first(
            [
                status_from_standing(
                    requirement, user, standing_of(requirement, user, records), today
                )
                for requirement in requirements
            ]
        )

    # Today's statuses are kept until the person's records, any requirement or the day
    # change (learning.personal_cache); another day's are worked out afresh.
    if today == timezone.localdate():
        results = personal_value("required:statuses", user, build)
    else:
        results = build()
    setattr(user, _CACHE_ATTRIBUTE, (today, results))
    return results


def statuses_for_people(people: list, *, today: date) -> dict[int, list[PersonStatus]]:
    """Person id -> their statuses, most urgent first, for a few people at once (a
    supervisor's team): the requirements that apply to each (requirements_for_people)
    and the rule applied to their records. A fixed number of queries, however many
    people and requirements."""
    applying = requirements_for_people([person.pk for person in people])
    requirements = {r.pk: r for found in applying.values() for r in found}.values()
    records = read_status_records([person.pk for person in people], requirements, today)
    return {
        person.pk: _most_urgent_first(
            [
                status_from_standing(
                    requirement, person, standing_of(requirement, person, records), today
                )
                for requirement in applying[person.pk]
            ]
        )
        for person in people
    }


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
