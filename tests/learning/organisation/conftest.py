"""A hand-built organisation for the lead's people view: two organisations, two teams,
three requirements and six people whose statuses and CPD hours are worked out by hand
in the docstring of `northmoor`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from learning.models import (
    Completion,
    CompletionHow,
    DueFrom,
    Exemption,
    ExternalCPD,
    Profile,
    RegistrationBody,
    Requirement,
    User,
)
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, make_person
from tests.learning.reflections.factories import make_learning_page

LONG_AGO = timezone.make_aware(datetime(2021, 3, 1, 9, 0))


def complete(person, page, *, minutes: int, at: datetime | None = None) -> Completion:
    return Completion.objects.create(
        user=person,
        page=page,
        page_title=page.title,
        how=CompletionHow.CONFIRMED,
        minutes=minutes,
        completed_at=at or timezone.now(),
    )


def external(person, *, minutes: int, on: date | None = None) -> ExternalCPD:
    return ExternalCPD.objects.create(
        user=person,
        title="Court skills day",
        date=on or timezone.localdate(),
        minutes=minutes,
        type="course",
    )


def person(*, first: str, last: str, joined: datetime | None = None, body: str = "", **kw):
    user = make_person(first_name=first, last_name=last, **kw)
    if joined is not None:
        User.objects.filter(pk=user.pk).update(date_joined=joined)
    if body:
        Profile.objects.filter(user=user).update(registration_body=body)
    user.refresh_from_db()
    return user


@dataclass
class Northmoor:
    organisation: object
    social_care: object
    hospital: object
    lead: User
    ann: User
    bob: User
    cat: User
    dan: User
    eve: User
    other_lead: User
    zed: User
    core: Requirement
    team_only: Requirement


@pytest.fixture
def northmoor(db, totp_user) -> Northmoor:
    """Northmoor Council's people, and Eastvale NHS's (which Northmoor's lead must
    never see). `core` is partnership-wide, for everyone; `team_only` is Northmoor's own,
    for Adult Social Care; a requirement of Eastvale's and a retired one apply to
    nobody here. Both count from joining, due in 30 days.

    person (team)                   core       team_only  shows             CPD this year
    Dev Kapoor, lead (Hospital)     joined now -          1 not started     0
    Ann Adams, SWE (Social Care)    overdue    overdue    2 overdue         90 external: 1.5
    Bob Brown, NMC (Social Care)    complete   due in 10  1 due             42: 0.7
    Cat Clark (Hospital)            complete   -          All complete      90 + 30: 2 (and
                                                                            600 last year)
    Dan Davis (no team)             exempt     -          Exempt            0
    Eve Evans, inactive (Soc. Care) -          -          Nothing required  60: 1
    """
    organisation = OrganisationFactory(name="Northmoor Council")
    social_care = TeamFactory(organisation=organisation, name="Adult Social Care")
    hospital = TeamFactory(organisation=organisation, name="Hospital Team")
    eastvale = OrganisationFactory(name="Eastvale NHS")
    today = timezone.localdate()

    lead = person(first="Dev", last="Kapoor", role=Role.ORGANISATION_LEAD, team=hospital)
    totp_user(lead)
    ann = person(
        first="Ann", last="Adams", team=social_care, joined=LONG_AGO,
        body=RegistrationBody.SOCIAL_WORK_ENGLAND,
    )  # fmt: skip
    bob = person(
        first="Bob", last="Brown", role=Role.SUPERVISOR, team=social_care,
        joined=timezone.now() - timedelta(days=20), body=RegistrationBody.NMC,
    )  # fmt: skip
    cat = person(first="Cat", last="Clark", team=hospital, joined=LONG_AGO)
    dan = person(first="Dan", last="Davis", organisation=organisation, joined=LONG_AGO)
    eve = person(first="Eve", last="Evans", team=social_care, joined=LONG_AGO)
    User.objects.filter(pk=eve.pk).update(is_active=False)
    eve.refresh_from_db()
    other_lead = person(
        first="Olu", last="Other", role=Role.ORGANISATION_LEAD, organisation=eastvale
    )
    totp_user(other_lead)
    zed = person(first="Zed", last="Zulu", organisation=eastvale, joined=LONG_AGO)

    page = make_learning_page(title="Making safeguarding personal")
    second_page = make_learning_page(title="Self-neglect and hoarding")
    common = {"due_days": 30, "due_from": DueFrom.JOINED, "starts_on": date(2020, 1, 1)}
    core = Requirement.objects.create(title="Core learning", everyone=True, **common)
    core.pages.set([page])
    team_only = Requirement.objects.create(
        title="Adult social care learning", organisation=organisation, **common
    )
    team_only.pages.set([second_page])
    team_only.teams.set([social_care])
    theirs = Requirement.objects.create(
        title="Eastvale learning", organisation=eastvale, everyone=True, **common
    )
    theirs.pages.set([second_page])
    retired = Requirement.objects.create(
        title="Retired learning", everyone=True, is_active=False, **common
    )
    retired.pages.set([second_page])

    complete(bob, page, minutes=42)
    complete(cat, page, minutes=90)
    external(cat, minutes=30)
    external(cat, minutes=600, on=date(today.year - 1, 6, 1))
    external(ann, minutes=90)
    complete(eve, page, minutes=60)
    Exemption.objects.create(user=dan, reason="Long-term leave", ends_on=today + timedelta(days=90))
    return Northmoor(
        organisation=organisation,
        social_care=social_care,
        hospital=hospital,
        lead=lead,
        ann=ann,
        bob=bob,
        cat=cat,
        dan=dan,
        eve=eve,
        other_lead=other_lead,
        zed=zed,
        core=core,
        team_only=team_only,
    )
