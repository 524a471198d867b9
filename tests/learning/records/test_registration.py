"""Progress against Social Work England, NMC and HCPC requirements, at the edges of
each period."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import (
    EntryStatus,
    Profile,
    ReflectiveEntry,
    ReviewStatus,
    TeamSession,
)
from learning.records import registration, services
from tests.factories import make_person

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=LONDON)


def registered(user, body: str):
    Profile.objects.filter(user=user).update(registration_body=body)
    user.profile.refresh_from_db()
    return user


def external(user, day, minutes=60, participatory=False):
    return services.external_cpd_create(
        user=user,
        title="Course",
        date=day,
        minutes=minutes,
        type="course",
        participatory=participatory,
    )


def reflection(user, *, status=EntryStatus.DRAFT, created=None, **fields):
    entry = ReflectiveEntry.objects.create(
        author=user, title="What I noticed", body="Text", status=status, **fields
    )
    if created:
        ReflectiveEntry.objects.filter(pk=entry.pk).update(created_at=at(created))
    return entry


def by_label(progress):
    return {requirement.label: requirement for requirement in progress.requirements}


def test_no_progress_without_a_known_regulator(practitioner):
    assert registration.registration_progress_for(practitioner) is None
    registered(practitioner, "gmc")
    assert registration.registration_progress_for(practitioner) is None


class TestSocialWorkEngland:
    @pytest.mark.parametrize(
        ("today", "start", "end"),
        [
            (date(2025, 11, 30), date(2024, 12, 1), date(2025, 11, 30)),
            (date(2025, 12, 1), date(2025, 12, 1), date(2026, 11, 30)),
            (date(2026, 1, 10), date(2025, 12, 1), date(2026, 11, 30)),
        ],
    )
    def test_registration_year_ends_30_november(self, today, start, end):
        assert registration.swe_registration_year(today) == (start, end)

    def test_counts_pieces_and_peer_reflection_in_the_year(self, practitioner, make_learning_page):
        registered(practitioner, "swe")
        today = date(2026, 3, 1)
        services.completion_record(
            user=practitioner,
            page=make_learning_page(),
            how="confirmed",
            completed_at=at(date(2025, 12, 1)),  # first day of the year: counts
        )
        external(practitioner, date(2025, 11, 30))  # last day of the previous year
        reflection(
            practitioner,
            review_status=ReviewStatus.DISCUSSED,
            reviewed_on=date(2025, 11, 30),  # previous year: does not count
        )
        progress = registration.registration_progress_for(practitioner, today=today)
        pieces, peer = progress.requirements

        assert progress.since == date(2025, 12, 1) and progress.until == today
        assert progress.period_name == "registration year 1 December 2025 to 30 November 2026"
        assert (pieces.done, pieces.needed, pieces.met) == (1, 2, False)
        assert (peer.done, peer.met) == (0, False)
        assert pieces.query == "since=2025-12-01&until=2026-03-01"

        external(practitioner, date(2026, 2, 1))
        reflection(practitioner, signed_off_at=at(date(2026, 1, 5)))
        reflection(practitioner, review_status=ReviewStatus.REVIEWED, reviewed_on=today)
        progress = registration.registration_progress_for(practitioner, today=today)

        assert [r.done for r in progress.requirements] == [2, 1]
        assert progress.complete

    def test_other_peoples_reflections_do_not_count(self, practitioner):
        registered(practitioner, "swe")
        reflection(make_person(), signed_off_at=at(date(2026, 1, 5)))
        progress = registration.registration_progress_for(practitioner, today=date(2026, 2, 1))
        assert progress.requirements[1].done == 0


class TestNMC:
    def test_hours_participatory_accounts_and_discussion(self, practitioner, make_learning_page):
        registered(practitioner, "nmc")
        today = date(2026, 6, 1)
        since = date(2023, 6, 1)
        page = make_learning_page(cpd_minutes=60)
        session = TeamSession.objects.create(
            page=page,
            page_title=page.title,
            delivered_by=make_person(),
            delivered_on=today,
            minutes=30,
        )
        services.completion_record(
            user=practitioner,
            page=page,
            how="team_session",
            team_session=session,
            completed_at=at(since),
        )
        external(practitioner, date(2025, 1, 1), minutes=1200, participatory=True)
        external(practitioner, date(2025, 2, 1), minutes=600)
        external(practitioner, date(2023, 5, 31), minutes=3000, participatory=True)  # too old
        for n in range(5):
            reflection(practitioner, status=EntryStatus.FINAL, created=date(2025, 3, n + 1))
        reflection(practitioner, status=EntryStatus.FINAL, created=date(2023, 5, 31))
        reflection(practitioner, created=date(2025, 3, 9))  # a draft
        progress = registration.registration_progress_for(practitioner, today=today)
        figures = by_label(progress)

        assert progress.since == since
        assert figures["Hours of CPD"].done_text == "31"
        assert figures["Hours of CPD"].met is False
        assert figures["Hours of participatory CPD"].summary == "21 of 20 hours"
        assert figures["Hours of participatory CPD"].met is True
        assert figures["Written reflective accounts"].done == 5
        assert figures["Written reflective accounts"].met is True
        assert figures["Reflective discussion"].done == 0
        assert not progress.complete

        external(practitioner, date(2026, 6, 1), minutes=240)
        reflection(practitioner, review_status=ReviewStatus.DISCUSSED, reviewed_on=today)
        progress = registration.registration_progress_for(practitioner, today=today)
        assert progress.complete

    def test_three_queries(self, practitioner):
        registered(practitioner, "nmc")
        practitioner = type(practitioner).objects.select_related("profile").get(pk=practitioner.pk)
        with CaptureQueriesContext(connection) as queries:
            registration.registration_progress_for(practitioner, today=date(2026, 1, 1))
        assert len(queries) == 3


class TestHCPC:
    def test_half_years(self):
        halves = registration.hcpc_half_years(date(2026, 3, 31))
        assert halves == [
            (date(2024, 4, 1), date(2024, 9, 30)),
            (date(2024, 10, 1), date(2025, 3, 31)),
            (date(2025, 4, 1), date(2025, 9, 30)),
            (date(2025, 10, 1), date(2026, 3, 31)),
        ]

    def test_continuous_when_every_half_year_has_cpd(self, practitioner, make_learning_page):
        registered(practitioner, "hcpc")
        today = date(2026, 3, 31)
        external(practitioner, date(2024, 4, 1))  # first day of the first half
        external(practitioner, date(2024, 3, 31))  # before the cycle
        services.completion_record(
            user=practitioner,
            page=make_learning_page(),
            how="confirmed",
            completed_at=at(date(2025, 3, 31)),  # last day of the second half
        )
        external(practitioner, date(2025, 10, 1))
        progress = registration.registration_progress_for(practitioner, today=today)

        assert [r.done for r in progress.requirements] == [1, 1, 0, 1]
        assert progress.met_count == 3 and not progress.complete
        assert progress.requirements[2].query == "since=2025-04-01&until=2025-09-30"

        external(practitioner, date(2025, 9, 30))
        assert registration.registration_progress_for(practitioner, today=today).complete
