"""Organisations, teams and staff: accounts, profiles, roles, verified email addresses
and who supervises whom.

Every team has one or more supervisors, each with 8 to 40 supervisees, and two people
nobody supervises yet; the last of them in each organisation's first team is its
organisation lead. The board's SAB managers belong to the first organisation, in no
team. The named people the measurements sign in as have fixed addresses; the SAB
manager and the organisation lead have an authenticator (the reports ask for a second
factor), with the TOTP secret in NAMED_TOTP_SECRET.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from learning.models import (
    Organisation,
    OrganisationType,
    Profile,
    RegistrationBody,
    Team,
    User,
)
from learning.roles import Role
from tests.benchmarks.generator.loader import Loader
from tests.benchmarks.generator.sizes import Size
from tests.factories import PASSWORD

MAX_SUPERVISEES = 40
UNSUPERVISED_PER_TEAM = 2
NAMED_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"
NAMED_EMAILS = {
    "learner": "learner@partnership.example",
    "supervisor": "supervisor@partnership.example",
    "manager": "manager@partnership.example",
    "lead": "lead@partnership.example",
}
FIRST_NAMES = ("Sam", "Alex", "Jo", "Priya", "Tom", "Aisha", "Lee", "Kofi", "Maya", "Rhys")
JOB_TITLES = ("Social worker", "Community nurse", "Care coordinator", "Police officer")
# Registration bodies in proportion, "" for staff who are not registered.
BODIES = (
    *[RegistrationBody.SOCIAL_WORK_ENGLAND] * 4,
    *[RegistrationBody.NMC] * 2,
    RegistrationBody.HCPC,
    *[""] * 3,
)


@dataclass
class People:
    organisation_ids: list[int]
    team_ids: list[int]
    team_organisation: dict[int, int]
    staff: list[int] = field(default_factory=list)  # user ids, everyone
    team_of: dict[int, int | None] = field(default_factory=dict)
    organisation_of: dict[int, int] = field(default_factory=dict)
    body_of: dict[int, str] = field(default_factory=dict)
    supervisor_of: dict[int, int] = field(default_factory=dict)
    supervisees: dict[int, list[int]] = field(default_factory=dict)
    named: dict[str, int] = field(default_factory=dict)
    sab_managers: list[int] = field(default_factory=list)
    joined: dict[int, object] = field(default_factory=dict)


def team_sizes(rng: random.Random, size: Size) -> list[int]:
    """How many staff each team has: around the average, give or take 40%, the first
    team exactly the named supervisor, their supervisees and the unsupervised."""
    in_teams = size.staff - size.sab_managers
    first = 1 + size.named_supervisees + UNSUPERVISED_PER_TEAM
    weights = [rng.uniform(0.6, 1.4) for _ in range(size.teams - 1)]
    share = (in_teams - first) / sum(weights)
    sizes = [first, *(max(11, round(weight * share)) for weight in weights)]
    # Rounding leaves a few people over or short: the largest teams take up the slack.
    while (gap := in_teams - sum(sizes)) != 0:
        index = max(range(1, len(sizes)), key=sizes.__getitem__)
        sizes[index] += 1 if gap > 0 else -1
    return sizes


def build_people(rng: random.Random, size: Size, loader: Loader, *, now) -> People:
    with loader.timed("learning_organisation, learning_team"):
        types = OrganisationType.values
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Partner {n + 1}: {types[n % len(types)]}", type=types[n % len(types)]
            )
            for n in range(size.organisations)
        )
        teams = Team.objects.bulk_create(
            Team(organisation=organisations[n % len(organisations)], name=f"Team {n + 1}")
            for n in range(size.teams)
        )
    loader.count("learning_organisation", len(organisations))
    loader.count("learning_team", len(teams))
    people = People(
        organisation_ids=[organisation.pk for organisation in organisations],
        team_ids=[team.pk for team in teams],
        team_organisation={team.pk: team.organisation_id for team in teams},
    )
    groups = {role: Group.objects.get(name=role.value).pk for role in Role}
    partner_number = {organisation.pk: n + 1 for n, organisation in enumerate(organisations)}
    first_team_of = {}
    for team in teams:
        first_team_of.setdefault(team.organisation_id, team.pk)

    next_user = loader.next_id(User)
    next_profile = loader.next_id(Profile)
    users, profiles, memberships, links = [], [], [], []

    def add(role: Role, team_id: int | None, organisation_id: int, email: str | None = None):
        user_id = next_user + len(users)
        # Named by the partner's number, not its id: a sequence need not hand out the
        # same ids again after a rollback, and the same seed must give the same rows.
        email = email or f"person{user_id}@partner{partner_number[organisation_id]}.example"
        joined = now - timedelta(days=rng.randint(30, size.history_days + 365))
        users.append(
            (
                user_id,
                email,
                rng.choice(FIRST_NAMES),
                f"Worker{user_id:05d}",
                joined,
            )
        )
        body = rng.choice(BODIES)
        profiles.append(
            (
                next_profile + len(profiles),
                user_id,
                organisation_id,
                team_id,
                rng.choice(JOB_TITLES),
                body,
                f"{body.upper()}{user_id:06d}" if body else "",
            )
        )
        memberships.append((user_id, groups[role]))
        people.staff.append(user_id)
        people.team_of[user_id] = team_id
        people.organisation_of[user_id] = organisation_id
        people.body_of[user_id] = body
        people.joined[user_id] = joined
        return user_id, profiles[-1][0]

    for index, (team, members) in enumerate(zip(teams, team_sizes(rng, size), strict=True)):
        supervisable = members - UNSUPERVISED_PER_TEAM
        supervisors = max(1, math.ceil(supervisable / (MAX_SUPERVISEES + 1)))
        heads = [
            add(
                Role.SUPERVISOR,
                team.pk,
                team.organisation_id,
                NAMED_EMAILS["supervisor"] if index == 0 else None,
            )[0]
            for _ in range(supervisors)
        ]
        for head in heads:
            people.supervisees[head] = []
        for n in range(supervisable - supervisors):
            email = NAMED_EMAILS["learner"] if index == 0 and n == 0 else None
            user_id, profile_id = add(Role.PRACTITIONER, team.pk, team.organisation_id, email)
            head = heads[n % supervisors]
            links.append((profile_id, head))
            people.supervisor_of[user_id] = head
            people.supervisees[head].append(user_id)
        for n in range(UNSUPERVISED_PER_TEAM):
            lead = n == UNSUPERVISED_PER_TEAM - 1 and first_team_of[team.organisation_id] == team.pk
            email = NAMED_EMAILS["lead"] if lead and index == 0 else None
            user_id, _ = add(
                Role.ORGANISATION_LEAD if lead else Role.PRACTITIONER,
                team.pk,
                team.organisation_id,
                email,
            )
            if email:
                people.named["lead"] = user_id
        if index == 0:
            people.named["supervisor"] = heads[0]
            people.named["learner"] = people.supervisees[heads[0]][0]
    for n in range(size.sab_managers):
        email = NAMED_EMAILS["manager"] if n == 0 else None
        user_id, _ = add(Role.SAB_MANAGER, None, organisations[0].pk, email)
        people.sab_managers.append(user_id)
    people.named["manager"] = people.sab_managers[0]

    password = make_password(PASSWORD)  # once: every generated account shares the hash
    loader.write(
        User,
        ("id", "email", "first_name", "last_name", "date_joined", "password"),
        ((*row, password) for row in users),
    )
    loader.write(
        Profile,
        (
            "id",
            "user_id",
            "organisation_id",
            "team_id",
            "job_title",
            "registration_body",
            "registration_number",
        ),
        profiles,
    )
    loader.write(User.groups.through, ("user_id", "group_id"), memberships)
    loader.write(Profile.supervisors.through, ("profile_id", "user_id"), links)
    loader.write(
        EmailAddress,
        ("user_id", "email", "verified", "primary"),
        ((row[0], row[1], True, True) for row in users),
    )
    with loader.timed("mfa_authenticator"):
        for role in ("manager", "lead"):
            TOTP.activate(User.objects.get(pk=people.named[role]), NAMED_TOTP_SECRET)
    return people
