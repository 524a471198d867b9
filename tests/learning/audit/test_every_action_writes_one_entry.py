"""Each audited action writes one entry (issue 14): for every member of AuditAction, the
action done through its real entry point (a page, through the test client; the
retention command for what only the schedule does) writes exactly one entry of that
action, naming who acted and whose records. Whatever the action's setup writes is left
out of the count. Adding an action without a case here fails
test_every_action_has_a_case.

The other tests of tests/learning/audit, tests/learning/reflections/test_audit.py and
tests/learning/privacy look at each entry's wording, detail and refusals; this table
is only the census."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from learning.models import AuditAction, AuditEntry, EntryStatus, User
from learning.privacy import access_export
from learning.reflections import services as reflections
from learning.roles import Role
from tests.factories import PASSWORD, make_person
from tests.learning.audit.test_account_changes_audited import form_data, user_edit_data
from tests.learning.audit.test_overrides_audited import (
    _post_decision,
    _post_proposal,
    _proposed,
)
from tests.learning.privacy.test_erasure_admin import REASON as ERASURE_REASON
from tests.learning.publishing_guard.helpers import NAME
from tests.learning.reflections.factories import (
    make_entry,
    make_learning_page,
    make_supervisee,
    make_supervisor,
    shared_entry,
)

pytestmark = pytest.mark.django_db


@dataclass
class World:
    """What a case may use to arrange its action: the test client and the fixtures that
    sign someone in to it."""

    client: Any
    sign_in_with_mfa: Callable[[Role], User]
    totp_user: Callable[[User], Any]


@dataclass
class Case:
    """The action itself (run after everything arranged is counted out, and checking
    its own response), and who the one entry must name."""

    act: Callable[[], Any]
    actor: User | None
    subject: User | None


CASES: dict[AuditAction, Callable[[World], Case]] = {}


def case(action: AuditAction):
    def register(arrange: Callable[[World], Case]) -> Callable[[World], Case]:
        assert action not in CASES, f"two cases for {action}"
        CASES[action] = arrange
        return arrange

    return register


def _ok(response, status: int = 200):
    assert response.status_code == status, response.content[:2000]
    return response


def _drained(response):
    """A streamed file read to its end, as a browser would. The test client closes it
    once read; closing it again here would end the request a second time, which on
    PostgreSQL closes the test's database connection."""
    _ok(response)
    b"".join(response.streaming_content)
    return response


def _author_and_supervisor() -> tuple[User, User]:
    supervisor = make_supervisor()
    return make_supervisee(supervisor), supervisor


def _final_shared_entry(author: User, supervisor: User):
    return shared_entry(author, supervisor, status=EntryStatus.FINAL)


# --- Reading another person's records ---------------------------------------------------


@case(AuditAction.VIEWED_RECORD)
def _viewed_record(world: World) -> Case:
    person, supervisor = _author_and_supervisor()
    world.client.force_login(supervisor)
    url = reverse("records:person_learning", args=[person.pk])
    return Case(lambda: _ok(world.client.get(url)), supervisor, person)


@case(AuditAction.VIEWED_ENTRY)
def _viewed_entry(world: World) -> Case:
    author, supervisor = _author_and_supervisor()
    entry = shared_entry(author, supervisor)
    world.client.force_login(supervisor)
    url = reverse("reflections:entry_detail", args=[entry.pk])
    return Case(lambda: _ok(world.client.get(url)), supervisor, author)


@case(AuditAction.VIEWED_PERSON)
def _viewed_person(world: World) -> Case:
    administrator = world.sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    person = make_person()
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    return Case(lambda: _ok(world.client.get(url)), administrator, person)


@case(AuditAction.VIEWED_IN_LIST)
def _viewed_in_list(world: World) -> Case:
    # One supervisee: one entry (each person listed has their own).
    person, supervisor = _author_and_supervisor()
    world.client.force_login(supervisor)
    url = reverse("supervision:my_team")
    return Case(lambda: _ok(world.client.get(url)), supervisor, person)


# --- Files leaving the hub ----------------------------------------------------------------


@case(AuditAction.EXPORTED)
def _exported(world: World) -> Case:
    person = make_person()
    world.client.force_login(person)
    url = reverse("records:export_csv")
    return Case(lambda: _ok(world.client.get(url)), person, person)


@case(AuditAction.ACCESS_EXPORT_REQUESTED)
def _access_export_requested(world: World) -> Case:
    person = make_person()
    world.client.force_login(person)
    return Case(lambda: _ok(world.client.post(reverse("my_data")), 302), person, person)


@case(AuditAction.ACCESS_EXPORT_DOWNLOADED)
def _access_export_downloaded(world: World) -> Case:
    person = make_person()
    export = access_export.request_export(subject=person, requested_by=person)
    world.client.force_login(person)
    url = reverse("my_data_download", args=[export.pk])
    return Case(lambda: _drained(world.client.get(url)), person, person)


# --- Reflective entries -------------------------------------------------------------------


@case(AuditAction.SHARED)
def _shared(world: World) -> Case:
    author, supervisor = _author_and_supervisor()
    entry = make_entry(author, status=EntryStatus.FINAL)
    world.client.force_login(author)
    url = reverse("reflections:entry_share", args=[entry.pk])
    return Case(
        lambda: _ok(world.client.post(url, {"supervisors": [supervisor.pk]}), 302), author, author
    )


@case(AuditAction.SHARE_WITHDRAWN)
def _share_withdrawn(world: World) -> Case:
    author, supervisor = _author_and_supervisor()
    entry = shared_entry(author, supervisor)
    world.client.force_login(author)
    url = reverse("reflections:entry_withdraw", args=[entry.pk])
    return Case(
        lambda: _ok(world.client.post(url, {"supervisors": [supervisor.pk]}), 302), author, author
    )


@case(AuditAction.SIGNED_OFF)
def _signed_off(world: World) -> Case:
    author, supervisor = _author_and_supervisor()
    entry = _final_shared_entry(author, supervisor)
    world.client.force_login(supervisor)
    url = reverse("reflections:entry_sign_off", args=[entry.pk])
    return Case(lambda: _ok(world.client.post(url), 302), supervisor, author)


@case(AuditAction.REOPENED)
def _reopened(world: World) -> Case:
    author, supervisor = _author_and_supervisor()
    entry = _final_shared_entry(author, supervisor)
    reflections.entry_sign_off(entry=entry, supervisor=supervisor)
    world.client.force_login(supervisor)
    url = reverse("reflections:entry_reopen", args=[entry.pk])
    return Case(lambda: _ok(world.client.post(url), 302), supervisor, author)


@case(AuditAction.ENTRY_DELETED)
def _entry_deleted(world: World) -> Case:
    author, supervisor = _author_and_supervisor()
    entry = shared_entry(author, supervisor)
    world.client.force_login(author)
    url = reverse("reflections:reflection_delete", args=[entry.pk])
    return Case(lambda: _ok(world.client.post(url), 302), author, author)


# --- The anonymisation guard (test_overrides_audited's helpers) -----------------------------


def _draft_naming_someone():
    page = make_learning_page(title="Living with risk")
    page.situation = f"<p>{NAME} lives alone and was finding it hard.</p>"
    page.save_revision()
    return page


def _overrider(world: World) -> User:
    user = make_person(role=Role.SAB_MANAGER)
    world.totp_user(user)
    return user


@case(AuditAction.OVERRIDE_PROPOSED)
def _override_proposed(world: World) -> Case:
    page, manager = _draft_naming_someone(), _overrider(world)
    world.client.force_login(manager)
    return Case(lambda: _ok(_post_proposal(world.client, page), 302), manager, None)


def _decided(world: World, action: str, *, by_proposer: bool) -> Case:
    page, manager = _draft_naming_someone(), _overrider(world)
    override = _proposed(page, manager)
    decider = manager if by_proposer else _overrider(world)
    world.client.force_login(decider)
    return Case(
        lambda: _ok(_post_decision(world.client, page, override, action), 302), decider, None
    )


@case(AuditAction.OVERRIDE_CONFIRMED)
def _override_confirmed(world: World) -> Case:
    return _decided(world, "confirm", by_proposer=False)


@case(AuditAction.OVERRIDE_DECLINED)
def _override_declined(world: World) -> Case:
    return _decided(world, "decline", by_proposer=False)


@case(AuditAction.OVERRIDE_WITHDRAWN)
def _override_withdrawn(world: World) -> Case:
    # The proposer declining their own proposal withdraws it.
    return _decided(world, "decline", by_proposer=True)


# --- Accounts -------------------------------------------------------------------------------


def _user_edit(world: World, **changes) -> Case:
    administrator = world.sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    person = make_person()
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    data = user_edit_data(person, **changes)
    return Case(lambda: _ok(world.client.post(url, data), 302), administrator, person)


def _people_edit(world: World, person: User, **changes) -> Case:
    administrator = world.sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    url = reverse("people:edit", args=[person.profile.pk])
    data = form_data(world.client.get(url).context["form"], **changes)
    return Case(lambda: _ok(world.client.post(url, data), 302), administrator, person)


@case(AuditAction.ROLE_CHANGED)
def _role_changed(world: World) -> Case:
    return _user_edit(world, groups=[Group.objects.get(name=Role.SUPERVISOR.value).pk])


@case(AuditAction.ACTIVE_CHANGED)
def _active_changed(world: World) -> Case:
    return _user_edit(world, is_active=None)


@case(AuditAction.ORGANISATION_CHANGED)
def _organisation_changed(world: World) -> Case:
    elsewhere = make_person().profile.organisation
    return _people_edit(world, make_person(), organisation=elsewhere.pk, team="")


@case(AuditAction.SUPERVISORS_CHANGED)
def _supervisors_changed(world: World) -> Case:
    # Replacing one supervisor with another: one save, one entry.
    person, _old = _author_and_supervisor()
    return _people_edit(world, person, supervisors=[make_supervisor().pk])


@case(AuditAction.SIGNED_IN)
def _signed_in(world: World) -> Case:
    person = make_person()
    data = {"login": person.email, "password": PASSWORD}
    return Case(lambda: _ok(world.client.post(reverse("account_login"), data), 302), person, person)


@case(AuditAction.ERASED)
def _erased(world: World) -> Case:
    administrator = world.sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    person = make_person()
    url = reverse("admin_erase_person", args=[person.pk])
    data = {"reason": ERASURE_REASON, "confirm": "on"}
    return Case(lambda: _ok(world.client.post(url, data), 302), administrator, person)


@case(AuditAction.RETENTION_ERASED)
def _retention_erased(world: World) -> Case:
    # Left long before any organisation's retention period could still run.
    leaver = make_person()
    User.objects.filter(pk=leaver.pk).update(
        is_active=False, deactivated_at=datetime(2000, 1, 3, 12, tzinfo=UTC)
    )
    # Only the schedule does this: its command has no request, so no actor.
    return Case(lambda: call_command("apply_retention", stdout=StringIO()), None, leaver)


# --- The table ------------------------------------------------------------------------------


def test_every_action_has_a_case():
    assert set(CASES) == set(AuditAction)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    # Copies of people's data are files: keep them out of the real media folder.
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("action", list(AuditAction), ids=lambda action: action.value)
def test_the_action_writes_one_entry(action, client, sign_in_with_mfa, totp_user):
    if action not in CASES:
        pytest.fail(f"No case performs {action!r}: add one to CASES.")
    arranged = CASES[action](World(client, sign_in_with_mfa, totp_user))
    before = set(AuditEntry.objects.values_list("pk", flat=True))

    arranged.act()

    written = AuditEntry.objects.exclude(pk__in=before).filter(action=action)
    assert written.count() == 1, list(written.values_list("summary", flat=True))
    entry = written.get()
    assert entry.actor == arranged.actor
    assert entry.subject == arranged.subject
