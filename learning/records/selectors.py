"""Reads from a person's learning record.

Every selector answers for one person and runs a fixed number of queries however long
the record is. None of them checks who is asking: views ask learning.permissions first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page

from learning.learnable import (
    COMPLETION_MARKS_HOOK,
    learnable_page_models,
    pages_completed_elsewhere_q,
    tagged_pages_q,
)
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
    completions = Completion.objects.filter(user=user)
    if participatory:
        completions = completions.filter(_COMPLETION_PARTICIPATORY)
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
        entries = entries.filter(_EXTERNAL_PARTICIPATORY)
    if since is not None:
        entries = entries.filter(date__gte=since)
    if until is not None:
        entries = entries.filter(date__lte=until)
    return entries.order_by("-date", "-created_at")


def _record_parts(
    *,
    user,
    principle: Principle | None,
    since: date | None,
    until: date | None,
    participatory: bool,
) -> tuple[QuerySet[Completion], QuerySet[ExternalCPD] | None]:
    """The two halves of a filtered record: the completions, and the external CPD
    (None when filtering by a principle: external CPD carries none, so it is left out).
    The one place the record's filters are applied, for the full list and for pages."""
    completions = completions_for(
        user=user, principle=principle, since=since, until=until, participatory=participatory
    )
    if principle is not None:
        return completions, None
    return completions, external_cpd_for(
        user=user, since=since, until=until, participatory=participatory
    )


def _completion_entry(completion: Completion) -> RecordEntry:
    return RecordEntry(
        date=timezone.localtime(completion.completed_at).date(),
        title=completion.page_title,
        minutes=completion.minutes,
        activity=completion.get_how_display(),
        participatory=completion.how == CompletionHow.TEAM_SESSION,
        completion=completion,
    )


def _external_entry(entry: ExternalCPD) -> RecordEntry:
    return RecordEntry(
        date=entry.date,
        title=entry.title,
        minutes=entry.minutes,
        activity=entry.get_type_display(),
        participatory=entry.participatory,
        external=entry,
    )


def cpd_record_for(
    *,
    user,
    principle: Principle | None = None,
    since: date | None = None,
    until: date | None = None,
    participatory: bool = False,
) -> list[RecordEntry]:
    """Every completion and external CPD entry of the person, merged newest first (two
    queries), for what needs the whole record (the CSV file, the CPD summary); a page
    of the record is `record_listing_for`. External CPD carries no principle, so
    filtering by a principle leaves it out. `participatory` keeps only what the NMC
    counts as participatory: team sessions and external CPD marked so (the same rule
    as RecordEntry.participatory)."""
    completions, external = _record_parts(
        user=user, principle=principle, since=since, until=until, participatory=participatory
    )
    entries = [
        _completion_entry(completion)
        for completion in completions.select_related("page", "team_session")
    ]
    if external is not None:
        entries += [_external_entry(entry) for entry in external]
    # Stable sort: within a day, completions keep their newest-first order. The order
    # is RecordListing.ORDER's: keep the two the same.
    return sorted(entries, key=lambda entry: entry.date, reverse=True)


# What a page of the record shows of a completion's page: whether it is live, and its
# address. The completion holds its own title and minutes, so the rest of the page row
# (its title, revisions, search fields) is never read.
_LINKED_PAGE_FIELDS = ("page__live", "page__url_path")


class RecordListing:
    """A person's filtered record as a sequence a Paginator pages through, without
    loading it: its length and minutes are SQL aggregates (one query for both halves),
    and a slice asks the database for just the keys of the entries in it (a UNION of
    both halves, ordered and cut with LIMIT/OFFSET), then loads those rows (one query
    per half). A fixed number of queries however long the record."""

    # The same order as cpd_record_for's merge: newest day first; within a day,
    # completions (newest first) before external CPD (most recently recorded first).
    ORDER = ("-day", "kind", "-at", "-key")
    _COMPLETION, _EXTERNAL = 0, 1

    def __init__(
        self, completions: QuerySet[Completion], external: QuerySet[ExternalCPD] | None
    ) -> None:
        self._completions = completions.order_by()
        self._external = external.order_by() if external is not None else None

    def _halves(self) -> list[QuerySet]:
        return [self._completions] + ([self._external] if self._external is not None else [])

    @staticmethod
    def _union(halves: list[QuerySet]) -> QuerySet:
        first, *rest = halves
        return first.union(*rest, all=True) if rest else first

    @cached_property
    def _totals(self) -> tuple[int, int]:
        # Grouping by a constant adds no GROUP BY, so each half is one row of totals
        # (zeros when empty) and both come back in one query.
        rows = self._union(
            [
                half.values(whole=Value(1, output_field=IntegerField()))
                .annotate(count=Count("pk"), minutes=Sum("minutes", default=0))
                .values_list("count", "minutes")
                for half in self._halves()
            ]
        )
        counts, minutes = zip(*rows, strict=True)
        return sum(counts), sum(minutes)

    def count(self) -> int:
        """How many entries match (Paginator calls this rather than len())."""
        return self._totals[0]

    def __len__(self) -> int:
        return self.count()

    @property
    def minutes(self) -> int:
        return self._totals[1]

    def _keys(self) -> QuerySet:
        """(day, kind, at, key) of every entry, both halves in one query. A completion
        counts on the local day it was completed, as the filters and the merge do."""
        completions = self._completions.values(
            day=TruncDate("completed_at"),
            kind=Value(self._COMPLETION, output_field=IntegerField()),
            at=F("completed_at"),
            key=F("pk"),
        )
        external = (
            []
            if self._external is None
            else [
                self._external.values(
                    day=F("date"),
                    kind=Value(self._EXTERNAL, output_field=IntegerField()),
                    at=F("created_at"),
                    key=F("pk"),
                )
            ]
        )
        return self._union([completions, *external]).order_by(*self.ORDER)

    def __getitem__(self, index: slice) -> list[RecordEntry]:
        if not isinstance(index, slice):
            raise TypeError("A record listing is read a page (a slice) at a time.")
        if self.count() == 0:
            return []
        keys = [(row["kind"], row["key"]) for row in self._keys()[index]]
        wanted = {
            kind: [pk for each, pk in keys if each == kind]
            for kind in (self._COMPLETION, self._EXTERNAL)
        }
        completions = (
            Completion.objects.filter(pk__in=wanted[self._COMPLETION])
            .select_related("page")
            .only(*(f.name for f in Completion._meta.concrete_fields), *_LINKED_PAGE_FIELDS)
            .order_by()
            .in_bulk()
        )
        external = ExternalCPD.objects.filter(pk__in=wanted[self._EXTERNAL]).order_by().in_bulk()
        return [
            _completion_entry(completions[pk])
            if kind == self._COMPLETION
            else _external_entry(external[pk])
            for kind, pk in keys
        ]


def record_listing_for(
    *,
    user,
    principle: Principle | None = None,
    since: date | None = None,
    until: date | None = None,
    participatory: bool = False,
) -> RecordListing:
    """The person's record, filtered as `cpd_record_for` filters it and in the same
    order, to be paginated and totalled in SQL (see RecordListing)."""
    return RecordListing(
        *_record_parts(
            user=user, principle=principle, since=since, until=until, participatory=participatory
        )
    )


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


# ---------------------------------------------------------------------------
# Totals: the one definition of what counts towards a person's CPD over some dates
# ---------------------------------------------------------------------------
#
# Every total of CPD a page shows (this year's hours on My learning, the supervisee's
# record, My team and the lead's people table; hours and pieces over a regulator's
# period) is made here, from the same two rules: a completion counts on the local day
# it was completed, CPD done elsewhere on the day the person gave, and participatory
# CPD is a team session or external CPD marked so (as RecordEntry.participatory).

_COMPLETION_PARTICIPATORY = Q(how=CompletionHow.TEAM_SESSION)
_EXTERNAL_PARTICIPATORY = Q(participatory=True)


def _completed_between(since: date, until: date) -> Q:
    return Q(completed_at__date__gte=since, completed_at__date__lte=until)


def _done_elsewhere_between(since: date, until: date) -> Q:
    return Q(date__gte=since, date__lte=until)


def this_year(today: date | None = None) -> tuple[date, date]:
    """The dates every "this year" CPD total counts: 1 January to today, inclusive."""
    today = today or timezone.localdate()
    return date(today.year, 1, 1), today


@dataclass(frozen=True)
class CPDTally:
    """What a person recorded between two dates: minutes, of them participatory, and
    how many pieces of CPD (completions and external entries)."""

    minutes: int = 0
    participatory_minutes: int = 0
    pieces: int = 0

    @property
    def hours(self) -> str:
        return hours(self.minutes)

    @property
    def participatory_hours(self) -> str:
        return hours(self.participatory_minutes)


def cpd_tallies_for(*, user, periods: Mapping[str, tuple[date, date]]) -> dict[str, CPDTally]:
    """The person's CPDTally for each named (since, until) period, inclusive. Two
    queries however many periods."""
    sums: dict[str, list[int]] = {name: [0, 0, 0] for name in periods}
    for model, between, participatory in (
        (Completion, _completed_between, _COMPLETION_PARTICIPATORY),
        (ExternalCPD, _done_elsewhere_between, _EXTERNAL_PARTICIPATORY),
    ):
        aggregates = {}
        for name, (since, until) in periods.items():
            dates = between(since, until)
            aggregates[f"{name}__m"] = Sum("minutes", filter=dates, default=0)
            aggregates[f"{name}__p"] = Sum("minutes", filter=dates & participatory, default=0)
            aggregates[f"{name}__n"] = Count("pk", filter=dates)
        found = model.objects.filter(user=user).aggregate(**aggregates) if aggregates else {}
        for name in periods:
            sums[name][0] += found[f"{name}__m"]
            sums[name][1] += found[f"{name}__p"]
            sums[name][2] += found[f"{name}__n"]
    return {name: CPDTally(*values) for name, values in sums.items()}


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
    """CPD minutes this year (see `this_year`), and over the last three years (from the
    same day three years ago), counting completions and external CPD. Two queries."""
    year_start, today = this_year(today)
    three_years_start = years_before(today, 3)
    tallies = cpd_tallies_for(
        user=user, periods={"year": (year_start, today), "three": (three_years_start, today)}
    )
    return CPDTotals(
        year_start=year_start,
        year_minutes=tallies["year"].minutes,
        three_years_start=three_years_start,
        three_years_minutes=tallies["three"].minutes,
    )


def annotate_cpd_minutes_this_year(
    people: QuerySet,
    *,
    today: date | None = None,
    name: str = "cpd_minutes_this_year",
    completed: str = "",
) -> QuerySet:
    """Each person's CPD minutes this year as `cpd_totals_for` counts them, added to a
    queryset of people as subqueries (no join, so nothing else annotated is multiplied):
    one query for a whole list, whatever its length. `name` names the minutes;
    `completed`, when given, names how many items of the hub's learning they completed
    over the same dates."""
    since, until = this_year(today)
    completions = Completion.objects.filter(user_id=OuterRef("pk")).filter(
        _completed_between(since, until)
    )
    elsewhere = ExternalCPD.objects.filter(user_id=OuterRef("pk")).filter(
        _done_elsewhere_between(since, until)
    )

    def per_person(entries: QuerySet, total) -> Coalesce:
        grouped = entries.order_by().values("user_id").annotate(total=total).values("total")
        return Coalesce(Subquery(grouped), 0)

    annotations = {
        name: per_person(completions, Sum("minutes")) + per_person(elsewhere, Sum("minutes"))
    }
    if completed:
        annotations[completed] = per_person(completions, Count("pk"))
    return people.annotate(**annotations)


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


def feedback_page_ids(*, user, page_ids: Iterable[int | None] | None = None) -> set[int]:
    """Ids of the pages the person has given feedback on, among `page_ids` if given
    (one query, none for an empty list)."""
    feedback = Feedback.objects.filter(user=user)
    if page_ids is not None:
        feedback = feedback.filter(page_id__in=[pk for pk in page_ids if pk is not None])
    return set(feedback.values_list("page_id", flat=True))


def completion_marks(*, user, page_ids=None) -> dict[int, str]:
    """What the person has done among the pages (all pages if `page_ids` is None): page
    id to "passed" (a knowledge check passed) or "completed". Listings mark their cards
    with it; a visitor who is not signed in has done nothing. One query for their
    completions, plus those of the COMPLETION_MARKS_HOOK functions (a check attached to
    another page is passed without a completion of its own), however much they did."""
    if user is None or not user.is_authenticated:
        return {}
    if page_ids is not None:
        page_ids = list(page_ids)
    done = Completion.objects.filter(user=user, page__isnull=False)
    if page_ids is not None:
        done = done.filter(page_id__in=page_ids)
    marks: dict[int, str] = {}
    for page_id, how in done.values_list("page_id", "how"):
        if how == CompletionHow.PASSED_CHECK:
            marks[page_id] = "passed"
        else:
            marks.setdefault(page_id, "completed")
    for hook in hooks.get_hooks(COMPLETION_MARKS_HOOK):
        for page_id, mark in (hook(user=user, page_ids=page_ids) or {}).items():
            # "passed" says more than "completed", whichever source gave it.
            if mark == "passed" or page_id not in marks:
                marks[page_id] = mark
    return marks


@dataclass(frozen=True)
class PrincipleProgress:
    """How much of the learning on one principle the person has done: `completed` of
    the `total` published pages tagged with it that they can complete."""

    completed: int = 0
    total: int = 0

    @property
    def all_done(self) -> bool:
        return self.total > 0 and self.completed >= self.total


@dataclass(frozen=True)
class CompletablePage:
    """A published, public page a person can complete (a check attached to another
    page is not one: passing it completes that page), as the progress figures and the
    suggestions need it."""

    pk: int
    principle_ids: tuple[int, ...]
    first_published_at: float  # a timestamp; 0 if never published


def completable_pages() -> list[CompletablePage]:
    """Every published, public page a person can complete, the same for everyone, so
    read once per content version (learning.shared_cache): two queries per learnable
    page type (its tags, and the view restrictions `public()` reads) when rebuilt."""
    from learning.shared_cache.values import shared_value

    return shared_value("completable-pages", _completable_pages)


def _completable_pages() -> list[CompletablePage]:
    elsewhere = pages_completed_elsewhere_q()
    principles: dict[int, list[int]] = {}
    published: dict[int, float] = {}
    for model in learnable_page_models():
        pages = model.objects.live().public()
        if elsewhere is not None:
            pages = pages.exclude(elsewhere)
        for page_id, principle_id, first_published_at in pages.values_list(
            "pk", "principles", "first_published_at"
        ):
            published[page_id] = first_published_at.timestamp() if first_published_at else 0
            found = principles.setdefault(page_id, [])
            if principle_id is not None:
                found.append(principle_id)
    return [CompletablePage(pk, tuple(principles[pk]), published[pk]) for pk in sorted(published)]


def principle_progress(*, user) -> dict[int, PrincipleProgress]:
    """For each principle id with learning tagged: how many published, public pages
    carry it, and how many of those the person has completed or passed (as
    `completion_marks` marks them; nothing for a visitor). Checks attached to a page are
    left out, as passing one completes that page instead: counting them would leave a
    total nobody can reach. Queries: the person's marks (completion_marks) once, and
    the shared `completable_pages`, however many principles, pages or completions."""
    pages_by_principle: dict[int, set[int]] = {}
    for page in completable_pages():
        for principle_id in page.principle_ids:
            pages_by_principle.setdefault(principle_id, set()).add(page.pk)
    done = set(completion_marks(user=user))
    return {
        principle_id: PrincipleProgress(completed=len(page_ids & done), total=len(page_ids))
        for principle_id, page_ids in pages_by_principle.items()
    }
