"""The editors' knowledge-check report in the Wagtail admin: every check with its
attempts and pass rate, and per check how many answered each question right."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from learning.permissions import can_view_content_reports
from quizzes import reporting
from quizzes.models import KnowledgeCheckPage


def _rate_text(value: int | None) -> str:
    return reporting.SUPPRESSED if value is None else f"{value}%"


def _attached_title(check: KnowledgeCheckPage) -> str:
    return check.checks_page.title if check.checks_page_id else "Stand-alone"


class _ReportAccessMixin:
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_view_content_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CheckReportView(_ReportAccessMixin, ReportView):
    page_title = "Knowledge checks"
    header_icon = "tasks"
    index_url_name = "quizzes_check_report"
    index_results_url_name = "quizzes_check_report_results"
    no_results_message = "There are no knowledge checks yet."
    columns = [
        TitleColumn(
            "title",
            label="Knowledge check",
            get_url=lambda check: reverse("quizzes_check_report_detail", args=[check.pk]),
        ),
        Column("checks_page", label="Checks", accessor=_attached_title),
        Column("attempt_count", label="Attempts"),
        Column("learner_count", label="People"),
        Column("pass_rate_text", label="Pass rate"),
    ]
    list_export = ["title", "attached_title", "attempt_count", "learner_count", "pass_rate_text"]
    export_headings = {
        "title": "Knowledge check",
        "attached_title": "Checks",
        "attempt_count": "Attempts",
        "learner_count": "People",
        "pass_rate_text": "Pass rate",
    }

    def get_queryset(self):
        return reporting.checks_with_figures()

    def decorate_paginated_queryset(self, object_list):
        for check in object_list:
            check.pass_rate_text = _rate_text(reporting.pass_rate(check))
            check.attached_title = _attached_title(check)
        return object_list

    def get_filename(self) -> str:
        return f"knowledge-checks-{timezone.localdate():%Y-%m-%d}"


class CheckReportDetailView(_ReportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "quizzes/admin/check_report_detail.html"
    page_title = "Knowledge check"
    header_icon = "tasks"

    def get_page_subtitle(self) -> str:
        return self.check.title

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes_check_report"), "label": "Knowledge checks"},
            {"url": "", "label": self.check.title},
        ]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.check = get_object_or_404(reporting.checks_with_figures(), pk=pk)
        return super().get(request, pk=pk)

    def get_context_data(self, **kwargs) -> dict:
        rate = reporting.pass_rate(self.check)
        return super().get_context_data(
            check=self.check,
            pass_rate_text=_rate_text(rate),
            questions=reporting.question_figures(self.check),
            suppressed_text=reporting.SUPPRESSED,
            min_learners=reporting.MIN_LEARNERS,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.check.pk]),
            **kwargs,
        )


class CheckReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_view_content_reports(request.user)
