"""Who may see a person's learning record: the person, their supervisors and their
organisation lead; nobody else (not SAB managers, editors or administrators)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from learning import permissions
from learning.records import services
from learning.roles import Role
from tests.factories import OrganisationFactory, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(practitioner):
    organisation = practitioner.profile.organisation
    supervisor = make_person(role=Role.SUPERVISOR)
    practitioner.profile.supervisors.add(supervisor)
    return {
        "person": practitioner,
        "supervisor": supervisor,
        "lead": make_person(role=Role.ORGANISATION_LEAD, organisation=organisation),
        "lead elsewhere": make_person(
            role=Role.ORGANISATION_LEAD, organisation=OrganisationFactory()
        ),
        "colleague": make_person(organisation=organisation),
        "another supervisor": make_person(role=Role.SUPERVISOR, organisation=organisation),
        "SAB manager": make_person(role=Role.SAB_MANAGER, organisation=organisation),
        "SAB editor": make_person(role=Role.SAB_EDITOR, organisation=organisation),
        "administrator": make_person(role=Role.SITE_ADMINISTRATOR, organisation=organisation),
    }


ALLOWED = {"person", "supervisor", "lead"}


def test_can_view_record_walks_every_role(people):
    person = people["person"]
    for name, viewer in people.items():
        assert permissions.can_view_record(viewer, person) is (name in ALLOWED), name
    assert permissions.can_view_record(AnonymousUser(), person) is False


def test_supervision_is_one_way(people):
    assert not permissions.can_view_record(people["person"], people["supervisor"])


def test_only_the_person_changes_their_record(people):
    person = people["person"]
    for name, viewer in people.items():
        assert permissions.can_change_record(viewer, person) is (name == "person"), name


def test_people_with_visible_records(people):
    person = people["person"]
    assert set(permissions.people_with_visible_records(people["supervisor"])) == {
        people["supervisor"],
        person,
    }
    lead_sees = set(permissions.people_with_visible_records(people["lead"]))
    assert person in lead_sees and people["colleague"] in lead_sees
    assert people["lead elsewhere"] not in lead_sees
    assert set(permissions.people_with_visible_records(people["SAB manager"])) == {
        people["SAB manager"]
    }
    assert not permissions.people_with_visible_records(AnonymousUser()).exists()


def test_own_external_cpd(people):
    from django.utils import timezone

    entry = services.external_cpd_create(
        user=people["person"],
        title="Course",
        date=timezone.localdate(),
        minutes=30,
        type="course",
    )
    assert list(permissions.own_external_cpd(people["person"])) == [entry]
    for name in ("supervisor", "lead", "administrator"):
        assert not permissions.own_external_cpd(people[name]).exists()
    assert not permissions.own_external_cpd(AnonymousUser()).exists()
