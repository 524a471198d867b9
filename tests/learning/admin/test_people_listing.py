"""The admin's People listing: role, organisation, team and active state, with filters
(inactive people included), in a bounded number of queries; and no bulk deletion of
accounts, which are deactivated instead."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import User
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, make_person

pytestmark = pytest.mark.django_db

PEOPLE = "/admin/people/"


@pytest.fixture
def admin(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SITE_ADMINISTRATOR)


@pytest.fixture
def people(db):
    northmoor = OrganisationFactory(name="Northmoor Council")
    care = TeamFactory(organisation=northmoor, name="Adult Social Care")
    eastfield = OrganisationFactory(name="Eastfield Trust")
    return {
        "northmoor": northmoor,
        "care": care,
        "eastfield": eastfield,
        "ann": make_person(first_name="Ann", last_name="Able", team=care),
        "sam": make_person(
            first_name="Sam", last_name="Super", role=Role.SUPERVISOR, organisation=eastfield
        ),
        "lee": make_person(
            first_name="Lee", last_name="Leaver", organisation=northmoor, is_active=False
        ),
    }


def names(response) -> set[str]:
    body = response.content.decode()
    return {name for name in ("Ann Able", "Sam Super", "Lee Leaver") if name in body}


def test_columns_and_filters_are_shown(client, admin, people):
    body = client.get(PEOPLE).content.decode()
    for heading in ("Role", "Organisation", "Team", "Active", "Email"):
        assert re.search(rf"<th[^>]*>\s*(<a[^>]*>\s*)?{heading}", body), heading
    for name in ("role", "organisation", "team", "active"):
        assert f'name="{name}"' in body, name
    assert "Inactive" in body and "Supervisor" in body and "Adult Social Care" in body


def test_inactive_people_are_listed_by_default_and_can_be_filtered(client, admin, people):
    assert {"Ann Able", "Sam Super", "Lee Leaver"} <= names(client.get(PEOPLE))
    assert names(client.get(PEOPLE, {"active": "false"})) == {"Lee Leaver"}
    assert "Lee Leaver" not in names(client.get(PEOPLE, {"active": "true"}))


def test_filters_by_role_organisation_and_team(client, admin, people):
    supervisors = Group.objects.get(name=Role.SUPERVISOR.value)
    assert names(client.get(PEOPLE, {"role": supervisors.pk})) == {"Sam Super"}
    assert names(client.get(PEOPLE, {"organisation": people["eastfield"].pk})) == {"Sam Super"}
    assert names(client.get(PEOPLE, {"team": people["care"].pk})) == {"Ann Able"}


def test_a_bad_filter_value_is_not_a_server_error(client, admin, people):
    assert client.get(PEOPLE, {"team": "abc", "role": "999999"}).status_code < 500


def test_queries_do_not_grow_with_the_number_of_people(client, admin, people):
    client.get(PEOPLE)  # warm caches (site, permissions)
    with CaptureQueriesContext(connection) as few:
        client.get(PEOPLE)
    for index in range(8):
        make_person(first_name=f"More{index}", organisation=people["northmoor"])
    with CaptureQueriesContext(connection) as many:
        client.get(PEOPLE)
    assert len(many) <= len(few) + 1


def test_bulk_menu_on_users_has_no_delete(client, admin, people):
    body = client.get("/admin/users/").content.decode()
    assert "/admin/bulk/learning/user/delete/" not in body
    assert "/admin/bulk/learning/user/set_active_state/" in body


def test_posting_to_bulk_delete_is_refused(client, admin, people):
    ann = people["ann"]
    response = client.post(f"/admin/bulk/learning/user/delete/?id={ann.pk}", {"id": ann.pk})
    assert 400 <= response.status_code < 500
    assert User.objects.filter(pk=ann.pk).exists()
