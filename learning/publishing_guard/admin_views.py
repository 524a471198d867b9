"""Admin screens for the anonymisation guard: a page's findings (where an authorised
person records why they are safe) and the report of every recorded override."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
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

from learning.anonymisation import NOT_CHECKED
from learning.models import AnonymisationOverride
from learning.publishing_guard import admin_hooks, selectors, services
from learning.publishing_guard.editor_links import finding_edit_url
from learning.publishing_guard.override_forms import (
    CONFIRM,
    DECLINE,
    OverrideDecisionForm,
    OverrideReasonForm,
)


@dataclass
class FindingRow:
    """One finding as the findings screen shows it, with what the viewer may do."""

    number: int
    finding: services.FieldFinding
    edit_url: str
    override: AnonymisationOverride | None = None  # the confirmed or pending one
    form: OverrideReasonForm | None = None  # to propose an override
    may_decide: bool = False  # confirm or decline someone else's proposal
    may_withdraw: bool = False  # decline one's own proposal

    @property
    def status(self) -> str:
        if self.finding.strong:
            return "strong"
        if self.override is None:
            return "blocking"
        return "confirmed" if self.override.confirmed_at else "pending"


class FindingsView(WagtailAdminTemplateMixin, TemplateView):
    """What the guard found in the latest version of a page, one row per finding. Anyone
    who may edit the page sees it; people who may override the check can propose, for
    a finding that is not a strong identifier, why it is safe, and confirm or decline
    someone else's proposal (four eyes). Every form names the version it was read
    against, and is refused if the page has changed since."""

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
            # The screen never offers these forms to them: a plain refusal, not Wagtail's
            # redirect to the dashboard, which would read as if something had happened.
            return HttpResponseForbidden("You may not override the anonymisation check.")
        if request.POST.get("action") in (CONFIRM, DECLINE):
            return self._decide(OverrideDecisionForm(request.POST))
        return self._propose(OverrideReasonForm(request.POST))

    def _read_current_version(self, form) -> bool:
        if self.revision is None or form.cleaned_data["revision_id"] != self.revision.pk:
            form.add_error(
                None,
                "The page has been changed since you opened this screen. Check the findings "
                "below again.",
            )
            return False
        return True

    def _propose(self, form: OverrideReasonForm) -> HttpResponse:
        if form.is_valid() and self._read_current_version(form):
            try:
                services.propose_override(
                    self.page,
                    self.revision,
                    self.request.user,
                    form.cleaned_data["kind"],
                    form.cleaned_data["text"],
                    form.cleaned_data["reason"],
                    location=form.cleaned_data["location"] or None,
                )
            except ValidationError as error:
                form.add_error("reason", error)
            else:
                messages.success(
                    self.request,
                    "Your reason is recorded. It covers this detail once another person who "
                    "may override the anonymisation check confirms it.",
                )
                return redirect("anonymisation_findings", self.page.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def _decide(self, form: OverrideDecisionForm) -> HttpResponse:
        if form.is_valid() and self._read_current_version(form):
            override = AnonymisationOverride.objects.filter(
                pk=form.cleaned_data["override_id"], page_id=self.page.pk
            ).first()
            if override is None:
                form.add_error(None, "That override is not one of this page's.")
            else:
                confirming = form.cleaned_data["action"] == CONFIRM
                decide = services.confirm_override if confirming else services.decline_override
                try:
                    decide(override, self.request.user)
                except ValidationError as error:
                    form.add_error(None, error)
                except PermissionDenied as error:
                    # The proposer confirming their own proposal: say why, on the screen.
                    form.add_error(None, str(error))
                else:
                    messages.success(self.request, self._decided_message(override, confirming))
                    return redirect("anonymisation_findings", self.page.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def _decided_message(self, override: AnonymisationOverride, confirmed: bool) -> str:
        if not confirmed:
            return f"Declined: {override.kind_label} “{override.text}” still blocks publishing."
        if services.unresolved_findings(self.page, self.revision):
            return (
                f"Confirmed: {override.kind_label} “{override.text}” no longer blocks publishing."
            )
        return (
            f"Confirmed. Nothing blocks publishing “{self.page.get_admin_display_title()}” "
            "now: it can be published or approved."
        )

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

    def _rows(self, overrides: list[AnonymisationOverride], submitted) -> list[FindingRow]:
        content = self.revision.as_object() if self.revision else self.page
        current = {}  # (kind, text, location): the override that decides the finding now
        for override in reversed(overrides):  # oldest first, so the newest wins
            if override.confirmed_at or override.is_pending:
                current[(override.kind, override.text, override.location)] = override
        rows = []
        for number, finding in enumerate(services.scan_page(content), start=1):
            row = FindingRow(number, finding, finding_edit_url(self.page, finding))
            if not finding.strong:
                row.override = current.get(finding.key)
            if row.status == "pending" and self.may_override:
                mine = row.override.proposed_by_id == self.request.user.pk
                row.may_decide, row.may_withdraw = not mine, mine
            elif row.status == "blocking" and self.may_override and self.revision:
                row.form = self._reason_form(number, finding, submitted)
            rows.append(row)
        return rows

    def _reason_form(self, number: int, finding, submitted) -> OverrideReasonForm:
        auto_id = f"finding-{number}-%s"
        if (
            isinstance(submitted, OverrideReasonForm)
            and tuple(submitted.data.get(name) for name in ("kind", "text", "location"))
            == finding.key
        ):
            submitted.auto_id = auto_id
            return submitted
        return OverrideReasonForm(
            auto_id=auto_id,
            initial={
                "kind": finding.key[0],
                "text": finding.text,
                "location": finding.key[2],
                "revision_id": self.revision.pk,
            },
        )

    def get_context_data(self, **kwargs) -> dict:
        form = kwargs.pop("form", None)
        overrides = list(selectors.overrides_for_page(self.page))
        rows = self._rows(overrides, form)
        return super().get_context_data(
            page=self.page,
            rows=rows,
            blocking=[row for row in rows if row.status != "confirmed"],
            may_override=self.may_override,
            revision_id=self.revision.pk if self.revision else None,
            # A refused submission, for the error summary (and for tests that read it).
            form=form,
            overrides=overrides,
            not_checked=NOT_CHECKED,
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
