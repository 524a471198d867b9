"""Audit entries for changes to who a person is in the hub (their roles and superuser
status, organisation and team, who supervises them, and whether their account is active)
and for their sign-ins.

These are signal receivers rather than calls in the screens, because the changes happen
in many places: the Wagtail admin's user and people screens and its bulk actions, an
invitation being accepted, the shell. Whoever made the change is taken from the request
being served (learning.audit.context); a command has none, so its entries have no
actor. Summaries never name the person (the entry's subject does): entries are
append-only, so a name written into one could never be erased. Supervisors are named by
user id for the same reason.

Imported once from LearningConfig.ready(); the @receiver decorators connect them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from allauth.account.signals import user_logged_in
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from learning.audit.services import AuditWriteFailed, record
from learning.models import AuditAction, Organisation, Profile, Team

User = get_user_model()


# --- Roles and supervisors -------------------------------------------------------------


@dataclass
class _Change:
    """What was added to and removed from one of a person's sets (roles by name,
    supervisors by user id)."""

    added: set[Any] = field(default_factory=set)
    removed: set[Any] = field(default_factory=set)

    def merge(self, *, added: Iterable[Any] = (), removed: Iterable[Any] = ()) -> None:
        for item in added:
            # Removed and given back in one save (a form's set()) is no change.
            if item in self.removed:
                self.removed.discard(item)
            else:
                self.added.add(item)
        for item in removed:
            if item in self.added:
                self.added.discard(item)
            else:
                self.removed.add(item)


ROLES = "roles"
SUPERVISORS = "supervisors"

# (ROLES or SUPERVISORS, user id): the changes so far, while account_changes_as_one_entry
# is open.
_collecting: ContextVar[dict[tuple[str, int], _Change] | None] = ContextVar(
    "audit_account_changes", default=None
)


@contextmanager
def account_changes_as_one_entry() -> Iterator[None]:
    """Record the role and supervisor changes made inside the block as one entry per
    person and kind.

    A form saving someone's groups (or supervisors) removes the old ones and adds the new
    ones in two steps (two signals); the administrator made one change, and the entry
    should say "added Supervisor, removed Practitioner" once. The entries are written as
    the block ends, still inside the caller's transaction, so a failure rolls the change
    back."""
    if _collecting.get() is not None:
        yield  # an enclosing block writes them
        return
    changes: dict[tuple[str, int], _Change] = {}
    token = _collecting.set(changes)
    try:
        yield
    finally:
        _collecting.reset(token)
    for (kind, user_id), change in changes.items():
        _RECORDERS[kind](user_id, change)


def _record_role_change(user_id: int, change: _Change) -> None:
    if not change.added and not change.removed:
        return
    parts = []
    if change.added:
        parts.append("added " + ", ".join(sorted(change.added)))
    if change.removed:
        parts.append("removed " + ", ".join(sorted(change.removed)))
    record(
        AuditAction.ROLE_CHANGED,
        summary="Roles changed: " + "; ".join(parts),
        subject=User(pk=user_id),
        target=User(pk=user_id),
        detail={"added": sorted(change.added), "removed": sorted(change.removed)},
    )


def _record_supervisors_change(user_id: int, change: _Change) -> None:
    if not change.added and not change.removed:
        return
    # Ids, not names: the entry outlives the supervisors' erasure too.
    parts = []
    if change.added:
        parts.append("added " + ", ".join(f"user {pk}" for pk in sorted(change.added)))
    if change.removed:
        parts.append("removed " + ", ".join(f"user {pk}" for pk in sorted(change.removed)))
    record(
        AuditAction.SUPERVISORS_CHANGED,
        summary="Supervisors changed: " + "; ".join(parts),
        subject=User(pk=user_id),
        target=User(pk=user_id),
        detail={"added": sorted(change.added), "removed": sorted(change.removed)},
    )


_RECORDERS = {ROLES: _record_role_change, SUPERVISORS: _record_supervisors_change}


def _changed(kind: str, user_id: int, *, added: Iterable[Any] = (), removed: Iterable[Any] = ()):
    collecting = _collecting.get()
    if collecting is not None:
        collecting.setdefault((kind, user_id), _Change()).merge(added=added, removed=removed)
        return
    change = _Change()
    change.merge(added=added, removed=removed)
    _RECORDERS[kind](user_id, change)


def _group_names(pks: Iterable[int]) -> list[str]:
    return list(Group.objects.filter(pk__in=list(pks)).values_list("name", flat=True))


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="hub_audit_role_changes")
def audit_role_change(
    sender, instance, action: str, reverse: bool, pk_set: set[int] | None, **kwargs
) -> None:
    # Django announces every id passed to remove(), held or not, and clear() with no
    # ids: what is really removed is read before it goes. add() announces only the ids
    # it actually adds.
    if action in ("pre_remove", "pre_clear"):
        if reverse:  # instance is a group; the ids are people's
            people = instance.user_set.all()
            if action == "pre_remove":
                people = people.filter(pk__in=pk_set or ())
            instance._hub_audit_removing = list(people.values_list("pk", flat=True))
        else:
            groups = instance.groups.all()
            if action == "pre_remove":
                groups = groups.filter(pk__in=pk_set or ())
            instance._hub_audit_removing = list(groups.values_list("name", flat=True))
        return
    if action in ("post_remove", "post_clear"):
        removing = getattr(instance, "_hub_audit_removing", [])
        instance._hub_audit_removing = []
        if reverse:
            for user_id in removing:
                _changed(ROLES, user_id, removed=[instance.name])
        elif removing:
            _changed(ROLES, instance.pk, removed=removing)
        return
    if action == "post_add" and pk_set:
        if reverse:
            for user_id in sorted(pk_set):
                _changed(ROLES, user_id, added=[instance.name])
        else:
            _changed(ROLES, instance.pk, added=_group_names(pk_set))


@receiver(pre_delete, sender=Group, dispatch_uid="hub_audit_group_deleted")
def audit_group_members_losing_it(sender, instance: Group, **kwargs) -> None:
    # The database drops the memberships with the group, without m2m_changed.
    for user_id in instance.user_set.order_by("pk").values_list("pk", flat=True):
        _changed(ROLES, user_id, removed=[instance.name])


@receiver(m2m_changed, sender=Profile.supervisors.through, dispatch_uid="hub_audit_supervisors")
def audit_supervisors_change(
    sender, instance, action: str, reverse: bool, pk_set: set[int] | None, **kwargs
) -> None:
    """Forward, `instance` is the supervised person's profile and the ids are their
    supervisors'; reverse (user.supervisees), `instance` is the supervisor and the ids
    are profiles'. The entry is always about the supervised person."""
    # As for roles: what remove() and clear() really take is read before it goes.
    if action in ("pre_remove", "pre_clear"):
        if reverse:
            profiles = Profile.objects.filter(supervisors=instance)
            if action == "pre_remove":
                profiles = profiles.filter(pk__in=pk_set or ())
            removing = list(profiles.values_list("user_id", flat=True))
        else:
            supervisors = instance.supervisors.all()
            if action == "pre_remove":
                supervisors = supervisors.filter(pk__in=pk_set or ())
            removing = list(supervisors.values_list("pk", flat=True))
        instance._hub_audit_supervision_removing = removing
        return
    if action in ("post_remove", "post_clear"):
        removing = getattr(instance, "_hub_audit_supervision_removing", [])
        instance._hub_audit_supervision_removing = []
        if reverse:
            for user_id in sorted(removing):
                _changed(SUPERVISORS, user_id, removed=[instance.pk])
        elif removing:
            _changed(SUPERVISORS, instance.user_id, removed=removing)
        return
    if action == "post_add" and pk_set:
        if reverse:
            supervised = Profile.objects.filter(pk__in=pk_set).values_list("user_id", flat=True)
            for user_id in sorted(supervised):
                _changed(SUPERVISORS, user_id, added=[instance.pk])
        else:
            _changed(SUPERVISORS, instance.user_id, added=pk_set)


# --- Active state and superuser status ---------------------------------------------------


def _saves(update_fields: Iterable[str] | None, *names: str) -> bool:
    """Whether a save with `update_fields` writes any of the fields `names`."""
    return update_fields is None or any(name in update_fields for name in names)


_STORED_FIELDS = ("is_active", "is_superuser")


@receiver(pre_save, sender=User, dispatch_uid="hub_audit_active_before")
def remember_stored_account_state(
    sender, instance, raw: bool = False, update_fields=None, **kwargs
) -> None:
    """The stored is_active and is_superuser of the fields this save writes, in one read;
    an in-memory value that this save does not write is no change."""
    instance._hub_audit_stored = {}
    saved = [name for name in _STORED_FIELDS if _saves(update_fields, name)]
    # A sign-in saves last_login alone: no need to read the row.
    if raw or instance.pk is None or not saved:
        return
    row = User.objects.filter(pk=instance.pk).values_list(*saved).first()
    if row is not None:
        instance._hub_audit_stored = dict(zip(saved, row, strict=True))


def stored_before_save(instance) -> dict:
    """The stored values of is_active and is_superuser that the save under way writes, as
    read once by remember_stored_account_state, for other pre_save receivers to share
    (learning.privacy.receivers); empty if it has not run or read nothing."""
    return getattr(instance, "_hub_audit_stored", {})


@receiver(post_save, sender=User, dispatch_uid="hub_audit_active_after")
def audit_account_state_change(
    sender, instance, created: bool, raw: bool = False, **kwargs
) -> None:
    stored = getattr(instance, "_hub_audit_stored", {})
    instance._hub_audit_stored = {}
    if raw:
        return
    if created:
        # A new account is not a change of state; being made a superuser is a role.
        if instance.is_superuser:
            _record_superuser_change(instance)
        return
    if "is_active" in stored and stored["is_active"] != instance.is_active:
        record(
            AuditAction.ACTIVE_CHANGED,
            summary="Account activated" if instance.is_active else "Account deactivated",
            subject=instance,
            target=instance,
            detail={"active": instance.is_active},
        )
    if "is_superuser" in stored and stored["is_superuser"] != instance.is_superuser:
        _record_superuser_change(instance)


def _record_superuser_change(user) -> None:
    change = "made superuser" if user.is_superuser else "superuser status removed"
    record(
        AuditAction.ROLE_CHANGED,
        summary="Roles changed: " + change,
        subject=user,
        target=user,
        detail={"superuser": user.is_superuser},
    )


# --- Organisation and team ---------------------------------------------------------------


def _name(model: type[Organisation] | type[Team], pk: int | None) -> str | None:
    return model.objects.filter(pk=pk).values_list("name", flat=True).first() if pk else None


def _place_names(organisation_id: int | None, team_id: int | None) -> dict[str, str | None]:
    return {"organisation": _name(Organisation, organisation_id), "team": _name(Team, team_id)}


@receiver(pre_save, sender=Profile, dispatch_uid="hub_audit_place_before")
def remember_stored_place(
    sender, instance: Profile, raw: bool = False, update_fields=None, **kwargs
) -> None:
    instance._hub_audit_place_before = None
    if raw or not _saves(update_fields, "organisation", "team"):
        return
    stored = None
    if instance.pk is not None:
        stored = (
            Profile.objects.filter(pk=instance.pk).values_list("organisation_id", "team_id").first()
        )
    # A new profile (or one saved with a pk not yet in the table) moves from nowhere.
    instance._hub_audit_place_before = stored or (None, None)


@receiver(post_save, sender=Profile, dispatch_uid="hub_audit_place_after")
def audit_place_change(sender, instance: Profile, raw: bool = False, **kwargs) -> None:
    before = getattr(instance, "_hub_audit_place_before", None)
    instance._hub_audit_place_before = None
    after = (instance.organisation_id, instance.team_id)
    if raw or before is None or before == after:
        return
    _record_place_change(instance.user_id, before, after)


def _record_place_change(
    user_id: int, before: tuple[int | None, int | None], after: tuple[int | None, int | None]
) -> None:
    was, now = _place_names(*before), _place_names(*after)
    # Only what moved: the organisation, the team, or both.
    changed = [
        key
        for key, old, new in zip(("organisation", "team"), before, after, strict=True)
        if old != new
    ]
    detail: dict[str, Any] = {key: {"from": was[key], "to": now[key]} for key in changed}
    words = [f"{key} {_name_or_none(was[key])} to {_name_or_none(now[key])}" for key in changed]
    record(
        AuditAction.ORGANISATION_CHANGED,
        summary="Moved: " + "; ".join(words),
        subject=User(pk=user_id),
        target=User(pk=user_id),
        detail=detail,
    )


def _name_or_none(name: str | None) -> str:
    return f"“{name}”" if name else "none"


@receiver(pre_delete, sender=Team, dispatch_uid="hub_audit_team_deleted")
def audit_team_members_moved(sender, instance: Team, **kwargs) -> None:
    # The database empties its members' team (SET_NULL) without saving each profile.
    for user_id, organisation_id in Profile.objects.filter(team=instance).values_list(
        "user_id", "organisation_id"
    ):
        _record_place_change(user_id, (organisation_id, instance.pk), (organisation_id, None))


# --- Sign-ins ----------------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="hub_audit_sign_in")
def audit_sign_in(sender, request: HttpRequest, user, **kwargs) -> None:
    """The person's sign-in history (it goes into their access export). A sign-in that
    cannot be recorded does not happen: the new session is ended before the 503."""
    sociallogin = kwargs.get("sociallogin")
    detail = {"provider": sociallogin.account.provider} if sociallogin is not None else {}
    try:
        record(
            AuditAction.SIGNED_IN,
            summary="Signed in",
            actor=user,
            subject=user,
            target=user,
            detail=detail,
            request=request,
        )
    except AuditWriteFailed:
        logout(request)
        raise
