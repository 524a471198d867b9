"""Keeps each person's "in their current place since" date (Profile.placed_on) true, so
required learning assigned to a new organisation, team or role is due counting from
the day they arrived in it (learning.required.status)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_init, pre_save
from django.dispatch import receiver
from django.utils import timezone

from learning.models import Profile

User = get_user_model()


@receiver(post_init, sender=Profile)
def remember_place(sender, instance: Profile, **kwargs) -> None:
    instance._place_as_loaded = (instance.organisation_id, instance.team_id)


@receiver(pre_save, sender=Profile)
def date_a_move(sender, instance: Profile, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    loaded = getattr(instance, "_place_as_loaded", None)
    moved = instance.pk is None or loaded != (instance.organisation_id, instance.team_id)
    if moved and (instance.organisation_id or instance.team_id):
        instance.placed_on = timezone.localdate()
    instance._place_as_loaded = (instance.organisation_id, instance.team_id)


@receiver(m2m_changed, sender=User.groups.through)
def date_a_role_change(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return  # adding a role someone already holds changes nothing
    today = timezone.localdate()
    if reverse:  # group.user_set changed: pk_set holds the people
        if pk_set:
            Profile.objects.filter(user_id__in=pk_set).update(placed_on=today)
        return
    Profile.objects.filter(user_id=instance.pk).update(placed_on=today)
