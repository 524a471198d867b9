"""The status rule applied in Python to a few people's records, read once.

Pages about one person or a handful (their own list, a supervisee's record, a
supervisor's team) need every requirement's status for each of them. Built as SQL
(annotations.py), each requirement's expression costs far more to build and compile
than to run; here three small queries read everything the rule looks at (each page's
latest completion, the exemptions running, the days requirements were assigned) and the
rule is applied in Python. Reports that count thousands of people keep the SQL.

`tests/learning/required/test_status.py` asks both for every status in its tables and
holds them to the same answer, as `applies_to` is held to `audience_q`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from learning.models import (
    DueFrom,
    Exemption,
    RefreshRule,
    Requirement,
    RequirementAssignment,
)
from learning.records.dates import months_after, start_of_day
from learning.required.status.annotations import (
    counting_window,
    latest_completions,
    running_exemption_q,
)
from learning.required.status.choices import DUE_SOON_DAYS, Status
from learning.required.status.cycles import window_end_after, window_start_on_or_before


@dataclass(frozen=True)
class StatusRecords:
    """What the status rule reads of some people on one day, read once."""

    today: date
    # (person id, page id) -> their latest completion of the page by the end of today.
    latest: dict[tuple[int, int], datetime]
    # person id -> (requirement id, or None for all required learning, ends on) of each
    # exemption running today.
    exemptions: dict[int, list[tuple[int | None, date]]]
    # (requirement id, person id) -> the day it was assigned to them.
    assigned: dict[tuple[int, int], date]


def read_status_records(
    user_ids: Iterable[int], requirements: Iterable[Requirement], today: date
) -> StatusRecords:
    """The records of these people that the status of these requirements (pages
    prefetched) depends on on `today`: three queries, whatever their number."""
    user_ids = list(user_ids)
    requirements = list(requirements)
    page_ids = sorted({page.pk for requirement in requirements for page in requirement.pages.all()})
    exemptions: dict[int, list[tuple[int | None, date]]] = defaultdict(list)
    assigned: dict[tuple[int, int], date] = {}
    if user_ids and requirements:
        for user_id, requirement_id, ends_on in Exemption.objects.filter(
            running_exemption_q(today), user_id__in=user_ids
        ).values_list("user_id", "requirement_id", "ends_on"):
            exemptions[user_id].append((requirement_id, ends_on))
        for requirement_id, user_id, assigned_on in RequirementAssignment.objects.filter(
            user_id__in=user_ids, requirement_id__in=[r.pk for r in requirements]
        ).values_list("requirement_id", "user_id", "assigned_on"):
            assigned[requirement_id, user_id] = assigned_on
    return StatusRecords(
        today=today,
        latest=latest_completions(user_ids=user_ids, page_ids=page_ids, today=today),
        exemptions=dict(exemptions),
        assigned=assigned,
    )


@dataclass(frozen=True)
class Standing:
    """What a status row carries (annotations.status_annotations), for one person."""

    status: str
    last: datetime | None
    assigned_on: date | None
    exempt_until: date | None


def standing_of(requirement: Requirement, person, records: StatusRecords) -> Standing:
    """The person's status against the requirement (which applies to them), with the
    values person_status needs, from their records."""
    today = records.today
    page_ids = [page.pk for page in requirement.pages.all()]
    latest = [records.latest.get((person.pk, page_id)) for page_id in page_ids]
    exempt_until = max(
        (
            ends_on
            for requirement_id, ends_on in records.exemptions.get(person.pk, ())
            if requirement_id is None or requirement_id == requirement.pk
        ),
        default=None,
    )
    assigned_on = records.assigned.get((requirement.pk, person.pk))
    if exempt_until is not None:
        status = Status.EXEMPT
    elif _all_done_since(latest, counting_window(requirement, today)[0]):
        status = Status.COMPLETE
    elif _due_before(requirement, person, latest, assigned_on, today, today):
        status = Status.OVERDUE
    elif _due_before(
        requirement, person, latest, assigned_on, today + timedelta(days=DUE_SOON_DAYS + 1), today
    ):
        status = Status.DUE
    else:
        status = Status.NOT_STARTED
    last = None if not latest or None in latest else min(latest)
    return Standing(status=status, last=last, assigned_on=assigned_on, exempt_until=exempt_until)


def _all_done_since(latest: list[datetime | None], since: datetime | None) -> bool:
    """Every page has a completion on or after `since` (None: ever)."""
    if not latest:
        return False
    return all(done is not None and (since is None or done >= since) for done in latest)


def _due_before(
    requirement: Requirement,
    person,
    latest: list[datetime | None],
    assigned_on: date | None,
    day: date,
    today: date,
) -> bool:
    """annotations._due_before for one person: their due date in the cycle `today` is
    in falls before `day`."""
    latest_anchor = day - timedelta(days=requirement.due_days)
    if requirement.starts_on >= latest_anchor:
        return False
    if person.date_joined >= start_of_day(latest_anchor):
        return False
    if requirement.due_from == DueFrom.ASSIGNED and assigned_on and assigned_on >= latest_anchor:
        return False
    if requirement.refresh == RefreshRule.EVERY_MONTHS:
        still_counting = months_after(latest_anchor, -requirement.refresh_months)
        return not _all_done_since(latest, start_of_day(still_counting))
    if requirement.refresh == RefreshRule.WINDOW:
        opened = window_start_on_or_before(requirement, today)
        return window_end_after(requirement, opened) < day
    return True
