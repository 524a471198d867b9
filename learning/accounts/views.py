"""Views for invitations, for closing the sign-in forms dependencies bring, and for
returning from MFA set-up."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from learning import permissions
from learning.accounts import membership
from learning.accounts.forms import InvitationForm
from learning.accounts.mfa import RETURN_PATH_SESSION_KEY, must_enrol_in_mfa
from learning.models import Invitation
from learning.roles import Role


def sign_in_through_allauth(request: HttpRequest, **route_kwargs) -> HttpResponse:
    """Takes the place of every sign-in view a dependency brings (Wagtail's admin and
    front-end sign-in, and its shared-password forms for pages and documents), which
    would bypass allauth and so its second-factor stage, rate limits and verification
    rules. Every request, GET or POST, is sent to allauth's sign-in; nothing posted is
    read.

    Wagtail also sends here a signed-in person whose role has no admin access
    (WAGTAILADMIN_LOGIN_URL): allauth's sign-in would send them straight back, round and
    round, so they are told plainly instead."""
    if request.user.is_authenticated:
        raise PermissionDenied("Signed in, without access to what asked for a sign-in.")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    query = urlencode({"next": next_url}) if next_url else ""
    return HttpResponseRedirect(reverse("account_login") + (f"?{query}" if query else ""))


@login_required
def continue_after_mfa(request: HttpRequest) -> HttpResponse:
    """Back to the page that sent the person to set up MFA (kept in their session),
    once they have; the home page if there was none or it points off this site."""
    if must_enrol_in_mfa(request.user):
        return redirect("mfa_activate_totp")
    return_path = request.session.pop(RETURN_PATH_SESSION_KEY, "")
    if not url_has_allowed_host_and_scheme(
        return_path, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return_path = ""
    return HttpResponseRedirect(return_path or "/")


INVITATION_AWAITING_MESSAGE = (
    "{email} is a personal address on a public email service, so this invitation needs a "
    "site administrator to confirm it before it is sent. It is listed below as awaiting "
    "confirmation."
)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_list_create(request: HttpRequest) -> HttpResponse:
    organisations = permissions.invitable_organisations(request.user)
    if not organisations.exists():
        raise Http404
    form = InvitationForm(
        request.POST or None,
        organisations=organisations,
        can_confirm=permissions.can_confirm_invitations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = membership.invitation_create(
                invited_by=request.user,
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                team=form.cleaned_data["team"],
                role=Role(form.cleaned_data["role"]),
                accept_url_base=request.build_absolute_uri("/"),
                personal_address_checked=form.cleaned_data.get("personal_address_checked", False),
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            return _invited(request, invitation)
    invitations = (
        Invitation.objects.filter(organisation__in=organisations)
        .select_related("organisation", "team", "invited_by")
        .order_by("-created_at")[:50]
    )
    return render(
        request,
        "learning/accounts/invitations.html",
        {
            "form": form,
            "is_lead": permissions.lead_organisation_id(request.user) is not None,
            "invitation_rows": [(invitation, invitation.status) for invitation in invitations],
        },
        status=400 if request.method == "POST" else 200,
    )


def _invited(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    if invitation.is_awaiting_confirmation:
        message = INVITATION_AWAITING_MESSAGE.format(email=invitation.email)
        messages.info(request, membership.confirmation_message(invitation, message))
    else:
        message = f"Invitation sent to {invitation.email}."
        messages.success(request, membership.confirmation_message(invitation, message))
    return redirect("invitation_list_create")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = membership.usable_invitation(token)
    if invitation is None:
        # Say why the link does not work, so the invitee knows whom to ask; a token
        # that matches nothing gets the general page.
        found = membership.invitation_for_token(token)
        return render(
            request,
            "learning/accounts/invitation_unusable.html",
            {
                "reason": found.status if found else "",
                "invitation": found,
            },
            status=404,
        )
    if request.user.is_authenticated:
        messages.info(request, "You are already signed in, so this invitation was not used.")
        return redirect("home")
    request.session[membership.INVITATION_SESSION_KEY] = invitation.token
    # The link reached the invitee's inbox, so that address needs no second check.
    get_adapter(request).stash_verified_email(request, invitation.email)
    return render(request, "learning/accounts/invitation_accept.html", {"invitation": invitation})
