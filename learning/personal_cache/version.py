"""A person's version (learning.models.PersonalVersion): read at most once a request,
moved in the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from learning.models import PersonalVersion

# Where the number read for a person is kept on their user object, which lives as long
# as the request does.
_USER_ATTRIBUTE = "_hub_personal_version"
_SLICE = 500


def personal_version(user) -> int:
    """The person's current version: 0 before anything of theirs was written."""
    known = getattr(user, _USER_ATTRIBUTE, None)
    if known is not None:
        return known
    # Imported here: learning.person_facts imports this module.
    from learning.person_facts import person_facts, person_facts_read

    if not person_facts_read(user):
        # The reader's facts come with their version, in the one statement every
        # signed-in page runs anyway (it remembers the version here).
        person_facts(user)
        known = getattr(user, _USER_ATTRIBUTE, None)
        if known is not None:
            return known
    number = (
        PersonalVersion.objects.filter(user_id=user.pk).values_list("number", flat=True).first()
        or 0
    )
    setattr(user, _USER_ATTRIBUTE, number)
    return number


def remember_personal_version(user, number: int) -> None:
    """Keep a version read elsewhere (learning.person_facts) unless one was read already:
    the first reading in a request is the one its cached values are keyed by."""
    if getattr(user, _USER_ATTRIBUTE, None) is None:
        setattr(user, _USER_ATTRIBUTE, number)


def forget_personal_version(user) -> None:
    """Read the version afresh next time (after this request itself wrote something)."""
    if hasattr(user, _USER_ATTRIBUTE):
        delattr(user, _USER_ATTRIBUTE)


def bump_personal_versions(user_ids: Iterable[int | None]) -> None:
    """Move each person's version on by one, making a row for anyone without one. One
    statement (an upsert both PostgreSQL and SQLite understand), so that two writers at
    once each count."""
    ids = sorted({int(pk) for pk in user_ids if pk is not None})
    table = connection.ops.quote_name(PersonalVersion._meta.db_table)
    # In slices, within any database's limit on a statement's parameters.
    for start in range(0, len(ids), _SLICE):
        part = ids[start : start + _SLICE]
        rows = ", ".join(["(%s, 1)"] * len(part))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (user_id, number) VALUES {rows} "  # noqa: S608 - ours
                f"ON CONFLICT (user_id) DO UPDATE SET number = {table}.number + 1",
                part,
            )
