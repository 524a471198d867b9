"""What the home page suggests a signed-in person does next.

Content and records features add their own suggestions through the
`hub_next_steps` hook (a function taking the user and returning NextStep items), so
the home page grows with the product without knowing about each feature.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from wagtail import hooks

from learning import permissions
from learning.accounts.mfa import must_enrol_in_mfa
from learning.roles import Role, has_role


@dataclass(frozen=True)
class NextStep:
    title: str
    url: str
    description: str = ""
    priority: int = 50  # lower comes first


def next_steps_for(user) -> list[NextStep]:
    steps: list[NextStep] = []
    if must_enrol_in_mfa(user):
        steps.append(
            NextStep(
                "Set up two-factor authentication",
                reverse("mfa_activate_totp"),
                "Your role needs an authenticator app before you can use the admin or reports.",
                priority=0,
            )
        )
    if has_role(user, Role.SAB_EDITOR, Role.SAB_MANAGER, Role.SITE_ADMINISTRATOR):
        steps.append(
            NextStep(
                "Go to the admin",
                reverse("wagtailadmin_home"),
                "Write and publish learning, and manage the partnership.",
                priority=10,
            )
        )
    if permissions.can_view_reports(user):
        steps.append(
            NextStep(
                "See the reports",
                reverse("reports:index"),
                "Compliance with required learning, how far review learning has reached, "
                "and what people said of it.",
                priority=15,
            )
        )
    if permissions.can_invite(user):
        steps.append(
            NextStep(
                "Invite colleagues",
                reverse("invitation_list_create"),
                "Send an invitation to someone in your organisation.",
                priority=40,
            )
        )
    steps.append(
        NextStep(
            "Explore the six safeguarding principles",
            reverse("principle_list"),
            "What each principle means, in the words of the person at the centre.",
            priority=60,
        )
    )
    for hook in hooks.get_hooks("hub_next_steps"):
        steps.extend(hook(user))
    return sorted(steps, key=lambda step: step.priority)
