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
    steps.extend(suggested_learning_steps(user))
    return sorted(steps, key=lambda step: step.priority)


# Required learning comes first (learning.required.dashboard, through the hook); these
# suggestions only when none is outstanding, and after it in any case.
SUGGESTION_PRIORITY = 30
SUGGESTION_LIMIT = 3


def suggested_learning(user, *, limit: int = SUGGESTION_LIMIT) -> list:
    """Published learning the person has not completed, on the principles they have
    done least first (then newest first). Counts come from the principle list's own
    `principle_progress`, so the home page and that list agree; a check attached to a
    page is never suggested (passing it completes the page). A fixed number of
    queries, whatever the data: the choice is made on the shared list of completable
    pages, and only the pages chosen are loaded."""
    from wagtail.models import Page

    from learning.records.selectors import completable_pages, completion_marks, principle_progress

    if not user.is_authenticated:
        return []
    done = set(completion_marks(user=user))
    progress = principle_progress(user=user)

    def least_done(page) -> tuple:
        counts = [progress[pk].completed if pk in progress else 0 for pk in page.principle_ids]
        return (min(counts) if counts else float("inf"), -page.first_published_at, page.pk)

    unread = (page for page in completable_pages() if page.pk not in done)
    chosen = [page.pk for page in sorted(unread, key=least_done)[:limit]]
    loaded = Page.objects.filter(pk__in=chosen).specific().in_bulk()
    return [loaded[pk] for pk in chosen if pk in loaded]


def suggested_learning_steps(user) -> list[NextStep]:
    from learning.required.dashboard import required_next_steps

    if not user.is_authenticated or required_next_steps(user):
        return []
    return [
        NextStep(
            f"Read: {page.title}",
            page.url,
            f"{str(page._meta.verbose_name).capitalize()}"
            + (f", {page.cpd_minutes} minutes of CPD. " if page.cpd_minutes else ". ")
            + page.summary,
            priority=SUGGESTION_PRIORITY,
        )
        for page in suggested_learning(user)
    ]
