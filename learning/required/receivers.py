"""When a person moves organisation, team or role (or changes registration body), the
requirements that now apply to them and did not before are assigned to them today
(learning.required.assignments), so their due dates count from the move; requirements
that applied already are untouched. A profile's creation is not a move: a new joiner
counts from the day they joined."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_init, post_save
from django.dispatch import receiver

from learning.models import Profile

User = get_user_model()


def _after_commit(user_ids: list[int]) -> None:
    from learning.required.assignments import record_moves

    transaction.on_commit(lambda: record_moves(user_ids=user_ids))


def _place(profile: Profile) -> tuple:
    """What of a profile decides which requirements apply to the person."""
    return (profile.organisation_id, profile.team_id, profile.registration_body)


@receiver(post_init, sender=Profile)
def remember_place(sender, instance: Profile, **kwargs) -> None:
    instance._place_as_loaded = _place(instance)


@receiver(post_save, sender=Profile)
def assign_after_a_move(sender, instance: Profile, created: bool, raw: bool = False, **kwargs):
    loaded = getattr(instance, "_place_as_loaded", None)
    instance._place_as_loaded = _place(instance)
    if raw or created or loaded == _place(instance):
        return
    _after_commit([instance.user_id])


@receiver(m2m_changed, sender=User.groups.through)
def assign_after_a_role_change(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return  # adding a role someone already holds changes nothing
    user_ids = list(pk_set or []) if reverse else [instance.pk]
    if user_ids and Profile.objects.filter(user_id__in=user_ids).exists():
        _after_commit(user_ids)
