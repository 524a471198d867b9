"""Reads for required learning: the requirements a user may see, their rules in words,
the exemptions a lead manages, and a person's requirements with each page marked done
or not (statuses are computed only by learning.required.status)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from wagtail.models import Page

from learning import permissions
from learning.models import (
    DueFrom,
    Exemption,
    Organisation,
    RegistrationBody,
    Requirement,
    Team,
)
from learning.required import status as required_status


def _with_rules(requirements: QuerySet[Requirement]) -> QuerySet[Requirement]:
    """Everything the list shows, in a fixed number of queries however many there are."""
    return requirements.select_related("organisation").prefetch_related(
        Prefetch("pages", queryset=Page.objects.order_by("title")),
        Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
        Prefetch("teams", queryset=Team.objects.select_related("organisation")),
        "roles",
    )


def requirements_for_list(user) -> tuple[list[Requirement], list[Requirement]]:
    """(active, retired) requirements the user may see, each marked `can_manage`."""
    manageable = set(permissions.requirements_manageable_by(user).values_list("pk", flat=True))
    active, retired = [], []
    for requirement in _with_rules(permissions.requirements_visible_to(user)):
        requirement.can_manage = requirement.pk in manageable
        (active if requirement.is_active else retired).append(requirement)
    return active, retired


def _listed(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def describe_audience(requirement: Requirement) -> list[str]:
    """Who it applies to, one line per kind of group (from prefetched relations)."""
    within = requirement.organisation.name if requirement.organisation_id else "the partnership"
    if requirement.everyone:
        return [f"Everyone in {within}"]
    lines = []
    organisations = [organisation.name for organisation in requirement.organisations.all()]
    if organisations:
        lines.append(f"Everyone in {_listed(organisations)}")
    teams = [str(team) for team in requirement.teams.all()]
    if teams:
        lines.append(f"Team{'s' if len(teams) > 1 else ''}: {_listed(teams)}")
    roles = sorted(group.name for group in requirement.roles.all())
    if roles:
        lines.append(f"Role{'s' if len(roles) > 1 else ''}: {_listed(roles)}")
    bodies = [
        RegistrationBody(code).label
        for code in requirement.registration_bodies or []
        if code in RegistrationBody.values
    ]
    if bodies:
        lines.append(f"Registered with {_listed(bodies)}")
    if requirement.organisation_id and lines:
        lines.append(f"Only people in {within}")
    return lines or ["Nobody yet"]


def describe_due(requirement: Requirement) -> str:
    days = f"{requirement.due_days} day{'s' if requirement.due_days != 1 else ''}"
    if requirement.due_from == DueFrom.JOINED:
        return f"Within {days} of joining"
    return f"Within {days} of it being assigned to them"


# ---------------------------------------------------------------------------
# Exemptions (organisation leads only: SAB managers never see names)
# ---------------------------------------------------------------------------


def exemptable_people(viewer) -> QuerySet:
    """Active people of the viewer's organisation they may exempt (not themselves)."""
    return (
        permissions.organisation_people(viewer)
        .filter(is_active=True)
        .exclude(pk=viewer.pk)
        .order_by("last_name", "first_name", "email")
    )


def exemption_requirements(viewer) -> QuerySet[Requirement]:
    """Requirements the viewer may exempt people from: the active ones they can see."""
    return permissions.requirements_visible_to(viewer).filter(is_active=True).order_by("title")


def current_exemptions(viewer, *, today: date | None = None) -> QuerySet[Exemption]:
    """Exemptions still running for people in the organisation the viewer leads."""
    today = today or timezone.localdate()
    people = permissions.organisation_people(viewer)
    return (
        Exemption.objects.filter(user__in=people, ends_on__gte=today)
        .select_related("user", "requirement", "created_by")
        .order_by("ends_on", "user__last_name", "user__first_name", "pk")
    )


def exemption_for_viewer(viewer, exemption_id: int) -> Exemption | None:
    """An exemption of someone in the viewer's organisation, or None."""
    people = permissions.organisation_people(viewer)
    return (
        Exemption.objects.filter(pk=exemption_id, user__in=people)
        .select_related("user", "requirement")
        .first()
    )


# ---------------------------------------------------------------------------
# A person's own required learning
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RequiredItem:
    """One requirement on a person's list: its status, and each of its pages with
    whether the person has completed it in the current cycle."""

    status: required_status.PersonStatus
    pages: list[tuple[Page, bool]]

    @property
    def next_page(self) -> Page | None:
        """The first page not yet completed this cycle (or the first page)."""
        for page, done in self.pages:
            if not done:
                return page
        return self.pages[0][0] if self.pages else None


def required_items(statuses, *, person, today: date | None = None) -> list[RequiredItem]:
    """The statuses with their pages marked done or not in the current cycle (by
    learning.required.status.done_in_cycle). One query for all of them."""
    today = today or timezone.localdate()
    page_ids = {page.pk for item in statuses for page in item.requirement.pages.all()}
    latest = required_status.latest_completions(
        user_ids=[person.pk], page_ids=list(page_ids), today=today
    )

    def done(requirement: Requirement, page: Page) -> bool:
        completed_at = latest.get((person.pk, page.pk))
        return required_status.done_in_cycle(requirement, completed_at, today)

    return [
        RequiredItem(
            status=item,
            pages=[(page, done(item.requirement, page)) for page in item.requirement.pages.all()],
        )
        for item in statuses
    ]
