"""`applies_to` answers for one person what `audience_q` answers in SQL. A person's
pages use the first (it needs no query per requirement); reports and reminders use the
second. Every kind of audience against every kind of person: the two must agree."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from learning.models import Profile, Requirement
from learning.required.status.audience import (
    AUDIENCE_PREFETCH,
    applies_to,
    audience_facts,
    audience_q,
    audiences_of,
)
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, UserFactory, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(page, make_requirement):
    north, south = OrganisationFactory(name="North trust"), OrganisationFactory(name="South")
    north_team, south_team = TeamFactory(organisation=north), TeamFactory(organisation=south)
    supervisor_role = Group.objects.get(name=Role.SUPERVISOR.value)

    people = {
        "north team practitioner, SWE": make_person(organisation=north, team=north_team),
        "south team supervisor": make_person(role=Role.SUPERVISOR, team=south_team),
        "north, no team, NMC": make_person(organisation=north),
        "north, deactivated": make_person(organisation=north, team=north_team, is_active=False),
    }
    Profile.objects.filter(user=people["north team practitioner, SWE"]).update(
        registration_body="swe"
    )
    Profile.objects.filter(user=people["north, no team, NMC"]).update(registration_body="nmc")
    no_organisation = UserFactory()
    Profile.objects.create(user=no_organisation, organisation=None)
    people["no organisation"] = no_organisation
    people["no profile"] = UserFactory()

    audiences = {
        "everyone": {},
        "everyone in North": {"organisation": north},
        "South's organisation": {"everyone": False, "organisations": [south]},
        "North's team": {"everyone": False, "teams": [north_team]},
        "supervisors": {"everyone": False, "roles": [supervisor_role]},
        "SWE registrants": {"everyone": False, "registration_bodies": ["swe"]},
        "South-run, for North's team": {
            "everyone": False,
            "organisation": south,
            "teams": [north_team],
        },
        "nobody chosen": {"everyone": False},
    }
    requirements = {
        name: make_requirement(page, title=name, **fields) for name, fields in audiences.items()
    }
    requirements["no learning left"] = make_requirement(title="no learning left")
    return people, requirements


def test_applies_to_agrees_with_audience_q_for_every_person_and_audience(world):
    people, requirements = world
    prefetched = Requirement.objects.prefetch_related(*AUDIENCE_PREFETCH)
    audiences = audiences_of(list(Requirement.objects.all()))
    answers = {}
    for person_name, person in people.items():
        facts = audience_facts(person)
        for requirement_name, requirement in requirements.items():
            requirement = prefetched.get(pk=requirement.pk)
            in_sql = type(person).objects.filter(audience_q(requirement), pk=person.pk).exists()
            assert applies_to(audiences[requirement.pk], facts) == in_sql, (
                person_name,
                requirement_name,
            )
            answers[person_name, requirement_name] = in_sql
    # The matrix says something: each audience reaches the people it names, no others.
    assert {p for (p, r), yes in answers.items() if yes and r == "everyone"} == {
        "north team practitioner, SWE",
        "south team supervisor",
        "north, no team, NMC",
    }
    assert {p for (p, r), yes in answers.items() if yes and r == "supervisors"} == {
        "south team supervisor"
    }
    assert {p for (p, r), yes in answers.items() if yes and r == "SWE registrants"} == {
        "north team practitioner, SWE"
    }
    for nobody in ("South-run, for North's team", "nobody chosen", "no learning left"):
        assert not any(yes for (p, r), yes in answers.items() if r == nobody)


def test_a_persons_statuses_read_no_audience_per_requirement(world, django_assert_max_num_queries):
    """Facts are read once (profile, roles), whatever the number of requirements."""
    from learning.required.status import statuses_for_person

    people, _requirements = world
    person = people["north team practitioner, SWE"]
    # The person's and the content's versions (the statuses' cache key), the
    # requirements, their audiences as ids (four), the facts (two), the pages of those
    # that apply, the records the rule reads (latest completions, exemptions,
    # assignments).
    with django_assert_max_num_queries(13):
        statuses = statuses_for_person(person)
    assert {item.requirement.title for item in statuses} == {
        "everyone",
        "everyone in North",
        "North's team",
        "SWE registrants",
    }
