"""Audit entries for changes to who a person is in the hub (their roles, organisation and
team, and whether their account is active) and for their sign-ins.

These are signal receivers rather than calls in the screens, because the changes happen
in many places: the Wagtail admin's user and people screens and its bulk actions, an
invitation being accepted, the shell. Whoever made the change is taken from the request
being served (learning.audit.context); a command has none, so its entries have no
actor. Summaries never name the person (the entry's subject does): entries are
append-only, so a name written into one could never be erased.

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


# --- Roles -------------------------------------------------------------------------------


@dataclass
class _RoleChange:
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)

    def merge(self, *, added: Iterable[str] = (), removed: Iterable[str] = ()) -> None:
        for name in added:
            # Removed and given back in one save (a form's groups.set) is no change.
            if name in self.removed:
                self.removed.discard(name)
            else:
                self.added.add(name)
        for name in removed:
            if name in self.added:
                self.added.discard(name)
            else:
                self.removed.add(name)


# user id: the changes to their roles so far, while role_changes_as_one_entry is open.
_collecting: ContextVar[dict[int, _RoleChange] | None] = ContextVar(
    "audit_role_changes", default=None
)


@contextmanager
def role_changes_as_one_entry() -> Iterator[None]:
    """Record the role changes made inside the block as one entry per person.

    A form saving someone's groups removes the old ones and adds the new ones in two
    steps (two signals); the administrator made one change, and the entry should say
    "added Supervisor, removed Practitioner" once. The entries are written as the block
    ends, still inside the caller's transaction, so a failure rolls the change back."""
    if _collecting.get() is not None:
        yield  # an enclosing block writes them
        return
    changes: dict[int, _RoleChange] = {}
    token = _collecting.set(changes)
    try:
        yield
    finally:
        _collecting.reset(token)
    for user_id, change in changes.items():
        _record_role_change(user_id, change)


def _record_role_change(user_id: int, change: _RoleChange) -> None:
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


def _role_changed(user_id: int, *, added: Iterable[str] = (), removed: Iterable[str] = ()):
    collecting = _collecting.get()
    if collecting is not None:
        collecting.setdefault(user_id, _RoleChange()).merge(added=added, removed=removed)
        return
    change = _RoleChange()
    change.merge(added=added, removed=removed)
    _record_role_change(user_id, change)


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
                _role_changed(user_id, removed=[instance.name])
        elif removing:
            _role_changed(instance.pk, removed=removing)
        return
    if action == "post_add" and pk_set:
        if reverse:
            for user_id in sorted(pk_set):
                _role_changed(user_id, added=[instance.name])
        else:
            _role_changed(instance.pk, added=_group_names(pk_set))


# --- Active state ------------------------------------------------------------------------


def _saves(update_fields: Iterable[str] | None, *names: str) -> bool:
    """Whether a save with `update_fields` writes any of the fields `names`."""
    return update_fields is None or any(name in update_fields for name in names)


@receiver(pre_save, sender=User, dispatch_uid="hub_audit_active_before")
def remember_stored_active_state(
    sender, instance, raw: bool = False, update_fields=None, **kwargs
) -> None:
    instance._hub_audit_was_active = None
    # A sign-in saves last_login alone: no need to read the row.
    if raw or instance.pk is None or not _saves(update_fields, "is_active"):
        return
    instance._hub_audit_was_active = (
        User.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    )


@receiver(post_save, sender=User, dispatch_uid="hub_audit_active_after")
def audit_active_change(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    was_active = getattr(instance, "_hub_audit_was_active", None)
    instance._hub_audit_was_active = None
    # A new account is not a change of state; its first role and organisation are.
    if raw or created or was_active is None or was_active == instance.is_active:
        return
    record(
        AuditAction.ACTIVE_CHANGED,
        summary="Account activated" if instance.is_active else "Account deactivated",
        subject=instance,
        target=instance,
        detail={"active": instance.is_active},
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
