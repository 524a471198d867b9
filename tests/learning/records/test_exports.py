"""The CSV export is complete and safe to open in a spreadsheet; the CPD summary
gathers what the regulators ask for."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from learning.models import EntryStatus, ReflectiveEntry, ReviewStatus
from learning.records import exports, selectors, services
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def read_csv(user) -> list[list[str]]:
    out = io.StringIO()
    exports.write_cpd_csv(selectors.cpd_record_for(user=user), out)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_holds_every_entry(practitioner, learning_page):
    completion, _ = services.completion_record(
        user=practitioner,
        page=learning_page,
        how="confirmed",
        completed_at=datetime(2026, 1, 20, 9, tzinfo=ZoneInfo("Europe/London")),
    )
    services.external_cpd_create(
        user=practitioner,
        title="Court skills",
        provider="@Legal team",
        date=date(2026, 1, 10),
        minutes=90,
        type="course",
        participatory=True,
        what_learned='=cmd|" /C calc"!A0\nSecond line, with a comma',
    )
    services.external_cpd_create(
        user=make_person(), title="Not mine", date=date(2026, 1, 5), minutes=5, type="other"
    )

    header, first, second = read_csv(practitioner)

    assert header == exports.CSV_HEADER
    assert first == [
        "2026-01-20",
        "Listening to Mrs B",
        "Safeguarding Learning Hub",
        "Read and confirmed",
        "Safeguarding Learning Hub",
        "7",
        "0.1",
        "No",
        "",
        completion.certificate_code,
    ]
    assert second[:8] == [
        "2026-01-10",
        "Court skills",
        "Recorded by me",
        "Course",
        "'@Legal team",
        "90",
        "1.5",
        "Yes",
    ]
    assert second[8] == '\'=cmd|" /C calc"!A0\nSecond line, with a comma'


def test_empty_record_is_just_the_header(practitioner):
    assert read_csv(practitioner) == [exports.CSV_HEADER]


def test_summary_brings_together_page_feedback_and_reflections(practitioner, learning_page):
    supervisor = make_person(first_name="Sam", last_name="Super")
    services.completion_record(user=practitioner, page=learning_page, how="confirmed")
    services.feedback_save(
        user=practitioner,
        page=learning_page,
        usefulness=5,
        will_change_practice="yes",
        comment="I will ask what matters first.",
    )
    on_page = ReflectiveEntry.objects.create(
        author=practitioner,
        title="Asking Mrs B",
        body="I *listened*.",
        page=learning_page,
        status=EntryStatus.FINAL,
        review_status=ReviewStatus.DISCUSSED,
        reviewed_on=timezone.localdate(),
        reviewed_by=supervisor,
    )
    ReflectiveEntry.objects.create(author=practitioner, title="A draft", body="x")
    ReflectiveEntry.objects.create(
        author=make_person(), title="Someone else's", body="x", status=EntryStatus.FINAL
    )

    summary = exports.cpd_summary_for(user=practitioner)

    (item,) = summary.items
    assert item.description == learning_page.summary
    assert item.principles == ["Empowerment"]
    assert item.feedback.comment == "I will ask what matters first."
    assert item.reflections == [on_page]
    assert item.peer_reflections == [on_page]
    assert summary.reflective_accounts == [on_page]
    assert summary.discussions == [on_page]
    assert summary.minutes == 7 and summary.participatory_minutes == 0


def test_summary_period_limits_everything(practitioner, learning_page):
    services.external_cpd_create(
        user=practitioner,
        title="Old",
        date=timezone.localdate() - timedelta(days=400),
        minutes=60,
        type="reading",
    )
    ReflectiveEntry.objects.create(
        author=practitioner, title="Final", body="x", status=EntryStatus.FINAL
    )
    since = timezone.localdate() - timedelta(days=30)

    summary = exports.cpd_summary_for(user=practitioner, since=since)

    assert summary.items == []
    assert [entry.title for entry in summary.reflective_accounts] == ["Final"]
    older = exports.cpd_summary_for(user=practitioner, until=since)
    assert [item.entry.title for item in older.items] == ["Old"]
    assert older.reflective_accounts == []


def test_reflections_under_an_activity_keep_to_the_period_and_leave_out_drafts(
    practitioner, learning_page
):
    services.completion_record(user=practitioner, page=learning_page, how="confirmed")
    today = timezone.localdate()

    def entry(title: str, status: str, days_ago: int) -> ReflectiveEntry:
        made = ReflectiveEntry.objects.create(
            author=practitioner, title=title, body="x", page=learning_page, status=status
        )
        # created_at is auto_now_add: back-date it the way the database would hold it.
        ReflectiveEntry.objects.filter(pk=made.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
        return made

    this_period = entry("This period", EntryStatus.FINAL, 0)
    entry("Still a draft", EntryStatus.DRAFT, 0)
    entry("Last year", EntryStatus.FINAL, 400)

    summary = exports.cpd_summary_for(
        user=practitioner, since=today - timedelta(days=30), until=today
    )

    (item,) = summary.items
    assert [reflection.pk for reflection in item.reflections] == [this_period.pk]
    # Without dates every final entry on the page counts; a draft never does.
    (item,) = exports.cpd_summary_for(user=practitioner).items
    assert [reflection.title for reflection in item.reflections] == ["Last year", "This period"]
