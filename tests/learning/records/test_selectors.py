"""Reading a learning record: the merged record, filters, totals and certificates."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.models import CompletionHow
from learning.records import dates, selectors, services
from tests.factories import make_person

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def complete(user, page, day: date | None = None, **kwargs):
    completed_at = at(day) if day else None
    return services.completion_record(
        user=user, page=page, how=CompletionHow.CONFIRMED, completed_at=completed_at, **kwargs
    )[0]


def external(user, day: date, minutes: int = 60, **fields):
    return services.external_cpd_create(
        user=user,
        title=fields.pop("title", "Course"),
        date=day,
        minutes=minutes,
        type="course",
        **fields,
    )


class TestRecord:
    def test_merges_completions_and_external_newest_first(self, practitioner, make_learning_page):
        today = timezone.localdate()
        complete(practitioner, make_learning_page(title="Recent"), today - timedelta(days=1))
        complete(practitioner, make_learning_page(title="Old"), today - timedelta(days=20))
        external(practitioner, today - timedelta(days=5), title="Middle")

        entries = selectors.cpd_record_for(user=practitioner)

        assert [entry.title for entry in entries] == ["Recent", "Middle", "Old"]
        assert [entry.kind for entry in entries] == ["completion", "external", "completion"]

    def test_only_the_persons_own_entries(self, practitioner, learning_page):
        other = make_person()
        complete(other, learning_page)
        external(other, timezone.localdate())

        assert selectors.cpd_record_for(user=practitioner) == []

    def test_date_filter_is_inclusive_and_uses_local_dates(self, practitioner, make_learning_page):
        # 00:30 on 1 July in London is still 30 June in UTC.
        early = make_learning_page(title="Just after midnight")
        services.completion_record(
            user=practitioner,
            page=early,
            how="confirmed",
            completed_at=datetime(2025, 7, 1, 0, 30, tzinfo=LONDON),
        )
        external(practitioner, date(2025, 6, 30), title="Last day of June")

        july = selectors.cpd_record_for(user=practitioner, since=date(2025, 7, 1))
        june = selectors.cpd_record_for(
            user=practitioner, since=date(2025, 6, 30), until=date(2025, 6, 30)
        )

        assert [entry.title for entry in july] == ["Just after midnight"]
        assert [entry.title for entry in june] == ["Last day of June"]

    def test_principle_filter_leaves_out_external_cpd(
        self, practitioner, make_learning_page, principles
    ):
        complete(practitioner, make_learning_page(title="Choice", principle_slugs=("empowerment",)))
        complete(
            practitioner,
            make_learning_page(title="Both", principle_slugs=("prevention", "empowerment")),
        )
        complete(practitioner, make_learning_page(title="Risk", principle_slugs=("prevention",)))
        external(practitioner, timezone.localdate())

        entries = selectors.cpd_record_for(user=practitioner, principle=principles["empowerment"])

        assert sorted(entry.title for entry in entries) == ["Both", "Choice"]

    def test_team_session_completions_are_participatory(self, practitioner, learning_page):
        from learning.models import TeamSession

        session = TeamSession.objects.create(
            page=learning_page,
            page_title=learning_page.title,
            delivered_by=make_person(),
            delivered_on=timezone.localdate(),
            minutes=30,
        )
        services.completion_record(
            user=practitioner, page=learning_page, how="team_session", team_session=session
        )

        (entry,) = selectors.cpd_record_for(user=practitioner)
        assert entry.participatory is True and entry.activity == "Team session"

    def test_a_fixed_number_of_queries(self, practitioner, make_learning_page, principles):
        for n in range(6):
            complete(practitioner, make_learning_page())
            external(practitioner, timezone.localdate() - timedelta(days=n))
        with CaptureQueriesContext(connection) as queries:
            entries = selectors.cpd_record_for(user=practitioner, principle=None)
            [entry.completion.page.title for entry in entries if entry.completion]
        assert len(entries) == 12
        assert len(queries) == 2


class TestTotals:
    def test_this_year_and_three_years(self, practitioner, make_learning_page):
        today = date(2026, 3, 15)
        complete(practitioner, make_learning_page(cpd_minutes=30), date(2026, 1, 1))
        complete(practitioner, make_learning_page(cpd_minutes=15), date(2025, 12, 31))
        external(practitioner, date(2026, 3, 15), minutes=60)
        external(practitioner, date(2023, 3, 15), minutes=100)  # exactly three years ago
        external(practitioner, date(2023, 3, 14), minutes=1000)  # just too old
        external(make_person(), date(2026, 2, 1), minutes=500)  # someone else

        totals = selectors.cpd_totals_for(user=practitioner, today=today)

        assert totals.year_start == date(2026, 1, 1)
        assert totals.year_minutes == 90
        assert totals.three_years_start == date(2023, 3, 15)
        assert totals.three_years_minutes == 205
        assert (totals.year_hours, totals.three_years_hours) == ("1.5", "3.4")

    def test_two_queries(self, practitioner):
        with CaptureQueriesContext(connection) as queries:
            totals = selectors.cpd_totals_for(user=practitioner)
        assert totals.year_minutes == totals.three_years_minutes == 0
        assert len(queries) == 2

    @pytest.mark.parametrize(
        ("minutes", "expected"), [(0, "0"), (7, "0.1"), (60, "1"), (90, "1.5"), (125, "2.1")]
    )
    def test_hours(self, minutes, expected):
        assert selectors.hours(minutes) == expected


class TestDates:
    @pytest.mark.parametrize(
        ("day", "years", "expected"),
        [(date(2024, 2, 29), 1, date(2023, 2, 28)), (date(2026, 5, 4), 3, date(2023, 5, 4))],
    )
    def test_years_before(self, day, years, expected):
        assert dates.years_before(day, years) == expected

    @pytest.mark.parametrize(
        ("day", "months", "expected"),
        [
            (date(2025, 8, 31), 6, date(2026, 2, 28)),
            (date(2025, 1, 15), 18, date(2026, 7, 15)),
            (date(2023, 8, 31), 6, date(2024, 2, 29)),
        ],
    )
    def test_months_after(self, day, months, expected):
        assert dates.months_after(day, months) == expected


class TestCertificates:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("abcd efgh jkmn", "ABCDEFGHJKMN"),
            ("ABCD-EFGH-JKMN", "ABCDEFGHJKMN"),
            ("ABCDEFGHJKM", ""),  # too short
            ("ABCDEFGHJKMO", ""),  # O is never used
            ("", ""),
        ],
    )
    def test_normalise(self, typed, expected):
        assert selectors.normalise_certificate_code(typed) == expected

    def test_by_code(self, practitioner, learning_page):
        completion = complete(practitioner, learning_page)
        code = completion.certificate_code
        assert selectors.certificate_by_code(code.lower()) == completion
        assert selectors.certificate_by_code("ABCDEFGHJKMN") is None
        assert selectors.certificate_by_code("nonsense") is None

    def test_completion_and_feedback_for(self, practitioner, learning_page):
        from django.contrib.auth.models import AnonymousUser

        assert selectors.completion_for(user=practitioner, page=learning_page) is None
        completion = complete(practitioner, learning_page)
        assert selectors.completion_for(user=practitioner, page=learning_page) == completion
        assert selectors.completion_for(user=AnonymousUser(), page=learning_page) is None
        assert selectors.feedback_for(user=AnonymousUser(), page=learning_page) is None
