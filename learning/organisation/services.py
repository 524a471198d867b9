"""Writes for the organisation pages: sending a bulk invitation, and resending or
withdrawing one invitation."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from learning.accounts import membership
from learning.models import Invitation, Organisation, User
from learning.organisation.invitations import Planned
from learning.roles import Role


@dataclass(frozen=True)
class Sent:
    planned: Planned
    invitation: Invitation | None

    @property
    def awaiting(self) -> bool:
        return self.invitation is not None and self.invitation.is_awaiting_confirmation


def invitations_bulk_send(
    *,
    invited_by: User,
    organisation: Organisation,
    plan: list[Planned],
    accept_url_base: str,
) -> list[Sent]:
    """Send each planned invitation through the one invitation service, which emails
    it or (for a personal address) keeps it for an administrator to confirm. A bulk
    invitation never vouches for a personal address: each is confirmed on its own."""
    results = []
    for planned in plan:
        invitation = None
        if planned.will_send:
            try:
                invitation = membership.invitation_create(
                    invited_by=invited_by,
                    email=planned.email,
                    organisation=organisation,
                    team=planned.team,
                    role=Role(planned.role),
                    accept_url_base=accept_url_base,
                    personal_address_checked=False,
                )
            except ValidationError:
                # Invited by someone else since the preview: not sent twice.
                invitation = None
        results.append(Sent(planned=planned, invitation=invitation))
    return results
