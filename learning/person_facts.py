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
from learning.shared_cache.version import CONTENT_VERSION_ROW, remember_content_version

_USER_ATTRIBUTE = "_hub_person_facts"


@dataclass(frozen=True)
class PersonFacts:
    role_names: frozenset[str]
    supervises_anyone: bool
    unread_notifications: int


NOBODY = PersonFacts(role_names=frozenset(), supervises_anyone=False, unread_notifications=0)


def _statement() -> str:
    quote = connection.ops.quote_name
    user_model = get_user_model()
    people = quote(user_model._meta.db_table)
    roles = quote(user_model.groups.through._meta.db_table)
    groups = quote(user_model.groups.field.related_model._meta.db_table)
    supervisors = quote(Profile.supervisors.through._meta.db_table)
    profiles = quote(Profile._meta.db_table)
    notifications = quote(Notification._meta.db_table)
    versions = quote(PersonalVersion._meta.db_table)
    content = quote(ContentVersion._meta.db_table)
    # One row per role held, then one row with the count, the supervising flag, the
    # personal version and the content version.
    return (
        f"SELECT g.name, NULL, NULL, NULL, NULL FROM {groups} g "  # noqa: S608 - our tables
        f"INNER JOIN {roles} r ON r.group_id = g.id WHERE r.user_id = %s "
        "UNION ALL "
        f"SELECT NULL, (SELECT COUNT(*) FROM {notifications} n "
        "WHERE n.recipient_id = %s AND n.read_at IS NULL), "
        f"CASE WHEN EXISTS (SELECT 1 FROM {supervisors} s "
        f"INNER JOIN {profiles} p ON p.id = s.profile_id "
        f"INNER JOIN {people} u ON u.id = p.user_id "
        "WHERE s.user_id = %s AND u.is_active) THEN 1 ELSE 0 END, "
        f"(SELECT v.number FROM {versions} v WHERE v.user_id = %s), "
        f"(SELECT c.number FROM {content} c WHERE c.id = %s)"
    )


def person_facts(user) -> PersonFacts:
    """The reader's facts; nothing for someone not signed in."""
    if not getattr(user, "is_authenticated", False):
        return NOBODY
    known = getattr(user, _USER_ATTRIBUTE, None)
    if known is not None:
        return known
    with connection.cursor() as cursor:
        cursor.execute(_statement(), [user.pk] * 4 + [CONTENT_VERSION_ROW])
        rows = cursor.fetchall()
    names = frozenset(row[0] for row in rows if row[0] is not None)
    _name, unread, supervises, version, content = next(row for row in rows if row[0] is None)
    facts = PersonFacts(
        role_names=names, supervises_anyone=bool(supervises), unread_notifications=int(unread)
    )
    setattr(user, _USER_ATTRIBUTE, facts)
    # Read first thing in the request, before anything cached under it is built: what
    # personal_version() would read, without a query of its own.
    remember_personal_version(user, version or 0)
    remember_content_version(content or 0)
    return facts


def person_facts_read(user) -> bool:
    """Have this request's facts been read already?"""
    return getattr(user, _USER_ATTRIBUTE, None) is not None


def forget_person_facts(user) -> None:
    """Read them afresh next time asked (this request changed one)."""
    if hasattr(user, _USER_ATTRIBUTE):
        delattr(user, _USER_ATTRIBUTE)
