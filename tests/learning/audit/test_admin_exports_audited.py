"""Wagtail's own listing exports (?export=csv|xlsx on People, Invitations, Organisations,
the overrides report and every other admin listing) each write one EXPORTED entry
before the file is made, naming the listing and the format; showing the listing writes
none; and an export whose entry cannot be written gives a 503 and no file."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError

from learning.models import AuditAction, AuditEntry, Invitation
from learning.roles import Role
from tests.factories import OrganisationFactory, make_person

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.23"


@pytest.fixture
def administrator(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SITE_ADMINISTRATOR)


@pytest.fixture
def listed(administrator):
    """Someone in each listing."""
    person = make_person(first_name="Sam", last_name="Reid")
    Invitation.objects.create(
        email="new.starter@council.example",
        organisation=person.profile.organisation,
        invited_by=administrator,
    )
    return person


def _new_entries(before: set[int]):
    return AuditEntry.objects.exclude(pk__in=before)


def _existing() -> set[int]:
    return set(AuditEntry.objects.values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("url", "file_format", "listing"),
    [
        ("/admin/people/", "csv", "People"),
        ("/admin/people/", "xlsx", "People"),
        ("/admin/invitations/", "csv", "Invitations"),
        ("/admin/organisations/", "xlsx", "Organisations"),
        ("/admin/users/", "csv", "Users"),
    ],
)
def test_each_listing_export_writes_one_entry(
    client, administrator, listed, url, file_format, listing
):
    before = _existing()
    response = client.get(url, {"export": file_format}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body  # the file itself, made after the entry

    entry = _new_entries(before).get()
    assert entry.action == AuditAction.EXPORTED
    assert entry.actor == administrator
    assert entry.subject is None
    assert entry.ip_address == ADDRESS
    assert entry.path.startswith(url)
    assert entry.detail["format"] == file_format
    assert entry.detail["listing"] == listing
    assert entry.summary == f"Downloaded the “{listing}” listing as {file_format.upper()}"


def test_the_filters_of_the_exported_listing_are_recorded(client, administrator, listed):
    organisation = listed.profile.organisation
    before = _existing()
    client.get("/admin/people/", {"export": "csv", "organisation": organisation.pk})
    entry = _new_entries(before).get()
    assert entry.detail["filters"] == {"organisation": str(organisation.pk)}
    assert entry.detail["report"] == "people:index"


def test_showing_a_listing_writes_nothing(client, administrator, listed):
    before = _existing()
    for url in ("/admin/people/", "/admin/invitations/", "/admin/organisations/"):
        assert client.get(url).status_code == 200
    assert not _new_entries(before).exists()


def test_an_export_that_cannot_be_recorded_is_not_produced(client, administrator, listed):
    OrganisationFactory(name="Northmoor Fire and Rescue")
    before = _existing()
    with mock.patch(
        "learning.audit.services.AuditEntry.objects.create", side_effect=DatabaseError("down")
    ):
        response = client.get("/admin/organisations/", {"export": "csv"})
    assert response.status_code == 503
    assert "attachment" not in response.get("Content-Disposition", "")
    assert "Northmoor Fire and Rescue" not in response.content.decode()
    assert not _new_entries(before).exists()
