"""The admin's side of invitations to personal addresses (learning.accounts.free_mail):
the box an administrator ticks when inviting one, the listing's "Confirm or decline"
button, the screen that confirms (and so sends) or declines an invitation an
organisation lead made, and the dashboard panel that lists those still waiting.

Who may decide is learning.permissions.can_confirm_invitations; what deciding does is
learning.accounts.membership. These views only connect the two.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import ListingButton

from learning import permissions
from learning.accounts import membership
from learning.accounts.forms import (
    PERSONAL_ADDRESS_CHECK_LABEL,
    personal_address_check_field,
    require_personal_address_check,
)
from learning.models import Invitation

INDEX_URL_NAME = "invitations:index"
REVIEW_URL_NAME = "invitations:review"
RESEND_URL_NAME = "invitations:resend"
WITHDRAW_URL_NAME = "invitations:withdraw"
# How many waiting invitations the dashboard panel lists before pointing to the listing.
PANEL_LIMIT = 5


class InvitationAdminForm(forms.ModelForm):
    """The admin's "Add invitation" form: an administrator inviting a personal address
    confirms it by ticking the box, so it is sent at once."""

    personal_address_checked = personal_address_check_field()

    def clean(self) -> dict:
        data = super().clean()
        require_personal_address_check(self)
        # The service refuses a second open invitation too; asking here first puts the
        # reason on the form (learning.accounts.membership.invitation_conflict).
        if data.get("email") and data.get("organisation") and data.get("role"):
            refusal, _replaced = membership.invitation_conflict(
                email=data["email"],
                organisation=data["organisation"],
                role=data["role"],
                team=data.get("team"),
            )
            if refusal:
                self.add_error("email", refusal)
        return data


def invitation_status_label(invitation: Invitation) -> str:
    """The listing's "Status" column, in the words the lead's pages use."""
    return STATUS_LABELS[invitation.status]


STATUS_LABELS = {
    "joined": "Joined",
    "awaiting": "Awaiting confirmation",
    "declined": "Declined",
    membership.WITHDRAWN: "Withdrawn",
    "waiting": "Sent",
    "expired": "Expired",
}


class InvitationIndexView(IndexView):
    """The invitations listing, with a button on each invitation awaiting confirmation
    for those who may confirm it."""

    def get_list_more_buttons(self, instance: Invitation) -> list:
        buttons = super().get_list_more_buttons(instance)
        if instance.is_awaiting_confirmation and permissions.can_confirm_invitations(
            self.request.user
        ):
            buttons.insert(
                0,
                ListingButton(
                    "Confirm or decline",
                    url=reverse(REVIEW_URL_NAME, args=[instance.pk]),
                    icon_name="tick",
                    attrs={"aria-label": f"Confirm or decline the invitation for {instance.email}"},
                    priority=5,
                ),
            )
        if membership.can_resend(instance):
            buttons.append(
                ListingButton(
                    "Resend",
                    url=reverse(RESEND_URL_NAME, args=[instance.pk]),
                    icon_name="mail",
                    attrs={"aria-label": f"Resend the invitation to {instance.email}"},
                    priority=6,
                )
            )
        if membership.can_withdraw(instance):
            buttons.append(
                ListingButton(
                    "Withdraw",
                    url=reverse(WITHDRAW_URL_NAME, args=[instance.pk]),
                    icon_name="cross",
                    attrs={"aria-label": f"Withdraw the invitation to {instance.email}"},
                    priority=7,
                )
            )
        return buttons


class InvitationActionView(WagtailAdminTemplateMixin, TemplateView):
    """Resend or withdraw one invitation: a page that says what will happen (GET), and
    its button (POST). Anyone who may not manage the invitation gets a 404."""

    template_name = "learning/admin/invitation_action.html"
    header_icon = "mail"
    action = ""  # "resend" or "withdraw", from as_view()

    def dispatch(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.invitation = get_object_or_404(
            permissions.invitations_manageable_by(request.user).select_related(
                "organisation", "team"
            ),
            pk=pk,
        )
        if self.action not in ("resend", "withdraw"):
            raise Http404
        return super().dispatch(request, pk)

    def _possible(self) -> bool:
        if self.action == "resend":
            return membership.can_resend(self.invitation)
        return membership.can_withdraw(self.invitation)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self._possible():
            return self._not_possible()
        return self.render_to_response(self.get_context_data())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self._possible():
            return self._not_possible()
        try:
            if self.action == "resend":
                membership.invitation_resend(
                    self.invitation,
                    accept_url_base=request.build_absolute_uri("/"),
                    resent_by=request.user,
                )
                messages.success(request, f"Invitation sent again to {self.invitation.email}.")
            else:
                membership.invitation_withdraw(self.invitation, withdrawn_by=request.user)
                messages.success(request, f"Invitation to {self.invitation.email} withdrawn.")
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect(INDEX_URL_NAME)

    def _not_possible(self) -> HttpResponse:
        messages.warning(
            self.request,
            membership.NOT_RESENDABLE_MESSAGE
            if self.action == "resend"
            else membership.NOT_WITHDRAWABLE_MESSAGE,
        )
        return redirect(INDEX_URL_NAME)

    def get_page_title(self) -> str:
        return "Resend invitation" if self.action == "resend" else "Withdraw invitation"

    def get_page_subtitle(self) -> str:
        return self.invitation.email

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": "Invitations"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(
            invitation=self.invitation,
            action=self.action,
            status=invitation_status_label(self.invitation),
            index_url=reverse(INDEX_URL_NAME),
            **kwargs,
        )


class ConfirmForm(forms.Form):
    personal_address_checked = forms.BooleanField(
        label=PERSONAL_ADDRESS_CHECK_LABEL,
        help_text=(
            "For example, with the organisation lead who made the invitation, or with the "
            "invitee's organisation."
        ),
        error_messages={
            "required": (
                "Tick the box to confirm you have checked the address belongs to the "
                "person being invited"
            )
        },
    )


class InvitationReviewView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm (which emails the invitation) or decline an invitation to a personal
    address. Both are POSTs from this page; anyone who may not decide gets a 404."""

    template_name = "learning/admin/invitation_review.html"
    page_title = "Confirm or decline invitation"
    header_icon = "mail"

    def dispatch(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not permissions.can_confirm_invitations(request.user):
            raise Http404
        self.invitation = get_object_or_404(
            Invitation.objects.select_related("organisation", "team", "invited_by"), pk=pk
        )
        return super().dispatch(request, pk)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.invitation.is_awaiting_confirmation:
            return self._already_decided()
        return self.render_to_response(self.get_context_data(form=ConfirmForm()))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.invitation.is_awaiting_confirmation:
            return self._already_decided()
        decision = request.POST.get("decision")
        form = ConfirmForm(request.POST if decision == "confirm" else None)
        try:
            if decision == "decline":
                membership.invitation_decline(self.invitation, declined_by=request.user)
                messages.success(
                    request, f"Invitation for {self.invitation.email} declined. It was not sent."
                )
                return redirect(INDEX_URL_NAME)
            if decision == "confirm" and form.is_valid():
                membership.invitation_confirm(
                    self.invitation,
                    confirmed_by=request.user,
                    accept_url_base=request.build_absolute_uri("/"),
                )
                messages.success(
                    request, f"Invitation confirmed and sent to {self.invitation.email}."
                )
                return redirect(INDEX_URL_NAME)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(INDEX_URL_NAME)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def _already_decided(self) -> HttpResponse:
        messages.warning(self.request, membership.NOT_AWAITING_MESSAGE)
        return redirect(INDEX_URL_NAME)

    def get_page_subtitle(self) -> str:
        return self.invitation.email

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": "Invitations"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(
            invitation=self.invitation, index_url=reverse(INDEX_URL_NAME), **kwargs
        )


class InvitationsAwaitingPanel(Component):
    """Dashboard panel: invitations to personal addresses waiting for an administrator,
    oldest first, each linking to where it is confirmed or declined."""

    name = "invitations_awaiting_confirmation"
    template_name = "learning/admin/invitations_awaiting_panel.html"
    order = 90  # near the top: an invitee is waiting on it

    def __init__(self, invitations: list[Invitation], total: int) -> None:
        self.invitations = invitations
        self.total = total

    def get_context_data(self, parent_context=None) -> dict:
        return {
            "heading": f"Invitations awaiting your confirmation ({self.total})",
            "invitations": self.invitations,
            "total": self.total,
            "listing_url": reverse(INDEX_URL_NAME) + "?confirmation=awaiting",
        }


def awaiting_panel_for(user) -> InvitationsAwaitingPanel | None:
    """The panel for someone who may decide, when something is waiting; else None."""
    waiting = permissions.invitations_awaiting_confirmation(user)
    invitations = list(
        waiting.select_related("organisation", "invited_by").order_by("created_at")[:PANEL_LIMIT]
    )
    if not invitations:
        return None
    total = len(invitations) if len(invitations) < PANEL_LIMIT else waiting.count()
    return InvitationsAwaitingPanel(invitations, total)
