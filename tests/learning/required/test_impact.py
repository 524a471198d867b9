"""The impact follow-up: "Have you used this in your practice?" six weeks after someone
said an item would change their practice; the answer form and who may use it."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from learning.models import (
    CompletionHow,
    Feedback,
    PracticeImpact,
    UsedInPractice,
    WillChangePractice,
)
from learning.records import services
from learning.required.impact import (
    FOLLOW_UP_DAYS,
    follow_ups_due,
    impact_answer_save,
    impact_next_steps,
)
from tests.factories import make_person

pytestmark = pytest.mark.django_db

COMPLETED_ON = date(2025, 3, 3)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(16, 30)))


def completed_with_feedback(person, page, *, on=COMPLETED_ON, says=WillChangePractice.YES):
    services.completion_record(
        user=person, page=page, how=CompletionHow.CONFIRMED, completed_at=at(on)
    )
    return Feedback.objects.create(user=person, page=page, usefulness=4, will_change_practice=says)


@pytest.fixture
def person(db):
    return make_person(first_name="Dana", last_name="Due")


class TestFollowUpsDue:
    def test_due_exactly_42_days_after_completing(self, person, page):
        feedback = completed_with_feedback(person, page)

        assert FOLLOW_UP_DAYS == 42
        assert follow_ups_due(user=person, today=COMPLETED_ON + timedelta(days=41)) == []
        assert follow_ups_due(user=person, today=COMPLETED_ON + timedelta(days=42)) == [feedback]
        assert follow_ups_due(user=person, today=COMPLETED_ON + timedelta(days=90)) == [feedback]

    @pytest.mark.parametrize("says", [WillChangePractice.NOT_SURE, WillChangePractice.NO])
    def test_not_asked_unless_they_said_yes(self, person, page, says):
        completed_with_feedback(person, page, says=says)

        assert follow_ups_due(user=person, today=COMPLETED_ON + timedelta(days=60)) == []

    def test_not_asked_once_answered(self, person, page):
        feedback = completed_with_feedback(person, page)
        impact_answer_save(
            user=person, feedback=feedback, used_in_practice=UsedInPractice.NOT_YET, example=""
        )

        assert follow_ups_due(user=person, today=COMPLETED_ON + timedelta(days=60)) == []

    def test_only_the_persons_own(self, person, page, second_page):
        mine = completed_with_feedback(person, page)
        completed_with_feedback(make_person(), second_page)

        assert follow_ups_due(user=person, today=COMPLETED_ON + timedelta(days=42)) == [mine]

    def test_in_one_query(self, person, page, second_page, django_assert_num_queries):
        completed_with_feedback(person, page)
        completed_with_feedback(person, second_page)

        with django_assert_num_queries(1):
            due = follow_ups_due(user=person, today=COMPLETED_ON + timedelta(days=42))
            titles = [feedback.page.title for feedback in due]

        assert titles == ["Making safeguarding personal", "Self-neglect and hoarding"]


class TestSavingAnAnswer:
    def test_saves_and_changes_the_one_answer(self, person, page):
        feedback = completed_with_feedback(person, page)

        impact_answer_save(
            user=person, feedback=feedback, used_in_practice=UsedInPractice.NOT_YET, example=""
        )
        impact_answer_save(
            user=person,
            feedback=feedback,
            used_in_practice=UsedInPractice.YES,
            example="  I asked Mrs K what she wanted before the meeting.  ",
        )

        answer = PracticeImpact.objects.get()
        assert (answer.feedback, answer.used_in_practice, answer.example) == (
            feedback,
            UsedInPractice.YES,
            "I asked Mrs K what she wanted before the meeting.",
        )

    def test_refuses_someone_elses_feedback(self, person, page):
        feedback = completed_with_feedback(person, page)

        with pytest.raises(ValidationError):
            impact_answer_save(
                user=make_person(), feedback=feedback, used_in_practice="yes", example=""
            )
        assert not PracticeImpact.objects.exists()

    @pytest.mark.parametrize(
        ("used", "example", "field"),
        [("maybe", "", "used_in_practice"), ("yes", "x" * 1001, "example")],
    )
    def test_refuses_bad_input(self, person, page, used, example, field):
        feedback = completed_with_feedback(person, page)

        with pytest.raises(ValidationError) as error:
            impact_answer_save(
                user=person, feedback=feedback, used_in_practice=used, example=example
            )

        assert list(error.value.message_dict) == [field]
        assert not PracticeImpact.objects.exists()


class TestTheAnswerPage:
    def url(self, feedback) -> str:
        return reverse("records:impact_answer", args=[feedback.pk])

    def test_author_sees_the_question_and_where_the_answer_goes(self, client, person, page):
        feedback = completed_with_feedback(person, page)
        client.force_login(person)

        response = client.get(self.url(feedback))

        body = html.unescape(response.content.decode())
        assert response.status_code == 200
        assert "Have you used this in your practice?" in body
        assert "reads examples without your name" in body
        assert 'name="used_in_practice"' in body and 'name="example"' in body

    def test_saves_an_answer_and_goes_home(self, client, person, page):
        feedback = completed_with_feedback(person, page)
        client.force_login(person)

        response = client.post(
            self.url(feedback), {"used_in_practice": "yes", "example": "Asked first."}
        )

        assert response.status_code == 302 and response.url == "/"
        answer = PracticeImpact.objects.get(feedback=feedback)
        assert (answer.used_in_practice, answer.example) == ("yes", "Asked first.")

    def test_an_answer_can_be_changed(self, client, person, page):
        feedback = completed_with_feedback(person, page)
        impact_answer_save(user=person, feedback=feedback, used_in_practice="not_yet")
        client.force_login(person)

        body = client.get(self.url(feedback)).content.decode()
        assert "Change your answer" in body
        [chosen] = re.findall(r'<input[^>]*name="used_in_practice"[^>]*checked[^>]*>', body)
        assert 'value="not_yet"' in chosen

        client.post(self.url(feedback), {"used_in_practice": "no", "example": ""})
        assert PracticeImpact.objects.get().used_in_practice == "no"

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({}, "Select whether you have used this in your practice"),
            ({"used_in_practice": "maybe"}, "Select yes, not yet or no"),
            (
                {"used_in_practice": "yes", "example": "x" * 1001},
                "Keep your example to 1,000 characters or fewer",
            ),
        ],
    )
    def test_bad_input_is_a_400_with_the_message(self, client, person, page, data, message):
        feedback = completed_with_feedback(person, page)
        client.force_login(person)

        response = client.post(self.url(feedback), data)

        assert response.status_code == 400
        assert message in html.unescape(response.content.decode())
        assert not PracticeImpact.objects.exists()

    def test_someone_elses_question_is_not_found(self, client, person, page):
        feedback = completed_with_feedback(person, page)
        client.force_login(make_person())

        assert client.get(self.url(feedback)).status_code == 404
        assert client.post(self.url(feedback), {"used_in_practice": "yes"}).status_code == 404
        assert not PracticeImpact.objects.exists()

    def test_no_question_unless_they_said_yes(self, client, person, page):
        feedback = completed_with_feedback(person, page, says=WillChangePractice.NOT_SURE)
        client.force_login(person)

        assert client.get(self.url(feedback)).status_code == 404

    def test_an_id_that_does_not_exist_is_not_found(self, client, person):
        client.force_login(person)

        assert client.get("/my-learning/impact/999999/").status_code == 404

    def test_signed_out_visitors_are_sent_to_sign_in(self, client, person, page):
        feedback = completed_with_feedback(person, page)

        response = client.get(self.url(feedback))

        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


class TestOnTheHomePage:
    def test_home_page_asks_the_question_when_due(self, client, person, page):
        today = timezone.localdate()
        feedback = completed_with_feedback(person, page, on=today - timedelta(days=42))
        client.force_login(person)

        body = html.unescape(client.get("/").content.decode())

        assert (
            f'href="{reverse("records:impact_answer", args=[feedback.pk])}">'
            "Have you used “Making safeguarding personal” in your practice?</a>"
        ) in body

    def test_not_before_six_weeks(self, person, page):
        completed_with_feedback(person, page, on=timezone.localdate() - timedelta(days=41))

        assert impact_next_steps(person) == []
