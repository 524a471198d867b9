"""The status in SQL: annotations for any queryset of people, so that a report can
count statuses per organisation and a list can filter on them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import reduce
from operator import and_

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
from django.db.models.lookups import IsNull
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
from learning.required.status.audience import audience_q
from learning.required.status.choices import DUE_SOON_DAYS, Status
from learning.required.status.cycles import (
    counted_until,
    cycle_start,
    window_end_after,
    window_start_on_or_before,
)


def _all_pages_completed_since(page_ids: list[int], since: datetime | None, before: datetime) -> Q:
    """Every page has a completion by the person (OuterRef pk) on or after `since` and
    before `before` (see counted_until)."""
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
    """The person's anchor date (cycles.anchor_date) is before `day`."""
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
    before `day`: cycles.due_date, as SQL."""
    allowed = timedelta(days=requirement.due_days)
    latest_anchor = day - allowed
    condition = _anchor_before(requirement, latest_anchor)
    if requirement.refresh == RefreshRule.EVERY_MONTHS:
        # The last cycle's expiry (plus the days allowed) is before `day` unless every
        # page was completed on or after this date.
        still_counting = months_after(latest_anchor, -requirement.refresh_months)
        condition &= ~_all_pages_completed_since(
            page_ids, start_of_day(still_counting), counted_until(today)
        )
    elif requirement.refresh == RefreshRule.WINDOW:
        # Due no earlier than the end of this cycle's window.
        opened = window_start_on_or_before(requirement, today)
        if window_end_after(requirement, opened) >= day:
            return Q(pk__in=[])
    return condition


def running_exemption_q(today: date) -> Q:
    """Exemption rows running on `today` (and recorded by then): from their requirement,
    or from all required learning where it is empty."""
    return Q(ends_on__gte=today, created_at__lt=counted_until(today))


def _exemptions(requirement: Requirement, today: date) -> QuerySet:
    """The person's (OuterRef pk) exemptions from the requirement running on `today`."""
    return Exemption.objects.filter(running_exemption_q(today), user_id=OuterRef("pk")).filter(
        Q(requirement__isnull=True) | Q(requirement_id=requirement.pk)
    )


def counting_window(requirement: Requirement, today: date) -> tuple[datetime | None, datetime]:
    """The completions that count towards the cycle `today` is in: on or after the first
    (None: any, for a one-off requirement) and before the second."""
    since = cycle_start(requirement, today)
    return (start_of_day(since) if since else None), counted_until(today)


def _complete(requirement: Requirement, page_ids: list[int], today: date) -> Q:
    """Every page completed in the cycle `today` is in."""
    return _all_pages_completed_since(page_ids, *counting_window(requirement, today))


def _status(requirement: Requirement, page_ids: list[int], today: date) -> Case:
    """The Status value as one SQL expression."""
    return Case(
        When(Exists(_exemptions(requirement, today)), then=Value(Status.EXEMPT)),
        When(_complete(requirement, page_ids, today), then=Value(Status.COMPLETE)),
        When(_due_before(requirement, page_ids, today, today), then=Value(Status.OVERDUE)),
        When(
            _due_before(requirement, page_ids, today + timedelta(days=DUE_SOON_DAYS + 1), today),
            then=Value(Status.DUE),
        ),
        default=Value(Status.NOT_STARTED),
        output_field=CharField(),
    )


def status_only(requirement: Requirement, today: date, prefix: str = "rq") -> dict:
    """`<prefix>_status` alone, for counting statuses: building and compiling the
    dates beside it (status_annotations) costs more than the query itself when a
    report counts many requirements over many months. Use with `.alias()`."""
    page_ids = [page.pk for page in requirement.pages.all()]
    return {f"{prefix}_status": _status(requirement, page_ids, today)}


def status_annotations(requirement: Requirement, today: date, prefix: str = "rq") -> dict:
    """Annotations for a queryset of people: `<prefix>_status` (a Status value),
    `<prefix>_last` (the earliest of each page's latest completion: when the
    requirement was last completed in full, or None) and `<prefix>_exempt_until`.
    The requirement's pages must be prefetched or are read once here."""
    page_ids = [page.pk for page in requirement.pages.all()]
    before = counted_until(today)
    exemptions = _exemptions(requirement, today)
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
        # PostgreSQL's LEAST skips NULLs (SQLite's returns NULL): a page never done must
        # leave the requirement never completed in full, on either database.
        last = Case(
            *(When(IsNull(each, True), then=Value(None)) for each in last_each),
            default=Least(*last_each),
            output_field=models.DateTimeField(),
        )
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
        f"{prefix}_status": _status(requirement, page_ids, today),
    }


def expiring_soon(requirement: Requirement, today: date, prefix: str = "rq") -> dict:
    """`<prefix>_expiring`: complete now, but the cycle ends within DUE_SOON_DAYS, so a
    refresher is falling due (reminders include it)."""
    page_ids = [page.pk for page in requirement.pages.all()]
    soon = today + timedelta(days=DUE_SOON_DAYS)
    since = cycle_start(requirement, soon)
    if since is None or since == cycle_start(requirement, today):
        return {f"{prefix}_expiring": Value(False, output_field=BooleanField())}
    still_complete = _all_pages_completed_since(page_ids, start_of_day(since), counted_until(today))
    return {f"{prefix}_expiring": ExpressionWrapper(~still_complete, output_field=BooleanField())}


def annotate_status(
    people: QuerySet, requirement: Requirement, *, today: date | None = None, prefix: str = "rq"
) -> QuerySet:
    """The people in the requirement's audience, each with its status annotations."""
    today = today or timezone.localdate()
    return people.filter(audience_q(requirement)).annotate(
        **status_annotations(requirement, today, prefix)
    )


def latest_completions(
    *, user_ids: list[int], page_ids: list[int], today: date
) -> dict[tuple[int, int], datetime]:
    """(person id, page id) -> the person's latest completion of the page by the end of
    `today` (the same completions the status counts), for lists that mark each page
    done or not (cycles.done_in_cycle). One query."""
    if not user_ids or not page_ids:
        return {}
    latest = (
        Completion.objects.filter(
            user_id__in=user_ids, page_id__in=page_ids, completed_at__lt=counted_until(today)
        )
        .values("user_id", "page_id")
        .annotate(last=Max("completed_at"))
    )
    return {(entry["user_id"], entry["page_id"]): entry["last"] for entry in latest}
