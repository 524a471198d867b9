"""Reads from a person's learning record.

Every selector answers for one person and runs a fixed number of queries however long
the record is. None of them checks who is asking: views ask learning.permissions first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page

from learning.learnable import tagged_pages_q
from learning.models import (
    Completion,
    CompletionHow,
    ExternalCPD,
    Feedback,
    Principle,
    TeamSession,
)
from learning.records.dates import years_before

# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# One page
# ---------------------------------------------------------------------------


def completion_for(*, user, page: Page) -> Completion | None:
    """The person's latest completion of the page (in whichever cycle), if any."""
    if not user.is_authenticated:
        return None
    return Completion.objects.filter(user=user, page_id=page.pk).order_by("-cycle").first()


def feedback_for(*, user, page: Page) -> Feedback | None:
    if not user.is_authenticated:
        return None
    return Feedback.objects.filter(user=user, page_id=page.pk).first()


# ---------------------------------------------------------------------------
# The record
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordEntry:
    """One line of a CPD record: a completion here or CPD recorded from elsewhere."""

    date: date
    title: str
    minutes: int
    activity: str  # how it was done, in words
    participatory: bool
    completion: Completion | None = None
    external: ExternalCPD | None = None

    @property
    def kind(self) -> str:
        return "completion" if self.completion else "external"

    @property
    def provider(self) -> str:
        return self.external.provider if self.external else "Safeguarding Learning Hub"

    @property
    def what_learned(self) -> str:
        return self.external.what_learned if self.external else ""


def completions_for(
    *,
    user,
    principle: Principle | None = None,
    since: date | None = None,
    until: date | None = None,
    participatory: bool = False,
) -> QuerySet[Completion]:
    """The person's completions, newest first, narrowed to a principle, to local dates
    from `since` to `until` inclusive and (`participatory`) to those learned with other
    people: team sessions."""
    completions = Completion.objects.filter(user=user).select_related("page", "team_session")
    if participatory:
        completions = completions.filter(how=CompletionHow.TEAM_SESSION)
    if principle is not None:
        completions = completions.filter(tagged_pages_q(principle=principle))
    if since is not None:
        completions = completions.filter(completed_at__date__gte=since)
    if until is not None:
        completions = completions.filter(completed_at__date__lte=until)
    return completions.order_by("-completed_at")


def external_cpd_for(
    *,
    user,
    since: date | None = None,
    until: date | None = None,
    participatory: bool = False,
) -> QuerySet[ExternalCPD]:
    entries = ExternalCPD.objects.filter(user=user)
    if participatory:
        entries = entries.filter(participatory=True)
    if since is not None:
        entries = entries.filter(date__gte=since)
    if until is not None:
        entries = entries.filter(date__lte=until)
    return entries.order_by("-date", "-created_at")


def cpd_record_for(
    *,
    user,
    principle: Principle | None = None,
    since: date | None = None,
    until: date | None = None,
    participatory: bool = False,
) -> list[RecordEntry]:
    """Every completion and external CPD entry of the person, merged newest first (two
    queries). External CPD carries no principle, so filtering by a principle leaves it
    out. `participatory` keeps only what the NMC counts as participatory: team sessions
    and external CPD marked so (the same rule as RecordEntry.participatory)."""
    entries = [
        RecordEntry(
            date=timezone.localtime(completion.completed_at).date(),
            title=completion.page_title,
            minutes=completion.minutes,
            activity=completion.get_how_display(),
            participatory=completion.how == CompletionHow.TEAM_SESSION,
            completion=completion,
        )
        for completion in completions_for(
            user=user, principle=principle, since=since, until=until, participatory=participatory
        )
    ]
    if principle is None:
        entries += [
            RecordEntry(
                date=entry.date,
                title=entry.title,
                minutes=entry.minutes,
                activity=entry.get_type_display(),
                participatory=entry.participatory,
                external=entry,
            )
            for entry in external_cpd_for(
                user=user, since=since, until=until, participatory=participatory
            )
        ]
    # Stable sort: within a day, completions keep their newest-first order.
    return sorted(entries, key=lambda entry: entry.date, reverse=True)


def team_sessions_attended(*, user) -> QuerySet[TeamSession]:
    """Team sessions the person attended, newest first (one query). `credited` says
    whether the session gave them their completion of the item: someone who had already
    completed it keeps that earlier completion (one per cycle), so the session is on
    their record without adding its minutes a second time."""
    return (
        TeamSession.objects.filter(attendees=user)
        .select_related("delivered_by")
        .annotate(
            credited=Exists(Completion.objects.filter(user=user, team_session=OuterRef("pk")))
        )
        .order_by("-delivered_on", "-created_at")
    )


@dataclass(frozen=True)
class CPDTotals:
    year_start: date
    year_minutes: int
    three_years_start: date
    three_years_minutes: int

    @property
    def year_hours(self) -> str:
        return hours(self.year_minutes)

    @property
    def three_years_hours(self) -> str:
        return hours(self.three_years_minutes)


def hours(minutes: int) -> str:
    """Minutes as hours to one decimal place, without a needless ".0"."""
    value = round(minutes / 60, 1)
    return f"{value:g}"


def cpd_totals_for(*, user, today: date | None = None) -> CPDTotals:
    """CPD minutes since 1 January of this year, and over the last three years (from the
    same day three years ago), counting completions and external CPD. Two queries."""
    today = today or timezone.localdate()
    year_start = date(today.year, 1, 1)
    three_years_start = years_before(today, 3)
    completed = Completion.objects.filter(
        user=user, completed_at__date__gte=three_years_start, completed_at__date__lte=today
    ).aggregate(
        year=Sum("minutes", filter=Q(completed_at__date__gte=year_start), default=0),
        three_years=Sum("minutes", default=0),
    )
    external = ExternalCPD.objects.filter(
        user=user, date__gte=three_years_start, date__lte=today
    ).aggregate(
        year=Sum("minutes", filter=Q(date__gte=year_start), default=0),
        three_years=Sum("minutes", default=0),
    )
    return CPDTotals(
        year_start=year_start,
        year_minutes=completed["year"] + external["year"],
        three_years_start=three_years_start,
        three_years_minutes=completed["three_years"] + external["three_years"],
    )


def annotate_cpd_minutes_this_year(
    people: QuerySet, *, today: date | None = None, name: str = "cpd_minutes_this_year"
) -> QuerySet:
    """Each person's CPD minutes this year, as `cpd_totals_for` counts them (completions
    and external CPD from 1 January to today), added to a queryset of people as two
    subqueries: one query for a whole list, whatever its length."""
    today = today or timezone.localdate()
    year_start = date(today.year, 1, 1)
    completed = (
        Completion.objects.filter(
            user_id=OuterRef("pk"),
            completed_at__date__gte=year_start,
            completed_at__date__lte=today,
        )
        .order_by()
        .values("user_id")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    external = (
        ExternalCPD.objects.filter(user_id=OuterRef("pk"), date__gte=year_start, date__lte=today)
        .order_by()
        .values("user_id")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    return people.annotate(
        **{name: Coalesce(Subquery(completed), 0) + Coalesce(Subquery(external), 0)}
    )


def record_counts(*, user) -> dict[str, int]:
    """How many completions and external entries the person has (one query each)."""
    return {
        "completions": Completion.objects.filter(user=user).count(),
        "external": ExternalCPD.objects.filter(user=user).count(),
    }


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------

# The alphabet of learning.models.records.new_certificate_code: no I, O, 0 or 1.
_CODE_RE = re.compile(r"^[A-HJ-NP-Z2-9]{12}$")


def normalise_certificate_code(raw: str) -> str:
    """A code as typed (any case, with spaces or hyphens between groups) in its stored
    form; "" when it cannot be a code at all."""
    code = re.sub(r"[\s-]", "", raw or "").upper()
    return code if _CODE_RE.match(code) else ""


def certificate_by_code(code: str) -> Completion | None:
    """The completion a certificate code belongs to, if the code is genuine."""
    code = normalise_certificate_code(code)
    if not code:
        return None
    return Completion.objects.filter(certificate_code=code).first()


def feedback_page_ids(*, user) -> set[int]:
    """Ids of the pages the person has given feedback on (one query)."""
    return set(Feedback.objects.filter(user=user).values_list("page_id", flat=True))
