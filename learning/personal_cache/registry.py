"""Whose records a row is: each model a person's own pages read registers a function
naming the people a saved or deleted row belongs to, and their versions move in the
same transaction as the write.

Saves and deletes go through Django's signals; a write that bypasses them (a queryset's
update(), bulk_create()) calls `records_changed` itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from learning.personal_cache.version import bump_personal_versions

Owners = Callable[[Model], Iterable[int | None]]
# (instance, action, reverse, pk_set) -> the people whose records the change touched.
RelationOwners = Callable[[Model, str, bool, set | None], Iterable[int | None]]

_OWNERS: dict[type[Model], Owners] = {}
_RELATIONS: dict[type[Model], RelationOwners] = {}


def its_person(row) -> list[int | None]:
    """The owners of a row that belongs to the one person in its `user` field."""
    return [row.user_id]


def records_changed(user_ids: Iterable[int | None]) -> None:
    """Say that these people's records changed, for writes that send no signals."""
    bump_personal_versions(user_ids)


def register(model: type[Model], owners: Owners, *, deletes: bool = True) -> None:
    """Move the versions of `owners(row)` whenever a row of `model` is saved (and,
    unless `deletes` is False, deleted)."""
    _OWNERS[model] = owners
    uid = f"hub_personal_{model._meta.label_lower}"

    def changed(sender, instance, raw=False, **kwargs) -> None:
        # Fixtures loaded raw say nothing about whose page is stale.
        if not raw:
            bump_personal_versions(owners(instance))

    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}_saved")
    if deletes:
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}_deleted")


def register_relation(through: type[Model], owners: RelationOwners) -> None:
    """Move the versions of `owners(...)` whenever a many-to-many relation changes."""
    _RELATIONS[through] = owners

    def changed(sender, instance, action, reverse, pk_set=None, **kwargs) -> None:
        # Adding what is already there (or removing what is not) changes nothing, though
        # Django still sends the signal, with nobody in pk_set.
        if action in ("post_add", "post_remove") and not pk_set:
            return
        if action in ("post_add", "post_remove", "pre_clear"):
            bump_personal_versions(owners(instance, action, reverse, pk_set))

    m2m_changed.connect(
        changed,
        sender=through,
        weak=False,
        dispatch_uid=f"hub_personal_{through._meta.label_lower}",
    )


def registered_models() -> frozenset[type[Model]]:
    """Every model and many-to-many table whose writes move personal versions."""
    return frozenset(_OWNERS) | frozenset(_RELATIONS)
