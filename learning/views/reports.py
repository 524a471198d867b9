"""Reports for SAB managers (the partnership, no names) and organisation leads (their
organisation). Views ask learning.permissions for the viewer's scope, parse the filter
bar, call the report's builder and render it, or export one of its tables."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from learning import permissions
from learning.audit.downloads import record_download, record_people_in_download
from learning.http import personal_data
from learning.listing import paginate
from learning.reports import snapshots
from learning.reports.exports import EXPORT_FORMATS, export_response
from learning.reports.filters import ReportFilterForm, ReportFilters
from learning.reports.registry import ReportType, report_type, report_types
from learning.reports.tables import PagedRows, ReportTable


def _scope_or_403(request: HttpRequest) -> permissions.ReportScope:
    scope = permissions.report_scope(request.user)
    if scope is None:
        raise PermissionDenied("Reports are for SAB managers and organisation leads.")
    return scope


def _managing_links(user) -> list[dict]:
    """What a lead or SAB manager manages beside the reports: a lead's people,
    invitations and exemptions, and required learning for whoever may set it."""
    links = []
    if permissions.lead_organisation_id(user) is not None:
        links += [
            {
                "title": "Your people",
                "url": reverse("organisation:people"),
                "description": "Everyone in your organisation, with their required learning "
                "and CPD this year; open anyone's record, or mark them exempt.",
            },
            {
                "title": "Invite people",
                "url": reverse("organisation:invite"),
                "description": "Invite colleagues from a pasted list or a CSV file.",
            },
            {
                "title": "Exemptions",
                "url": reverse("required:exemption_list"),
                "description": "People excused from required learning, for example during "
                "long-term leave, and until when.",
            },
        ]
    if permissions.can_set_requirements(user):
        links.append(
            {
                "title": "Required learning",
                "url": reverse("required:requirement_list"),
                "description": "Set the learning people must complete, by when, and how often "
                "it must be refreshed.",
            }
        )
    return links


def _extra_links(user) -> list[dict]:
    """The board pack, for everyone who sees reports, and the xAPI export for leads."""
    links = [
        {
            "title": "Board pack",
            "url": reverse("reports:board_pack"),
            "description": "Compliance, reach and feedback for one quarter, ready to print "
            "or download as a PDF for the board's learning and development subgroup.",
        }
    ]
    if permissions.xapi_scope(user) is not None:
        links.append(
            {
                "title": "Export learning records as xAPI",
                "url": reverse("reports:xapi"),
                "description": "Your organisation's completions and knowledge-check results "
                "for a date range, as xAPI statements for its learning record store or "
                "learning management system.",
            }
        )
    return links


@require_GET
@personal_data
def index(request: HttpRequest) -> HttpResponse:
    scope = _scope_or_403(request)
    return render(
        request,
        "learning/reports/index.html",
        {
            "scope": scope,
            "report_types": report_types(),
            "managing_links": _managing_links(request.user),
            "extra_links": _extra_links(request.user),
        },
    )


def _table_to_export(
    report_kind: ReportType,
    scope: permissions.ReportScope,
    filters: ReportFilters,
    today: date,
    table_slug: str | None,
) -> ReportTable:
    """The table an export asks for (the report's first when it names none): from the
    kept report the page showed, if it was kept (learning.reports.snapshots), else built
    alone where the report can build one table."""
    kept = snapshots.kept_report(report_kind, scope=scope, filters=filters, today=today)
    if kept is None and table_slug and report_kind.build_table is not None:
        table = report_kind.build_table(scope=scope, filters=filters, today=today, slug=table_slug)
    else:
        result = (
            kept[0]
            if kept is not None
            else report_kind.build(scope=scope, filters=filters, today=today)
        )
        try:
            table = result.table(table_slug or result.tables[0].slug)
        except KeyError:
            table = None
    if table is None:
        raise Http404("No such table")
    return table


@require_GET
@personal_data
def report(request: HttpRequest, slug: str) -> HttpResponse:
    """One report with its filter bar; `?export=csv|xlsx&table=<slug>` downloads one of
    its tables exactly as shown."""
    scope = _scope_or_403(request)
    report_kind = report_type(slug)
    if report_kind is None:
        raise Http404("No such report")
    form = ReportFilterForm(request.GET, scope=scope, fields=report_kind.filter_fields)
    filters = form.filters()
    today = timezone.localdate()
    export_format = request.GET.get("export")
    if export_format:
        if export_format not in EXPORT_FORMATS:
            raise Http404("No such export format")
        table = _table_to_export(report_kind, scope, filters, today, request.GET.get("table"))
        filename = f"{slug}-{table.slug}-{today.isoformat()}"
        record_download(
            request,
            what=f"the {report_kind.title} report's “{table.caption}” table",
            report=slug,
            file_format=export_format,
            filters=filters,
            extra={"table": table.slug},
        )
        if table.people_ids is not None:
            record_people_in_download(
                request,
                table.people_ids(),
                what=f"the {report_kind.title} report's “{table.caption}” table",
                file_format=export_format,
            )
        return export_response(table, filename, export_format)
    query = request.GET.copy()
    for name in ("export", "table"):
        query.pop(name, None)
    counted = snapshots.counted_report(
        report_kind, scope=scope, filters=filters, today=today, query=query.urlencode()
    )
    result = counted.report
    for table in result.tables:
        if isinstance(table.rows, PagedRows):
            table.page = paginate(
                request, table.rows, per_page=table.rows.per_page, parameter=table.rows.parameter
            )
            # Each pagination link adds its own page number to the rest of the query.
            query.pop(table.rows.parameter, None)
    return render(
        request,
        "learning/reports/report.html",
        {
            "scope": scope,
            "report_type": report_kind,
            "report": result,
            "form": form,
            "filters": filters,
            "problems": form.problems(),
            "query": query.urlencode(),
            "as_of": counted.as_of and timezone.localtime(counted.as_of),
            "today_iso": today.isoformat(),
            "recounted_every_minutes": round(snapshots.fresh_for().total_seconds() / 60),
        },
    )
