"""Who may join and how: by invitation, or by signing up with an address on a domain
that a partner organisation has registered.

Addresses on public email services (learning.accounts.free_mail) never join by domain,
and an invitation to one is sent only once a site administrator has confirmed it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import dateformat, timezone
from wagtail.log_actions import log

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
    """The invitation behind a token, if it is unused, unexpired, not withdrawn and
    (when it needed one) confirmed by an administrator."""
    invitation = invitation_for_token(token)
    return invitation if invitation and invitation.is_usable else None


def invitation_for_token(token: str | None) -> Invitation | None:
    """The invitation behind a token, usable or not (to say why a link does not work)."""
    if not token:
        return None
    return (
        Invitation.objects.select_related("organisation", "team", "invited_by")
        .filter(token=token)
        .first()
    )


# Invitation.status's word for an invitation withdrawn before it was used.
WITHDRAWN = "withdrawn"


def open_invitations(email: str) -> QuerySet[Invitation]:
    """Invitations to this address that may still be used or sent: not accepted, not
    withdrawn, not declined and not expired (awaiting an administrator counts: it
    will be sent once confirmed)."""
    return Invitation.objects.filter(
        email=email.strip().lower(),
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exclude(confirmation=InvitationConfirmation.DECLINED)


def invitation_conflict(
    *, email: str, organisation: Organisation, role: str, team: Team | None
) -> tuple[str | None, list[Invitation]]:
    """Whether a new invitation to `email` may be made, given those still open.

    Returns (refusal, replaced): a message saying why not, or the open invitations the
    new one replaces. One address has at most one open invitation, so it can never
    join with a role nobody meant: the same organisation inviting again with another
    role or team replaces its invitation (a correction); inviting again with the same
    role and team is refused (resend the first instead); another organisation's open
    invitation is refused without naming that organisation."""
    still_open = list(open_invitations(email).select_related("organisation", "team"))
    if not still_open:
        return None, []
    if any(invitation.organisation_id != organisation.pk for invitation in still_open):
        return (
            f"{email} already has an open invitation from another organisation. It can be "
            "invited again once that invitation is used, withdrawn or expires.",
            [],
        )
    team_id = team.pk if team else None
    same = [
        invitation
        for invitation in still_open
        if invitation.role == str(role) and invitation.team_id == team_id
    ]
    if same:
        sent = dateformat.format(timezone.localtime(same[0].sent_at or same[0].created_at), "j F Y")
        return (
            f"{email} was already invited on {sent} with this role and team, and that "
            "invitation is still open. To send its email again, use “Resend” in the list "
            "of invitations.",
            [],
        )
    return None, still_open


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
    confirms it (invitation_confirm).

    The returned invitation's `replaced` lists the open invitations it replaced (their
    links stop working), so the page can say so."""
    email = email.strip().lower()
    refusal, replaced = invitation_conflict(
        email=email, organisation=organisation, role=role, team=team
    )
    if refusal:
        raise ValidationError(refusal, code="already_invited")
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
    with transaction.atomic():
        # The replaced invitation stops working as its replacement is made.
        now = timezone.now()
        Invitation.objects.filter(pk__in=[old.pk for old in replaced]).update(
            revoked_at=now, revoked_by=invited_by
        )
        invitation = Invitation.objects.create(
            email=email,
            organisation=organisation,
            team=team,
            role=role,
            invited_by=invited_by,
            confirmation=confirmation,
            decided_by=decided_by,
            decided_at=decided_at,
            sent_at=now if confirmation != InvitationConfirmation.AWAITING else None,
        )
    if invitation.is_usable:
        _send_invitation_email(invitation, accept_url_base)
    invitation.replaced = replaced
    return invitation


REPLACED_NOTE = " It replaces the earlier invitation to this address, whose link no longer works."


def confirmation_message(invitation: Invitation, message: str) -> str:
    """`message` (sent, or saved for confirmation), saying too when the invitation
    replaced an earlier one."""
    return message + (REPLACED_NOTE if getattr(invitation, "replaced", None) else "")


NOT_RESENDABLE_MESSAGE = (
    "This invitation cannot be sent again: it has been used, withdrawn or declined, or is "
    "waiting for a site administrator to confirm it."
)
NOT_WITHDRAWABLE_MESSAGE = "This invitation has already been used or withdrawn."


def can_resend(invitation: Invitation) -> bool:
    """Open or expired, and already sent once (one awaiting an administrator is sent
    when confirmed; a declined one never)."""
    return (
        invitation.accepted_at is None
        and invitation.revoked_at is None
        and invitation.confirmation
        in (InvitationConfirmation.NOT_NEEDED, InvitationConfirmation.CONFIRMED)
    )


def can_withdraw(invitation: Invitation) -> bool:
    return (
        invitation.accepted_at is None
        and invitation.revoked_at is None
        and invitation.confirmation != InvitationConfirmation.DECLINED
    )


# Entries in the invitation's history (Wagtail's audit log; the admin's History page).
LOG_RESENT = "hub.invitation.resent"
LOG_WITHDRAWN = "hub.invitation.withdrawn"


def invitation_resend(
    invitation: Invitation, *, accept_url_base: str, resent_by: User | None = None
) -> Invitation:
    """Email the invitation again, with a new link that works for the full period from
    now. The token is replaced, so the earlier email's link stops working: only the
    newest email (the one the invitee was just told about) lets anyone join, and a link
    that was forwarded or leaked with the first email is worth nothing. The update is
    conditional, so two clicks send one email each time at most and never resend one
    used or withdrawn in the meantime."""
    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            f"{invitation.email} already has an account, so this invitation is not needed.",
            code="has_account",
        )
    if not can_resend(invitation):
        raise ValidationError(NOT_RESENDABLE_MESSAGE, code="not_resendable")
    now = timezone.now()
    changes = {
        "token": Invitation._meta.get_field("token").get_default(),
        "sent_at": now,
        "expires_at": now + INVITATION_LIFETIME,
    }
    updated = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(**changes)
    if not updated:
        raise ValidationError(NOT_RESENDABLE_MESSAGE, code="not_resendable")
    for name, value in changes.items():
        setattr(invitation, name, value)
    log(invitation, LOG_RESENT, user=resent_by)
    _send_invitation_email(invitation, accept_url_base)
    return invitation


def invitation_withdraw(invitation: Invitation, *, withdrawn_by: User) -> Invitation:
    """Stop the invitation's link working. The row stays, as the record it was sent."""
    if not can_withdraw(invitation):
        raise ValidationError(NOT_WITHDRAWABLE_MESSAGE, code="not_withdrawable")
    now = timezone.now()
    updated = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now, revoked_by=withdrawn_by)
    if not updated:
        raise ValidationError(NOT_WITHDRAWABLE_MESSAGE, code="not_withdrawable")
    invitation.revoked_at, invitation.revoked_by = now, withdrawn_by
    log(invitation, LOG_WITHDRAWN, user=withdrawn_by)
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
        pk=invitation.pk,
        confirmation=InvitationConfirmation.AWAITING,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
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
    now = timezone.now()
    _decide(
        invitation,
        by=confirmed_by,
        outcome=InvitationConfirmation.CONFIRMED,
        expires_at=now + INVITATION_LIFETIME,
        sent_at=now,
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
