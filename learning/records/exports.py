"""A person's record in forms they can take elsewhere: a CSV file of every entry, and
a CPD summary laid out the way regulators ask for it, to copy into Social Work
England's online CPD record or an NMC revalidation portfolio."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TextIO

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from learning.models import (
    EntryStatus,
    Feedback,
    ReflectiveEntry,
    ReviewStatus,
)
from learning.records.selectors import RecordEntry, cpd_record_for, hours
from learning.spreadsheets import spreadsheet_safe

CSV_HEADER = [
    "Date",
    "Activity",
    "Where recorded",
    "How",
    "Provider",
    "Minutes",
    "Hours",
    "Participatory",
    "What I learned",
    "Certificate code",
]


def cpd_csv_rows(entries: Iterable[RecordEntry]) -> Iterator[list[str]]:
    yield CSV_HEADER
    for entry in entries:
        # A title such as "=HYPERLINK(...)" typed into a CPD entry must arrive as text.
        yield [
            spreadsheet_safe(value)
            for value in (
                entry.date.isoformat(),
                entry.title,
                "Safeguarding Learning Hub" if entry.completion else "Recorded by me",
                entry.activity,
                entry.provider,
                entry.minutes,
                hours(entry.minutes),
                "Yes" if entry.participatory else "No",
                entry.what_learned,
                entry.completion.certificate_code if entry.completion else "",
            )
        ]


def write_cpd_csv(entries: Iterable[RecordEntry], out: TextIO) -> None:
    """Write the entries as CSV, with a byte-order mark so that Excel reads accented
    names as UTF-8."""
    out.write("\ufeff")
    csv.writer(out).writerows(cpd_csv_rows(entries))


# ---------------------------------------------------------------------------
# The CPD summary
# ---------------------------------------------------------------------------


@dataclass
class SummaryItem:
    """One activity with the headings Social Work England's CPD record asks for."""

    entry: RecordEntry
    description: str = ""
    principles: list[str] = field(default_factory=list)
    feedback: Feedback | None = None
    reflections: list[ReflectiveEntry] = field(default_factory=list)

    @property
    def peer_reflections(self) -> list[ReflectiveEntry]:
        return [entry for entry in self.reflections if is_peer_reflection(entry)]


@dataclass(frozen=True)
class SummaryOptions:
    """What the person chose to put on their printable CPD summary (?choose=1&...).

    The defaults are for a registrant preparing NMC revalidation or Social Work
    England's CPD record: what they learned and their reflective accounts in full
    (what they copy into the portfolio and discuss with their confirmer), but not the
    comments they wrote as feedback to the board. Those were written for the board's
    team to read without a name, often blunt about the material, and are not a
    statement about their own practice; they are shown only when asked for.
    """

    learning: bool = True
    feedback_comments: bool = False
    reflection_text: bool = True

    # Checkbox names in the form, in the order shown.
    FIELDS = ("learning", "feedback_comments", "reflection_text")
    MARKER = "choose"

    @classmethod
    def from_query(cls, query) -> SummaryOptions:
        """The choices in a GET query. An unticked box sends nothing, so only a query
        carrying the form's marker field means "these boxes, and no others"; any other
        query (a link, a first visit) gets the defaults."""
        if query.get(cls.MARKER) != "1":
            return cls()
        return cls(**{name: query.get(name) == "1" for name in cls.FIELDS})

    def as_query(self) -> str:
        """The choices as a query string, to carry them on links that change the period."""
        chosen = [f"{name}=1" for name in self.FIELDS if getattr(self, name)]
        return "&".join([f"{self.MARKER}=1", *chosen])


# Parts of the CPD summary a progress figure can link to on their own (?show=...).
SUMMARY_SECTIONS = ("accounts", "discussions")


@dataclass
class CPDSummary:
    since: date | None
    until: date | None
    items: list[SummaryItem]
    reflective_accounts: list[ReflectiveEntry]
    discussions: list[ReflectiveEntry]

    @property
    def minutes(self) -> int:
        return sum(item.entry.minutes for item in self.items)

    @property
    def participatory_minutes(self) -> int:
        return sum(item.entry.minutes for item in self.items if item.entry.participatory)

    @property
    def hours(self) -> str:
        return hours(self.minutes)

    @property
    def participatory_hours(self) -> str:
        return hours(self.participatory_minutes)


def is_peer_reflection(entry: ReflectiveEntry) -> bool:
    return entry.signed_off_at is not None or entry.review_status == ReviewStatus.DISCUSSED


def _local_day(moment: datetime | None) -> date | None:
    return timezone.localdate(moment) if moment else None


def _within(day: date | None, since: date | None, until: date | None) -> bool:
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def cpd_summary_for(*, user, since: date | None = None, until: date | None = None) -> CPDSummary:
    """The person's CPD between the dates with, for each activity, its description and
    relevance (the page's summary and principles), what they learned and its impact
    (their final reflective entries on it written between the dates, never drafts, and
    their feedback on it) and any peer reflection; then the
    final reflective entries written in the period (the NMC's reflective accounts) and
    the entries discussed with or signed off by a supervisor in it.

    For the person themselves only: it includes their own reflective writing. A fixed
    number of queries: the record (2), the pages (one per page type), the principles,
    feedback and reflective entries (one each).
    """
    entries = cpd_record_for(user=user, since=since, until=until)
    page_ids = {entry.completion.page_id for entry in entries if entry.completion}
    page_ids.discard(None)
    pages = (
        Page.objects.filter(pk__in=page_ids)
        .specific()
        .prefetch_related("principles", for_specific_subqueries=True)
        .in_bulk()
        if page_ids
        else {}
    )
    feedback = {item.page_id: item for item in Feedback.objects.filter(user=user)}
    reflections = list(
        ReflectiveEntry.objects.filter(author=user)
        .filter(Q(page_id__in=page_ids) | Q(status=EntryStatus.FINAL) | ~Q(review_status=""))
        .select_related("reviewed_by", "signed_off_by")
        .order_by("created_at")
    )
    by_page: dict[int, list[ReflectiveEntry]] = defaultdict(list)
    for reflection in reflections:
        # Under an activity, only what a registrant could submit for the period: final
        # entries written within it. Drafts are work in progress, and an entry from
        # another period belongs to that period's summary.
        if (
            reflection.page_id in page_ids
            and reflection.status == EntryStatus.FINAL
            and _within(timezone.localdate(reflection.created_at), since, until)
        ):
            by_page[reflection.page_id].append(reflection)

    items = []
    for entry in entries:
        item = SummaryItem(entry=entry)
        if entry.completion and entry.completion.page_id in pages:
            page = pages[entry.completion.page_id]
            item.description = getattr(page, "summary", "")
            item.principles = [principle.name for principle in page.principles.all()]
        if entry.completion:
            item.feedback = feedback.get(entry.completion.page_id)
            item.reflections = by_page.get(entry.completion.page_id, [])
        items.append(item)

    accounts = [
        reflection
        for reflection in reflections
        if reflection.status == EntryStatus.FINAL
        and _within(timezone.localdate(reflection.created_at), since, until)
    ]
    discussions = [
        reflection
        for reflection in reflections
        if _within(_local_day(reflection.signed_off_at), since, until)
        or (
            reflection.review_status == ReviewStatus.DISCUSSED
            and _within(reflection.reviewed_on, since, until)
        )
    ]
    return CPDSummary(
        since=since,
        until=until,
        items=items,
        reflective_accounts=accounts,
        discussions=discussions,
    )
