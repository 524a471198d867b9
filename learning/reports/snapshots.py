"""Reports that take a while to count, kept for a few minutes and shown "as of" when
they were counted.

Counting a partnership of tens of thousands of people over years of records takes
seconds (docs/benchmarks.md); nobody reading a board's figures needs them to the
second. So a report that took longer than `HUB_REPORT_SNAPSHOT_SECONDS` to build is kept
(in the shared cache, so every application instance serves the same one) for the same
viewer's scope, filters and day; the page says when it was counted. Once it is older
than `HUB_REPORT_SNAPSHOT_MINUTES` the next viewer still sees it at once, and a
background task counts it again. A report that builds quickly (a small board, one
organisation, any test) is never kept: it is always live.

Only reports whose rows are all finished can be kept; one that reads rows from the
database as it is shown (the people table) is built afresh each time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import pickle
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from learning.models import AuditEntry
from learning.permissions import ReportScope
from learning.privacy.erasure import ERASURE_ACTIONS
from learning.reports.filters import ReportFilters
from learning.reports.registry import ReportType
from learning.reports.tables import LazyRows, Report, RowPages

logger = logging.getLogger(__name__)

KEY_PREFIX = "hub:report-snapshot"
# Kept until the day it counts is over (its key names the day) at the longest.
TIMEOUT_SECONDS = 60 * 60 * 25


@dataclass(frozen=True)
class Counted:
    """A report, and when it was counted if that was not just now."""

    report: Report
    as_of: datetime | None = None


def slow_seconds() -> float:
    return settings.HUB_REPORT_SNAPSHOT_SECONDS


def fresh_for() -> timedelta:
    return timedelta(minutes=settings.HUB_REPORT_SNAPSHOT_MINUTES)


def _filters_key(filters: ReportFilters) -> list[tuple[str, object]]:
    return [
        (field.name, getattr(value, "pk", value))
        for field in dataclasses.fields(filters)
        if (value := getattr(filters, field.name)) not in (None, "")
    ]


def _latest_erasure() -> int:
    """The id of the newest erasure's audit entry (0 before any). Part of every key, so
    a report kept before someone was erased, which may hold their comments or their
    name, is never shown after it."""
    latest = AuditEntry.objects.filter(action__in=ERASURE_ACTIONS).aggregate(Max("id"))
    return latest["id__max"] or 0


def snapshot_key(slug: str, scope: ReportScope, filters: ReportFilters, today: date) -> str:
    identity = repr(
        (
            slug,
            scope.organisation_id,
            scope.names,
            _filters_key(filters),
            today.isoformat(),
            _latest_erasure(),
        )
    )
    return f"{KEY_PREFIX}:{hashlib.sha256(identity.encode()).hexdigest()}"


def keepable(report: Report) -> bool:
    """Are all its rows finished (not read from the database as they are shown)?"""
    return all(
        isinstance(table.rows, RowPages) or not isinstance(table.rows, LazyRows)
        for table in report.tables
    )


def _keep(key: str, report: Report) -> None:
    try:
        frozen = pickle.dumps((report, timezone.now()), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError):
        logger.warning("Report %s could not be kept; it will be counted each time.", report.slug)
        return
    cache.set(key, frozen, TIMEOUT_SECONDS)


def _kept(key: str) -> tuple[Report, datetime] | None:
    frozen = cache.get(key)
    if frozen is None:
        return None
    return pickle.loads(frozen)  # noqa: S301 - written by _keep, in our own cache


def build_and_keep(
    report_kind: ReportType,
    *,
    scope: ReportScope,
    filters: ReportFilters,
    today: date,
    always: bool = False,
) -> Report:
    """Build the report now; keep it if it took long enough to be worth keeping (or
    `always`)."""
    started = time.perf_counter()
    report = report_kind.build(scope=scope, filters=filters, today=today)
    slow = time.perf_counter() - started >= slow_seconds()
    if (slow or always) and keepable(report):
        _keep(snapshot_key(report_kind.slug, scope, filters, today), report)
    return report


def counted_report(
    report_kind: ReportType,
    *,
    scope: ReportScope,
    filters: ReportFilters,
    today: date,
    query: str,
) -> Counted:
    """The report for this scope, filters and day: as kept, if it was (with when it was
    counted, and a recount queued once that is more than a few minutes ago), else built
    now. `query` is the request's filter query string, from which the recount rebuilds
    the filters."""
    key = snapshot_key(report_kind.slug, scope, filters, today)
    kept = _kept(key)
    if kept is None:
        return Counted(build_and_keep(report_kind, scope=scope, filters=filters, today=today))
    report, as_of = kept
    # Claimed, so that one recount is queued however many viewers find it old.
    if timezone.now() - as_of > fresh_for() and cache.add(_recounting(key), 1, 300):
        _queue_recount(report_kind.slug, scope, query, today)
    return Counted(report, as_of)


def recount(
    report_kind: ReportType, *, scope: ReportScope, filters: ReportFilters, today: date
) -> None:
    """Count a kept report again and keep the new count (however quickly it counts now:
    the one it replaces was slow), then let the next old one be claimed."""
    try:
        build_and_keep(report_kind, scope=scope, filters=filters, today=today, always=True)
    finally:
        cache.delete(_recounting(snapshot_key(report_kind.slug, scope, filters, today)))


def _recounting(key: str) -> str:
    return f"{key}:recounting"


def kept_report(
    report_kind: ReportType, *, scope: ReportScope, filters: ReportFilters, today: date
) -> tuple[Report, datetime] | None:
    """The kept report and when it was counted, if there is one (for an export, which
    must match the page it was downloaded from)."""
    return _kept(snapshot_key(report_kind.slug, scope, filters, today))


def _queue_recount(slug: str, scope: ReportScope, query: str, today: date) -> None:
    # Imported here: the task module imports the reports.
    from learning.reports.tasks import recount_report

    recount_report.enqueue(
        slug=slug,
        organisation_id=scope.organisation_id,
        names=scope.names,
        query=query,
        today=today.isoformat(),
    )
