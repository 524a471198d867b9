"""Recounting a kept report in the background (learning.reports.snapshots)."""

from __future__ import annotations

from datetime import date

from django.http import QueryDict
from django_tasks import task


@task()
def recount_report(
    *, slug: str, organisation_id: int | None, names: bool, query: str, today: str
) -> bool:
    """Count the report again for the scope and filters (as a query string) it was kept
    for, replacing the kept one. Returns whether there was such a report."""
    from learning.permissions import ReportScope
    from learning.reports.filters import ReportFilterForm
    from learning.reports.registry import report_type
    from learning.reports.snapshots import recount

    report_kind = report_type(slug)
    if report_kind is None:
        return False
    scope = ReportScope(organisation_id=organisation_id, names=names)
    form = ReportFilterForm(QueryDict(query), scope=scope, fields=report_kind.filter_fields)
    recount(report_kind, scope=scope, filters=form.filters(), today=date.fromisoformat(today))
    return True
