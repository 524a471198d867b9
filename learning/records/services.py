"""Writes to a person's learning record.

Every function here is keyword-only and promises one thing; views, the knowledge-check
receiver and team sessions all call these rather than touching the models directly.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Page, Revision

from learning.forms_ids import parse_id
from learning.models import (
    RENEWAL_PERIOD_YEARS,
    Completion,
    CompletionHow,
    ExternalCPD,
    Feedback,
    Profile,
    RegistrationBody,
    TeamSession,
    validate_registration_renewal_date,
)
from learning.models.organisations import _years_from  # 29 February -> the 28th
from learning.required.status import page_due_again


def _cpd_minutes(page: Page) -> int:
    minutes = getattr(page, "cpd_minutes", None)
    if minutes is None:
        minutes = getattr(page.specific, "cpd_minutes", None)
    if not minutes:
        raise ValueError(f"{page!r} is not a learning page: it credits no CPD minutes.")
    return minutes


def _revision_of_page(page: Page, revision: int | str | None) -> int | None:
    """The id of one of the page's own revisions, from an id that came from outside (a
    posted form field, the knowledge-check signal); the live revision for anything
    else: missing, not a number, out of range or another page's revision."""
    wanted = parse_id(revision)
    if wanted is None or wanted >= 2**31:  # revision ids are 32-bit; nothing above can match
        return page.live_revision_id
    return (
        Revision.page_revisions.filter(pk=wanted, object_id=str(page.pk))
        .values_list("pk", flat=True)
        .first()
    ) or page.live_revision_id


def completion_record(
    *,
    user,
    page: Page,
    how: CompletionHow | str,
    revision: Revision | int | None = None,
    completed_at: datetime | None = None,
    team_session: TeamSession | None = None,
    minutes: int | None = None,
) -> tuple[Completion, bool]:
    """Record that `user` completed the learning `page`; return (completion, created).

    Recording the same page twice in one cycle keeps the first record and returns it
    with created=False, whoever calls and however (confirming, passing the check, a
    team session). Once a refresher cycle of a requirement the person has starts after
    their last completion (learning.required.status.page_due_again), completing the page
    again records the next cycle, and earlier cycles stay on their record.

    The database's unique constraint is the real guard: two requests racing past the
    first look-up both try to insert, one wins, and the loser's insert fails inside its
    own savepoint and returns the winner's row, so a caller's transaction is never
    broken.

    `revision` (a Revision, or an id as posted) is the content the person read; an id
    that is not one of this page's revisions, or none, means the page's live revision
    now. Minutes credited are the page's CPD minutes, unless `minutes` says otherwise
    (a team session credits how long the session actually ran).
    """
    how = CompletionHow(how)
    if how == CompletionHow.TEAM_SESSION and team_session is None:
        raise ValueError("A team-session completion needs the team session.")
    completed_at = completed_at or timezone.now()
    latest = Completion.objects.filter(user=user, page_id=page.pk).order_by("-cycle").first()
    if latest is not None and not (
        completed_at > latest.completed_at
        and page_due_again(
            user=user,
            page_id=page.pk,
            last_completed=latest.completed_at,
            today=timezone.localdate(completed_at),
        )
    ):
        return latest, False
    lookup = {"user": user, "page_id": page.pk, "cycle": latest.cycle + 1 if latest else 1}

    if isinstance(revision, Revision):
        revision_id = revision.pk
    else:
        revision_id = _revision_of_page(page, revision)
    fields = {
        "page_title": page.title,
        "revision_id": revision_id,
        "how": how,
        "minutes": minutes if minutes is not None else _cpd_minutes(page),
        "completed_at": completed_at,
        "team_session": team_session,
    }
    try:
        with transaction.atomic():
            return Completion.objects.create(**lookup, **fields), True
    except IntegrityError:
        # Someone else recorded it between our look-up and our insert.
        existing = Completion.objects.filter(**lookup).first()
        if existing is None:
            raise
        return existing, False


# ---------------------------------------------------------------------------
# CPD done elsewhere
# ---------------------------------------------------------------------------

EXTERNAL_CPD_FIELDS = (
    "title",
    "provider",
    "date",
    "minutes",
    "type",
    "participatory",
    "what_learned",
)


# How far back a date of learning may go. Regulators look at the last one to three
# years (Social Work England a registration year, the HCPC two years, the NMC three),
# so a date more than ten years ago is a typing slip (1900 for 2000, 0001 from a
# browser's empty year) rather than learning worth recording.
CPD_LOOKBACK_YEARS = 10


def earliest_cpd_date(today: date | None = None) -> date:
    """The earliest date of learning the hub accepts: this day ten years ago."""
    return _years_from(today or timezone.localdate(), -CPD_LOOKBACK_YEARS)


def validate_cpd_date(value: date, *, today: date | None = None) -> None:
    """The one rule for a date on which learning happened (CPD done elsewhere, a team
    session, a supervisor's review): today or in the past, and not before
    `earliest_cpd_date`. Every form and service taking such a date calls this."""
    today = today or timezone.localdate()
    if value > today:
        raise ValidationError("The date must be today or in the past", code="future_date")
    earliest = earliest_cpd_date(today)
    if value < earliest:
        raise ValidationError(
            f"The date must be the same as or after {date_format(earliest, 'j F Y')} "
            f"({CPD_LOOKBACK_YEARS} years ago)",
            code="too_old",
        )


def _check_text_lengths(instance, *names: str) -> None:
    """Django gives TextField.max_length to forms only; the model does not check it, so
    a caller other than a form (or a crafted POST) is held to the same limit here."""
    errors = {}
    for name in names:
        limit = instance._meta.get_field(name).max_length
        value = getattr(instance, name) or ""
        if limit and len(value) > limit:
            errors[name] = f"Keep this to {limit:,} characters or fewer (it has {len(value):,})."
    if errors:
        raise ValidationError(errors)


def _save_external_cpd(entry: ExternalCPD, *, saved_date: date | None = None) -> ExternalCPD:
    # An entry whose date is unchanged keeps it even once it is older than the limit:
    # correcting the title of a record must not mean losing its date.
    if entry.date != saved_date:
        validate_cpd_date(entry.date)
    _check_text_lengths(entry, "what_learned")
    # Field validators give the clear range messages (minutes 1 to 6000, lengths,
    # choices); the database's check constraint backs them up.
    entry.full_clean(exclude=["user"], validate_constraints=False)
    entry.save()
    return entry


def external_cpd_create(
    *,
    user,
    title: str,
    date: date,
    minutes: int,
    type: str,
    provider: str = "",
    participatory: bool = False,
    what_learned: str = "",
) -> ExternalCPD:
    """Add CPD the person did elsewhere to their record. Raises ValidationError for a
    date in the future or more than CPD_LOOKBACK_YEARS ago, minutes outside 1 to 6000
    or an unknown type."""
    return _save_external_cpd(
        ExternalCPD(
            user=user,
            title=title,
            provider=provider,
            date=date,
            minutes=minutes,
            type=type,
            participatory=participatory,
            what_learned=what_learned,
        )
    )


def external_cpd_update(*, entry: ExternalCPD, **fields) -> ExternalCPD:
    """Change an entry's details (any of EXTERNAL_CPD_FIELDS), with the same rules as
    creating one. The caller has already checked the entry is the person's own."""
    unknown = set(fields) - set(EXTERNAL_CPD_FIELDS)
    if unknown:
        raise TypeError(f"Not an external CPD field: {', '.join(sorted(unknown))}")
    saved_date = entry.date
    for name, value in fields.items():
        setattr(entry, name, value)
    return _save_external_cpd(entry, saved_date=saved_date)


def external_cpd_delete(*, entry: ExternalCPD) -> None:
    entry.delete()


# ---------------------------------------------------------------------------
# Feedback
# ---------------------------------------------------------------------------


def has_completed(*, user, page: Page) -> bool:
    """Has the person completed the page in any cycle? Feedback needs a completion."""
    if not user.is_authenticated:
        return False
    return Completion.objects.filter(user=user, page_id=page.pk).exists()


def feedback_save(
    *,
    user,
    page: Page,
    usefulness: int,
    will_change_practice: str,
    comment: str = "",
) -> tuple[Feedback, bool]:
    """Save the person's one piece of feedback on a page, replacing what they said
    before; return (feedback, created). Raises ValidationError for a rating outside 1
    to 5, an unknown answer or a comment over 1000 characters. The comment is kept as
    plain text (templates escape it). Only someone who has completed the page may give
    feedback on it (ValidationError, code "not_completed"): the board reads feedback as
    the view of people who did the learning."""
    if not has_completed(user=user, page=page):
        raise ValidationError(
            "Record that you have completed this item before giving feedback on it.",
            code="not_completed",
        )
    feedback = Feedback.objects.filter(user=user, page_id=page.pk).first()
    created = feedback is None
    if created:
        feedback = Feedback(user=user, page_id=page.pk)
    feedback.usefulness = usefulness
    feedback.will_change_practice = will_change_practice
    feedback.comment = (comment or "").strip()
    _check_text_lengths(feedback, "comment")
    feedback.full_clean(exclude=["user", "page"], validate_constraints=False)
    if not created:
        feedback.save()
        return feedback, False
    try:
        with transaction.atomic():
            feedback.save()
        return feedback, True
    except IntegrityError:
        # A second submission raced this one: the later answer wins, as an edit would.
        existing = Feedback.objects.get(user=user, page_id=page.pk)
        feedback.pk = existing.pk
        feedback.created_at = existing.created_at
        feedback.save()
        return feedback, False


# ---------------------------------------------------------------------------
# The person's professional registration
# ---------------------------------------------------------------------------

# Bodies a person records for themselves; the hub tracks progress for each. GMC and
# "other" are set by an administrator and are kept if the person saves unchanged.
SELF_SERVICE_BODIES = (
    RegistrationBody.SOCIAL_WORK_ENGLAND,
    RegistrationBody.NMC,
    RegistrationBody.HCPC,
)

# Number formats as each register prints them: Social Work England "SW" and digits;
# an NMC PIN two digits, a letter, four digits and a letter (e.g. 12A3456E); HCPC a
# two-letter profession prefix and digits (e.g. OT12345, PA123456).
REGISTRATION_NUMBER_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    RegistrationBody.SOCIAL_WORK_ENGLAND: (
        re.compile(r"^SW\d{1,7}$"),
        "Enter your Social Work England number as SW followed by digits, like SW123456",
    ),
    RegistrationBody.NMC: (
        re.compile(r"^\d{2}[A-Z]\d{4}[A-Z]$"),
        "Enter your NMC PIN as 2 numbers, a letter, 4 numbers and a letter, like 12A3456E",
    ),
    RegistrationBody.HCPC: (
        re.compile(r"^[A-Z]{2}\d{4,6}$"),
        "Enter your HCPC number as 2 letters followed by numbers, like OT12345",
    ),
}


def normalise_registration_number(raw: str) -> str:
    """A number as typed (any case, spaces or hyphens) in the form registers print."""
    return re.sub(r"[\s-]", "", raw or "").upper()


def registration_update(
    *, user, body: str, number: str = "", renewal_date: date | None = None
) -> Profile:
    """Record the person's own professional registration: a body the hub tracks (or
    "" for none), its number in that body's format, normalised, and for the NMC or HCPC
    the next revalidation or renewal date (dropped for other bodies, which have none).
    No body means no number. Raises ValidationError with a message per field; saves
    nothing else of the profile (organisation, team and supervisors are the
    administrators')."""
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    allowed = {"", *SELF_SERVICE_BODIES, profile.registration_body}
    if body not in allowed:
        raise ValidationError(
            {"body": ValidationError("Choose one of the options", code="invalid_choice")}
        )
    number = normalise_registration_number(number)
    if not body:
        if number:
            raise ValidationError(
                {
                    "number": ValidationError(
                        "Choose your registration body, or leave the number empty",
                        code="number_without_body",
                    )
                }
            )
    elif not number:
        raise ValidationError(
            {"number": ValidationError("Enter your registration number", code="required")}
        )
    elif body in REGISTRATION_NUMBER_FORMATS:
        pattern, message = REGISTRATION_NUMBER_FORMATS[body]
        if not pattern.match(number):
            raise ValidationError({"number": ValidationError(message, code="format")})
    limit = Profile._meta.get_field("registration_number").max_length
    if len(number) > limit:
        raise ValidationError(
            {"number": ValidationError(f"Keep the number to {limit} characters", code="long")}
        )
    if body not in RENEWAL_PERIOD_YEARS:
        renewal_date = None
    try:
        validate_registration_renewal_date(body, renewal_date, timezone.localdate())
    except ValidationError as error:
        raise ValidationError({"renewal_date": error}) from error
    profile.registration_body = body
    profile.registration_number = number
    profile.registration_renewal_date = renewal_date
    if profile.pk is None:
        profile.save()
    else:
        profile.save(
            update_fields=[
                "registration_body",
                "registration_number",
                "registration_renewal_date",
            ]
        )
    return profile
