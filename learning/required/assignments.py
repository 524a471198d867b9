"""Records the day each requirement came to apply to each person already on the hub
(RequirementAssignment), so "due N days after being assigned" counts from the day
they moved into its audience or it was widened to include them, and a move within
its audience changes nothing.

People in a requirement's audience when it is set are assigned on the day it applies
from; anyone who comes into it later (a move of team, organisation or role, or an edit
that widens it) on the day that happens. Someone who joins the hub later counts from
joining without a row (learning.required.status). Rows are only ever added: leaving an
audience and coming back keeps the first date.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone

from learning.models import Requirement, RequirementAssignment
from learning.personal_cache.registry import records_changed
from learning.required.status import AUDIENCE_PREFETCH, audience_q


def record_assignments(
    *, requirement: Requirement, on: date | None = None, user_ids: list[int] | None = None
) -> int:
    """Add a row for everyone in the requirement's audience who has none, dated `on`
    (today if not given, and never before the requirement applies); returns how many.
    Two queries."""
    on = max(on or timezone.localdate(), requirement.starts_on)
    people = get_user_model().objects.filter(audience_q(requirement))
    if user_ids is not None:
        people = people.filter(pk__in=user_ids)
    missing = people.exclude(
        Exists(RequirementAssignment.objects.filter(requirement=requirement, user=OuterRef("pk")))
    ).values_list("pk", flat=True)
    rows = [
        RequirementAssignment(requirement=requirement, user_id=pk, assigned_on=on) for pk in missing
    ]
    RequirementAssignment.objects.bulk_create(rows, ignore_conflicts=True)
    # bulk_create sends no signals: say whose required learning changed.
    records_changed(row.user_id for row in rows)
    return len(rows)


def record_new_requirement(requirement: Requirement) -> int:
    """Everyone in a requirement's audience when it is set was assigned on the day it
    applies from."""
    return record_assignments(requirement=requirement, on=requirement.starts_on)


def record_moves(*, user_ids: list[int]) -> int:
    """After people changed organisation, team or role: every active requirement that
    now applies to them and did not before is assigned today."""
    total = 0
    for requirement in Requirement.objects.filter(is_active=True).prefetch_related(
        *AUDIENCE_PREFETCH
    ):
        total += record_assignments(requirement=requirement, user_ids=user_ids)
    return total
