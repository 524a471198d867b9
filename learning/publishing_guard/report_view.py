"""The report of every anonymisation override: each finding, the two people and when."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.views.reports import ReportView

from learning.models import AnonymisationOverride
from learning.publishing_guard import selectors, services


def _person(user) -> str:
    return str(user) if user is not None else ""


def _second_person(override: AnonymisationOverride) -> str:
    decided_by = override.confirmed_by if override.confirmed_at else override.declined_by
    if override.is_pending:
        return ""
    return _person(decided_by) or "(account removed)"


class OverridesReportView(ReportView):
    """Every override of the anonymisation check, one finding each: who proposed it and
    why, and who confirmed or declined it."""

    page_title = "Anonymisation overrides"
    header_icon = "warning"
    index_url_name = "anonymisation_overrides"
    index_results_url_name = "anonymisation_overrides_results"
    no_results_message = "Nobody has proposed overriding the anonymisation check."
    # Nine columns do not fit a narrow screen: static/css/admin-finding-highlight.css
    # lets the listing scroll sideways by itself instead of being cut off.
    table_classname = "listing hub-overrides-report"
    columns = [
        TitleColumn(
            "page",
            label="Page",
            accessor=lambda override: override.page.get_admin_display_title(),
            get_url=lambda override: reverse("anonymisation_findings", args=[override.page_id]),
        ),
        Column("finding_summary", label="Finding"),
        Column("reason", label="Reason"),
        UserColumn("proposed_by", label="Proposed by", blank_display_name="(account removed)"),
        DateColumn("created_at", label="Proposed"),
        Column("status", label="Status"),
        Column("second_person", label="Confirmed or declined by", accessor=_second_person),
        DateColumn(
            "decided_at",
            label="Decided",
            accessor=lambda override: override.confirmed_at or override.declined_at,
        ),
        DateColumn("revision_saved_at", label="Version saved"),
    ]
    list_export = [
        "page.title",
        "location",
        "kind_label",
        "text",
        "reason",
        "proposed_by",
        "created_at",
        "status",
        "confirmed_by",
        "confirmed_at",
        "declined_by",
        "declined_at",
        "revision_saved_at",
    ]
    export_headings = {
        "page.title": "Page",
        "location": "Where",
        "kind_label": "Kind",
        "text": "Text found",
        "reason": "Reason",
        "proposed_by": "Proposed by",
        "created_at": "Proposed",
        "status": "Status",
        "confirmed_by": "Confirmed by",
        "confirmed_at": "Confirmed",
        "declined_by": "Declined by",
        "declined_at": "Declined",
        "revision_saved_at": "Version saved",
    }

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not services.can_override(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.overrides_for_report()

    def get_filename(self) -> str:
        return f"anonymisation-overrides-{datetime.date.today():%Y-%m-%d}"
