"""The record pages (My learning, a supervisee's record) page and total the record in
SQL: the same entries in the same order as the whole merged record, the totals of
each filter, the pagination include's behaviour at the edges, and a number of queries
that does not grow with the record."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import Completion, CompletionHow, ExternalCPD, Feedback
from learning.records import selectors
from learning.roles import Role
from learning.views.records import RECORD_PER_PAGE
from tests.factories import make_person

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
MY_LEARNING = reverse("records:my_learning")


def _key(entry: selectors.RecordEntry) -> tuple[str, int]:
    return entry.kind, (entry.completion or entry.external).pk


def build_record(person, pages, size: int, *, last_day: date | None = None) -> None:
    """`size` entries, about half completions (cycling through `pages`, some at team
    sessions, some just after local midnight, which is still the day before in UTC)
    and half external CPD (some participatory), three to a day so that completions and
    external CPD share days. Bulk inserts, so 600 entries take a moment."""
    last_day = last_day or timezone.localdate()
    cycles = {page.pk: itertools.count(1) for page in pages}
    created = datetime(2020, 1, 1, tzinfo=LONDON)
    completions, elsewhere = [], []
    for n in range(size):
        day = last_day - timedelta(days=n // 3)
        if n % 2 == 0:
            page = pages[n % len(pages)]
            # 00:30 on some days: a completion counts on its local day.
            moment = datetime(day.year, day.month, day.day, 0, 30, tzinfo=LONDON)
            if n % 4:
                moment += timedelta(hours=9 + n % 11, minutes=n % 7)
            completions.append(
                Completion(
                    user=person,
                    page=page,
                    page_title=f"{page.title} #{n}",
                    cycle=next(cycles[page.pk]),
                    how=CompletionHow.TEAM_SESSION if n % 6 == 0 else CompletionHow.CONFIRMED,
                    minutes=5 + n % 13,
                    completed_at=moment,
                )
            )
        else:
            elsewhere.append(
                ExternalCPD(
                    user=person,
                    title=f"Course #{n}",
                    date=day,
                    minutes=30 + n % 17,
                    type="course",
                    participatory=n % 3 == 0,
                )
            )
    Completion.objects.bulk_create(completions)
    ExternalCPD.objects.bulk_create(elsewhere)
    # Distinct recording times (ties would leave the order to the database).
    for n, entry in enumerate(ExternalCPD.objects.filter(user=person).order_by("pk")):
        ExternalCPD.objects.filter(pk=entry.pk).update(
            created_at=created + timedelta(minutes=(n * 37) % 1000)
        )


FILTERS = [
    {},
    {"principle": "empowerment"},
    {"principle": "prevention"},
    {"principle": "empowerment", "participatory": True},
    {"since": -20},
    {"until": -10},
    {"since": -30, "until": -15},
    {"participatory": True},
    {"participatory": True, "since": -25},
]


def _selected(filters: dict, principles, today: date) -> dict:
    """The selector's arguments for a filter: days are counted back from today."""
    chosen = dict(filters)
    if "principle" in chosen:
        chosen["principle"] = principles[chosen["principle"]]
    for name in ("since", "until"):
        if name in chosen:
            chosen[name] = today + timedelta(days=chosen[name])
    return chosen


def _query(filters: dict, today: date) -> dict:
    """The same filter as the record page's URL query."""
    query = {}
    for name, value in filters.items():
        if name in ("since", "until"):
            query[name] = (today + timedelta(days=value)).isoformat()
        elif name == "participatory":
            query[name] = "on"
        else:
            query[name] = value
    return query


def _by_hand(person, filters: dict, principles, today: date) -> tuple[int, int]:
    """How many entries, and minutes, the filter should find: worked out from the raw
    rows in Python, independently of the selectors."""
    chosen = _selected(filters, principles, today)
    since, until = chosen.get("since"), chosen.get("until")
    principle = chosen.get("principle")

    def within(day: date) -> bool:
        return (since is None or day >= since) and (until is None or day <= until)

    tagged: dict[int, bool] = {}
    found = []
    for completion in Completion.objects.filter(user=person).select_related("page"):
        if principle is not None:
            if completion.page_id not in tagged:
                tagged[completion.page_id] = principle in completion.page.specific.principles.all()
            if not tagged[completion.page_id]:
                continue
        if chosen.get("participatory") and completion.how != CompletionHow.TEAM_SESSION:
            continue
        if within(timezone.localtime(completion.completed_at).date()):
            found.append(completion.minutes)
    if principle is None:
        for entry in ExternalCPD.objects.filter(user=person):
            if chosen.get("participatory") and not entry.participatory:
                continue
            if within(entry.date):
                found.append(entry.minutes)
    return len(found), sum(found)


class TestListing:
    def test_pages_hold_the_merged_record_in_its_order(self, practitioner, pages, principles):
        build_record(practitioner, pages, 90)
        today = timezone.localdate()
        for filters in FILTERS:
            chosen = _selected(filters, principles, today)
            merged = selectors.cpd_record_for(user=practitioner, **chosen)
            listing = selectors.record_listing_for(user=practitioner, **chosen)

            paged = []
            for start in range(0, len(merged) + RECORD_PER_PAGE, RECORD_PER_PAGE):
                paged += listing[start : start + RECORD_PER_PAGE]

            assert merged, filters  # every filter here finds something
            assert [_key(entry) for entry in paged] == [_key(entry) for entry in merged], filters
            assert [(entry.date, entry.title, entry.minutes) for entry in paged] == [
                (entry.date, entry.title, entry.minutes) for entry in merged
            ], filters

    def test_totals_of_each_filter(self, practitioner, pages, principles):
        build_record(practitioner, pages, 90)
        today = timezone.localdate()
        for filters in FILTERS:
            listing = selectors.record_listing_for(
                user=practitioner, **_selected(filters, principles, today)
            )

            assert (listing.count(), listing.minutes) == _by_hand(
                practitioner, filters, principles, today
            ), filters
            assert len(listing) == listing.count()

    def test_within_a_day_completions_newest_first_then_external_cpd(self, practitioner, pages):
        day = date(2025, 7, 1)
        earlier = date(2025, 6, 30)

        def completion(title, hour, minute=0, on=day):
            return Completion.objects.create(
                user=practitioner,
                page=pages[0],
                page_title=title,
                cycle=Completion.objects.filter(user=practitioner).count() + 1,
                how=CompletionHow.CONFIRMED,
                minutes=10,
                completed_at=datetime(on.year, on.month, on.day, hour, minute, tzinfo=LONDON),
            )

        def elsewhere(title, recorded_hour, on=day):
            entry = ExternalCPD.objects.create(
                user=practitioner, title=title, date=on, minutes=60, type="course"
            )
            ExternalCPD.objects.filter(pk=entry.pk).update(
                created_at=datetime(2025, 7, 2, recorded_hour, tzinfo=LONDON)
            )

        elsewhere("Course recorded first", 9)
        completion("Morning", 9)
        elsewhere("Course recorded later", 15)
        completion("Evening", 20)
        # 00:30 on 1 July in London is 23:30 on 30 June in UTC: it belongs to 1 July.
        completion("Just after midnight", 0, 30)
        completion("The day before", 23, 0, on=earlier)
        elsewhere("Course the day before", 8, on=earlier)

        expected = [
            "Evening",
            "Morning",
            "Just after midnight",
            "Course recorded later",
            "Course recorded first",
            "The day before",
            "Course the day before",
        ]
        listing = selectors.record_listing_for(user=practitioner)
        assert [entry.title for entry in listing[0:25]] == expected
        assert [entry.title for entry in listing[2:5]] == expected[2:5]
        assert [entry.title for entry in selectors.cpd_record_for(user=practitioner)] == expected

    def test_an_empty_record_asks_for_no_page(self, practitioner):
        listing = selectors.record_listing_for(user=practitioner)
        assert listing.count() == 0 and listing.minutes == 0
        with CaptureQueriesContext(connection) as queries:
            assert listing[0:25] == []
        assert len(queries) == 0

    def test_a_page_loads_its_own_rows_and_two_columns_of_their_pages(self, practitioner, pages):
        build_record(practitioner, pages, 600)
        listing = selectors.record_listing_for(user=practitioner)
        listing.count()  # the totals are asked for once, by the paginator
        with CaptureQueriesContext(connection) as queries:
            entries = listing[100:125]
            for entry in entries:
                if entry.completion:
                    assert entry.completion.page.live
                    assert entry.completion.page.url_path
        assert len(entries) == RECORD_PER_PAGE
        # The keys of the page (one UNION), then its completions and its external CPD.
        assert len(queries) == 3
        keys, *loads = (query["sql"] for query in queries)
        assert "UNION" in keys and "LIMIT 25" in keys and "OFFSET 100" in keys
        page_columns = [sql for sql in loads if "wagtailcore_page" in sql]
        assert len(page_columns) == 1
        assert '"wagtailcore_page"."title"' not in page_columns[0]
        assert '"wagtailcore_page"."live"' in page_columns[0]


def _record_queries(client, url: str, **query) -> int:
    client.get(url, query)  # warms what later requests reuse (site root, navigation)
    client.get(url, query)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(queries)


class TestPages:
    @pytest.fixture
    def supervisor(self, db):
        return make_person(role=Role.SUPERVISOR)

    def _supervisee(self, supervisor):
        person = make_person(role=Role.PRACTITIONER)
        person.profile.supervisors.add(supervisor)
        return person

    def test_queries_do_not_grow_from_30_to_600_records(self, client, pages, supervisor):
        few, many = self._supervisee(supervisor), self._supervisee(supervisor)
        build_record(few, pages, 30)
        build_record(many, pages, 600)
        for person in (few, many):
            Feedback.objects.create(
                user=person, page=pages[0], usefulness=4, will_change_practice="yes"
            )

        counts = {}
        for person in (few, many):
            client.force_login(person)
            counts[person, "own"] = _record_queries(client, MY_LEARNING)
            counts[person, "own-filtered"] = _record_queries(
                client, MY_LEARNING, since="2000-01-01", participatory="on"
            )
            client.force_login(supervisor)
            counts[person, "supervisor"] = _record_queries(
                client, reverse("records:person_learning", args=[person.pk])
            )
        for view in ("own", "own-filtered", "supervisor"):
            assert counts[few, view] == counts[many, view], view

        # Only the page's own completions are loaded as rows: every query that reads
        # whole completions names the ones it wants.
        client.force_login(many)
        with CaptureQueriesContext(connection) as queries:
            client.get(MY_LEARNING, {"page": "3"})
        rows = [q["sql"] for q in queries if '"learning_completion"."certificate_code"' in q["sql"]]
        assert rows and all('"learning_completion"."id" IN (' in sql for sql in rows)
        assert any("UNION" in q["sql"] and "OFFSET 50" in q["sql"] for q in queries)

        # The last page of the long record costs no more than the first.
        client.force_login(many)
        assert _record_queries(client, MY_LEARNING, page="24") == counts[many, "own"]

    def test_page_numbers(self, client, practitioner, pages):
        """Page 1, the last page, beyond it and bad numbers: what learning.listing.paginate
        gives any list (the nearest real page), and the same entries as paginating the
        whole merged record."""
        build_record(practitioner, pages, 2 * RECORD_PER_PAGE + 7)
        merged = Paginator(selectors.cpd_record_for(user=practitioner), RECORD_PER_PAGE)
        client.force_login(practitioner)
        for asked, shown in [
            ("1", 1),
            ("2", 2),
            ("3", 3),
            ("4", 3),
            ("999", 3),
            ("0", 3),
            ("-1", 3),
            ("abc", 1),
            ("2.5", 1),
            ("", 1),
        ]:
            response = client.get(MY_LEARNING, {"page": asked})

            assert response.status_code == 200
            page_obj = response.context["page_obj"]
            assert (page_obj.number, page_obj.paginator.num_pages) == (shown, 3), asked
            assert [_key(entry) for entry in page_obj] == [
                _key(entry) for entry in merged.get_page(asked)
            ]
            assert len(page_obj) == (7 if shown == 3 else RECORD_PER_PAGE)
            body = response.content.decode()
            assert f'aria-label="Page {shown}" aria-current="page"' in body
            assert 'aria-label="Page 4"' not in body
            assert ('rel="next"' in body) == (shown < 3)
            assert ('rel="prev"' in body) == (shown > 1)

    def test_totals_shown_with_each_filter(self, client, practitioner, pages, principles):
        build_record(practitioner, pages, 90)
        today = timezone.localdate()
        client.force_login(practitioner)
        for filters in FILTERS:
            response = client.get(MY_LEARNING, _query(filters, today))

            count, minutes = _by_hand(practitioner, filters, principles, today)
            context = response.context
            assert (context["entry_count"], context["shown_minutes"]) == (count, minutes), filters
            assert f"{count} entries" in response.content.decode()

    def test_feedback_links_for_the_entries_shown(self, client, practitioner, pages):
        build_record(practitioner, pages[:1], 4)
        Feedback.objects.create(
            user=practitioner, page=pages[0], usefulness=4, will_change_practice="yes"
        )
        client.force_login(practitioner)
        response = client.get(MY_LEARNING)

        assert response.context["feedback_page_ids"] == {pages[0].pk}
        assert "Change feedback" in response.content.decode()
