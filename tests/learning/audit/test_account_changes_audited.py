"""Changes to who a person is in the hub are in the audit trail however they are made
(the admin's user and people screens, its bulk actions, joining, the shell): roles,
organisation or team, and whether the account is active, one entry per change and none
when nothing changed. So are sign-ins (the person's sign-in history) and an
administrator opening someone's account. A role change whose entry cannot be written
does not happen, and neither does a sign-in."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.db import DatabaseError
from django.urls import reverse

from learning.accounts import membership
from learning.models import AuditAction, AuditEntry, Invitation, Profile, User
from learning.roles import Role, roles_of
from tests.factories import (
    PASSWORD,
    OrganisationDomainFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
    make_person,
)

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"
ACCOUNT_ACTIONS = (
    AuditAction.ROLE_CHANGED,
    AuditAction.ORGANISATION_CHANGED,
    AuditAction.ACTIVE_CHANGED,
)
FAILING_WRITE = mock.patch(
    "learning.audit.services.AuditEntry.objects.create", side_effect=DatabaseError("down")
)


@pytest.fixture
def administrator(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SITE_ADMINISTRATOR)


@pytest.fixture
def person(db):
    return make_person(first_name="Sam", last_name="Reid")


def _existing() -> set[int]:
    return set(AuditEntry.objects.values_list("pk", flat=True))


def _new(before: set[int], *actions: AuditAction):
    entries = AuditEntry.objects.exclude(pk__in=before)
    return entries.filter(action__in=actions) if actions else entries


def _group(role: Role) -> Group:
    return Group.objects.get(name=role.value)


def user_edit_data(user: User, **overrides) -> dict:
    """The admin's user form as posted, unchanged unless told otherwise."""
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on" if user.is_active else None,
        "groups": [group.pk for group in user.groups.all()],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def form_data(form, **overrides) -> dict:
    """What a browser would post back for `form` as shown, with `overrides`."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled:
            continue
        if isinstance(value, bool):
            value = "on" if value else None
        elif isinstance(value, list | tuple):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = value
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- Roles ---------------------------------------------------------------------------------


def test_a_role_change_in_the_admin_writes_one_entry(client, administrator, person):
    before = _existing()
    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        user_edit_data(person, groups=[_group(Role.SUPERVISOR).pk]),
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert roles_of(person) == {Role.SUPERVISOR}
    entry = _new(before).get()  # one entry for the whole save, and nothing else
    assert entry.action == AuditAction.ROLE_CHANGED
    assert entry.actor == administrator
    assert entry.subject == person
    assert entry.ip_address == ADDRESS
    assert entry.path == reverse("wagtailusers_users:edit", args=[person.pk])
    assert entry.detail == {"added": ["Supervisor"], "removed": ["Practitioner"]}
    assert entry.summary == "Roles changed: added Supervisor; removed Practitioner"
    assert "Reid" not in entry.summary  # entries outlive erasure: no names in them


def test_saving_someone_unchanged_writes_no_change(client, administrator, person):
    before = _existing()
    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]), user_edit_data(person)
    )
    assert response.status_code == 302
    assert not _new(before).exists()


def test_a_role_change_that_cannot_be_recorded_does_not_happen(client, administrator, person):
    before = _existing()
    with FAILING_WRITE:
        response = client.post(
            reverse("wagtailusers_users:edit", args=[person.pk]),
            user_edit_data(person, groups=[_group(Role.SITE_ADMINISTRATOR).pk], first_name="X"),
        )
    assert response.status_code == 503
    person.refresh_from_db()
    assert roles_of(person) == {Role.PRACTITIONER}
    assert person.first_name == "Sam"  # the rest of the save went back too
    assert not _new(before).exists()


def test_the_bulk_assign_role_writes_one_entry_per_person(client, administrator, person):
    other = make_person()
    before = _existing()
    response = client.post(
        f"/admin/bulk/learning/user/assign_role/?id={person.pk}&id={other.pk}",
        {"role": _group(Role.SUPERVISOR).pk},
    )
    assert response.status_code == 302
    entries = _new(before)
    assert {entry.subject for entry in entries} == {person, other}
    for entry in entries:
        assert entry.action == AuditAction.ROLE_CHANGED
        assert entry.actor == administrator
        assert entry.detail == {"added": ["Supervisor"], "removed": []}


def test_roles_changed_in_the_shell_have_no_actor(person):
    before = _existing()
    person.groups.add(_group(Role.SAB_EDITOR))
    person.groups.add(_group(Role.SAB_EDITOR))  # held already: no change
    person.groups.remove(_group(Role.SAB_MANAGER))  # never held: no change
    person.groups.remove(_group(Role.PRACTITIONER))
    added, removed = _new(before).order_by("pk")
    assert added.detail == {"added": ["SAB editor"], "removed": []}
    assert removed.detail == {"added": [], "removed": ["Practitioner"]}
    assert added.actor is None and added.ip_address is None and added.path == ""
    before = _existing()
    person.groups.clear()
    assert _new(before).get().detail == {"added": [], "removed": ["SAB editor"]}
    before = _existing()
    person.groups.clear()
    assert not _new(before).exists()


# --- Active state --------------------------------------------------------------------------


def test_deactivating_in_the_admin_writes_one_entry(client, administrator, person):
    before = _existing()
    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        user_edit_data(person, is_active=None),
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    entry = _new(before).get()
    assert entry.action == AuditAction.ACTIVE_CHANGED
    assert entry.detail == {"active": False}
    assert entry.summary == "Account deactivated"
    assert (entry.actor, entry.subject, entry.ip_address) == (administrator, person, ADDRESS)


def test_bulk_set_active_state_writes_one_entry_per_change(client, administrator, person):
    leaver = make_person(is_active=False)
    before = _existing()
    response = client.post(
        f"/admin/bulk/learning/user/set_active_state/?id={person.pk}&id={leaver.pk}",
        {"mark_as_active": "False"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    # The one already inactive did not change.
    entry = _new(before).get()
    assert (entry.action, entry.subject, entry.actor) == (
        AuditAction.ACTIVE_CHANGED,
        person,
        administrator,
    )
    assert entry.detail == {"active": False}
    before = _existing()
    client.post(
        f"/admin/bulk/learning/user/set_active_state/?id={leaver.pk}",
        {"mark_as_active": "True"},
    )
    leaver.refresh_from_db()
    assert leaver.is_active
    assert _new(before).get().detail == {"active": True}


def test_a_sign_in_saving_last_login_is_not_an_active_change(person):
    before = _existing()
    person.save(update_fields=["last_login"])
    person.first_name = "Samuel"
    person.save()
    assert not _new(before).exists()


# --- Organisation and team ---------------------------------------------------------------


def test_moving_someone_in_the_people_screen_writes_one_entry(client, administrator):
    old_team = TeamFactory(name="Hospital discharge", organisation__name="Northmoor Council")
    new_team = TeamFactory(name="Fire safety", organisation__name="Northmoor Fire and Rescue")
    moved = make_person(team=old_team)
    profile = moved.profile
    edit = reverse("people:edit", args=[profile.pk])
    form = client.get(edit).context["form"]
    before = _existing()
    response = client.post(
        edit,
        form_data(form, organisation=new_team.organisation.pk, team=new_team.pk),
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = _new(before).get()
    assert entry.action == AuditAction.ORGANISATION_CHANGED
    assert (entry.actor, entry.subject, entry.ip_address) == (administrator, moved, ADDRESS)
    assert entry.detail == {
        "organisation": {"from": "Northmoor Council", "to": "Northmoor Fire and Rescue"},
        "team": {"from": "Hospital discharge", "to": "Fire safety"},
    }


def test_saving_a_profile_in_the_same_place_writes_no_change(client, administrator, person):
    edit = reverse("people:edit", args=[person.profile.pk])
    form = client.get(edit).context["form"]
    before = _existing()
    response = client.post(edit, form_data(form, job_title="Social worker"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not _new(before, *ACCOUNT_ACTIONS).exists()
    person.profile.refresh_from_db()
    person.profile.save()
    assert not _new(before, *ACCOUNT_ACTIONS).exists()


def test_a_team_change_alone_names_only_the_team(person):
    team = TeamFactory(name="Safeguarding hub", organisation=person.profile.organisation)
    before = _existing()
    profile = Profile.objects.get(user=person)
    profile.team = team
    profile.save()
    entry = _new(before).get()
    assert entry.detail == {"team": {"from": None, "to": "Safeguarding hub"}}
    assert entry.summary == "Moved: team none to “Safeguarding hub”"
    assert entry.actor is None


def test_deleting_a_team_records_each_member_leaving_it():
    team = TeamFactory(name="Night shift")
    members = [make_person(team=team), make_person(team=team)]
    before = _existing()
    team.delete()
    entries = _new(before)
    assert {entry.subject for entry in entries} == set(members)
    assert all(entry.detail == {"team": {"from": "Night shift", "to": None}} for entry in entries)


# --- A new account -------------------------------------------------------------------------


def test_a_new_accounts_first_role_and_organisation_are_recorded():
    organisation = OrganisationFactory(name="Kellmouth Housing")
    before = _existing()
    user = make_person(organisation=organisation)
    entries = {entry.action: entry for entry in _new(before)}
    assert set(entries) == {AuditAction.ROLE_CHANGED, AuditAction.ORGANISATION_CHANGED}
    assert entries[AuditAction.ROLE_CHANGED].detail == {"added": ["Practitioner"], "removed": []}
    assert entries[AuditAction.ORGANISATION_CHANGED].detail == {
        "organisation": {"from": None, "to": "Kellmouth Housing"}
    }
    assert all(entry.subject == user for entry in entries.values())


def test_joining_by_invitation_records_the_role_it_grants():
    user = UserFactory()
    invitation = Invitation.objects.create(
        email=user.email, organisation=OrganisationFactory(), role=Role.SUPERVISOR
    )
    before = _existing()
    membership.member_join(
        user=user,
        organisation=invitation.organisation,
        role=Role.SUPERVISOR,
        invitation=invitation,
    )
    role = _new(before, AuditAction.ROLE_CHANGED).get()
    assert (role.subject, role.detail) == (user, {"added": ["Supervisor"], "removed": []})
    assert _new(before, AuditAction.ORGANISATION_CHANGED).get().subject == user


def test_signing_up_records_the_first_role_and_organisation(client):
    OrganisationDomainFactory(domain="kellmouth.example")
    before = _existing()
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Robin",
            "last_name": "Ashby",
            "email": "robin@kellmouth.example",
            "job_title": "Occupational therapist",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="robin@kellmouth.example")
    assert _new(before, AuditAction.ROLE_CHANGED).get().subject == user
    assert _new(before, AuditAction.ORGANISATION_CHANGED).get().subject == user


# --- Sign-ins ------------------------------------------------------------------------------


def test_signing_in_writes_one_entry_with_the_address(client, person):
    before = _existing()
    response = client.post(
        reverse("account_login"),
        {"login": person.email, "password": PASSWORD},
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302
    entry = _new(before).get()
    assert entry.action == AuditAction.SIGNED_IN
    assert (entry.actor, entry.subject, entry.ip_address) == (person, person, ADDRESS)
    assert entry.path == reverse("account_login")


def test_a_failed_sign_in_writes_nothing(client, person):
    before = _existing()
    client.post(reverse("account_login"), {"login": person.email, "password": "wrong-one"})
    assert not _new(before).exists()


def test_a_sign_in_that_cannot_be_recorded_does_not_happen(client, person):
    with FAILING_WRITE:
        response = client.post(
            reverse("account_login"), {"login": person.email, "password": PASSWORD}
        )
    assert response.status_code == 503
    assert SESSION_KEY not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # not signed in


# --- An administrator opening someone's account ------------------------------------------


def test_opening_someones_account_writes_one_entry(client, administrator, person):
    before = _existing()
    response = client.get(reverse("wagtailusers_users:edit", args=[person.pk]), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    entry = _new(before).get()
    assert entry.action == AuditAction.VIEWED_PERSON
    assert (entry.actor, entry.subject, entry.ip_address) == (administrator, person, ADDRESS)


def test_opening_someones_profile_writes_one_entry(client, administrator, person):
    before = _existing()
    response = client.get(reverse("people:edit", args=[person.profile.pk]))
    assert response.status_code == 200
    entry = _new(before).get()
    assert (entry.action, entry.subject) == (AuditAction.VIEWED_PERSON, person)


def test_opening_ones_own_account_writes_nothing(client, administrator):
    before = _existing()
    assert (
        client.get(reverse("wagtailusers_users:edit", args=[administrator.pk])).status_code == 200
    )
    assert client.get(reverse("people:edit", args=[administrator.profile.pk])).status_code == 200
    assert not _new(before).exists()


def test_an_account_that_cannot_be_recorded_as_opened_is_not_shown(client, administrator, person):
    with FAILING_WRITE:
        response = client.get(reverse("wagtailusers_users:edit", args=[person.pk]))
    assert response.status_code == 503
    assert person.email not in response.content.decode()
