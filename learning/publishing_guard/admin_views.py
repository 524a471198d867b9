"""Admin screens for the anonymisation guard: a page's findings (where an authorised
person records why they are safe) and the report of every recorded override."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.workflow import WorkflowAction
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from learning.publishing_guard import admin_hooks, selectors, services
from learning.publishing_guard.forms import OverrideReasonForm


class FindingsView(WagtailAdminTemplateMixin, TemplateView):
    """What the guard found in the latest version of a page. Anyone who may edit the
    page sees it; people who may override the check also get the form to say why the
    remaining findings are safe, recorded against that version."""

    template_name = "learning/anonymisation/findings.html"
    page_title = "Anonymisation check"
    header_icon = "warning"

    def dispatch(self, request: HttpRequest, page_id: int) -> HttpResponse:
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not services.is_guarded(self.page):
            raise Http404("This page type is not checked for identifiers.")
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.revision = self.page.get_latest_revision()
        self.may_override = services.can_override(request.user)
        return super().dispatch(request, page_id)

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        if not self.may_override:
            raise PermissionDenied
        form = OverrideReasonForm(request.POST)
        if form.is_valid():
            if self.revision is None or form.cleaned_data["revision_id"] != self.revision.pk:
                form.add_error(
                    None,
                    "The page has been changed since you opened this screen. Check the "
                    "findings below again, then give your reason.",
                )
            else:
                try:
                    services.record_override(
                        page=self.page,
                        revision=self.revision,
                        user=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                except ValidationError as error:
                    form.add_error("reason", error)
                else:
                    messages.success(
                        request,
                        f"Your reason is recorded. “{self.page.get_admin_display_title()}” "
                        "can now be published or approved.",
                    )
                    return redirect("wagtailadmin_pages:edit", self.page.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_page_subtitle(self) -> str:
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs) -> dict:
        content = self.revision.as_object() if self.revision else self.page
        findings = services.scan_page(content)
        covered = services.covered_keys(self.page)
        unresolved = [finding for finding in findings if finding.key not in covered]
        form = kwargs.pop("form", None)
        if form is None and self.may_override and unresolved:
            form = OverrideReasonForm(initial={"revision_id": self.revision.pk})
        return super().get_context_data(
            page=self.page,
            findings=[(finding, finding.key in covered) for finding in findings],
            unresolved=unresolved,
            may_override=self.may_override,
            form=form if unresolved else None,
            overrides=selectors.overrides_for_page(self.page),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            **kwargs,
        )


class GuardedWorkflowAction(WorkflowAction):
    """Wagtail's workflow action view (approve, request changes), for pages.

    Approving the last task publishes, and the page model refuses to publish while
    possible identifiers remain. The edit page hides "Approve" then, but the dashboard's
    "Awaiting your review" panel offers it from the task alone, and Wagtail's admin turns
    any refusal into its generic "you do not have permission" redirect to the dashboard.
    This view catches only that refusal and says what happened. It sits in front of
    Wagtail's own URL (learning.publishing_guard.urls) because neither a hook nor a
    middleware can reach it: Wagtail's admin decorator handles the PermissionDenied
    before any middleware sees it, and a task type that hid the action would need its
    own model and migration. The approval ran in a transaction, so nothing was approved
    or published and the page stays in review."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except services.AnonymisationError as refusal:
            edit_url = admin_hooks.approval_refused(request, self.object, refusal.findings)
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                # The "Approve with comment" dialog follows the redirect it is given.
                return self.render_modal_json(request, {"step": "success", "redirect": edit_url})
            return redirect(edit_url)


guarded_workflow_action = never_cache(require_admin_access(GuardedWorkflowAction.as_view()))


class OverridesReportView(ReportView):
    """Every time someone published despite possible identifiers, and why."""

    page_title = "Anonymisation overrides"
    header_icon = "warning"
    index_url_name = "anonymisation_overrides"
    index_results_url_name = "anonymisation_overrides_results"
    no_results_message = "Nobody has overridden the anonymisation check."
    columns = [
        TitleColumn(
            "page",
            label="Page",
            accessor=lambda override: override.page.get_admin_display_title(),
            get_url=lambda override: reverse("wagtailadmin_pages:edit", args=[override.page_id]),
        ),
        UserColumn("user", label="Recorded by", blank_display_name="(account removed)"),
        DateColumn("created_at", label="When"),
        Column("reason", label="Reason"),
        Column("findings_summary", label="Findings it covers"),
        DateColumn("revision_saved_at", label="Version saved"),
    ]
    list_export = [
        "page.title",
        "user",
        "created_at",
        "reason",
        "findings_summary",
        "revision_saved_at",
    ]
    export_headings = {
        "page.title": "Page",
        "user": "Recorded by",
        "created_at": "When",
        "reason": "Reason",
        "findings_summary": "Findings it covers",
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
