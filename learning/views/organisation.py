"""The organisation lead's pages: their organisation's people (with exports) and bulk
invitations. Views parse input, ask learning.permissions, call one selector or service
and render; all are wrapped in `personal_data`, and the "organisation" URL namespace
needs the second factor (learning.accounts.mfa). Anyone else gets a 403: the page
exists, but not for them (SAB managers see partnership figures without names, in the
reports)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import dateformat, timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learning import permissions
from learning.accounts import membership
from learning.audit.downloads import describe_filters, record_download, record_people_in_download
from learning.audit.record_views import record_list_view
from learning.http import personal_data
from learning.listing import paginate
from learning.models import Invitation, Organisation
from learning.organisation import exports, invitations, selectors, services
from learning.organisation.forms import (
    BulkInvitationConfirmForm,
    BulkInvitationForm,
    PeopleFilterForm,
)

# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------


def _lead_organisation_or_403(request: HttpRequest) -> Organisation:
    organisation_id = permissions.lead_organisation_id(request.user)
    if organisation_id is None:
        raise PermissionDenied("Only an organisation lead sees their organisation's people.")
    return Organisation.objects.get(pk=organisation_id)


def _people(request: HttpRequest, organisation: Organisation, *, report_problems: bool):
    filters = PeopleFilterForm(request.GET or None, organisation_id=organisation.pk)
    if report_problems:
        for problem in filters.problems():
            messages.warning(request, f"{problem}, so that filter was not used.")
    people = selectors.people_table(
        people=permissions.organisation_people(request.user),
        organisation_id=organisation.pk,
        today=timezone.localdate(),
        filters=filters.filters(),
        sort=filters.chosen_sort(),
    )
    return filters, people


def _exemption_url() -> str:
    """Where a lead marks someone exempt, if the required learning pages are
    installed; without them the table simply offers no link."""
    for name in ("required:exemption_create", "required:exemption_add"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


def _sort_links(request: HttpRequest, current: str) -> dict[str, dict]:
    """For each sortable column: the URL that sorts by it (the other way round if it
    is the current sort) and its aria-sort value."""
    key, descending = selectors.parse_sort(current)
    links = {}
    for column in selectors.SORT_KEYS:
        query = request.GET.copy()
        query.pop("page", None)
        is_current = column == key
        query["sort"] = f"-{column}" if is_current and not descending else column
        links[column] = {
            "url": f"?{query.urlencode()}",
            "aria_sort": ("descending" if descending else "ascending") if is_current else "",
        }
    return links


@require_GET
@personal_data
def people(request: HttpRequest) -> HttpResponse:
    organisation = _lead_organisation_or_403(request)
    filters, people = _people(request, organisation, report_problems=True)
    page_obj = paginate(request, people, per_page=selectors.PER_PAGE)
    record_list_view(request, (person.pk for person in page_obj), "the people table")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "learning/organisation/people.html",
        {
            "organisation": organisation,
            "filter_form": filters,
            "page_obj": page_obj,
            "rows": [selectors.person_row(person) for person in page_obj],
            "headings": selectors.HEADINGS,
            "sort_links": _sort_links(request, filters.chosen_sort()),
            "query_without_page": query.urlencode(),
            "exemption_url": _exemption_url(),
            "can_invite": permissions.can_invite(request.user),
            "pending_invitations": selectors.pending_invitations(
                permissions.invitations_manageable_by(request.user).filter(
                    organisation=organisation
                )
            ),
        },
    )


def _export_name(organisation: Organisation) -> str:
    return f"{slugify(organisation.name) or 'organisation'}-people-{timezone.localdate():%Y-%m-%d}"


def _audit_export(
    request: HttpRequest,
    organisation: Organisation,
    filters: PeopleFilterForm,
    people,
    file_format: str,
) -> None:
    what = f"{organisation}'s people table"
    record_download(
        request,
        what=what,
        report="organisation-people",
        file_format=file_format,
        filters={**describe_filters(filters.filters()), "sort": filters.chosen_sort()},
    )
    record_people_in_download(
        request,
        people.order_by().values_list("pk", flat=True),
        what=what,
        file_format=file_format,
    )


@require_GET
@personal_data
def people_csv(request: HttpRequest) -> HttpResponse:
    organisation = _lead_organisation_or_403(request)
    filters, people = _people(request, organisation, report_problems=False)
    _audit_export(request, organisation, filters, people, "csv")
    return exports.csv_response(people, _export_name(organisation))


@require_GET
@personal_data
def people_xlsx(request: HttpRequest) -> HttpResponse:
    organisation = _lead_organisation_or_403(request)
    filters, people = _people(request, organisation, report_problems=False)
    _audit_export(request, organisation, filters, people, "xlsx")
    return exports.xlsx_response(people, _export_name(organisation))


# ---------------------------------------------------------------------------
# Bulk invitations
# ---------------------------------------------------------------------------


def _invitable_or_403(request: HttpRequest):
    organisations = permissions.invitable_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied("Only organisation leads and administrators invite people.")
    return organisations


def _plan(form, organisations) -> list[invitations.Planned]:
    return invitations.plan_invitations(
        entries=form.cleaned_data["entries"],
        organisation=form.cleaned_data["organisation"],
        organisations=organisations,
        team=form.cleaned_data.get("team"),
        role=form.cleaned_data["role"],
    )


def _counts(outcomes: list[str]) -> dict[str, int]:
    return {
        outcome: outcomes.count(outcome)
        for outcome in (invitations.INVITE, invitations.AWAIT, invitations.SKIP)
    }


@require_http_methods(["GET", "POST"])
@personal_data
def invite(request: HttpRequest) -> HttpResponse:
    """Step one (the list) and two (the preview) of a bulk invitation; the preview's
    button posts to `invite_confirm`."""
    organisations = _invitable_or_403(request)
    form = BulkInvitationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        organisations=organisations,
    )
    if form.is_valid():
        plan = _plan(form, organisations)
        confirm = BulkInvitationConfirmForm(
            initial={
                "organisation": form.cleaned_data["organisation"].pk,
                "team": form.cleaned_data["team"].pk if form.cleaned_data["team"] else "",
                "role": form.cleaned_data["role"],
                "entries": invitations.entries_to_carry(form.cleaned_data["entries"]),
            },
            organisations=organisations,
        )
        return render(
            request,
            "learning/organisation/invite_preview.html",
            {
                "plan_pairs": [(planned, planned.outcome) for planned in plan],
                "confirm_form": confirm,
                "organisation": form.cleaned_data["organisation"],
                "counts": _counts([planned.outcome for planned in plan]),
            },
        )
    return render(
        request,
        "learning/organisation/invite.html",
        {"form": form, "max_addresses": invitations.MAX_ADDRESSES},
        status=400 if form.is_bound else 200,
    )


@personal_data  # outermost: someone signed out is sent to sign in, whatever the method
@require_http_methods(["POST"])
def invite_confirm(request: HttpRequest) -> HttpResponse:
    """Step three: check the previewed list again (accounts and invitations may have
    appeared since) and send."""
    organisations = _invitable_or_403(request)
    confirm = BulkInvitationConfirmForm(request.POST, organisations=organisations)
    if not confirm.is_valid():
        # Only a tampered or truncated post gets here: start again, saying why.
        return render(
            request,
            "learning/organisation/invite.html",
            {
                "form": BulkInvitationForm(organisations=organisations),
                "max_addresses": invitations.MAX_ADDRESSES,
                "problems": [error for errors in confirm.errors.values() for error in errors],
            },
            status=400,
        )
    organisation = confirm.cleaned_data["organisation"]
    results = services.invitations_bulk_send(
        invited_by=request.user,
        organisation=organisation,
        plan=_plan(confirm, organisations),
        accept_url_base=request.build_absolute_uri("/"),
    )
    outcomes = [
        invitations.SKIP
        if result.invitation is None
        else invitations.AWAIT
        if result.awaiting
        else invitations.INVITE
        for result in results
    ]
    return render(
        request,
        "learning/organisation/invite_results.html",
        {
            "results_pairs": [
                (result.planned, outcome) for result, outcome in zip(results, outcomes, strict=True)
            ],
            "organisation": organisation,
            "counts": _counts(outcomes),
        },
    )


# ---------------------------------------------------------------------------
# One invitation: resend or withdraw (from the people page's pending invitations)
# ---------------------------------------------------------------------------


def _manageable_invitation_or_404(request: HttpRequest, pk: int) -> Invitation:
    # Another organisation's invitation is "not found", as if it did not exist.
    return get_object_or_404(
        permissions.invitations_manageable_by(request.user).select_related("organisation"),
        pk=pk,
    )


def _back_to_people() -> HttpResponse:
    return redirect(reverse("organisation:people") + "#invitations-heading")


@personal_data
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    """Sends the invitation again at once: nothing is lost by it (the new email's link
    replaces the old one), so it needs no confirmation page."""
    invitation = _manageable_invitation_or_404(request, pk)
    try:
        membership.invitation_resend(
            invitation, accept_url_base=request.build_absolute_uri("/"), resent_by=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        until = dateformat.format(timezone.localtime(invitation.expires_at), "j F Y")
        messages.success(
            request,
            f"Invitation sent again to {invitation.email}. The new link works until {until}; "
            "the link in any earlier email no longer works.",
        )
    return _back_to_people()


@personal_data
@require_http_methods(["GET", "POST"])
def invitation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (GET), then withdraws (POST): a withdrawn link cannot be restored."""
    invitation = _manageable_invitation_or_404(request, pk)
    if not membership.can_withdraw(invitation):
        messages.error(request, membership.NOT_WITHDRAWABLE_MESSAGE)
        return _back_to_people()
    if request.method == "POST":
        membership.invitation_withdraw(invitation, withdrawn_by=request.user)
        messages.success(
            request,
            f"Invitation to {invitation.email} withdrawn. Its link no longer works.",
        )
        return _back_to_people()
    return render(
        request, "learning/organisation/invitation_withdraw.html", {"invitation": invitation}
    )
