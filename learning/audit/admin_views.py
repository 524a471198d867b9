"""The administrator's audit log: every entry, newest first, filtered from the query
string, and the same entries as a CSV download. Read only: nothing here writes an
entry except the download, which records itself."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from learning.audit import exports
from learning.audit.downloads import describe_filters
from learning.audit.filters import AuditLogFilterForm
from learning.audit.selectors import audit_entries
from learning.audit.services import record
from learning.audit.summaries import ReadableSummaries
from learning.models import AuditAction
from learning.permissions import can_view_audit_log

PER_PAGE = 50
PAGE_PARAMETER = "p"  # as Wagtail's own listings and pagination_nav.html name it


def _filter_query(request: HttpRequest) -> str:
    """The query string without the page number: the same filters, from the top."""
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    return query.urlencode()


class _AuditLogAccessMixin:
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_view_audit_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AuditLogView(_AuditLogAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "learning/audit/audit_log.html"
    page_title = "Audit log"
    header_icon = "history"

    def get_breadcrumbs_items(self) -> list[dict]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs) -> dict:
        form = AuditLogFilterForm(self.request.GET)
        paginator = WagtailPaginator(audit_entries(form.filters()), PER_PAGE)
        page = paginator.get_page(self.request.GET.get(PAGE_PARAMETER))
        summaries = ReadableSummaries()
        summaries.preload(page.object_list)
        for entry in page.object_list:
            entry.shown_summary = summaries(entry)
        query = _filter_query(self.request)
        return super().get_context_data(
            form=form,
            problems=form.problems(),
            page_obj=page,
            entries=page.object_list,
            elided_page_range=paginator.get_elided_page_range(page.number),
            filtered=bool(form.selected()),
            index_url=reverse("audit_log"),
            export_url=reverse("audit_log_export") + (f"?{query}" if query else ""),
            **kwargs,
        )


class AuditLogExportView(_AuditLogAccessMixin, View):
    """The filtered entries as CSV. The download is itself an entry, written before
    the file streams, so a log taken away is always on the record."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = AuditLogFilterForm(request.GET)
        if form.problems():
            # Exporting with a filter dropped would hand over more than was asked for:
            # back to the log, which says what is wrong.
            query = _filter_query(request)
            return redirect(reverse("audit_log") + (f"?{query}" if query else ""))
        filters = form.filters()
        record(
            AuditAction.EXPORTED,
            summary="Downloaded the audit log as CSV",
            detail={
                "export": "audit_log",
                "filters": describe_filters(form.selected()),
            },
        )
        filename = f"audit-log-{timezone.localdate():%Y-%m-%d}"
        return exports.csv_response(audit_entries(filters), filename)
