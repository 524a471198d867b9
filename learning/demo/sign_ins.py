"""The demo sign-ins as a newcomer needs to read them after `make run`."""

from __future__ import annotations

from learning.demo.partnership import DEMO_PASSWORD, DEMO_TOTP_SECRET, PEOPLE
from learning.models import Organisation, User


def demo_sign_in_text() -> str:
    """One line per demo user that exists, with the shared password and TOTP key."""
    organisations = {
        organisation.type: organisation
        for organisation in Organisation.objects.prefetch_related("domains").order_by("-pk")
    }
    emails = [
        (person, person.email(organisations))
        for person in PEOPLE
        if person.organisation_type in organisations
    ]
    existing = set(
        User.objects.filter(email__in=[email for _, email in emails]).values_list(
            "email", flat=True
        )
    )
    lines = [f"\nDemo sign-ins (password for all: {DEMO_PASSWORD})"]
    lines += [f"  {person.role.value:<20} {email}" for person, email in emails if email in existing]
    lines.append(
        "An anonymisation override needs two people: propose it as one SAB manager and "
        "confirm it as the other.\n"
        "Organisation lead, SAB editor, SAB manager and administrator also need a code "
        f"from an authenticator app set up with the key {DEMO_TOTP_SECRET}.\n"
    )
    return "\n".join(lines)
