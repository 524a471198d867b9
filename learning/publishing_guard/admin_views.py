"""Admin screens for the anonymisation guard: a page's findings (where people with the
override permission propose and confirm that a detail is safe) and the workflow action
that says why an approval was refused. The overrides report is in report_view.py."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.workflow import WorkflowAction
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
from learning.text_counts import counted


@dataclass
class FindingRow:
    """One finding as the findings screen shows it, with what the viewer may do."""

    number: int
    finding: services.FieldFinding
    edit_url: str
    override: AnonymisationOverride | None = None  # the confirmed or pending one
    form: OverrideReasonForm | None = None  # to propose an override
    decision_form: OverrideDecisionForm | None = None  # to confirm or decline one
    may_decide: bool = False  # confirm or decline someone else's proposal
    may_withdraw: bool = False  # decline one's own proposal
    declined: AnonymisationOverride | None = None  # the last proposal, when turned down

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
    # The findings screen's address, with the finding to return to after a form.
    _ANCHOR = "{url}#finding-{number}"
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
                    f"Your reason for “{form.cleaned_data['text']}” is recorded. It covers "
                    "this detail once another person who may override the anonymisation "
                    "check confirms it.",
                )
                data = form.cleaned_data
                return self._back_to(data["kind"], data["text"], data["location"])
        return self.render_to_response(self.get_context_data(form=form))

    def _back_to(self, kind: str, text: str, location: str | None) -> HttpResponse:
        """Back to the screen, at the finding just acted on, so nobody loses their place."""
        url = reverse("anonymisation_findings", args=[self.page.pk])
        content = self.revision.as_object() if self.revision else self.page
        findings = _strong_first(services.scan_page(content))
        number = next(
            (
                number
                for number, finding in enumerate(findings, start=1)
                if finding.key[:2] == (kind, text) and location in (None, "", finding.key[2])
            ),
            None,
        )
        return redirect(self._ANCHOR.format(url=url, number=number) if number else url)

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
                    return self._back_to(override.kind, override.text, override.location)
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
            # This screen: not a link to itself.
            {"label": self.page_title},
        ]

    def _rows(self, overrides: list[AnonymisationOverride], submitted) -> list[FindingRow]:
        content = self.revision.as_object() if self.revision else self.page
        current = {}  # (kind, text, location): the override that decides the finding now
        latest = {}  # (kind, text, location): the newest override of any status
        for override in reversed(overrides):  # oldest first, so the newest wins
            key = (override.kind, override.text, override.location)
            latest[key] = override
            if override.confirmed_at or override.is_pending:
                current[key] = override
        rows = []
        findings = _strong_first(services.scan_page(content))
        for number, finding in enumerate(findings, start=1):
            row = FindingRow(number, finding, finding_edit_url(self.page, finding))
            if not finding.strong:
                row.override = current.get(finding.key)
            if row.status == "pending" and self.may_override:
                mine = row.override.proposed_by_id == self.request.user.pk
                row.may_decide, row.may_withdraw = not mine, mine
                row.decision_form = self._decision_form(number, row.override, submitted)
            elif row.status == "blocking":
                last = latest.get(finding.key)
                row.declined = last if last is not None and last.declined_at else None
                if self.may_override and self.revision:
                    row.form = self._reason_form(number, finding, submitted)
            rows.append(row)
        return rows

    def _decision_form(self, number: int, override, submitted) -> OverrideDecisionForm:
        auto_id = f"finding-{number}-%s"
        if isinstance(submitted, OverrideDecisionForm) and submitted.data.get("override_id") == str(
            override.pk
        ):
            form = submitted
        else:
            form = OverrideDecisionForm(
                initial={"override_id": override.pk, "revision_id": self.revision.pk}
            )
        form.show_as(auto_id)
        return form

    def _reason_form(self, number: int, finding, submitted) -> OverrideReasonForm:
        auto_id = f"finding-{number}-%s"
        if (
            isinstance(submitted, OverrideReasonForm)
            and tuple(submitted.data.get(name) for name in ("kind", "text", "location"))
            == finding.key
        ):
            submitted.show_as(auto_id)
            return submitted
        form = OverrideReasonForm(
            initial={
                "kind": finding.key[0],
                "text": finding.text,
                "location": finding.key[2],
                "revision_id": self.revision.pk,
            },
        )
        form.show_as(auto_id)
        return form

    def get_context_data(self, **kwargs) -> dict:
        form = kwargs.pop("form", None)
        overrides = list(selectors.overrides_for_page(self.page))
        rows = self._rows(overrides, form)
        return super().get_context_data(
            page=self.page,
            rows=rows,
            blocking=[row for row in rows if row.status != "confirmed"],
            summary=_summary(rows),
            offers_forms=any(row.form for row in rows),
            may_override=self.may_override,
            revision_id=self.revision.pk if self.revision else None,
            # A refused submission, for the error summary (and for tests that read it).
            form=form,
            overrides=overrides,
            not_checked=NOT_CHECKED,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            **kwargs,
        )


def _summary(rows: list[FindingRow]) -> str:
    """One sentence saying how many findings there are and what each group needs, so
    the list below does not have to be read through to know how far there is to go."""
    strong = sum(row.status == "strong" for row in rows)
    open_ = sum(row.status in ("blocking", "pending") for row in rows)
    agreed = len(rows) - strong - open_
    parts = []
    if strong:
        parts.append(
            f"{strong} must be changed (it identifies someone on its own, so it can never be "
            "published)"
            if strong == 1
            else f"{strong} must be changed (each identifies someone on its own, so none can "
            "ever be published)"
        )
    if open_:
        parts.append(
            f"{open_} must be changed or agreed as safe by two people who may override the "
            "anonymisation check"
        )
    if agreed:
        parts.append(f"{agreed} {'has' if agreed == 1 else 'have'} been agreed as safe")
    found = counted(len(rows), "possible identifier", "possible identifiers")
    return f"{found}: {'; '.join(parts)}."


def _strong_first(findings: list[services.FieldFinding]) -> list[services.FieldFinding]:
    """Strong identifiers first (they must change whatever anyone decides), each group
    in the page's order."""
    return sorted(findings, key=lambda finding: not finding.strong)


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
