"""The reader's roles, whether they supervise anyone and their unread notifications, read
in one statement (learning.person_facts) and agreeing with the ORM's reading of each;
for the signed-in reader, in the statement that loads them (learning.accounts.backends)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning import permissions
from learning.models import Notification, NotificationKind
from learning.notifications import services as notifications
from learning.person_facts import NOBODY, forget_person_facts, person_facts
from learning.roles import Role, roles_of
from tests.factories import make_person
from tests.learning.reflections.factories import make_supervisee, make_supervisor

pytestmark = pytest.mark.django_db


def fresh(person):
    return get_user_model().objects.get(pk=person.pk)


def notify(person, count: int) -> None:
    for _ in range(count):
        Notification.objects.create(
            recipient=person, kind=NotificationKind.COMMENTED, entry_title="An entry"
        )


def test_the_facts_agree_with_the_orm_for_everyone():
    supervisor = make_supervisor()
    supervisee = make_supervisee(supervisor)
    practice_supervisor = make_person(role=Role.ORGANISATION_LEAD)
    practice_supervisor.groups.add(Group.objects.get(name=Role.SAB_EDITOR.value))
    make_supervisee(practice_supervisor)
    loner = make_person()
    notify(supervisee, 3)
    notify(loner, 1)
    Notification.objects.filter(recipient=loner).update(read_at="2026-01-01T00:00Z")
    for person in (supervisor, supervisee, practice_supervisor, loner):
        facts = person_facts(fresh(person))
        held = set(person.groups.values_list("name", flat=True))
        assert facts.roles == {role for role in Role if role.value in held}
        assert facts.supervises_anyone == permissions.supervisees_of(person).exists()
        assert (
            facts.unread_notifications
            == Notification.objects.filter(recipient=person, read_at__isnull=True).count()
        )
    assert person_facts(fresh(practice_supervisor)).supervises_anyone
    assert permissions.can_supervise(fresh(practice_supervisor))
    assert not person_facts(fresh(loner)).supervises_anyone


def test_someone_whose_only_supervisee_has_left_supervises_nobody():
    supervisor = make_person(role=Role.PRACTITIONER)
    supervisee = make_supervisee(supervisor)
    assert person_facts(fresh(supervisor)).supervises_anyone
    supervisee.is_active = False
    supervisee.save()
    assert not person_facts(fresh(supervisor)).supervises_anyone
    assert not permissions.can_supervise(fresh(supervisor))


def test_all_three_cost_one_query_and_are_kept_for_the_request():
    person = fresh(make_supervisee(make_supervisor()))
    with CaptureQueriesContext(connection) as queries:
        roles_of(person)
        permissions.can_supervise(person)
        unread = person_facts(person).unread_notifications
        roles_of(person)
    assert unread == 0
    assert len(queries) == 1


def test_nobody_signed_in_has_none_and_costs_nothing():
    with CaptureQueriesContext(connection) as queries:
        assert person_facts(AnonymousUser()) == NOBODY
    assert len(queries) == 0


def test_marking_notifications_read_is_seen_in_the_same_request():
    person = fresh(make_person())
    notify(person, 2)
    assert person_facts(person).unread_notifications == 2
    notifications.notifications_mark_all_read(recipient=person)
    assert person_facts(person).unread_notifications == 0
    notify(person, 1)
    forget_person_facts(person)
    assert person_facts(person).unread_notifications == 1
    # Opened by its recipient: the notification's own copy of them is forgotten too.
    opened = Notification.objects.get(read_at=None)
    opened.recipient = person
    notifications.notification_mark_read(notification=opened)
    assert person_facts(person).unread_notifications == 0


def test_the_home_page_shows_the_count(client):
    person = make_person()
    notify(person, 2)
    client.force_login(person)
    assert "You have 2 unread notifications" in client.get("/").content.decode()


def test_the_personal_version_comes_with_the_facts():
    from learning.personal_cache.version import personal_version
    from learning.records import services as records

    person = make_person()
    records.external_cpd_create(
        user=person, title="Course", date=timezone.localdate(), minutes=30, type="course"
    )
    reader = fresh(person)
    person_facts(reader)
    with CaptureQueriesContext(connection) as queries:
        number = personal_version(reader)
    assert len(queries) == 0
    assert number == personal_version(fresh(person)) > 0
    # Nobody's version row yet reads as nought, as personal_version itself would.
    newcomer = fresh(make_person())
    from learning.models import PersonalVersion

    PersonalVersion.objects.filter(user_id=newcomer.pk).delete()
    person_facts(newcomer)
    assert personal_version(newcomer) == 0


def test_the_content_version_comes_with_the_facts(rf):
    """Read in the same statement, for the request being served: a signed-in page
    reads the content version without a query of its own."""
    from learning.audit.context import _current_request
    from learning.models import ContentVersion
    from learning.shared_cache.version import bump_content_version, content_version

    bump_content_version()
    bump_content_version()
    request = rf.get("/")
    request.user = fresh(make_person())
    token = _current_request.set(request)
    try:
        with CaptureQueriesContext(connection) as queries:
            number = content_version()
            again = content_version()
        assert len(queries) == 1
        assert "learning_contentversion" in queries[0]["sql"]
        assert "auth_group" in queries[0]["sql"]  # the facts' statement, not its own
        assert number == again == ContentVersion.objects.get().number >= 2
        # Someone not signed in has no facts to read: the number costs its own query.
        anonymous = rf.get("/")
        anonymous.user = AnonymousUser()
        _current_request.set(anonymous)
        with CaptureQueriesContext(connection) as queries:
            assert content_version() == number
        assert len(queries) == 1 and "auth_group" not in queries[0]["sql"]
    finally:
        _current_request.reset(token)


def test_a_page_for_someone_signed_in_has_no_query_for_the_content_version(client, page):
    client.force_login(make_person())
    for _ in range(2):
        client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    alone = [q for q in queries if q["sql"].lstrip().startswith('SELECT "learning_contentversion"')]
    assert not alone


def test_every_role_is_read_and_nothing_else():
    person = make_person()
    person.groups.set(Group.objects.filter(name__in=[role.value for role in Role]))
    Group.objects.get_or_create(name="Not a hub role")
    person.groups.add(Group.objects.get(name="Not a hub role"))
    assert person_facts(fresh(person)).roles == frozenset(Role)
    person.groups.clear()
    assert person_facts(fresh(person)).roles == frozenset()
    assert roles_of(fresh(person)) == frozenset()


def test_the_person_and_their_facts_come_in_one_statement():
    from learning.person_facts import person_with_facts

    supervisor = make_supervisor()
    make_supervisee(supervisor)
    notify(supervisor, 2)
    with CaptureQueriesContext(connection) as queries:
        loaded = person_with_facts(supervisor.pk)
        facts = person_facts(loaded)
        roles = roles_of(loaded)
    assert len(queries) == 1
    assert loaded == supervisor and loaded.email == supervisor.email
    # Every column, as the ORM reads it (no field left deferred to a query of its own).
    assert not loaded.get_deferred_fields()
    assert loaded.date_joined == fresh(supervisor).date_joined
    assert facts == person_facts(fresh(supervisor))
    assert facts.unread_notifications == 2 and facts.supervises_anyone
    assert Role.SUPERVISOR in roles
    assert not hasattr(loaded, "hub_roles")
    assert person_with_facts(10**9) is None


def test_each_request_loads_its_reader_with_their_facts(client, page):
    """Signed in, a page costs the session, the reader with their facts, and nothing
    else for who they are."""
    person = make_person()
    notify(person, 1)
    client.force_login(person)
    for _ in range(2):
        client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        text = client.get(page.url).text
    assert '1<span class="govuk-visually-hidden"> unread</span>' in text
    readers = [q for q in queries if 'FROM "learning_user"' in q["sql"]]
    assert len(readers) == 1 and "hub_roles" in readers[0]["sql"]
    assert not [
        q for q in queries if 'FROM "auth_group"' in q["sql"] and "hub_roles" not in q["sql"]
    ]


def test_someone_who_may_no_longer_sign_in_is_not_loaded(client, page):
    person = make_person()
    client.force_login(person)
    assert client.get("/my-learning/").status_code == 200
    person.is_active = False
    person.save()
    response = client.get("/my-learning/")
    assert response.status_code == 302 and "login" in response["Location"]
