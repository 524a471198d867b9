"""When a person's retention period starts: the moment their account is deactivated.

Compared with the stored row before every save of a User, whatever saves it (the admin,
a shell, a command), so the clock starts when is_active goes from True to False and is
cleared when the account is reactivated (it restarts on the next deactivation). The
admin's bulk "set active state" saves each account (learning.accounts.admin_users);
writes that skip save() (a queryset update) are caught by
learning.privacy.retention.reconcile_deactivation_dates, which the daily retention
command runs first. Imported once from LearningConfig.ready().
"""

from __future__ import annotations

from datetime import datetime

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from learning.audit.receivers import stored_before_save
from learning.models import User


def deactivation_date_change(user: User, was_active: bool | None) -> tuple[bool, datetime | None]:
    """Whether deactivated_at should change as `user` is saved, and to what.
    `was_active` is the stored state; None for a new account."""
    if was_active is None:
        # A new account made inactive has left, as far as retention goes, from today.
        if not user.is_active and user.deactivated_at is None:
            return True, timezone.now()
        return False, None
    if was_active and not user.is_active:
        return True, timezone.now()
    if not was_active and user.is_active and user.deactivated_at is not None:
        return True, None
    return False, None


@receiver(pre_save, sender=User, dispatch_uid="hub_deactivation_date")
def note_deactivation(sender, instance: User, raw: bool = False, update_fields=None, **kwargs):
    if raw:  # Loading fixtures: the rows say what they say.
        return
    if update_fields is not None and "is_active" not in update_fields:
        return  # Not written by this save (each sign-in saves last_login alone).
    was_active = None
    if instance.pk is not None:
        # The audit trail's receiver has usually read it already for this save.
        stored = stored_before_save(instance)
        if "is_active" in stored:
            was_active = stored["is_active"]
        else:
            rows = sender.objects.filter(pk=instance.pk).values_list("is_active", flat=True)
            was_active = rows.first()
    changes, value = deactivation_date_change(instance, was_active)
    if not changes:
        return
    instance.deactivated_at = value
    if update_fields is not None and "deactivated_at" not in update_fields:
        # save(update_fields=["is_active"]) would not write it: written here, in the
        # same transaction as the save that follows.
        sender.objects.filter(pk=instance.pk).update(deactivated_at=value)
