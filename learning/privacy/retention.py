"""Retention: how long a leaver's records are kept, and the daily run that erases those
whose period has ended.

A person's period runs from the day their account was deactivated (User.deactivated_at,
kept by learning.privacy.receivers) for their organisation's retention_years, or
PrivacySettings.retention_years_without_organisation when they have none. It ends on the
same calendar day that many years later (28 February for a 29 February), the rule the
hub uses for every "N years later" (learning.models.organisations._years_from); on that
day they are erased (learning.privacy.erasure), keeping every count a report makes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from learning.audit.services import AuditWriteFailed
from learning.models import AccessExport, Invitation, Organisation, PrivacySettings, User
from learning.models.audit import AuditAction
from learning.models.organisations import _years_from
from learning.models.privacy import AccessExportStatus
from learning.privacy.erasers import (
    ERASED_DOMAIN,
    closed_invitation_email,
    erase_words_from_history,
    expire_access_exports,
)
from learning.privacy.erasure import erase_person, erasure_plan
from learning.privacy.registry import ErasureCount

logger = logging.getLogger(__name__)

# How long a finished background task (an email sent, a copy built) keeps its arguments.
TASK_RESULTS_KEPT = timedelta(days=7)
# How long an invitation never accepted keeps the address it was sent to once it ended.
CLOSED_INVITATIONS_KEPT = timedelta(days=182)


def latest_deactivation_due(today: date, years: int) -> date:
    """The last day of deactivation whose retention period of `years` has ended by
    `today`: every day up to it is due, none after it."""
    day = _years_from(today, -years)
    # _years_from maps 29 February onto 28 February, so the day found may sit one day
    # either side of the true boundary.
    while _years_from(day, years) > today:
        day -= timedelta(days=1)
    while _years_from(day + timedelta(days=1), years) <= today:
        day += timedelta(days=1)
    return day


def retention_years_without_organisation() -> int:
    return PrivacySettings.load().retention_years_without_organisation


def retention_years_of(user: User) -> int:
    profile = getattr(user, "profile", None)
    if profile is not None and profile.organisation_id is not None:
        return profile.organisation.retention_years
    return retention_years_without_organisation()


def retention_ends_on(user: User) -> date | None:
    """The day `user`'s records are erased; None while their account is active."""
    if user.deactivated_at is None:
        return None
    left = timezone.localdate(user.deactivated_at)
    return _years_from(left, retention_years_of(user))


def due_for_erasure(today: date) -> QuerySet[User]:
    """Inactive people not yet erased whose retention period has ended on or before
    `today`."""
    due = Q(
        profile__organisation__isnull=True,
        deactivated_at__date__lte=latest_deactivation_due(
            today, retention_years_without_organisation()
        ),
    )
    periods = Organisation.objects.values_list("retention_years", flat=True).distinct()
    for years in periods:
        due |= Q(
            profile__organisation__retention_years=years,
            deactivated_at__date__lte=latest_deactivation_due(today, years),
        )
    return (
        User.objects.filter(is_active=False, erased_at__isnull=True, deactivated_at__isnull=False)
        .filter(due)
        .select_related("profile__organisation")
        .order_by("deactivated_at", "pk")
    )


def reconcile_deactivation_dates(now: datetime) -> tuple[int, int]:
    """Start the clock for inactive people who have none, and stop it for active people
    who have one: accounts changed by a queryset update, which no signal sees. Returns
    (started, cleared)."""
    started = User.objects.filter(is_active=False, deactivated_at__isnull=True).update(
        deactivated_at=now
    )
    cleared = User.objects.filter(is_active=True, deactivated_at__isnull=False).update(
        deactivated_at=None
    )
    return started, cleared


def expired_access_exports(now: datetime) -> QuerySet[AccessExport]:
    """Copies of people's data past their expiry that still hold a file or say so."""
    return AccessExport.objects.filter(expires_at__lte=now).filter(
        ~Q(status=AccessExportStatus.EXPIRED) | ~Q(file_name="")
    )


def finished_task_results(now: datetime) -> QuerySet[DBTaskResult]:
    """Background tasks finished more than TASK_RESULTS_KEPT ago. Their arguments are
    what they were given: an email's address and text, which may name people."""
    return DBTaskResult.objects.finished().filter(finished_at__lt=now - TASK_RESULTS_KEPT)


def closed_invitations(now: datetime) -> QuerySet[Invitation]:
    """Invitations never accepted that ended (expired, or were withdrawn) more than
    CLOSED_INVITATIONS_KEPT ago and still hold the address they were sent to."""
    cutoff = now - CLOSED_INVITATIONS_KEPT
    return (
        Invitation.objects.filter(accepted_at__isnull=True)
        .filter(Q(expires_at__lt=cutoff) | Q(revoked_at__lt=cutoff))
        .exclude(email__endswith=f"@{ERASED_DOMAIN}")
    )


def forget_closed_invitations(invitations: QuerySet[Invitation]) -> int:
    """Replace each invitation's address, here and in its history, with one that names
    no one. Returns how many. The invitation stays, as the record that one was sent."""
    count = 0
    for invitation in invitations.only("pk", "email"):
        with transaction.atomic():
            erase_words_from_history(invitation, (invitation.email.lower(),))
            Invitation.objects.filter(pk=invitation.pk).update(
                email=closed_invitation_email(invitation)
            )
        count += 1
    return count


def retention_reason(user: User) -> str:
    left = timezone.localdate(user.deactivated_at)
    years = retention_years_of(user)
    return (
        f"The retention period of {years} years after the account was deactivated on "
        f"{left:%-d %B %Y} ended on {_years_from(left, years):%-d %B %Y}."
    )


@dataclass
class RetentionRun:
    today: date
    dry_run: bool
    clocks_started: int = 0
    clocks_cleared: int = 0
    exports_expired: int = 0
    task_results_pruned: int = 0
    invitations_forgotten: int = 0
    # Each person erased (or, in a dry run, due): their id and what went (or would).
    erased: list[tuple[int, list[ErasureCount]]] = field(default_factory=list)
    # Ids of people whose erasure could not be recorded, so did not happen.
    failed: list[int] = field(default_factory=list)


def apply_retention(*, now: datetime | None = None, dry_run: bool = False) -> RetentionRun:
    """The daily run: fix deactivation dates that bypassed save(), expire copies of
    people's data past their date, delete finished background tasks' arguments and
    expired sessions, forget the addresses of invitations long closed, and erase
    everyone whose period has ended. Each person is erased in their own transaction,
    so one failure stops no one else."""
    now = now or timezone.now()
    run = RetentionRun(today=timezone.localdate(now), dry_run=dry_run)
    if dry_run:
        run.exports_expired = expired_access_exports(now).count()
        run.clocks_started = User.objects.filter(
            is_active=False, deactivated_at__isnull=True
        ).count()
        run.task_results_pruned = finished_task_results(now).count()
        run.invitations_forgotten = closed_invitations(now).count()
    else:
        run.clocks_started, run.clocks_cleared = reconcile_deactivation_dates(now)
        run.exports_expired = expire_access_exports(expired_access_exports(now))
        run.task_results_pruned, _ = finished_task_results(now).delete()
        run.invitations_forgotten = forget_closed_invitations(closed_invitations(now))
        # Signed-in sessions past their expiry, an erased person's among them.
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    for user in due_for_erasure(run.today):
        if dry_run:
            run.erased.append((user.pk, erasure_plan(user)))
            continue
        try:
            counts = erase_person(
                user,
                reason=retention_reason(user),
                actor=None,
                action=AuditAction.RETENTION_ERASED,
            )
        except AuditWriteFailed:
            logger.exception("Erasure of person %s could not be recorded, so was not done", user.pk)
            run.failed.append(user.pk)
            continue
        except Exception:
            # Rolled back for this person alone (erase_person's transaction); the
            # others due tonight are still erased, and this one is due again tomorrow.
            logger.exception("Erasure of person %s failed, so was not done", user.pk)
            run.failed.append(user.pk)
            continue
        if counts:  # Empty when an administrator erased them while this ran.
            run.erased.append((user.pk, counts))
    return run
