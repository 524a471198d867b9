"""The reports there are, in the order the reports page lists them. Each report
module defines one `REPORT` (a ReportType); views and the board pack find them here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from learning.permissions import ReportScope
from learning.reports.filters import ReportFilters
from learning.reports.tables import Report, ReportTable

ALL_FILTERS = (
    "organisation",
    "team",
    "role",
    "registration_body",
    "principle",
    "abuse_type",
    "item",
    "since",
    "until",
)


@dataclass(frozen=True)
class ReportType:
    slug: str
    title: str
    description: str
    # build(*, scope, filters, today) -> Report
    build: Callable[..., Report]
    filter_fields: tuple[str, ...] = ALL_FILTERS
    # build_table(*, scope, filters, today, slug) -> ReportTable | None: one table,
    # exactly as `build` makes it, for an export, where building the whole report
    # would count far more than the table needs. Without it, an export builds it all.
    build_table: Callable[..., ReportTable | None] | None = None


def report_types() -> list[ReportType]:
    # Imported here so that each report module may import this one for ReportType.
    from learning.reports import compliance, engagement, feedback, knowledge_checks, reach

    return [
        compliance.REPORT,
        reach.REPORT,
        engagement.REPORT,
        feedback.REPORT,
        knowledge_checks.REPORT,
    ]


def report_type(slug: str) -> ReportType | None:
    return next((report for report in report_types() if report.slug == slug), None)


def build_report(
    slug: str, *, scope: ReportScope, filters: ReportFilters, today: date
) -> Report | None:
    report = report_type(slug)
    if report is None:
        return None
    return report.build(scope=scope, filters=filters, today=today)
