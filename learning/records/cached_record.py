"""A learning record's parts as its page shows them, kept per person
(learning.personal_cache) until something of theirs, any content or the day changes.

Everything here is read from the person's own completions, CPD from elsewhere,
feedback, registration and required learning, and from content: all of which move their
personal version or the content version when written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator

from learning.personal_cache.values import personal_value
from learning.records import selectors
from learning.records.registration import RegistrationProgress, registration_progress_for
from learning.required import selectors as required_selectors
from learning.required.status import statuses_for_person


@dataclass(frozen=True)
class RecordSummary:
    totals: selectors.CPDTotals
    progress: RegistrationProgress | None
    required_items: list


@dataclass(frozen=True)
class RecordPage:
    page: PaginatorPage
    minutes: int
    feedback_page_ids: frozenset[int]


class _Sized:
    """Stands in for the listing once a page of it is read: a paginator needs only its
    length to number the pages, and the listing itself (querysets) is not kept."""

    def __init__(self, count: int) -> None:
        self._count = count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count


def record_summary(person, *, viewer) -> RecordSummary:
    """The person's CPD totals, progress against their regulator's requirement (worded
    for `viewer`) and required learning."""
    own = viewer.pk == person.pk

    def build() -> RecordSummary:
        return RecordSummary(
            totals=selectors.cpd_totals_for(user=person),
            progress=registration_progress_for(person, viewer=viewer),
            required_items=required_selectors.required_items(
                statuses_for_person(person), person=person
            ),
        )

    return personal_value("records:summary", person, build, "own" if own else "other")


def record_page(person, *, selected: dict, page_number: str | None, per_page: int) -> RecordPage:
    """One page of the person's record, filtered by `selected` (RecordFilterForm), with
    how many minutes all the matching entries add up to and which of the page's
    items they gave feedback on. A page number that is missing, not a number or out of
    range gives the nearest real page."""

    def build() -> RecordPage:
        listing = selectors.record_listing_for(user=person, **selected)
        page = Paginator(listing, per_page).get_page(page_number)
        page.object_list = list(page.object_list)
        page.paginator = Paginator(_Sized(listing.count()), per_page)
        return RecordPage(
            page=page,
            minutes=listing.minutes,
            feedback_page_ids=frozenset(
                selectors.feedback_page_ids(
                    user=person,
                    page_ids=[e.completion.page_id for e in page.object_list if e.completion],
                )
            ),
        )

    filters = sorted((name, getattr(value, "pk", value)) for name, value in selected.items())
    return personal_value("records:page", person, build, filters, per_page, page_number or "")
