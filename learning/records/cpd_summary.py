"""What the CPD summary (learning.records.exports.cpd_summary_for) reads besides the
record itself: the period's totals, its written reflective accounts and its reflective
discussions, each in SQL so that a summary costs the same whatever the record's size.
Like learning.records.selectors, these answer for one person and check nobody's access.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, IntegerField, Q, QuerySet, Sum, Value
from wagtail.models import Page

from learning.models import EntryStatus, LearningPage, ReflectiveEntry, ReviewStatus
from learning.records.selectors import completions_for, external_cpd_for
from learning.shared_cache.values import TIMEOUT_SECONDS, shared_key


@dataclass(frozen=True)
class SummaryTotals:
    """The period's CPD in figures: activities done in the hub and recorded from
    elsewhere, their minutes, and the participatory minutes among them."""

    hub_activities: int = 0
    hub_minutes: int = 0
    elsewhere_activities: int = 0
    elsewhere_minutes: int = 0
    participatory_minutes: int = 0

    @property
    def activities(self) -> int:
        return self.hub_activities + self.elsewhere_activities

    @property
    def minutes(self) -> int:
        return self.hub_minutes + self.elsewhere_minutes


@dataclass
class PageDescription:
    """What the summary says of a learnable page: its summary and its principles."""

    summary: str = ""
    principles: list[str] = field(default_factory=list)


def page_descriptions(page_ids: Iterable[int]) -> dict[int, PageDescription]:
    """The description of each learnable page among `page_ids`. The same for everyone,
    so each is cached under the content version (learning.shared_cache), which every
    page save moves on; those not cached are read as plain values rather than as pages
    (a specific page loads its whole body to show one sentence): one query for their
    types, then one per type present."""
    # The key with an empty tail, so the content version is read once for all pages.
    prefix = shared_key("page-description")
    keys = {pk: f"{prefix}{pk}" for pk in set(page_ids)}
    cached = cache.get_many(list(keys.values()))
    found = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in keys if pk not in found]
    if missing:
        read = _read_page_descriptions(missing)
        cache.set_many({keys[pk]: value for pk, value in read.items()}, TIMEOUT_SECONDS)
        found.update(read)
    return found


def _read_page_descriptions(page_ids: list[int]) -> dict[int, PageDescription]:
    by_type: dict[int, list[int]] = defaultdict(list)
    for pk, content_type_id in Page.objects.filter(pk__in=page_ids).values_list(
        "pk", "content_type_id"
    ):
        by_type[content_type_id].append(pk)
    found: dict[int, PageDescription] = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not issubclass(model, LearningPage):
            continue
        # One row per principle (or one with None), in the principles' own order.
        rows = (
            model.objects.filter(pk__in=pks)
            .order_by("pk", "principles__sort_order", "principles__name")
            .values_list("pk", "summary", "principles__name")
        )
        for pk, summary, principle in rows:
            description = found.setdefault(pk, PageDescription(summary=summary))
            if principle is not None:
                description.principles.append(principle)
    return found


def _days(name: str, since: date | None, until: date | None) -> Q:
    """`name` (a date, or a moment's local date as `name__date`) from `since` to
    `until` inclusive, and set."""
    q = Q(**{f"{name}__isnull": False})
    if since is not None:
        q &= Q(**{f"{name}__gte": since})
    if until is not None:
        q &= Q(**{f"{name}__lte": until})
    return q


def _written_in(since: date | None, until: date | None) -> Q:
    # A reflective entry belongs to the period of the local day it was written.
    return _days("created_at__date", since, until)


def reflective_accounts_for(
    *, user, since: date | None = None, until: date | None = None
) -> QuerySet[ReflectiveEntry]:
    """The NMC's written reflective accounts: the person's final reflective entries
    written in the period (never drafts), oldest first."""
    return (
        ReflectiveEntry.objects.filter(author=user, status=EntryStatus.FINAL)
        .filter(_written_in(since, until))
        .order_by("created_at", "pk")
    )


def reflective_discussions_for(
    *, user, since: date | None = None, until: date | None = None
) -> QuerySet[ReflectiveEntry]:
    """The person's reflective entries signed off by a supervisor, or discussed with
    one in supervision, in the period, oldest first."""
    signed_off = _days("signed_off_at__date", since, until)
    discussed = Q(review_status=ReviewStatus.DISCUSSED) & _days("reviewed_on", since, until)
    return (
        ReflectiveEntry.objects.filter(author=user)
        .filter(signed_off | discussed)
        .select_related("reviewed_by", "signed_off_by")
        .order_by("created_at", "pk")
    )


def summary_totals_for(
    *, user, since: date | None = None, until: date | None = None
) -> SummaryTotals:
    """The period's SummaryTotals in one query: a row of count and minutes for each
    kind of activity, all of it and its participatory part, as the record's own
    selectors filter them (so the rules of what counts live there alone)."""
    parts = [
        completions_for(user=user, since=since, until=until),
        external_cpd_for(user=user, since=since, until=until),
        completions_for(user=user, since=since, until=until, participatory=True),
        external_cpd_for(user=user, since=since, until=until, participatory=True),
    ]
    # Grouping by a constant adds no GROUP BY, so each part is one row (zeros when
    # empty), tagged with its position since a UNION promises no order.
    first, *rest = [
        part.order_by()
        .values(part=Value(number, output_field=IntegerField()))
        .annotate(count=Count("pk"), minutes=Sum("minutes", default=0))
        .values_list("part", "count", "minutes")
        for number, part in enumerate(parts)
    ]
    rows = {number: (count, minutes) for number, count, minutes in first.union(*rest, all=True)}
    return SummaryTotals(
        hub_activities=rows[0][0],
        hub_minutes=rows[0][1],
        elsewhere_activities=rows[1][0],
        elsewhere_minutes=rows[1][1],
        participatory_minutes=rows[2][1] + rows[3][1],
    )
