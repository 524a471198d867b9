"""My data and the administrator's copy: requesting, one pending request at a time,
downloading (only the person, or an administrator with the permission and the second
factor), expiry, failure without a 500, and the audit entries each writes."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from learning.models import AccessExport, AccessExportStatus, AuditAction, AuditEntry
from learning.privacy import access_export
from learning.privacy.erasure import erase_person
from learning.roles import Role
from tests.factories import make_person
from tests.learning.reflections.factories import make_entry, make_supervisee, make_supervisor


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def person(db):
    user = make_person(first_name="Sam", last_name="Subject", email="sam@partner.example")
    make_entry(user, title="My own reflection", body="What I learned.")
    return user


def _download_bytes(response) -> bytes:
    return b"".join(response.streaming_content)


def _entries(action: AuditAction, subject) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, subject=subject))


def test_the_page_says_what_the_copy_holds_and_offers_a_request(client, person):
    client.force_login(person)
    response = client.get(reverse("my_data"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Request a copy of your data" in page
    assert "Your reflective log entries" in page
    assert "You have not asked for a copy yet." in page
    assert "no-store" in response["Cache-Control"]


def test_requesting_builds_the_copy_and_the_person_downloads_it(client, person):
    client.force_login(person)
    response = client.post(reverse("my_data"), follow=True)
    assert "Your copy is ready to download." in response.content.decode()
    export = AccessExport.objects.get(subject=person)
    assert export.status == AccessExportStatus.READY
    assert export.requested_by == person
    assert export.size_bytes == default_storage.size(export.file_name)
    assert export.expires_at - export.finished_at == timedelta(days=7)
    # The file's name is random, not the export's id, which travels in addresses.
    assert export.file_name.startswith("access-exports/")
    assert str(export.pk) not in export.file_name
    assert [e.actor for e in _entries(AuditAction.ACCESS_EXPORT_REQUESTED, person)] == [person]

    response = client.get(reverse("my_data_download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(_download_bytes(response)))
    assert "profile.json" in archive.namelist()
    assert b"My own reflection" in archive.read("reflective_entries.json")
    assert len(_entries(AuditAction.ACCESS_EXPORT_DOWNLOADED, person)) == 1


def test_a_second_request_while_one_is_pending_is_refused(client, person):
    client.force_login(person)
    pending = AccessExport.objects.create(subject=person, requested_by=person)
    response = client.get(reverse("my_data"))
    assert "Request a copy of your data" not in response.content.decode()
    response = client.post(reverse("my_data"), follow=True)
    assert access_export.ALREADY_PENDING in response.content.decode()
    assert list(AccessExport.objects.filter(subject=person)) == [pending]
    assert _entries(AuditAction.ACCESS_EXPORT_REQUESTED, person) == []


def test_a_copy_abandoned_mid_build_no_longer_blocks_a_new_request(client, person):
    """A worker stopped while building leaves the copy PENDING; an hour on it is marked
    failed, so the person is not told for ever that one is on its way."""
    client.force_login(person)
    stuck = AccessExport.objects.create(subject=person, requested_by=person)
    AccessExport.objects.filter(pk=stuck.pk).update(
        requested_at=timezone.now() - access_export.ABANDONED_AFTER - timedelta(minutes=1)
    )
    recent = AccessExport.objects.create(subject=make_person(), requested_by=person)
    page = client.get(reverse("my_data")).content.decode()
    assert "Request a copy of your data" in page
    assert AccessExport.objects.get(pk=stuck.pk).status == AccessExportStatus.FAILED
    # Someone else's, and a recent one, are left to finish.
    assert AccessExport.objects.get(pk=recent.pk).status == AccessExportStatus.PENDING
    client.post(reverse("my_data"))
    assert AccessExport.objects.filter(subject=person, status=AccessExportStatus.READY).exists()


def test_a_failed_copy_is_not_offered_for_download(client, person):
    client.force_login(person)
    failed = AccessExport.objects.create(
        subject=person, requested_by=person, status=AccessExportStatus.FAILED
    )
    assert client.get(reverse("my_data_download", args=[failed.pk])).status_code == 404


def test_a_pending_copy_cannot_be_downloaded(client, person):
    client.force_login(person)
    pending = AccessExport.objects.create(subject=person, requested_by=person)
    assert client.get(reverse("my_data_download", args=[pending.pk])).status_code == 404


@pytest.mark.parametrize("role", ["other", "supervisor", "sab_manager", "administrator"])
def test_nobody_else_may_download_a_persons_copy(client, person, sign_in_with_mfa, role):
    export = access_export.request_export(subject=person, requested_by=person)
    supervisor = make_supervisor()
    person.profile.supervisors.add(supervisor)
    if role == "other":
        client.force_login(make_supervisee(supervisor))
    elif role == "supervisor":
        client.force_login(supervisor)
    else:
        sign_in_with_mfa(Role.SAB_MANAGER if role == "sab_manager" else Role.SITE_ADMINISTRATOR)
    response = client.get(reverse("my_data_download", args=[export.pk]))
    assert response.status_code == 404
    assert _entries(AuditAction.ACCESS_EXPORT_DOWNLOADED, person) == []


def test_a_signed_out_visitor_is_sent_to_sign_in(client, person):
    export = access_export.request_export(subject=person, requested_by=person)
    response = client.get(reverse("my_data_download", args=[export.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_expired_copy_is_gone_with_a_clear_message(client, person):
    export = access_export.request_export(subject=person, requested_by=person)
    file_name = export.file_name
    AccessExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(person)
    response = client.get(reverse("my_data_download", args=[export.pk]))
    assert response.status_code == 410
    assert "no longer available" in response.content.decode()
    export.refresh_from_db()
    assert (export.status, export.file_name) == (AccessExportStatus.EXPIRED, "")
    assert not default_storage.exists(file_name)
    assert _entries(AuditAction.ACCESS_EXPORT_DOWNLOADED, person) == []


def test_the_page_expires_stale_copies(client, person):
    export = access_export.request_export(subject=person, requested_by=person)
    AccessExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())
    client.force_login(person)
    response = client.get(reverse("my_data"))
    assert "Expired" in response.content.decode()
    assert not default_storage.exists(export.file_name)


def test_a_failure_marks_the_copy_failed_without_a_server_error(client, person):
    client.force_login(person)
    with (
        mock.patch.object(access_export, "write_archive", side_effect=RuntimeError("disk full")),
        mock.patch.object(access_export, "logger") as logger,
    ):
        response = client.post(reverse("my_data"), follow=True)
    assert response.status_code == 200
    assert "We could not prepare your copy" in response.content.decode()
    export = AccessExport.objects.get(subject=person)
    assert export.status == AccessExportStatus.FAILED
    assert export.file_name == ""
    assert logger.exception.call_args.args[0] == "Could not build the access export %s"
    # A failed copy does not block asking again.
    client.post(reverse("my_data"))
    assert AccessExport.objects.filter(subject=person, status=AccessExportStatus.READY).count() == 1


def test_a_failed_audit_write_refuses_the_request(client, person):
    from learning.audit.services import AuditWriteFailed

    client.force_login(person)
    with mock.patch.object(access_export, "record", side_effect=AuditWriteFailed("down")):
        response = client.post(reverse("my_data"))
    assert response.status_code == 503
    assert not AccessExport.objects.filter(subject=person).exists()


# --- The administrator's copy (a request by letter)


def test_an_administrator_produces_and_downloads_a_copy(client, person, sign_in_with_mfa):
    admin = sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    url = reverse("admin_access_export", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Reference for the request" in page.content.decode()

    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 400
    assert "Enter a reference for the request" in refused.content.decode()
    assert not AccessExport.objects.filter(subject=person).exists()

    response = client.post(url, {"reason": "Letter of 3 March, ref SAR-2026-14"})
    assert response.status_code == 302
    export = AccessExport.objects.get(subject=person)
    assert (export.requested_by, export.reason) == (admin, "Letter of 3 March, ref SAR-2026-14")
    assert export.status == AccessExportStatus.READY
    [requested] = _entries(AuditAction.ACCESS_EXPORT_REQUESTED, person)
    assert requested.actor == admin
    assert requested.detail == {"reason": "Letter of 3 March, ref SAR-2026-14"}

    download = reverse("admin_access_export_download", args=[person.pk, export.pk])
    assert download in client.get(url).content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(_download_bytes(response)))
    assert b"sam@partner.example" in archive.read("profile.json")
    [downloaded] = _entries(AuditAction.ACCESS_EXPORT_DOWNLOADED, person)
    assert downloaded.actor == admin


def test_an_administrators_request_does_not_count_as_the_persons_pending_one(
    client, person, sign_in_with_mfa
):
    admin = sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    AccessExport.objects.create(subject=person, requested_by=admin, reason="Letter")
    export = access_export.request_export(subject=person, requested_by=person)
    assert export.status == AccessExportStatus.READY
    client.force_login(person)
    assert "Request a copy of your data" in client.get(reverse("my_data")).content.decode()


def test_an_administrator_cannot_download_a_copy_the_person_asked_for(
    client, person, sign_in_with_mfa
):
    own = access_export.request_export(subject=person, requested_by=person)
    assert own.status == AccessExportStatus.READY
    sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    page = client.get(reverse("admin_access_export", args=[person.pk])).content.decode()
    download = reverse("admin_access_export_download", args=[person.pk, own.pk])
    assert download not in page
    assert "Only they can download it." in page
    assert client.get(download).status_code == 404
    assert _entries(AuditAction.ACCESS_EXPORT_DOWNLOADED, person) == []


def test_an_administrators_second_request_while_theirs_is_pending_is_refused(
    client, person, sign_in_with_mfa
):
    admin = sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    pending = AccessExport.objects.create(subject=person, requested_by=admin, reason="Letter")
    url = reverse("admin_access_export", args=[person.pk])
    response = client.post(url, {"reason": "Letter of 3 March, again"}, follow=True)
    assert response.status_code == 200
    assert "still being prepared" in response.content.decode()
    assert list(AccessExport.objects.filter(subject=person)) == [pending]
    assert _entries(AuditAction.ACCESS_EXPORT_REQUESTED, person) == []


# A SAB manager reaches the admin but lacks the permission: as if the person did not
# exist. An organisation lead does not reach the admin at all: sent to its sign-in.
@pytest.mark.parametrize("role, status", [(Role.SAB_MANAGER, 404), (Role.ORGANISATION_LEAD, 302)])
def test_other_privileged_people_cannot_produce_a_copy(
    client, person, sign_in_with_mfa, role, status
):
    sign_in_with_mfa(role)
    url = reverse("admin_access_export", args=[person.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"reason": "Letter of 3 March"}).status_code == status
    export = access_export.request_export(subject=person, requested_by=person)
    download = reverse("admin_access_export_download", args=[person.pk, export.pk])
    assert client.get(download).status_code == status
    assert _entries(AuditAction.ACCESS_EXPORT_DOWNLOADED, person) == []
    assert AccessExport.objects.filter(subject=person).count() == 1


def test_the_administrator_needs_the_second_factor(client, person, totp_user):
    admin = make_person(role=Role.SITE_ADMINISTRATOR)
    totp_user(admin)
    client.force_login_without_second_factor(admin)
    export = access_export.request_export(subject=person, requested_by=person)
    for url in (
        reverse("admin_access_export", args=[person.pk]),
        reverse("admin_access_export_download", args=[person.pk, export.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert _entries(AuditAction.ACCESS_EXPORT_DOWNLOADED, person) == []


def test_a_superuser_is_out_of_an_administrators_reach(client, sign_in_with_mfa):
    superuser = make_person(is_superuser=True, is_staff=True)
    sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    assert client.get(reverse("admin_access_export", args=[superuser.pk])).status_code == 404


def test_the_users_listing_links_to_the_copy(client, person, sign_in_with_mfa):
    sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    response = client.get(reverse("wagtailusers_users:index"))
    assert reverse("admin_access_export", args=[person.pk]) in response.content.decode()


def test_the_users_listing_offers_no_copy_of_an_erased_person(client, person, sign_in_with_mfa):
    admin = sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    erase_person(person, reason="They asked to be erased.", actor=admin, action=AuditAction.ERASED)
    response = client.get(reverse("wagtailusers_users:index"))
    assert reverse("admin_access_export", args=[person.pk]) not in response.content.decode()


def test_your_data_says_where_to_ask_for_correction_or_erasure(client, person):
    client.force_login(person)
    page = client.get(reverse("my_data")).content.decode()
    assert 'href="/privacy-notice/"' in page
    assert f'href="{reverse("reflections:entry_list")}"' in page
    assert "whom to ask to correct them or to erase them" in page


def test_my_learning_links_to_your_data(client, person):
    client.force_login(person)
    response = client.get(reverse("records:my_learning"))
    assert reverse("my_data") in response.content.decode()


def test_a_person_gets_at_most_three_copies_a_day(client, person):
    client.force_login(person)
    url = reverse("my_data")
    for _ in range(access_export.OWN_COPIES_PER_DAY):
        client.post(url)
    assert AccessExport.objects.filter(subject=person).count() == 3

    response = client.post(url, follow=True)

    assert AccessExport.objects.filter(subject=person).count() == 3
    assert access_export.LIMIT_REACHED in response.content.decode().replace("&#x27;", "'")


def test_the_page_answers_a_head_request(client, person):
    client.force_login(person)
    assert client.head(reverse("my_data")).status_code == 200


def test_a_copy_being_built_when_its_person_is_erased_is_not_made_ready(
    person, monkeypatch, django_capture_on_commit_callbacks
):
    """Erasure expires every copy, a pending one too; a build finishing afterwards must
    not turn it back into a download of the records as they were before erasure."""
    from learning.privacy.erasers import expire_access_exports

    export = AccessExport.objects.create(subject=person, requested_by=person)
    real_write = access_export.write_archive

    def write_while_erased(subject, out, **kwargs):
        result = real_write(subject, out, **kwargs)
        expire_access_exports(AccessExport.objects.filter(pk=export.pk))
        return result

    monkeypatch.setattr(access_export, "write_archive", write_while_erased)
    assert access_export.build_export(str(export.pk)) != AccessExportStatus.READY

    export.refresh_from_db()
    assert (export.status, export.file_name) == (AccessExportStatus.EXPIRED, "")
    assert default_storage.listdir(access_export.STORAGE_FOLDER)[1] == []
