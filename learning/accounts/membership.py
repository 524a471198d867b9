"""Who may join and how: by invitation, or by signing up with an address on a domain
that a partner organisation has registered.

Addresses on public email services (learning.accounts.free_mail) never join by domain,
and an invitation to one is sent only once a site administrator has confirmed it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from learning import permissions
from learning.accounts import free_mail
from learning.models import (
    Invitation,
    InvitationConfirmation,
    Organisation,
    Profile,
    Team,
    User,
)
from learning.models.organisations import INVITATION_LIFETIME
from learning.roles import Role
from learning.tasks import send_notification_email

INVITATION_SESSION_KEY = "hub_invitation_token"

NOT_AWAITING_MESSAGE = "This invitation is no longer waiting for confirmation."


def email_domain(email: str) -> str:
    return free_mail.email_domain(email)


def organisation_for_email(email: str) -> Organisation | None:
    """The organisation that registered this address's domain, if any. A public email
    service never matches, even if an older row registered one before that was refused."""
    domain = email_domain(email)
    if not domain or free_mail.is_free_mail_domain(domain):
        return None
    return Organisation.objects.filter(domains__domain=domain).first()


def usable_invitation(token: str | None) -> Invitation | None:
    """The invitation behind a token, if it is unused, unexpired and (when it needed
    one) confirmed by an administrator."""
    if not token:
        return None
    invitation = (
        Invitation.objects.select_related("organisation", "team").filter(token=token).first()
    )
    return invitation if invitation and invitation.is_usable else None


def invitation_create(
    *,
    invited_by: User,
    email: str,
    organisation: Organisation,
    team: Team | None = None,
    role: Role = Role.PRACTITIONER,
    accept_url_base: str,
    personal_address_checked: bool = False,
) -> Invitation:
    """Create an invitation and email its link. `accept_url_base` is the scheme and host
    the link should use (taken from the request that made it).

    An address on a public email service is emailed only when someone who may confirm
    such invitations made it and says they checked the address
    (`personal_address_checked`); otherwise it is kept, unsent, until an administrator
    confirms it (invitation_confirm)."""
    email = email.strip().lower()
    confirmation, decided_by, decided_at = InvitationConfirmation.NOT_NEEDED, None, None
    if free_mail.is_free_mail_address(email):
        if personal_address_checked and permissions.can_confirm_invitations(invited_by):
            confirmation, decided_by, decided_at = (
                InvitationConfirmation.CONFIRMED,
                invited_by,
                timezone.now(),
            )
        else:
            confirmation = InvitationConfirmation.AWAITING
    invitation = Invitation.objects.create(
        email=email,
        organisation=organisation,
        team=team,
        role=role,
        invited_by=invited_by,
        confirmation=confirmation,
        decided_by=decided_by,
        decided_at=decided_at,
    )
    if invitation.is_usable:
        _send_invitation_email(invitation, accept_url_base)
    return invitation


def _send_invitation_email(invitation: Invitation, accept_url_base: str) -> None:
    link = accept_url_base.rstrip("/") + reverse(
        "invitation_accept", kwargs={"token": invitation.token}
    )
    inviter = invitation.invited_by or "A colleague"
    send_notification_email.enqueue(
        subject="You are invited to the Safeguarding Learning Hub",
        body=(
            f"{inviter} has invited you to join the Safeguarding Learning Hub "
            f"as a member of {invitation.organisation}.\n\n"
            f"Create your account here (the link works once, for 14 days):\n{link}\n"
        ),
        to=[invitation.email],
    )


def _decide(invitation: Invitation, *, by: User, outcome: str, **changes) -> None:
    """Record an administrator's decision on an invitation that is still awaiting one.
    The update is conditional, so two administrators acting at once cannot both
    succeed (and the invitee is not emailed twice)."""
    if not permissions.can_confirm_invitations(by):
        raise PermissionDenied
    fields = {"confirmation": outcome, "decided_by": by, "decided_at": timezone.now(), **changes}
    updated = Invitation.objects.filter(
        pk=invitation.pk, confirmation=InvitationConfirmation.AWAITING, accepted_at__isnull=True
    ).update(**fields)
    if not updated:
        raise ValidationError(NOT_AWAITING_MESSAGE, code="not_awaiting")
    for name, value in fields.items():
        setattr(invitation, name, value)


def invitation_confirm(
    invitation: Invitation, *, confirmed_by: User, accept_url_base: str
) -> Invitation:
    """An administrator vouches for an invitation to a personal address: it is emailed,
    exactly as any other invitation, and its link works for the full period from now."""
    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            "Someone with this email address already has an account, so this invitation "
            "is not needed: decline it.",
            code="has_account",
        )
    _decide(
        invitation,
        by=confirmed_by,
        outcome=InvitationConfirmation.CONFIRMED,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    _send_invitation_email(invitation, accept_url_base)
    return invitation


def invitation_decline(invitation: Invitation, *, declined_by: User) -> Invitation:
    """An administrator refuses an invitation to a personal address: it is never sent,
    and its link never works. The record stays, so the lead can see what happened."""
    _decide(invitation, by=declined_by, outcome=InvitationConfirmation.DECLINED)
    return invitation


@transaction.atomic
def member_join(
    *,
    user: User,
    organisation: Organisation | None,
    team: Team | None = None,
    role: Role = Role.PRACTITIONER,
    job_title: str = "",
    invitation: Invitation | None = None,
) -> Profile:
    """Give a new account its profile and role, and use up its invitation."""
    profile, _ = Profile.objects.update_or_create(
        user=user,
        defaults={"organisation": organisation, "team": team, "job_title": job_title},
    )
    user.groups.add(Group.objects.get(name=Role(role).value))
    if invitation is not None:
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return profile
