"""Retention: the clock starts when an account is deactivated and stops when it is
reactivated, whatever saves it; the daily command erases exactly those whose period has
ended (the same calendar day N years on, 28 February for a 29 February) and deletes
expired copies of people's data."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from learning.models import (
    AccessExport,
    AuditAction,
    AuditEntry,
    Invitation,
    PrivacySettings,
    User,
)
from learning.models.privacy import AccessExportStatus
from learning.privacy.retention import (
    CLOSED_INVITATIONS_KEPT,
    due_for_erasure,
    latest_deactivation_due,
)
from learning.privacy.retention import erase_person as retention_erase_person
from learning.privacy.retention import timezone as retention_timezone
from tests.factories import OrganisationFactory, UserFactory, make_person

pytestmark = pytest.mark.django_db

TODAY = date(2032, 3, 15)
NOON = datetime(2032, 3, 15, 12, tzinfo=UTC)


def _left_on(person: User, day: date) -> User:
    User.objects.filter(pk=person.pk).update(
        is_active=False, deactivated_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    )
    person.refresh_from_db()
    return person


# --- the clock ---------------------------------------------------------------------------


def test_deactivating_starts_the_clock_and_reactivating_clears_it():
    person = make_person()
    assert person.deactivated_at is None
    person.is_active = False
    person.save()
    person.refresh_from_db()
    assert person.deactivated_at is not None
    first = person.deactivated_at
    person.first_name = "Renamed"
    person.save()  # Saving again while inactive keeps the date.
    person.refresh_from_db()
    assert person.deactivated_at == first
    person.is_active = True
    person.save()
    person.refresh_from_db()
    assert person.deactivated_at is None


def test_a_save_of_only_the_active_flag_still_writes_the_date():
    person = make_person()
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert User.objects.get(pk=person.pk).deactivated_at is not None


def test_a_new_account_made_inactive_starts_its_clock():
    assert UserFactory(is_active=False).deactivated_at is not None
    assert UserFactory().deactivated_at is None


def test_the_command_starts_and_clears_clocks_changed_without_a_save():
    left = make_person()
    back = _left_on(make_person(), date(2030, 1, 1))
    User.objects.filter(pk=left.pk).update(is_active=False)
    User.objects.filter(pk=back.pk).update(is_active=True)
    call_command("apply_retention", stdout=StringIO())
    assert User.objects.get(pk=left.pk).deactivated_at is not None
    assert User.objects.get(pk=back.pk).deactivated_at is None


# --- who is due --------------------------------------------------------------------------


def test_latest_deactivation_due_follows_the_calendar_rule():
    assert latest_deactivation_due(date(2032, 3, 15), 6) == date(2026, 3, 15)
    # Left on 29 February 2028: one year on is 28 February 2029.
    assert latest_deactivation_due(date(2029, 2, 28), 1) == date(2028, 2, 29)
    assert latest_deactivation_due(date(2029, 2, 27), 1) == date(2028, 2, 27)


def test_exactly_those_past_their_date_are_due():
    six = OrganisationFactory(name="Six years", retention_years=6)
    two = OrganisationFactory(name="Two years", retention_years=2)
    settings = PrivacySettings.load()
    settings.retention_years_without_organisation = 3
    settings.save()

    day_before = _left_on(make_person(organisation=six), date(2026, 3, 16))
    on_the_day = _left_on(make_person(organisation=six), date(2026, 3, 15))
    day_after = _left_on(make_person(organisation=six), date(2026, 3, 14))
    two_years = _left_on(make_person(organisation=two), date(2030, 3, 15))
    two_years_not_yet = _left_on(make_person(organisation=two), date(2030, 3, 16))
    no_organisation = _left_on(UserFactory(), date(2029, 3, 15))
    no_organisation_not_yet = _left_on(UserFactory(), date(2029, 3, 16))
    make_person(organisation=six)  # Active: never due.
    already_erased = _left_on(make_person(organisation=six), date(2020, 1, 1))
    User.objects.filter(pk=already_erased.pk).update(erased_at=timezone.now())

    due = set(due_for_erasure(TODAY))
    assert due == {on_the_day, day_after, two_years, no_organisation}
    assert not due & {day_before, two_years_not_yet, no_organisation_not_yet}


def test_the_command_erases_those_due_with_frozen_time():
    organisation = OrganisationFactory(retention_years=2)
    due = _left_on(make_person(organisation=organisation), date(2030, 3, 15))
    not_yet = _left_on(make_person(organisation=organisation), date(2030, 3, 16))
    out = StringIO()
    with mock.patch.object(retention_timezone, "now", return_value=NOON):
        call_command("apply_retention", "--dry-run", stdout=out)
        assert User.objects.get(pk=due.pk).erased_at is None
        assert f"Person {due.pk} would be erased" in out.getvalue()
        assert "1 person would be erased on 15 March 2032" in out.getvalue()
        out = StringIO()
        call_command("apply_retention", stdout=out)
    assert f"Person {due.pk} erased" in out.getvalue()
    assert User.objects.get(pk=due.pk).erased_at is not None
    assert User.objects.get(pk=not_yet.pk).erased_at is None
    entry = AuditEntry.objects.get(action=AuditAction.RETENTION_ERASED)
    assert entry.subject_id == due.pk and entry.actor_id is None
    assert "2 years" in entry.detail["reason"] and "15 March 2030" in entry.detail["reason"]
    # Run again the same day: nothing more.
    out = StringIO()
    with mock.patch.object(retention_timezone, "now", return_value=NOON):
        call_command("apply_retention", stdout=out)
    assert "0 people erased" in out.getvalue()
    assert AuditEntry.objects.filter(action=AuditAction.RETENTION_ERASED).count() == 1


def test_one_failed_erasure_stops_no_one_else_and_the_command_says_so():
    organisation = OrganisationFactory(retention_years=2)
    first = _left_on(make_person(organisation=organisation), date(2030, 3, 1))
    second = _left_on(make_person(organisation=organisation), date(2030, 3, 2))
    real_erase = retention_erase_person

    def erase_failing_for_first(user, **kwargs):
        if user.pk == first.pk:
            raise OSError("storage unreachable")
        return real_erase(user, **kwargs)

    out = StringIO()
    with (
        mock.patch.object(retention_timezone, "now", return_value=NOON),
        mock.patch("learning.privacy.retention.erase_person", erase_failing_for_first),
        pytest.raises(CommandError, match=f"people {first.pk}; the log says why"),
    ):
        call_command("apply_retention", stdout=out)
    assert User.objects.get(pk=first.pk).erased_at is None
    assert User.objects.get(pk=second.pk).erased_at is not None
    assert f"Person {second.pk} erased" in out.getvalue()


def test_the_command_deletes_finished_background_tasks_a_week_on():
    def task(finished_days_ago: int | None) -> DBTaskResult:
        finished = None if finished_days_ago is None else NOON - timedelta(finished_days_ago)
        return DBTaskResult.objects.create(
            task_path="learning.notifications.tasks.send_notification_email",
            backend_name="default",
            run_after=NOON,
            status="SUCCESSFUL" if finished else "READY",
            finished_at=finished,
            args_kwargs={"args": [], "kwargs": {"to": ["someone@northmoor.example"]}},
        )

    old, recent, queued = task(8), task(6), task(None)
    out = StringIO()
    with mock.patch.object(retention_timezone, "now", return_value=NOON):
        call_command("apply_retention", "--dry-run", stdout=out)
        assert "1 finished background task (emails sent, copies built) would be deleted" in (
            out.getvalue()
        )
        assert DBTaskResult.objects.filter(pk=old.pk).exists()
        call_command("apply_retention", stdout=StringIO())
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk, queued.pk}


def test_the_command_clears_expired_sessions(client):
    person = make_person()
    client.force_login(person)
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    call_command("apply_retention", stdout=StringIO())
    assert not Session.objects.exists()


def test_invitations_never_accepted_forget_their_address_six_months_after_they_ended():
    organisation = OrganisationFactory(name="Ashby Council")
    ended = timezone.now() - CLOSED_INVITATIONS_KEPT - timedelta(days=1)

    def invitation(email: str, **fields) -> Invitation:
        made = Invitation.objects.create(email=email, organisation=organisation, **fields)
        log(made, "wagtail.create")  # Wagtail's history labels it with the address.
        return made

    expired = invitation("expired@ashby.example", expires_at=ended)
    withdrawn = invitation("withdrawn@ashby.example", revoked_at=ended)
    open_one = invitation("still.open@ashby.example")
    not_yet = invitation("lately@ashby.example", expires_at=ended + timedelta(days=2))
    joined = make_person(email="joined@ashby.example")
    accepted = invitation(
        "joined@ashby.example", expires_at=ended, accepted_at=ended, accepted_by=joined
    )
    call_command("apply_retention", stdout=StringIO())

    def address(made: Invitation) -> str:
        return Invitation.objects.get(pk=made.pk).email

    assert address(expired) == f"invitation-{expired.pk}@erased.invalid"
    assert address(withdrawn) == f"invitation-{withdrawn.pk}@erased.invalid"
    assert [address(i) for i in (open_one, not_yet, accepted)] == [
        "still.open@ashby.example",
        "lately@ashby.example",
        "joined@ashby.example",
    ]
    labels = " ".join(ModelLogEntry.objects.values_list("label", flat=True))
    assert "expired@ashby.example" not in labels and "withdrawn@ashby.example" not in labels
    assert "still.open@ashby.example" in labels


def test_the_command_deletes_expired_copies_of_peoples_data(django_capture_on_commit_callbacks):
    person = make_person()
    name = default_storage.save("access-exports/retention-test.zip", ContentFile(b"zip"))
    expired = AccessExport.objects.create(
        subject=person,
        requested_by=person,
        status=AccessExportStatus.READY,
        file_name=name,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    current = AccessExport.objects.create(
        subject=person,
        requested_by=person,
        status=AccessExportStatus.READY,
        file_name="access-exports/current.zip",
        expires_at=timezone.now() + timedelta(days=3),
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", stdout=out)
    assert "1 expired copy of people's data deleted" in out.getvalue()
    expired.refresh_from_db()
    current.refresh_from_db()
    assert (expired.status, expired.file_name) == (AccessExportStatus.EXPIRED, "")
    assert not default_storage.exists(name)
    assert current.status == AccessExportStatus.READY


def test_the_command_help_says_how_to_schedule_it():
    from learning.management.commands.apply_retention import Command

    assert "cron" in Command.help and "systemd" in Command.help
