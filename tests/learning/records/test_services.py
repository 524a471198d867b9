"""Writes to a learning record: completions, external CPD and feedback."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from learning.models import (
    Completion,
    CompletionHow,
    CPDType,
    ExternalCPD,
    Feedback,
    TeamSession,
)
from learning.records import services
from tests.factories import make_person

pytestmark = pytest.mark.django_db


class TestCompletionRecord:
    def test_records_the_live_revision_minutes_and_how(self, practitioner, learning_page):
        completion, created = services.completion_record(
            user=practitioner, page=learning_page, how=CompletionHow.CONFIRMED
        )

        assert created is True
        assert completion.page_id == learning_page.pk
        assert completion.page_title == "Listening to Mrs B"
        assert completion.revision_id == learning_page.live_revision_id is not None
        assert completion.minutes == 7
        assert completion.how == CompletionHow.CONFIRMED
        assert abs(completion.completed_at - timezone.now()) < timedelta(seconds=5)
        assert len(completion.certificate_code) == 12

    def test_recording_twice_keeps_the_first_record(self, practitioner, learning_page):
        first, _ = services.completion_record(
            user=practitioner, page=learning_page, how=CompletionHow.CONFIRMED
        )
        second, created = services.completion_record(
            user=practitioner, page=learning_page, how=CompletionHow.PASSED_CHECK
        )

        assert created is False
        assert second.pk == first.pk
        assert second.how == CompletionHow.CONFIRMED
        assert Completion.objects.filter(user=practitioner).count() == 1

    def test_losing_a_race_returns_the_winners_row(self, practitioner, learning_page, monkeypatch):
        """The look-up saw nothing, then another request inserted first: the insert
        fails on the constraint and the existing row comes back, transaction intact."""
        winner, _ = services.completion_record(
            user=practitioner, page=learning_page, how=CompletionHow.CONFIRMED
        )
        real_filter = Completion.objects.filter
        calls = {"n": 0}

        def filter_missing_once(*args, **kwargs):
            calls["n"] += 1
            queryset = real_filter(*args, **kwargs)
            return queryset.none() if calls["n"] == 1 else queryset

        monkeypatch.setattr(Completion.objects, "filter", filter_missing_once)
        completion, created = services.completion_record(
            user=practitioner, page=learning_page, how=CompletionHow.CONFIRMED
        )

        assert created is False
        assert completion.pk == winner.pk
        assert Completion.objects.count() == 1

    def test_team_session_completion(self, practitioner, learning_page):
        supervisor = make_person()
        session = TeamSession.objects.create(
            page=learning_page,
            page_title=learning_page.title,
            delivered_by=supervisor,
            delivered_on=timezone.localdate(),
            minutes=30,
        )
        completion, created = services.completion_record(
            user=practitioner,
            page=learning_page,
            how=CompletionHow.TEAM_SESSION,
            team_session=session,
            completed_at=timezone.now() - timedelta(days=1),
        )

        assert created is True
        assert completion.team_session == session
        assert completion.how == CompletionHow.TEAM_SESSION

    def test_team_session_completion_needs_the_session(self, practitioner, learning_page):
        with pytest.raises(ValueError, match="team session"):
            services.completion_record(
                user=practitioner, page=learning_page, how=CompletionHow.TEAM_SESSION
            )

    def test_a_revision_of_another_page_is_not_trusted(
        self, practitioner, learning_page, make_learning_page
    ):
        other = make_learning_page()
        completion, _ = services.completion_record(
            user=practitioner,
            page=learning_page,
            how=CompletionHow.PASSED_CHECK,
            revision=other.live_revision_id,
        )

        assert completion.revision_id == learning_page.live_revision_id

    def test_a_page_that_is_not_learning_is_refused(self, practitioner, home):
        with pytest.raises(ValueError, match="not a learning page"):
            services.completion_record(user=practitioner, page=home, how="confirmed")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_completions_leave_one_row(practitioner, learning_page):
    """Parallel requests for the same completion: exactly one row, and every caller
    gets that row back."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs PostgreSQL: SQLite locks the whole file for a write, so the requests "
            "cannot truly race (set DATABASE_URL to run this)."
        )
    results: list[tuple[int, bool]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def complete() -> None:
        try:
            barrier.wait()
            completion, created = services.completion_record(
                user=practitioner, page=learning_page, how=CompletionHow.CONFIRMED
            )
            results.append((completion.pk, created))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=complete) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Completion.objects.filter(user=practitioner, page=learning_page).count() == 1
    assert len({pk for pk, _ in results}) == 1
    assert [created for _, created in results].count(True) == 1


class TestExternalCPD:
    def entry(self, user, **overrides):
        values = {
            "user": user,
            "title": "Mental Capacity Act refresher",
            "provider": "County training team",
            "date": timezone.localdate() - timedelta(days=3),
            "minutes": 180,
            "type": CPDType.COURSE,
            "participatory": True,
            "what_learned": "How to record a capacity assessment.",
        }
        return services.external_cpd_create(**{**values, **overrides})

    def test_creates_an_entry(self, practitioner):
        entry = self.entry(practitioner)

        assert ExternalCPD.objects.get().pk == entry.pk
        assert entry.user == practitioner and entry.participatory is True

    def test_today_is_allowed_but_tomorrow_is_not(self, practitioner):
        self.entry(practitioner, date=timezone.localdate())
        with pytest.raises(ValidationError) as error:
            self.entry(practitioner, date=timezone.localdate() + timedelta(days=1))

        assert "today or in the past" in str(error.value)
        assert ExternalCPD.objects.count() == 1

    @pytest.mark.parametrize("minutes", [0, 6001])
    def test_minutes_out_of_range_are_refused(self, practitioner, minutes):
        with pytest.raises(ValidationError) as error:
            self.entry(practitioner, minutes=minutes)

        assert "minutes" in error.value.message_dict
        assert not ExternalCPD.objects.exists()

    @pytest.mark.parametrize("minutes", [1, 6000])
    def test_minutes_at_the_limits_are_allowed(self, practitioner, minutes):
        assert self.entry(practitioner, minutes=minutes).minutes == minutes

    def test_update_and_delete(self, practitioner):
        entry = self.entry(practitioner)
        services.external_cpd_update(entry=entry, title="MCA in practice", minutes=90)
        entry.refresh_from_db()
        assert (entry.title, entry.minutes) == ("MCA in practice", 90)

        with pytest.raises(ValidationError):
            services.external_cpd_update(entry=entry, date=timezone.localdate() + timedelta(days=2))
        entry.refresh_from_db()
        assert entry.date < timezone.localdate()

        services.external_cpd_delete(entry=entry)
        assert not ExternalCPD.objects.exists()

    def test_update_refuses_unknown_fields(self, practitioner):
        with pytest.raises(TypeError):
            services.external_cpd_update(entry=self.entry(practitioner), user=make_person())


class TestFeedback:
    @pytest.fixture(autouse=True)
    def _completed(self, practitioner, learning_page):
        services.completion_record(user=practitioner, page=learning_page, how="confirmed")

    def test_feedback_needs_a_completion(self, make_learning_page):
        stranger = make_person()
        with pytest.raises(ValidationError) as error:
            services.feedback_save(
                user=stranger,
                page=make_learning_page(),
                usefulness=4,
                will_change_practice="yes",
            )
        assert error.value.code == "not_completed"
        assert not Feedback.objects.exists()

    def test_one_feedback_per_person_per_item_and_editable(self, practitioner, learning_page):
        first, created = services.feedback_save(
            user=practitioner,
            page=learning_page,
            usefulness=4,
            will_change_practice="yes",
            comment="  Clear and short.  ",
        )
        assert created is True and first.comment == "Clear and short."

        second, created = services.feedback_save(
            user=practitioner, page=learning_page, usefulness=2, will_change_practice="no"
        )

        assert created is False and second.pk == first.pk
        saved = Feedback.objects.get()
        assert (saved.usefulness, saved.will_change_practice, saved.comment) == (2, "no", "")

    @pytest.mark.parametrize(
        ("fields", "field_in_error"),
        [
            ({"usefulness": 6}, "usefulness"),
            ({"usefulness": 0}, "usefulness"),
            ({"will_change_practice": "maybe"}, "will_change_practice"),
            ({"comment": "x" * 1001}, "comment"),
        ],
    )
    def test_bad_feedback_is_refused(self, practitioner, learning_page, fields, field_in_error):
        values = {"usefulness": 3, "will_change_practice": "not_sure", "comment": ""}
        with pytest.raises(ValidationError) as error:
            services.feedback_save(user=practitioner, page=learning_page, **{**values, **fields})

        assert field_in_error in error.value.message_dict
        assert not Feedback.objects.exists()
