"""A person's record in forms they can take elsewhere: a CSV file of every entry, and
a CPD summary laid out the way regulators ask for it, to copy into Social Work
England's online CPD record or an NMC revalidation portfolio."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator

from learning.models import (
    Feedback,
    ReflectiveEntry,
    ReviewStatus,
    TeamSession,
)
from learning.records.cpd_summary import (
    SummaryTotals,
    page_descriptions,
    reflective_accounts_for,
    reflective_discussions_for,
    summary_totals_for,
)
from learning.records.selectors import (
    RecordEntry,
    hours,
    record_listing_for,
)
from learning.reports.tables import PagedRows
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
#
# A record can hold thousands of activities, so the summary is totalled in SQL and
# shows one page of activities at a time (each page a fixed number of queries); the
# whole record stays downloadable as the CSV file. Reflective accounts and discussions
# are listed in full, a page at a time, on their own sections (?show=...).

ACTIVITIES_PER_PAGE = 50
ACCOUNTS_PER_PAGE = 20
DISCUSSIONS_PER_PAGE = 50


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
    """One view of a person's CPD summary: the period's totals, and the page shown of
    its activities (`activities`), its reflective accounts (`accounts`) and its
    discussions (`discussion_page`): None for a part not on this view."""

    since: date | None
    until: date | None
    totals: SummaryTotals
    account_count: int
    discussion_count: int
    activities: PaginatorPage | None = None
    accounts: PaginatorPage | None = None
    discussion_page: PaginatorPage | None = None

    @property
    def items(self) -> list[SummaryItem]:
        return list(self.activities.object_list) if self.activities else []

    @property
    def reflective_accounts(self) -> list[ReflectiveEntry]:
        return list(self.accounts.object_list) if self.accounts else []

    @property
    def discussions(self) -> list[ReflectiveEntry]:
        return list(self.discussion_page.object_list) if self.discussion_page else []

    @property
    def paged(self) -> PaginatorPage | None:
        """The list this view pages through with ?page= (activities, or the one
        section shown alone)."""
        # A Page of nothing is falsy, so test for None rather than truth.
        for page in (self.activities, self.accounts, self.discussion_page):
            if page is not None:
                return page
        return None

    @property
    def page_numbers(self) -> list:
        """Pagination links for `paged`: first, last and those around the current page,
        with Paginator.ELLIPSIS between."""
        page = self.paged
        return list(page.paginator.get_elided_page_range(page.number)) if page else []

    @property
    def more_accounts(self) -> bool:
        return self.account_count > len(self.reflective_accounts)

    @property
    def more_discussions(self) -> bool:
        return self.discussion_count > len(self.discussions)

    @property
    def minutes(self) -> int:
        return self.totals.minutes

    @property
    def participatory_minutes(self) -> int:
        return self.totals.participatory_minutes

    @property
    def hours(self) -> str:
        return hours(self.minutes)

    @property
    def participatory_hours(self) -> str:
        return hours(self.participatory_minutes)


def is_peer_reflection(entry: ReflectiveEntry) -> bool:
    return entry.signed_off_at is not None or entry.review_status == ReviewStatus.DISCUSSED


def _summary_items(
    *, user, entries: list[RecordEntry], since: date | None, until: date | None
) -> list[SummaryItem]:
    """The activities of one page of the summary with, for each, its description and
    relevance (the page's summary and principles), what they learned and its impact
    (their final reflective entries on it written in the period, and their feedback on
    it) and any peer reflection. A fixed number of queries for the page, whatever the
    size of the record: the pages' descriptions (see page_descriptions), feedback,
    reflective entries and team sessions (one each)."""
    completions = [entry.completion for entry in entries if entry.completion]
    page_ids = {completion.page_id for completion in completions} - {None}
    descriptions, feedback, by_page = {}, {}, defaultdict(list)
    if page_ids:
        descriptions = page_descriptions(page_ids)
        feedback = {
            item.page_id: item for item in Feedback.objects.filter(user=user, page_id__in=page_ids)
        }
        # Under an activity, only what a registrant could submit for the period: final
        # entries written within it. Drafts are work in progress, and an entry from
        # another period belongs to that period's summary.
        for reflection in (
            reflective_accounts_for(user=user, since=since, until=until)
            .filter(page_id__in=page_ids)
            .select_related("reviewed_by", "signed_off_by")
        ):
            by_page[reflection.page_id].append(reflection)
    session_ids = {completion.team_session_id for completion in completions} - {None}
    if session_ids:
        sessions = TeamSession.objects.in_bulk(session_ids)
        for completion in completions:
            if completion.team_session_id in sessions:
                completion.team_session = sessions[completion.team_session_id]

    items = []
    for entry in entries:
        item = SummaryItem(entry=entry)
        if entry.completion:
            description = descriptions.get(entry.completion.page_id)
            if description is not None:
                item.description = description.summary
                item.principles = list(description.principles)
            item.feedback = feedback.get(entry.completion.page_id)
            item.reflections = by_page.get(entry.completion.page_id, [])
        items.append(item)
    return items


def cpd_summary_for(
    *,
    user,
    since: date | None = None,
    until: date | None = None,
    show: str = "",
    page: str | int | None = None,
) -> CPDSummary:
    """The person's CPD summary between the dates: the totals, and page `page` of the
    activities newest first (see _summary_items) with, on the first page, the first of
    the reflective accounts and discussions. With `show` (one of SUMMARY_SECTIONS), page
    `page` of that section alone instead. A missing, non-numeric or out-of-range page
    number gives the nearest real page.

    For the person themselves only: it includes their own reflective writing. A fixed
    number of queries, whatever the size of the record.
    """
    accounts = Paginator(
        reflective_accounts_for(user=user, since=since, until=until), ACCOUNTS_PER_PAGE
    )
    discussions = Paginator(
        reflective_discussions_for(user=user, since=since, until=until), DISCUSSIONS_PER_PAGE
    )
    totals = summary_totals_for(user=user, since=since, until=until)
    summary = CPDSummary(
        since=since,
        until=until,
        totals=totals,
        account_count=accounts.count,
        discussion_count=discussions.count,
    )
    if show == "accounts":
        summary.accounts = accounts.get_page(page)
    elif show == "discussions":
        summary.discussion_page = discussions.get_page(page)
    else:
        record = record_listing_for(user=user, since=since, until=until)

        def window(start: int, size: int) -> list[SummaryItem]:
            entries = record[start : start + size] if totals.activities else []
            return _summary_items(user=user, entries=entries, since=since, until=until)

        rows = PagedRows(
            lambda: window(0, totals.activities),
            count=lambda: totals.activities,
            window=window,
            parameter="page",
            per_page=ACTIVITIES_PER_PAGE,
        )
        summary.activities = Paginator(rows, ACTIVITIES_PER_PAGE).get_page(page)
        if summary.activities.number == 1:
            # The reflective writing starts on the first page; its sections page the rest.
            summary.accounts = accounts.page(1)
            summary.discussion_page = discussions.page(1)
    return summary
