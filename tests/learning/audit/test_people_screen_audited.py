"""The admin's People screen (a person's profile): one save writes one entry however
many steps it takes (replacing a supervisor removes one and adds another), and the form
shown again after a failed save is a read of the person's details, as it is in Users."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning.models import AuditAction, AuditEntry
from learning.roles import Role
from tests.factories import make_person
from tests.learning.audit.test_account_changes_audited import FAILING_WRITE, form_data

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.12"


@pytest.fixture
def administrator(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SITE_ADMINISTRATOR)


@pytest.fixture
def person(db):
    return make_person(first_name="Ada", last_name="Quill")


def _existing() -> set[int]:
    return set(AuditEntry.objects.values_list("pk", flat=True))


def _new(before: set[int]):
    return AuditEntry.objects.exclude(pk__in=before)


def _edit_url(person) -> str:
    return reverse("people:edit", args=[person.profile.pk])


def test_replacing_a_supervisor_in_the_people_screen_writes_one_entry(
    client, administrator, person
):
    old = make_person(role=Role.SUPERVISOR, organisation=person.profile.organisation)
    new = make_person(role=Role.SUPERVISOR, organisation=person.profile.organisation)
    person.profile.supervisors.add(old)
    form = client.get(_edit_url(person)).context["form"]
    before = _existing()

    response = client.post(
        _edit_url(person), form_data(form, supervisors=[new.pk]), REMOTE_ADDR=ADDRESS
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(person.profile.supervisors.all()) == [new]
    entry = _new(before).get()  # one entry for the whole save, and nothing else
    assert entry.action == AuditAction.SUPERVISORS_CHANGED
    assert (entry.actor, entry.subject, entry.ip_address) == (administrator, person, ADDRESS)
    assert entry.path == _edit_url(person)
    assert entry.detail == {"added": [new.pk], "removed": [old.pk]}
    assert entry.summary == f"Supervisors changed: added user {new.pk}; removed user {old.pk}"


def test_a_move_and_a_supervisor_change_in_one_save_write_one_entry_each(
    client, administrator, person
):
    supervisor = make_person(role=Role.SUPERVISOR)
    elsewhere = make_person().profile.organisation
    form = client.get(_edit_url(person)).context["form"]
    before = _existing()

    response = client.post(
        _edit_url(person),
        form_data(form, organisation=elsewhere.pk, team="", supervisors=[supervisor.pk]),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert sorted(_new(before).values_list("action", flat=True)) == sorted(
        [AuditAction.ORGANISATION_CHANGED, AuditAction.SUPERVISORS_CHANGED]
    )


def test_saving_the_same_supervisors_writes_nothing(client, administrator, person):
    supervisor = make_person(role=Role.SUPERVISOR)
    person.profile.supervisors.add(supervisor)
    form = client.get(_edit_url(person)).context["form"]
    before = _existing()

    response = client.post(_edit_url(person), form_data(form, job_title="Social worker"))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert not _new(before).exists()


def test_the_people_form_shown_again_after_a_failed_save_is_a_read(client, administrator, person):
    form = client.get(_edit_url(person)).context["form"]
    before = _existing()

    # A registration number needs the body it is with.
    response = client.post(
        _edit_url(person),
        form_data(form, registration_body="", registration_number="AB12345"),
        REMOTE_ADDR=ADDRESS,
    )

    assert response.status_code == 200  # the form again, with its error
    assert "Say which body the registration number is with." in response.content.decode()
    assert "Ada Quill" in response.content.decode()
    entry = _new(before).get()
    assert entry.action == AuditAction.VIEWED_PERSON
    assert (entry.actor, entry.subject, entry.ip_address) == (administrator, person, ADDRESS)
    assert "Quill" not in entry.summary


def test_ones_own_profile_shown_again_writes_nothing(client, administrator):
    form = client.get(_edit_url(administrator)).context["form"]
    before = _existing()

    response = client.post(
        _edit_url(administrator),
        form_data(form, registration_body="", registration_number="AB12345"),
    )

    assert response.status_code == 200
    assert not _new(before).exists()


def test_a_supervisor_change_that_cannot_be_recorded_does_not_happen(client, administrator, person):
    old, new = make_person(role=Role.SUPERVISOR), make_person(role=Role.SUPERVISOR)
    person.profile.supervisors.add(old)
    form = client.get(_edit_url(person)).context["form"]
    before = _existing()

    with FAILING_WRITE:
        response = client.post(
            _edit_url(person), form_data(form, supervisors=[new.pk], job_title="Team manager")
        )

    assert response.status_code == 503
    assert list(person.profile.supervisors.all()) == [old]
    person.profile.refresh_from_db()
    assert person.profile.job_title == ""  # the rest of the save went back too
    assert not _new(before).exists()
