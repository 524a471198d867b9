"""Who a requirement applies to, as a Q on User rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet, prefetch_related_objects

from learning.models import Requirement

# Prefetch these on requirements whose audience or status is computed more than once.
AUDIENCE_PREFETCH = ("pages", "organisations", "teams", "roles")


def audience_q(requirement: Requirement) -> Q:
    """People (User rows) the requirement applies to: active members of an organisation,
    within the requirement's own organisation if it has one, and either everyone or
    anyone matching one of its organisations, teams, roles or registration bodies.
    A requirement with no learning left (its pages were all deleted) applies to nobody:
    nobody could complete it. Reads the requirement's choices (four small queries, none
    when prefetched with AUDIENCE_PREFETCH); the Q holds only ids."""
    users = get_user_model()
    if not requirement.pages.all():
        return Q(pk__in=[])
    scope = Q(is_active=True, profile__organisation__isnull=False)
    if requirement.organisation_id:
        scope &= Q(profile__organisation_id=requirement.organisation_id)
    if requirement.everyone:
        return scope
    matches: list[Q] = []
    organisation_ids = [organisation.pk for organisation in requirement.organisations.all()]
    if organisation_ids:
        matches.append(Q(profile__organisation_id__in=organisation_ids))
    team_ids = [team.pk for team in requirement.teams.all()]
    if team_ids:
        matches.append(Q(profile__team_id__in=team_ids))
    role_ids = [role.pk for role in requirement.roles.all()]
    if role_ids:
        holds_role = users.groups.through.objects.filter(
            user_id=OuterRef("pk"), group_id__in=role_ids
        )
        matches.append(Q(Exists(holds_role)))
    if requirement.registration_bodies:
        matches.append(Q(profile__registration_body__in=list(requirement.registration_bodies)))
    if not matches:
        return Q(pk__in=[])
    return scope & reduce(or_, matches)


def requirements_for_person(
    user, *, requirements: QuerySet[Requirement] | None = None
) -> list[Requirement]:
    """The active requirements (or those of `requirements`) that apply to the person,
    their pages prefetched: a fixed number of queries however many requirements there
    are (see requirements_for_people)."""
    if not user.pk:
        return []
    return requirements_for_people([user.pk], requirements=requirements)[user.pk]


def requirements_for_people(
    user_ids: Iterable[int], *, requirements: QuerySet[Requirement] | None = None
) -> dict[int, list[Requirement]]:
    """Person id -> the active requirements (or those of `requirements`) that apply to
    them, by title. Each audience is read as ids (audiences_of) and tested against each
    person's facts read once (`applies_to`); only the requirements that apply to someone
    have their pages loaded. Eight queries at most, whatever the numbers."""
    user_ids = list(user_ids)
    if requirements is None:
        requirements = Requirement.objects.filter(is_active=True)
    candidates = list(requirements)
    if not candidates or not user_ids:
        return {user_id: [] for user_id in user_ids}
    audiences = audiences_of(candidates)
    facts = audience_facts_for(user_ids)
    applying = {
        user_id: [
            requirement
            for requirement in candidates
            if applies_to(audiences[requirement.pk], facts[user_id])
        ]
        for user_id in user_ids
    }
    needed = {requirement.pk: requirement for found in applying.values() for requirement in found}
    prefetch_related_objects(list(needed.values()), "pages")
    return applying


@dataclass(frozen=True)
class Audience:
    """Whom one requirement is for, as ids: what `applies_to` tests a person against."""

    has_learning: bool
    organisation_id: int | None
    everyone: bool
    organisation_ids: frozenset[int] = frozenset()
    team_ids: frozenset[int] = frozenset()
    role_ids: frozenset[int] = frozenset()
    registration_bodies: frozenset[str] = frozenset()


def audiences_of(requirements: list[Requirement]) -> dict[int, Audience]:
    """Requirement id -> its Audience: four small queries of ids, whatever the number
    (loading the pages, teams and organisations themselves cost tens of milliseconds a
    page at partnership size, for ids)."""
    ids = [requirement.pk for requirement in requirements]
    chosen: dict[str, dict[int, set[int]]] = {}
    for relation, column in (
        ("pages", "page_id"),
        ("organisations", "organisation_id"),
        ("teams", "team_id"),
        ("roles", "group_id"),
    ):
        through = getattr(Requirement, relation).through
        found: dict[int, set[int]] = defaultdict(set)
        for requirement_id, other_id in through.objects.filter(requirement_id__in=ids).values_list(
            "requirement_id", column
        ):
            found[requirement_id].add(other_id)
        chosen[relation] = found
    return {
        requirement.pk: Audience(
            has_learning=bool(chosen["pages"][requirement.pk]),
            organisation_id=requirement.organisation_id,
            everyone=requirement.everyone,
            organisation_ids=frozenset(chosen["organisations"][requirement.pk]),
            team_ids=frozenset(chosen["teams"][requirement.pk]),
            role_ids=frozenset(chosen["roles"][requirement.pk]),
            registration_bodies=frozenset(requirement.registration_bodies or ()),
        )
        for requirement in requirements
    }


@dataclass(frozen=True)
class AudienceFacts:
    """What audience_q reads of one person, read once."""

    is_active: bool
    organisation_id: int | None
    team_id: int | None
    registration_body: str
    role_ids: frozenset[int]


def audience_facts(user) -> AudienceFacts:
    """The person's facts for `applies_to`: one query for their profile and one for
    their roles."""
    return audience_facts_for([user.pk])[user.pk]


def audience_facts_for(user_ids: Iterable[int]) -> dict[int, AudienceFacts]:
    """Each person's facts for `applies_to` (two queries, however many people); a
    person who does not exist has none that put them in any audience."""
    users = get_user_model()
    user_ids = list(user_ids)
    rows = {
        row["pk"]: row
        for row in users.objects.filter(pk__in=user_ids).values(
            "pk",
            "is_active",
            "profile__organisation_id",
            "profile__team_id",
            "profile__registration_body",
        )
    }
    role_ids: dict[int, set[int]] = defaultdict(set)
    for user_id, group_id in users.groups.through.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "group_id"
    ):
        role_ids[user_id].add(group_id)
    facts = {}
    for user_id in user_ids:
        row = rows.get(user_id, {})
        facts[user_id] = AudienceFacts(
            is_active=bool(row.get("is_active")),
            organisation_id=row.get("profile__organisation_id"),
            team_id=row.get("profile__team_id"),
            registration_body=row.get("profile__registration_body") or "",
            role_ids=frozenset(role_ids[user_id]),
        )
    return facts


def applies_to(audience: Audience, facts: AudienceFacts) -> bool:
    """audience_q for one person whose facts are known, without a query per
    requirement: a person's pages test every requirement's audience, and building 50
    audience expressions for the database cost more than the statuses themselves (most
    of a second at partnership size). tests/learning/required/test_audience_twin.py
    holds the two to the same answers."""
    if not audience.has_learning:
        return False
    if not facts.is_active or facts.organisation_id is None:
        return False
    if audience.organisation_id and facts.organisation_id != audience.organisation_id:
        return False
    if audience.everyone:
        return True
    return (
        facts.organisation_id in audience.organisation_ids
        or (facts.team_id is not None and facts.team_id in audience.team_ids)
        or bool(facts.role_ids & audience.role_ids)
        or (
            bool(facts.registration_body)
            and facts.registration_body in audience.registration_bodies
        )
    )
