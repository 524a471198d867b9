"""Setting required learning (SAB managers for the partnership, organisation leads for
their own organisation) and exempting people from it (organisation leads only, for
their own people). Views parse input, ask learning.permissions, call one service or
selector and render. Someone who may not set required learning gets a 403; a
requirement or exemption they may not manage is a 404, as if it did not exist."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learning import permissions
from learning.audit.record_views import record_list_view
from learning.forms_ids import parse_id
from learning.http import personal_data
from learning.models import Organisation, Requirement
from learning.required import selectors, services
from learning.required.forms import ExemptionForm, RequirementForm


def _may_set_or_403(request: HttpRequest) -> None:
    if not permissions.can_set_requirements(request.user):
        raise PermissionDenied("You may not set required learning.")


def _managed_or_404(request: HttpRequest, pk: int) -> Requirement:
    _may_set_or_403(request)
    requirement = permissions.requirements_manageable_by(request.user).filter(pk=pk).first()
    if requirement is None:
        raise Http404("No such requirement")
    return requirement


def _owner_for_new(user) -> Organisation | None:
    """Whose a new requirement is: the partnership's for a SAB manager, the lead's own
    organisation for an organisation lead."""
    if permissions.sets_partnership_requirements(user):
        return None
    return Organisation.objects.get(pk=permissions.lead_organisation_id(user))


@require_GET
@personal_data
def requirement_list(request: HttpRequest) -> HttpResponse:
    _may_set_or_403(request)
    active, retired = selectors.requirements_for_list(request.user)
    for requirement in (*active, *retired):
        requirement.audience_lines = selectors.describe_audience(requirement)
        requirement.due_rule = selectors.describe_due(requirement)
    owner = _owner_for_new(request.user)
    return render(
        request,
        "learning/required/requirement_list.html",
        {
            "active": active,
            "retired": retired,
            "owner": owner,
            "can_exempt": permissions.lead_organisation_id(request.user) is not None,
        },
    )


def _requirement_form_page(
    request: HttpRequest, *, requirement: Requirement | None, owner: Organisation | None
) -> HttpResponse:
    instance = copy.copy(requirement) if requirement else Requirement(organisation=owner)
    initial = {} if requirement else {"starts_on": timezone.localdate(), "for_whom": ""}
    form = RequirementForm(
        request.POST if request.method == "POST" else None,
        instance=instance,
        organisation=owner,
        initial=initial,
    )
    if form.is_valid():
        try:
            if requirement is None:
                saved = services.requirement_create(
                    created_by=request.user, organisation=owner, **form.service_arguments()
                )
            else:
                # A copy: a refusal must not change the title this page shows.
                saved = services.requirement_update(
                    requirement=copy.copy(requirement),
                    changed_by=request.user,
                    **form.service_arguments(),
                )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            verb = "set" if requirement is None else "changed"
            messages.success(request, f"Required learning “{saved.title}” was {verb}.")
            return redirect("required:requirement_list")
    return render(
        request,
        "learning/required/requirement_form.html",
        {"form": form, "requirement": requirement, "owner": owner},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@personal_data
def requirement_create(request: HttpRequest) -> HttpResponse:
    _may_set_or_403(request)
    return _requirement_form_page(request, requirement=None, owner=_owner_for_new(request.user))


@require_http_methods(["GET", "POST"])
@personal_data
def requirement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = _managed_or_404(request, pk)
    if not requirement.is_active:
        messages.info(request, f"“{requirement.title}” is retired, so it cannot be changed.")
        return redirect("required:requirement_list")
    return _requirement_form_page(request, requirement=requirement, owner=requirement.organisation)


@require_http_methods(["GET", "POST"])
@personal_data
def requirement_retire(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = _managed_or_404(request, pk)
    if not requirement.is_active:
        messages.info(request, f"“{requirement.title}” is already retired.")
        return redirect("required:requirement_list")
    if request.method == "POST":
        services.requirement_retire(requirement=requirement, retired_by=request.user)
        messages.success(
            request, f"“{requirement.title}” was retired. It is no longer due from anyone."
        )
        return redirect("required:requirement_list")
    return render(
        request, "learning/required/requirement_retire.html", {"requirement": requirement}
    )


# ---------------------------------------------------------------------------
# Exemptions: organisation leads, for people in their own organisation
# ---------------------------------------------------------------------------


def _lead_or_403(request: HttpRequest) -> None:
    if permissions.lead_organisation_id(request.user) is None:
        raise PermissionDenied("Only an organisation lead exempts people.")


@require_GET
@personal_data
def exemption_list(request: HttpRequest) -> HttpResponse:
    _lead_or_403(request)
    exemptions = list(selectors.current_exemptions(request.user))
    record_list_view(request, (e.user_id for e in exemptions), "the exemptions list")
    return render(
        request,
        "learning/required/exemption_list.html",
        {"exemptions": exemptions},
    )


@require_http_methods(["GET", "POST"])
@personal_data
def exemption_create(request: HttpRequest) -> HttpResponse:
    _lead_or_403(request)
    initial = {}
    person_id = parse_id(request.GET.get("person"))
    if person_id is not None:
        initial["person"] = person_id
    form = ExemptionForm(
        request.POST if request.method == "POST" else None, viewer=request.user, initial=initial
    )
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            services.exemption_create(
                created_by=request.user,
                user=person,
                requirement=form.cleaned_data["requirement"],
                reason=form.cleaned_data["reason"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                f"{person} is exempt until {date_format(form.cleaned_data['ends_on'], 'j F Y')}.",
            )
            return redirect("required:exemption_list")
    return render(
        request,
        "learning/required/exemption_form.html",
        {"form": form, "has_people": form.fields["person"].queryset.exists()},
        status=400 if form.is_bound else 200,
    )


# Signed-out visitors are sent to sign in before anything else is said (this is a
# privileged address), then a GET is refused.
@personal_data
@require_POST
def exemption_end(request: HttpRequest, pk: int) -> HttpResponse:
    _lead_or_403(request)
    exemption = selectors.exemption_for_viewer(request.user, pk)
    if exemption is None or not permissions.can_exempt(request.user, exemption.user):
        raise Http404("No such exemption")
    services.exemption_end(exemption=exemption, ended_by=request.user)
    messages.success(request, f"The exemption for {exemption.user} has ended.")
    return redirect("required:exemption_list")
