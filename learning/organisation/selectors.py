"""The organisation lead's people table, computed in the database.

One query returns a page of people (or every row, for an export) with each person's
team, roles, required learning counts and CPD minutes this year. Each status comes from
learning.required.status (the one place statuses are computed): every active
requirement that can apply to the organisation adds its status expression, counted only
for the people in its audience, and the counts of overdue, due, not started, complete
and exempt requirements are sums across requirements. So filtering and sorting by
status happen in SQL, across all pages, and the number of queries does not grow with
the number of people (it grows with the number of requirements, by the few small
queries each one's audience takes to read).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from learning.models import RegistrationBody, Requirement, Team
from learning.records.selectors import annotate_cpd_minutes_this_year, hours
from learning.required.status import (
    AUDIENCE_PREFETCH,
    COUNTS,
    status_count_annotations,
    status_summary,
)
from learning.roles import Role

PER_PAGE = 50

# Registration filter value for people with no professional registration.
NOT_REGISTERED = "none"


class Standing(models.TextChoices):
    """A person's required learning in one word, for the status filter: the most
    pressing of their statuses (so each person has exactly one standing)."""

    OVERDUE = "overdue", "Overdue"
    DUE = "due", "Due soon (nothing overdue)"
    NOT_STARTED = "not_started", "Not started (nothing due yet)"
    COMPLETE = "complete", "All complete"
    EXEMPT = "exempt", "Exempt"
    NONE = "none", "Nothing required"


CPD_MINUTES = "cpd_minutes"

# Sort keys allowed in the URL (?sort=team, ?sort=-team for descending).
SORT_KEYS = ("name", "team", "status", "cpd")
DEFAULT_SORT = "name"


def _role_annotation(role: Role) -> str:
    return f"holds_{role.name.lower()}"


@dataclass(frozen=True)
class PeopleFilters:
    search: str = ""
    team: Team | None = None
    role: str = ""
    registration: str = ""
    status: str = ""
    active: str = ""  # "active", "inactive" or "" for both


def parse_sort(value: str | None) -> tuple[str, bool]:
    """(key, descending) from the URL's sort value; anything not whitelisted sorts by
    name."""
    value = (value or "").strip()
    descending = value.startswith("-")
    key = value[1:] if descending else value
    if key not in SORT_KEYS:
        return DEFAULT_SORT, False
    return key, descending


def requirements_for_organisation(organisation_id: int) -> list[Requirement]:
    """Active requirements that can apply to the organisation's people: the
    partnership's and the organisation's own (another organisation's never reach them)."""
    return list(
        Requirement.objects.filter(is_active=True)
        .filter(Q(organisation__isnull=True) | Q(organisation_id=organisation_id))
        .prefetch_related(*AUDIENCE_PREFETCH)
        .order_by("pk")
    )


def _standing_q(standing: str) -> Q:
    """People whose most pressing status is `standing` (see Standing)."""
    order = list(COUNTS.values())
    if standing == Standing.NONE:
        return Q(**dict.fromkeys(order, 0))
    # Standing and COUNTS list the statuses in the same order of urgency.
    position = list(Standing.values).index(standing)
    return Q(**dict.fromkeys(order[:position], 0), **{f"{order[position]}__gt": 0})


def _filtered(people: QuerySet, filters: PeopleFilters) -> QuerySet:
    for term in filters.search.split()[:5]:
        people = people.filter(
            Q(first_name__icontains=term) | Q(last_name__icontains=term) | Q(email__icontains=term)
        )
    if filters.team is not None:
        people = people.filter(profile__team=filters.team)
    if filters.role:
        people = people.filter(**{_role_annotation(Role(filters.role)): True})
    if filters.registration == NOT_REGISTERED:
        people = people.filter(profile__registration_body="")
    elif filters.registration:
        people = people.filter(profile__registration_body=filters.registration)
    if filters.active == "active":
        people = people.filter(is_active=True)
    elif filters.active == "inactive":
        people = people.filter(is_active=False)
    if filters.status:
        people = people.filter(_standing_q(filters.status))
    return people


def _ordering(key: str, descending: bool) -> list:
    """ORDER BY for a sort key. "status" ascending puts the most overdue first; name
    (then id) breaks every tie, so pages never overlap."""
    by_name = [F("last_name").asc(), F("first_name").asc(), F("email").asc()]
    primary = {
        "name": [F("last_name"), F("first_name"), F("email")],
        "team": [F("profile__team__name")],
        "status": [F(name) for name in COUNTS.values()],
        "cpd": [F(CPD_MINUTES)],
    }[key]
    # Status sorts by counts, more first: ascending means "most pressing first".
    reverse = descending != (key == "status")
    ordered = [
        expression.desc(nulls_last=True) if reverse else expression.asc(nulls_last=True)
        for expression in primary
    ]
    return [*ordered, *by_name, F("pk").asc()]


def people_table(
    *,
    people: QuerySet,
    organisation_id: int,
    today: date,
    filters: PeopleFilters | None = None,
    sort: str = DEFAULT_SORT,
) -> QuerySet:
    """`people` (the organisation's, from learning.permissions.organisation_people)
    filtered and sorted, each with the COUNTS annotations, CPD_MINUTES this year and a
    boolean per role. Evaluating it is one query; reading the requirements and their
    audiences takes a few more, per requirement, when it is built."""
    key, descending = parse_sort(sort)
    aliases, counts = status_count_annotations(
        requirements_for_organisation(organisation_id), today
    )
    holds = {
        _role_annotation(role): Exists(
            get_user_model().groups.through.objects.filter(
                user_id=OuterRef("pk"), group__name=role.value
            )
        )
        for role in Role
    }
    annotated = annotate_cpd_minutes_this_year(
        people.select_related("profile__team").alias(**aliases).annotate(**counts, **holds),
        today=today,
        name=CPD_MINUTES,
    )
    return _filtered(annotated, filters or PeopleFilters()).order_by(*_ordering(key, descending))


# ---------------------------------------------------------------------------
# Rows as shown (and exported)
# ---------------------------------------------------------------------------

HEADINGS = (
    "Name",
    "Email",
    "Team",
    "Role",
    "Registration",
    "Active",
    "Required learning",
    "CPD hours this year",
)


def standing_of(person) -> str:
    """The person's Standing, from a row of `people_table`."""
    for standing, name in zip(Standing.values, COUNTS.values(), strict=False):
        if getattr(person, name):
            return standing
    return Standing.NONE


@dataclass(frozen=True)
class PersonRow:
    person: object
    name: str
    email: str
    team: str
    roles: str
    registration: str
    active: bool
    status: str
    standing: str
    cpd_minutes: int

    @property
    def cpd_hours(self) -> str:
        return hours(self.cpd_minutes)

    def cells(self) -> list[str]:
        """The row's text, column for column with HEADINGS."""
        return [
            self.name,
            self.email,
            self.team,
            self.roles,
            self.registration,
            "Yes" if self.active else "No",
            self.status,
            self.cpd_hours,
        ]


_REGISTRATION_LABELS = dict(RegistrationBody.choices)


def person_row(person) -> PersonRow:
    """A row of `people_table` as the table shows it."""
    profile = person.profile
    return PersonRow(
        person=person,
        name=person.get_full_name() or person.email,
        email=person.email,
        team=profile.team.name if profile.team else "",
        roles=", ".join(role.value for role in Role if getattr(person, _role_annotation(role))),
        registration=_REGISTRATION_LABELS.get(profile.registration_body, ""),
        active=person.is_active,
        status=status_summary(person),
        standing=standing_of(person),
        cpd_minutes=getattr(person, CPD_MINUTES) or 0,
    )


@dataclass(frozen=True)
class PendingInvitation:
    """An invitation not yet used, withdrawn or declined, with what may be done to it."""

    invitation: object
    status: str
    can_resend: bool
    can_withdraw: bool


def pending_invitations(invitations: QuerySet) -> list[PendingInvitation]:
    """Of `invitations` (already narrowed to those the viewer may manage), the ones
    still pending, expired ones included (they can be sent again), newest first, in
    one query."""
    from learning.accounts import membership
    from learning.models import InvitationConfirmation

    pending = (
        invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .exclude(confirmation=InvitationConfirmation.DECLINED)
        .select_related("team")
        .order_by("-created_at")
    )
    return [
        PendingInvitation(
            invitation=invitation,
            status=invitation.status,
            can_resend=membership.can_resend(invitation),
            can_withdraw=membership.can_withdraw(invitation),
        )
        for invitation in pending
    ]
