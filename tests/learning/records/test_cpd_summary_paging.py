"""The CPD summary totals the period in SQL and shows a page of it at a time: totals
that match the whole record, pages in the record's order, a number of queries that
does not grow with the record, bad page numbers clamped, and the reflective writing
paged in its own sections."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import EntryStatus, ReflectiveEntry, ReviewStatus
from learning.records import exports, selectors
from tests.factories import make_person
from tests.learning.records.test_record_pages_in_sql import build_record

pytestmark = pytest.mark.django_db
SUMMARY = reverse("records:cpd_summary")


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def _key(entry: selectors.RecordEntry) -> tuple[str, int]:
    return entry.kind, (entry.completion or entry.external).pk


def _accounts(person, count: int) -> list[ReflectiveEntry]:
    return [
        ReflectiveEntry.objects.create(
            author=person,
            title=f"Account {n:02d}",
            body=f"I *listened* to person {n}.",
            status=EntryStatus.FINAL,
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("days", [None, (-40, -5)])
def test_totals_are_the_whole_periods(practitioner, pages, days):
    build_record(practitioner, pages, 130)
    today = timezone.localdate()
    since, until = (today + timedelta(days[0]), today + timedelta(days[1])) if days else (None,) * 2
    everything = selectors.cpd_record_for(user=practitioner, since=since, until=until)

    summary = exports.cpd_summary_for(user=practitioner, since=since, until=until)

    totals = summary.totals
    assert totals.activities == len(everything) > exports.ACTIVITIES_PER_PAGE
    assert totals.hub_activities == sum(1 for entry in everything if entry.completion)
    assert totals.elsewhere_activities == sum(1 for entry in everything if entry.external)
    assert summary.minutes == sum(entry.minutes for entry in everything)
    assert summary.participatory_minutes == sum(
        entry.minutes for entry in everything if entry.participatory
    )
    assert 0 < summary.participatory_minutes < summary.minutes
    assert len(summary.items) == exports.ACTIVITIES_PER_PAGE


def test_pages_hold_the_whole_record_in_its_order(practitioner, pages):
    build_record(practitioner, pages, 130)
    expected = [_key(entry) for entry in selectors.cpd_record_for(user=practitioner)]

    shown = []
    for number in (1, 2, 3):
        summary = exports.cpd_summary_for(user=practitioner, page=number)
        assert summary.activities.number == number
        shown += [_key(item.entry) for item in summary.items]

    assert shown == expected
    # Each completion still carries its page's description and principles.
    item = next(item for item in summary.items if item.entry.completion)
    assert item.description == "A short piece of learning about safeguarding adults."
    assert item.principles


def test_queries_do_not_grow_with_the_record(client, pages):
    counts = []
    for size in (8, 160):
        person = make_person()
        build_record(person, pages, size)
        _accounts(person, 3 if size < 100 else 30)
        client.force_login(person)
        client.get(SUMMARY)  # the pages' descriptions are cached from here on
        # The first page asked for by number: the same page, counted afresh (a rendering
        # is kept per page asked for).
        with CaptureQueriesContext(connection) as queries:
            response = client.get(SUMMARY, {"page": "1"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "number", ["", "0", "-1", "abc", "2.5", "1e3", "99999999999999999999999", "\uff13"]
)
def test_bad_page_numbers_give_a_real_page(signed_in, practitioner, pages, number):
    build_record(practitioner, pages, 60)

    response = signed_in.get(SUMMARY, {"page": number})

    assert response.status_code == 200
    assert "CPD activities" in response.content.decode()


def test_a_page_past_the_end_shows_the_last(signed_in, practitioner, pages):
    build_record(practitioner, pages, 60)
    oldest = selectors.cpd_record_for(user=practitioner)[-1]

    body = signed_in.get(SUMMARY, {"page": "999"}).content.decode()

    assert "Activities 51 to 60 of 60" in body
    assert oldest.title in body


def test_pagination_keeps_the_period_and_choices(signed_in, practitioner, pages):
    build_record(practitioner, pages, 130)
    since = (timezone.localdate() - timedelta(days=100)).isoformat()

    body = signed_in.get(
        SUMMARY, {"since": since, "choose": "1", "learning": "1", "page": "2"}
    ).content.decode()

    assert body.count('class="govuk-pagination"') == 1
    links = re.findall(r'href="\?([^"]*page=\d+)"', body)
    assert links and all(f"since={since}" in link and "choose=1" in link for link in links)
    assert any(link.endswith("page=1") for link in links)
    assert 'aria-current="page"' in body
    # Later pages point to the reflective writing rather than repeating it.
    assert 'id="accounts-title"' not in body
    assert "show=accounts" in body and "show=discussions" in body
    # The full record is one download away.
    assert reverse("records:export_csv") in body


def test_reflective_accounts_are_paged_in_their_own_section(signed_in, practitioner):
    _accounts(practitioner, exports.ACCOUNTS_PER_PAGE + 5)

    first = signed_in.get(SUMMARY).content.decode()
    assert first.count('id="account-') == exports.ACCOUNTS_PER_PAGE
    assert f"Show all {exports.ACCOUNTS_PER_PAGE + 5} written reflective accounts" in first
    assert 'class="govuk-pagination"' not in first

    rest = signed_in.get(SUMMARY, {"show": "accounts", "page": "2"}).content.decode()
    assert rest.count('id="account-') == 5
    assert "Account 24" in rest and "Account 00" not in rest
    # Rendered by the project's Markdown renderer, not shown as source.
    assert "I <em>listened</em> to person 24." in rest
    assert rest.count('class="govuk-pagination"') == 1


def test_discussions_are_paged_in_their_own_section(signed_in, practitioner):
    supervisor = make_person(first_name="Sam", last_name="Super")
    for n in range(exports.DISCUSSIONS_PER_PAGE + 2):
        ReflectiveEntry.objects.create(
            author=practitioner,
            title=f"Discussed {n:02d}",
            body="x",
            review_status=ReviewStatus.DISCUSSED,
            reviewed_on=timezone.localdate(),
            reviewed_by=supervisor,
        )

    summary = exports.cpd_summary_for(user=practitioner)
    assert summary.discussion_count == exports.DISCUSSIONS_PER_PAGE + 2
    assert len(summary.discussions) == exports.DISCUSSIONS_PER_PAGE and summary.more_discussions

    body = signed_in.get(SUMMARY, {"show": "discussions", "page": "2"}).content.decode()
    assert "Discussed 51" in body and "Discussed 00" not in body
    assert "discussed with Sam Super in supervision" in body


def test_a_published_change_to_a_page_reaches_the_summary(signed_in, practitioner, pages):
    build_record(practitioner, pages[:1], 2)
    assert "A short piece of learning" in signed_in.get(SUMMARY).content.decode()

    page = pages[0]
    page.summary = "Choice comes first."
    page.save_revision().publish()

    assert "Choice comes first." in signed_in.get(SUMMARY).content.decode()


def _record_reads(client, query=None) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SUMMARY, query or {})
    assert response.status_code == 200
    reads = sum('"learning_completion"' in q["sql"] for q in queries)
    return response.content.decode(), reads


def test_the_summary_is_kept_until_the_record_changes(signed_in, practitioner, pages):
    from learning.records import services

    build_record(practitioner, pages, 12)
    first, first_reads = _record_reads(signed_in)
    again, again_reads = _record_reads(signed_in)
    assert first_reads > 0 and again_reads == 0
    headings = re.compile(r'id="activity-\d+">([^<]+)<')
    assert headings.findall(again) == headings.findall(first) != []
    services.external_cpd_create(
        user=practitioner,
        title="Course on coercive control",
        date=timezone.localdate(),
        minutes=90,
        type="course",
    )
    changed, changed_reads = _record_reads(signed_in)
    assert changed_reads > 0
    assert "Course on coercive control" in changed


def test_each_period_and_page_has_its_own_summary(signed_in, practitioner, pages):
    build_record(practitioner, pages, 60)
    first = signed_in.get(SUMMARY).content.decode()
    second = signed_in.get(SUMMARY, {"page": "2"}).content.decode()
    assert "Activities 1 to 50 of 60" in first
    assert "Activities 51 to 60 of 60" in second
    # Numbers Django reads as the last page are kept as what they show, not as the first.
    for past_the_end in ("-1", "9999999"):
        assert "Activities 51 to 60 of 60" in signed_in.get(SUMMARY, {"page": past_the_end}).text
        assert "Activities 1 to 50 of 60" in signed_in.get(SUMMARY).content.decode()
    since = (timezone.localdate() + timedelta(days=1)).isoformat()
    empty = signed_in.get(SUMMARY, {"since": since}).content.decode()
    assert "No CPD is recorded for this period." in empty
    assert "No CPD is recorded for this period." not in signed_in.get(SUMMARY).content.decode()


def test_one_persons_summary_is_never_shown_to_another(client, pages):
    first, second = make_person(), make_person()
    build_record(first, pages[:2], 3)
    _accounts(first, 1)
    client.force_login(first)
    mine = client.get(SUMMARY).content.decode()
    assert "Account 00" in mine
    client.force_login(second)
    theirs = client.get(SUMMARY).content.decode()
    assert "Account 00" not in theirs
    assert "No CPD is recorded for this period." in theirs
