"""Writes for reminders: the person's own "email me reminders" setting."""

from __future__ import annotations

from learning.models import Profile


def reminder_setting_save(*, user, receives_digests: bool) -> Profile:
    """Turn the person's reminder and team digests on or off. An account without a
    profile (made on the command line) gets one, so the choice is kept."""
    profile, _ = Profile.objects.get_or_create(user=user)
    if profile.receives_digests != receives_digests:
        profile.receives_digests = receives_digests
        profile.save(update_fields=["receives_digests"])
    return profile
