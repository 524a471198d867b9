"""Writes for the person's own email settings: reminder digests, and emails when a
supervisor responds to an entry they shared."""

from __future__ import annotations

from learning.models import Profile


def email_settings_save(
    *, user, receives_digests: bool, emails_supervision_activity: bool
) -> Profile:
    """Turn the person's reminder digests and supervision emails on or off. An account
    without a profile (made on the command line) gets one, so the choice is kept."""
    profile, _ = Profile.objects.get_or_create(user=user)
    changed = []
    if profile.receives_digests != receives_digests:
        profile.receives_digests = receives_digests
        changed.append("receives_digests")
    if profile.emails_supervision_activity != emails_supervision_activity:
        profile.emails_supervision_activity = emails_supervision_activity
        changed.append("emails_supervision_activity")
    if changed:
        profile.save(update_fields=changed)
    return profile
