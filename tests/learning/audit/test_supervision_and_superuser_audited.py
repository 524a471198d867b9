"""The account changes the first audit missed: superuser status switched on or off, a
role taken away by deleting its group, and changes of who supervises whom (from either
side, one entry per supervised person, supervisors by id and never by name). And the
admin reads it missed: a person's account history, and their edit form shown again after
a failed save."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.audit.receivers import account_changes_as_one_entry
from learning.models import AuditAction, AuditEntry, User
from learning.roles import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.9"


@pytest.fixture
def person(db):
    return make_person(first_name="Ada", last_name="Quill")


@pytest.fixture
def superuser(client, totp_user):
    user = make_person(is_superuser=True, is_staff=True, first_name="Root", last_name="Keeper")
    totp_user(user)
    client.force_login(user)
    return user


def _existing() -> set[int]:
    return set(AuditEntry.objects.values_list("pk", flat=True))


def _new(before: set[int], *actions: AuditAction):
    entries = AuditEntry.objects.exclude(pk__in=before).order_by("pk")
    return entries.filter(action__in=actions) if actions else entries


def _names_nobody(entry: AuditEntry, *people: User) -> None:
    """Entries outlive erasure: neither the summary nor the detail holds a name or an
    address."""
    text = entry.summary + " " + str(entry.detail)
    for someone in people:
        for word in (someone.first_name, someone.last_name, someone.email):
            assert word not in text, (word, text)


# --- Superuser status ------------------------------------------------------------------------


def test_switching_superuser_on_and_off_writes_a_role_change(person):
    before = _existing()
    person.is_superuser = True
    person.save()
    entry = _new(before).get()
    assert entry.action == AuditAction.ROLE_CHANGED
    assert (entry.subject, entry.detail) == (person, {"superuser": True})
    assert entry.summary == "Roles changed: made superuser"
    before = _existing()
    person.is_superuser = False
    person.save(update_fields=["is_superuser"])
    entry = _new(before).get()
    assert entry.detail == {"superuser": False}
    _names_nobody(entry, person)


def test_superuser_and_active_changes_in_one_save_read_the_row_once(person):
    person.is_superuser = True
    person.is_active = False
    before = _existing()
    with CaptureQueriesContext(connection) as queries:
        person.save()
    assert {entry.action: entry.detail for entry in _new(before)} == {
        AuditAction.ROLE_CHANGED: {"superuser": True},
        AuditAction.ACTIVE_CHANGED: {"active": False},
    }
    audit_reads = [
        q["sql"] for q in queries if "is_superuser" in q["sql"] and q["sql"].startswith("SELECT")
    ]
    assert len(audit_reads) == 1, audit_reads


def test_a_superuser_flag_this_save_does_not_write_is_no_change(person):
    before = _existing()
    person.is_superuser = True  # in memory only: not written by this save
    person.first_name = "Adele"
    person.save(update_fields=["first_name"])
    person.save(update_fields=["last_login"])
    assert not _new(before).exists()
    person.refresh_from_db()
    assert not person.is_superuser


def test_a_new_superuser_account_is_recorded():
    before = _existing()
    user = User.objects.create_superuser(email="root@example.org", password="x-long-secret")
    entry = _new(before, AuditAction.ROLE_CHANGED).get()
    assert (entry.subject, entry.detail) == (user, {"superuser": True})


def test_a_superuser_granting_it_in_the_admin_is_recorded(client, superuser, person):
    before = _existing()
    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "is_active": "on",
            "is_superuser": "on",
            "groups": [group.pk for group in person.groups.all()],
        },
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = _new(before).get()
    assert (entry.action, entry.detail) == (AuditAction.ROLE_CHANGED, {"superuser": True})
    assert (entry.actor, entry.subject, entry.ip_address) == (superuser, person, ADDRESS)


# --- Deleting a role's group -----------------------------------------------------------------


def test_deleting_a_group_records_each_member_losing_it(person):
    group = Group.objects.create(name="Pilot reviewers")
    other = make_person()
    person.groups.add(group)
    other.groups.add(group)
    outsider = make_person()
    before = _existing()
    group.delete()
    entries = _new(before)
    assert {entry.subject for entry in entries} == {person, other}
    for entry in entries:
        assert entry.action == AuditAction.ROLE_CHANGED
        assert entry.detail == {"added": [], "removed": ["Pilot reviewers"]}
        assert entry.summary == "Roles changed: removed Pilot reviewers"
    assert outsider not in {entry.subject for entry in entries}


# --- Who supervises whom ---------------------------------------------------------------------


def test_adding_and_removing_supervisors_of_a_profile(person):
    first, second = make_person(role=Role.SUPERVISOR), make_person(role=Role.SUPERVISOR)
    stranger = make_person()
    before = _existing()
    person.profile.supervisors.add(first, second)
    entry = _new(before).get()
    assert entry.action == AuditAction.SUPERVISORS_CHANGED
    assert entry.subject == person and entry.actor is None
    assert entry.detail == {"added": sorted([first.pk, second.pk]), "removed": []}
    _names_nobody(entry, person, first, second)
    before = _existing()
    person.profile.supervisors.add(first)  # held already: no change
    person.profile.supervisors.remove(stranger)  # never a supervisor: no change
    assert not _new(before).exists()
    person.profile.supervisors.remove(first)
    assert _new(before).get().detail == {"added": [], "removed": [first.pk]}


def test_clearing_supervisors_records_who_was_removed(person):
    first, second = make_person(role=Role.SUPERVISOR), make_person(role=Role.SUPERVISOR)
    person.profile.supervisors.add(first, second)
    before = _existing()
    person.profile.supervisors.clear()
    entry = _new(before).get()
    assert (entry.subject, entry.detail) == (
        person,
        {"added": [], "removed": sorted([first.pk, second.pk])},
    )
    before = _existing()
    person.profile.supervisors.clear()
    assert not _new(before).exists()


def test_supervisees_changed_from_the_supervisors_side(person):
    supervisor = make_person(role=Role.SUPERVISOR, first_name="Morgan", last_name="Vale")
    other, stranger = make_person(), make_person()
    before = _existing()
    supervisor.supervisees.add(person.profile, other.profile)
    entries = _new(before)
    assert {entry.subject: entry.detail for entry in entries} == {
        person: {"added": [supervisor.pk], "removed": []},
        other: {"added": [supervisor.pk], "removed": []},
    }
    assert all(entry.action == AuditAction.SUPERVISORS_CHANGED for entry in entries)
    for entry in entries:
        _names_nobody(entry, supervisor, person, other)
    before = _existing()
    supervisor.supervisees.remove(person.profile, stranger.profile)
    entry = _new(before).get()
    assert (entry.subject, entry.detail) == (person, {"added": [], "removed": [supervisor.pk]})
    before = _existing()
    supervisor.supervisees.clear()
    entry = _new(before).get()
    assert (entry.subject, entry.detail) == (other, {"added": [], "removed": [supervisor.pk]})


def test_replacing_supervisors_in_one_block_is_one_entry(person):
    old, new = make_person(role=Role.SUPERVISOR), make_person(role=Role.SUPERVISOR)
    person.profile.supervisors.add(old)
    before = _existing()
    with account_changes_as_one_entry():
        person.profile.supervisors.set([new])
    entry = _new(before).get()
    assert entry.detail == {"added": [new.pk], "removed": [old.pk]}
    assert entry.summary == f"Supervisors changed: added user {new.pk}; removed user {old.pk}"


# --- Reads of a person's account ---------------------------------------------------------------


def test_a_persons_account_history_is_recorded_as_a_read(client, superuser, person):
    before = _existing()
    response = client.get(
        reverse("wagtailusers_users:history", args=[person.pk]), REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 200
    entry = _new(before).get()
    assert entry.action == AuditAction.VIEWED_PERSON
    assert (entry.actor, entry.subject, entry.ip_address) == (superuser, person, ADDRESS)
    _names_nobody(entry, person)


def test_the_edit_form_shown_again_after_a_failed_save_is_a_read(client, superuser, person):
    before = _existing()
    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        {
            "email": person.email,
            "first_name": "",  # required
            "last_name": person.last_name,
            "is_active": "on",
        },
    )
    assert response.status_code == 200  # the form again, with its error
    assert person.email in response.content.decode()
    entry = _new(before).get()
    assert (entry.action, entry.subject, entry.actor) == (
        AuditAction.VIEWED_PERSON,
        person,
        superuser,
    )


def test_ones_own_history_and_failed_save_write_nothing(client, superuser):
    before = _existing()
    assert client.get(reverse("wagtailusers_users:history", args=[superuser.pk])).status_code == 200
    response = client.post(
        reverse("wagtailusers_users:edit", args=[superuser.pk]),
        {"email": superuser.email, "first_name": "", "last_name": superuser.last_name},
    )
    assert response.status_code == 200
    assert not _new(before).exists()
