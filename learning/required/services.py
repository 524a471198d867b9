"""Writes for required learning: setting, changing and retiring requirements, and
marking people exempt. Views have already asked learning.permissions; each service
checks again what it must never get wrong (whose requirement, whose exemption), so a
caller that forgets cannot widen anyone's reach."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from learning import permissions
from learning.models import Exemption, Organisation, RefreshRule, Requirement
from learning.records.dates import months_after
from learning.required.assignments import record_assignments, record_new_requirement

# How far ahead an exemption may run: long-term leave is reviewed at least this often.
EXEMPTION_MAX_MONTHS = 24
EXEMPTION_REASON_MAX_LENGTH = 300

# The plain fields of a requirement a form may set (the many-to-many ones are separate).
REQUIREMENT_FIELDS = (
    "title",
    "everyone",
    "registration_bodies",
    "due_days",
    "due_from",
    "refresh",
    "refresh_months",
    "window_start_day",
    "window_start_month",
    "window_end_day",
    "window_end_month",
    "starts_on",
)
WINDOW_FIELDS = ("window_start_day", "window_start_month", "window_end_day", "window_end_month")


def has_audience(
    *, everyone: bool, organisations=(), teams=(), roles=(), registration_bodies=()
) -> bool:
    return bool(everyone or organisations or teams or roles or registration_bodies)


def _drop_unused(requirement: Requirement) -> None:
    """Clear what the chosen rules do not use, so a requirement never keeps a window it
    does not refresh in, or registration bodies that "everyone" overrides."""
    if requirement.refresh != RefreshRule.EVERY_MONTHS:
        requirement.refresh_months = None
    if requirement.refresh != RefreshRule.WINDOW:
        for name in WINDOW_FIELDS:
            setattr(requirement, name, None)
    if requirement.everyone:
        requirement.registration_bodies = []


def _check_audience(
    requirement: Requirement, *, organisations: list, teams: list, roles: list
) -> None:
    if not has_audience(
        everyone=requirement.everyone,
        organisations=organisations,
        teams=teams,
        roles=roles,
        registration_bodies=requirement.registration_bodies,
    ):
        raise ValidationError({"everyone": "Choose who must complete it"})
    organisation = requirement.organisation
    if organisation is not None:
        # An organisation's own requirement reaches only its own people.
        if any(other.pk != organisation.pk for other in organisations):
            raise ValidationError({"organisations": "Choose only your own organisation"})
        if any(team.organisation_id != organisation.pk for team in teams):
            raise ValidationError({"teams": "Choose teams in your own organisation only"})


def _save(
    requirement: Requirement, *, pages, organisations, teams, roles, fields: dict
) -> Requirement:
    pages = list(pages)
    if not pages:
        raise ValidationError({"pages": "Choose at least one learning item"})
    for name, value in fields.items():
        setattr(requirement, name, value)
    _drop_unused(requirement)
    # "Everyone" overrides any groups, so none are kept beside it.
    groups = (
        [[], [], []] if requirement.everyone else [list(organisations), list(teams), list(roles)]
    )
    organisations, teams, roles = groups
    _check_audience(requirement, organisations=organisations, teams=teams, roles=roles)
    # Who set it is not the editor's to change, and may be gone (set null on deletion).
    requirement.full_clean(exclude=["created_by"])
    created = requirement.pk is None
    with transaction.atomic():
        requirement.save()
        requirement.pages.set(pages)
        requirement.organisations.set(organisations)
        requirement.teams.set(teams)
        requirement.roles.set(roles)
        # Everyone in the audience now is assigned from the day it applies (a new
        # requirement) or from today (people an edit brings in); nobody's date moves.
        if created:
            record_new_requirement(requirement)
        else:
            record_assignments(requirement=requirement)
    return requirement


def _plain_fields(fields: dict) -> dict:
    unknown = set(fields) - set(REQUIREMENT_FIELDS)
    if unknown:
        raise TypeError(f"Not requirement fields: {sorted(unknown)}")
    return fields


def requirement_create(
    *,
    created_by,
    organisation: Organisation | None,
    pages,
    organisations=(),
    teams=(),
    roles=(),
    **fields,
) -> Requirement:
    """Set a requirement: partnership-wide (`organisation` None, a SAB manager only) or
    for one organisation (its lead, or a SAB manager)."""
    if organisation is None:
        if not permissions.sets_partnership_requirements(created_by):
            raise PermissionDenied("Only the board sets partnership-wide required learning.")
    elif not (
        permissions.sets_partnership_requirements(created_by)
        or permissions.lead_organisation_id(created_by) == organisation.pk
    ):
        raise PermissionDenied("You may set required learning for your own organisation only.")
    requirement = Requirement(organisation=organisation, created_by=created_by)
    return _save(
        requirement,
        pages=pages,
        organisations=organisations,
        teams=teams,
        roles=roles,
        fields=_plain_fields(fields),
    )


def requirement_update(
    *, requirement: Requirement, changed_by, pages, organisations=(), teams=(), roles=(), **fields
) -> Requirement:
    """Change a requirement the user manages. Its owner (the board or an
    organisation) never changes."""
    _check_manages(changed_by, requirement)
    return _save(
        requirement,
        pages=pages,
        organisations=organisations,
        teams=teams,
        roles=roles,
        fields=_plain_fields(fields),
    )


def requirement_retire(*, requirement: Requirement, retired_by) -> Requirement:
    """No longer due from anyone; it stays on record (and in completions' history)."""
    _check_manages(retired_by, requirement)
    if requirement.is_active:
        requirement.is_active = False
        requirement.save(update_fields=["is_active", "updated_at"])
    return requirement


def _check_manages(user, requirement: Requirement) -> None:
    if not permissions.requirements_manageable_by(user).filter(pk=requirement.pk).exists():
        raise PermissionDenied("You may not change this requirement.")


# ---------------------------------------------------------------------------
# Exemptions
# ---------------------------------------------------------------------------


def latest_exemption_end(today: date) -> date:
    return months_after(today, EXEMPTION_MAX_MONTHS)


def validate_exemption_end(ends_on: date, *, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if ends_on <= today:
        raise ValidationError("The end date must be in the future")
    if ends_on > latest_exemption_end(today):
        raise ValidationError(
            "The end date must be no more than 2 years from today; you can set a new "
            "exemption when it ends"
        )


def exemption_create(
    *,
    created_by,
    user,
    requirement: Requirement | None,
    reason: str,
    ends_on: date,
    today: date | None = None,
) -> Exemption:
    """Excuse a person of the lead's organisation from one requirement (or, with
    `requirement` None, from all their required learning) until `ends_on`."""
    if not permissions.can_exempt(created_by, user):
        raise PermissionDenied("Only the person's organisation lead may exempt them.")
    if requirement is not None and not (
        permissions.requirements_visible_to(created_by).filter(pk=requirement.pk).exists()
    ):
        raise PermissionDenied("You may not exempt people from this requirement.")
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "Enter the reason for the exemption"
    elif len(reason) > EXEMPTION_REASON_MAX_LENGTH:
        errors["reason"] = f"Keep the reason to {EXEMPTION_REASON_MAX_LENGTH} characters or fewer"
    try:
        validate_exemption_end(ends_on, today=today)
    except ValidationError as error:
        errors["ends_on"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    return Exemption.objects.create(
        user=user, requirement=requirement, reason=reason, ends_on=ends_on, created_by=created_by
    )


def exemption_end(*, exemption: Exemption, ended_by, today: date | None = None) -> Exemption:
    """End an exemption early: it stops applying today (kept on record, ended
    yesterday), so the person's required learning is due again."""
    if not permissions.can_exempt(ended_by, exemption.user):
        raise PermissionDenied("Only the person's organisation lead may end their exemption.")
    today = today or timezone.localdate()
    yesterday = today - timedelta(days=1)
    if exemption.ends_on > yesterday:
        exemption.ends_on = yesterday
        exemption.save(update_fields=["ends_on"])
    return exemption
