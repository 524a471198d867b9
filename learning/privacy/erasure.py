"""Erasing a person: their free text and identity go, every count a report makes stays.

`erase_person` runs every registered eraser (learning.privacy.registry: learning's own in
learning.privacy.erasers, content apps' from their AppConfig) and then anonymises the
account, in one transaction with its audit entry, so an erasure that cannot be recorded
does not happen. What stays: the account row with its organisation, team, roles,
registration body and join date (reports count by them), completions, minutes, attempts,
feedback ratings, the entry and comment rows themselves, team-session attendance,
requirement assignments and exemptions. Supervision links go, both ways: nobody
supervises an erased person, and an erased person supervises nobody.

Erasing twice is harmless: the second run finds nothing left to erase.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from learning.audit.services import record
from learning.models import Profile
from learning.models.audit import AuditAction
from learning.privacy.erasers import erased_email
from learning.privacy.registry import ErasureCount, erasers
from learning.shared_cache.version import bump_content_version
from learning.text_counts import counted

ERASED_FIRST_NAME = "Erased"
ERASED_LAST_NAME = "person"

ERASURE_ACTIONS = (AuditAction.ERASED, AuditAction.RETENTION_ERASED)


def _identity(user, *, apply: bool) -> list[ErasureCount]:
    """The name, email address, password and profile details; supervision links."""
    counts: list[ErasureCount] = []
    if user.erased_at is None:
        counts.append(
            ErasureCount(
                "their name, email address, password, job title and registration number: removed",
                1,
            )
        )
    profile = Profile.objects.filter(user=user).first()
    links = 0
    if profile is not None:
        links = profile.supervisors.count()
    links += Profile.supervisors.through.objects.filter(user=user).count()
    if links:
        counts.append(
            ErasureCount(
                counted(links, "supervision link", "supervision links") + ": removed", links
            )
        )
    if not apply:
        return counts
    user.first_name = ERASED_FIRST_NAME
    user.last_name = ERASED_LAST_NAME
    user.email = erased_email(user)
    user.set_unusable_password()
    user.is_active = False
    if user.erased_at is None:
        user.erased_at = timezone.now()
    user.save()
    if profile is not None:
        profile.job_title = ""
        profile.registration_number = ""
        profile.registration_renewal_date = None
        profile.receives_digests = False
        profile.save()
        profile.supervisors.clear()
    # Where they supervised others (through the relation, so each is audited).
    user.supervisees.clear()
    return counts


def _run(user, *, apply: bool) -> list[ErasureCount]:
    counts: list[ErasureCount] = []
    for _key, eraser in erasers():
        counts.extend(eraser(user, apply=apply))
    # Last: the erasers may look the person up by their address (invitations).
    counts.extend(_identity(user, apply=apply))
    return [count for count in counts if count.count]


def erasure_plan(user) -> list[ErasureCount]:
    """What erasing `user` would remove, counted, changing nothing."""
    return _run(user, apply=False)


def erase_person(user, *, reason: str, actor: Any, action: AuditAction) -> list[ErasureCount]:
    """Erase `user`'s free text and identity, with one audit entry (`action` is ERASED
    for an administrator, RETENTION_ERASED for the schedule). Returns what went. Raises
    AuditWriteFailed, with nothing erased, if the entry cannot be written."""
    if action not in ERASURE_ACTIONS:
        raise ValueError(f"{action} is not an erasure.")
    with transaction.atomic():
        # Locked, so two erasures of one person (a double click, the schedule) run one
        # after the other and the second finds nothing left.
        user = type(user).objects.select_for_update().get(pk=user.pk)
        if user.erased_at is not None and not erasure_plan(user):
            # Erased while this waited for the lock: nothing happened, so no entry.
            return []
        counts = _run(user, apply=True)
        # Every cached rendering made before now (anyone's page that named them or
        # quoted them) becomes unreachable when this commits.
        bump_content_version()
        record(
            action,
            summary=f"{AuditAction(action).label}: person {user.pk}",
            subject=user,
            target=user,
            actor=actor,
            detail={
                "reason": reason,
                "counts": [{"what": count.label, "count": count.count} for count in counts],
            },
        )
    return counts
