"""Whose records the core's models hold (learning.personal_cache.registry): connected
once, from LearningConfig.ready(). Content apps register their own models the same way.

A row counts for everyone whose own pages show something of it: an entry's author and
the supervisors it is shared with, a session's facilitator and attendees. Models with a
person in them that no personal page reads (invitations, notifications, audit entries,
digests sent) are listed, with why, in tests/learning/test_personal_versions.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import post_delete

from learning.models import (
    Completion,
    EntryComment,
    EntryShare,
    Exemption,
    ExternalCPD,
    Feedback,
    PersonalVersion,
    PracticeImpact,
    Profile,
    ReflectiveEntry,
    ReflectiveEntryVersion,
    RequirementAssignment,
    TeamSession,
)
from learning.personal_cache.registry import its_person, register, register_relation


def _shared_with(entry_id: int) -> list[int]:
    """Every supervisor the entry was ever shared with."""
    shares = EntryShare.objects.filter(entry_id=entry_id)
    return list(shares.values_list("supervisor_id", flat=True))


def _entry_people(entry_id: int | None) -> list[int]:
    """An entry's author and every supervisor it was ever shared with."""
    if entry_id is None:
        return []
    author = list(ReflectiveEntry.objects.filter(pk=entry_id).values_list("author_id", flat=True))
    return author + _shared_with(entry_id)


def _entry(entry: ReflectiveEntry) -> Iterable[int | None]:
    return [entry.author_id, *_shared_with(entry.pk)]


def _in_entry(row) -> Iterable[int | None]:
    # An entry's version, share or comment: the entry's people, and whoever wrote or
    # was given this row.
    named = [getattr(row, "author_id", None), getattr(row, "supervisor_id", None)]
    return [*named, *_entry_people(row.entry_id)]


def _practice_impact(row: PracticeImpact) -> Iterable[int]:
    return Feedback.objects.filter(pk=row.feedback_id).values_list("user_id", flat=True)


def _team_session(session: TeamSession) -> Iterable[int | None]:
    attendees = session.attendees.through.objects.filter(teamsession_id=session.pk)
    return [session.delivered_by_id, *attendees.values_list("user_id", flat=True)]


def _supervisors_changed(instance, action, reverse, pk_set) -> Iterable[int | None]:
    # Forward: a profile's supervisors (user ids). Reverse: a user's supervisees (profile
    # ids). A clear names nobody, so the related people are read before it.
    through = Profile.supervisors.through
    if not reverse:
        related = pk_set or through.objects.filter(profile_id=instance.pk).values_list(
            "user_id", flat=True
        )
        return [instance.user_id, *related]
    profiles = pk_set or through.objects.filter(user_id=instance.pk).values_list(
        "profile_id", flat=True
    )
    supervisees = Profile.objects.filter(pk__in=list(profiles)).values_list("user_id", flat=True)
    return [instance.pk, *supervisees]


def _a_persons_relation(through, other_column: str):
    """Owners of a change to one of the user model's own many-to-many relations (roles,
    permissions): the person, from either side."""

    def owners(instance, action, reverse, pk_set) -> Iterable[int | None]:
        if not reverse:
            return [instance.pk]
        if pk_set is not None:
            return pk_set
        return through.objects.filter(**{other_column: instance.pk}).values_list(
            "user_id", flat=True
        )

    return owners


def _group_permissions_changed(instance, action, reverse, pk_set) -> Iterable[int]:
    members = get_user_model().groups.through.objects
    if reverse:  # a permission given to or taken from groups: everyone in them
        groups = (
            pk_set
            if pk_set is not None
            else Group.permissions.through.objects.filter(permission_id=instance.pk).values_list(
                "group_id", flat=True
            )
        )
        return members.filter(group_id__in=list(groups)).values_list("user_id", flat=True)
    return members.filter(group_id=instance.pk).values_list("user_id", flat=True)


def _attendance_changed(instance, action, reverse, pk_set) -> Iterable[int | None]:
    if reverse:
        return [instance.pk]
    if pk_set is not None:
        return pk_set
    return _team_session(instance)


def _person_deleted(sender, instance, **kwargs) -> None:
    PersonalVersion.objects.filter(user_id=instance.pk).delete()


def connect() -> None:
    for model in (Completion, ExternalCPD, Feedback, RequirementAssignment, Exemption, Profile):
        register(model, its_person)
    register(Authenticator, its_person)
    # A person deleted has no pages left to be stale; their row goes with them.
    register(get_user_model(), lambda user: [user.pk], deletes=False)
    post_delete.connect(
        _person_deleted, sender=get_user_model(), dispatch_uid="hub_personal_person_deleted"
    )
    register(PracticeImpact, _practice_impact)
    register(ReflectiveEntry, _entry)
    register(ReflectiveEntryVersion, _in_entry)
    register(EntryShare, _in_entry)
    register(EntryComment, _in_entry)
    register(TeamSession, _team_session)
    register_relation(Profile.supervisors.through, _supervisors_changed)
    roles = get_user_model().groups.through
    register_relation(roles, _a_persons_relation(roles, "group_id"))
    register_relation(TeamSession.attendees.through, _attendance_changed)
    permissions = get_user_model().user_permissions.through
    register_relation(permissions, _a_persons_relation(permissions, "permission_id"))
    # A group's permissions decide who reaches the admin, for everyone in it.
    register_relation(Group.permissions.through, _group_permissions_changed)
