"""Who may join and how: by invitation, or by signing up with an address on a domain
that a partner organisation has registered."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from learning.models import Invitation, Organisation, Profile, Team, User
from learning.roles import Role
from learning.tasks import send_notification_email

INVITATION_SESSION_KEY = "hub_invitation_token"


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""


def organisation_for_email(email: str) -> Organisation | None:
    """The organisation that registered this address's domain, if any."""
    domain = email_domain(email)
    if not domain:
        return None
    return Organisation.objects.filter(domains__domain=domain).first()


def usable_invitation(token: str | None) -> Invitation | None:
    """The invitation behind a token, if it is unused and unexpired."""
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
) -> Invitation:
    """Create an invitation and email its link. `accept_url_base` is the scheme and host
    the link should use (taken from the request that made it)."""
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        organisation=organisation,
        team=team,
        role=role,
        invited_by=invited_by,
    )
    link = accept_url_base.rstrip("/") + reverse(
        "invitation_accept", kwargs={"token": invitation.token}
    )
    send_notification_email.enqueue(
        subject="You are invited to the Safeguarding Learning Hub",
        body=(
            f"{invited_by} has invited you to join the Safeguarding Learning Hub "
            f"as a member of {organisation}.\n\n"
            f"Create your account here (the link works once, for 14 days):\n{link}\n"
        ),
        to=[invitation.email],
    )
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
