"""What every signed-in page asks of its reader, read in one statement: the roles they
hold, whether anyone names them as supervisor (for "My team"), and how many
notifications they have not opened (the header's count); and, for the same price, their
personal version (learning.personal_cache), which keys what is cached for them, and the
content version (learning.shared_cache), which keys what is cached for everyone.

Asked separately these were three ORM queries on every page, each costing more to build
than to run. They are read the first time any is asked and kept on the user object,
which lives as long as the request, so they are never older than the request itself;
a request that changes one of them (marking notifications read) forgets them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection

from learning.models import ContentVersion, Notification, PersonalVersion, Profile
from learning.personal_cache.version import remember_personal_version
from learning.roles import Role
from learning.shared_cache.version import CONTENT_VERSION_ROW, remember_content_version

_USER_ATTRIBUTE = "_hub_person_facts"


@dataclass(frozen=True)
class PersonFacts:
    roles: frozenset[Role]
    supervises_anyone: bool
    unread_notifications: int


NOBODY = PersonFacts(roles=frozenset(), supervises_anyone=False, unread_notifications=0)

# The roles held come back as one number, a bit for each role: a sum any database can
# count, where a list of names would need each database's own aggregate.
_ROLE_BITS: dict[Role, int] = {role: 1 << place for place, role in enumerate(Role)}
_FACT_COLUMNS = ("hub_roles", "hub_unread", "hub_supervises", "hub_personal", "hub_content")


def _statement(with_person: bool) -> tuple[str, list]:
    """The statement reading one person's facts, and its parameters before the person's
    id; with_person reads their own row (every column of the user table) as well."""
    quote = connection.ops.quote_name
    user_model = get_user_model()
    people = quote(user_model._meta.db_table)
    memberships = quote(user_model.groups.through._meta.db_table)
    groups = quote(user_model.groups.field.related_model._meta.db_table)
    supervisors = quote(Profile.supervisors.through._meta.db_table)
    profiles = quote(Profile._meta.db_table)
    notifications = quote(Notification._meta.db_table)
    versions = quote(PersonalVersion._meta.db_table)
    content = quote(ContentVersion._meta.db_table)
    own_columns = (
        ", ".join(f"person.{quote(field.column)}" for field in user_model._meta.concrete_fields)
        + ", "
        if with_person
        else ""
    )
    bits = " ".join(f"WHEN %s THEN {bit}" for bit in _ROLE_BITS.values())
    # Each table is read by a subquery of its own, none joined: PostgreSQL plans the
    # statement afresh on every request, and planning joins (even of three small
    # tables by their keys) cost it several times what running the statement does.
    statement = (
        f"SELECT {own_columns}"  # noqa: S608 - our own tables and columns
        f"(SELECT SUM(CASE (SELECT g.name FROM {groups} g WHERE g.id = m.group_id) "
        f"{bits} ELSE 0 END) FROM {memberships} m "
        "WHERE m.user_id = person.id) AS hub_roles, "
        f"(SELECT COUNT(*) FROM {notifications} n "
        "WHERE n.recipient_id = person.id AND n.read_at IS NULL) AS hub_unread, "
        # Anyone active who names them as a supervisor.
        f"COALESCE((SELECT 1 FROM {supervisors} s WHERE s.user_id = person.id "
        f"AND (SELECT u.is_active FROM {people} u WHERE u.id = "
        f"(SELECT p.user_id FROM {profiles} p WHERE p.id = s.profile_id)) "
        "LIMIT 1), 0) AS hub_supervises, "
        f"(SELECT v.number FROM {versions} v WHERE v.user_id = person.id) AS hub_personal, "
        f"(SELECT c.number FROM {content} c WHERE c.id = %s) AS hub_content "
        f"FROM {people} person WHERE person.id = %s"
    )
    return statement, [*(role.value for role in _ROLE_BITS), CONTENT_VERSION_ROW]


def _keep(user, roles, unread, supervises, personal, content) -> PersonFacts:
    held = int(roles or 0)
    facts = PersonFacts(
        roles=frozenset(role for role, bit in _ROLE_BITS.items() if held & bit),
        supervises_anyone=bool(supervises),
        unread_notifications=int(unread or 0),
    )
    setattr(user, _USER_ATTRIBUTE, facts)
    # Read first thing in the request, before anything cached under them is built: what
    # personal_version() and content_version() would read, without queries of their own.
    remember_personal_version(user, personal or 0)
    remember_content_version(content or 0)
    return facts


def person_with_facts(user_id: int):
    """The person with this id, their facts already read, in one statement; None if
    nobody has it. How the signed-in reader of every request is loaded
    (learning.accounts.backends)."""
    statement, parameters = _statement(with_person=True)
    found = list(get_user_model().objects.raw(statement, [*parameters, user_id]))
    if not found:
        return None
    person = found[0]
    _keep(person, *(getattr(person, column) for column in _FACT_COLUMNS))
    for column in _FACT_COLUMNS:
        delattr(person, column)
    return person


def person_facts(user) -> PersonFacts:
    """The reader's facts; nothing for someone not signed in."""
    if not getattr(user, "is_authenticated", False):
        return NOBODY
    known = getattr(user, _USER_ATTRIBUTE, None)
    if known is not None:
        return known
    statement, parameters = _statement(with_person=False)
    with connection.cursor() as cursor:
        cursor.execute(statement, [*parameters, user.pk])
        row = cursor.fetchone()
    if row is None:
        return NOBODY
    return _keep(user, *row)


def person_facts_read(user) -> bool:
    """Have this request's facts been read already?"""
    return getattr(user, _USER_ATTRIBUTE, None) is not None


def forget_person_facts(user) -> None:
    """Read them afresh next time asked (this request changed one)."""
    if hasattr(user, _USER_ATTRIBUTE):
        delattr(user, _USER_ATTRIBUTE)
