"""The reflective-log forms explain bad input instead of failing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from learning.models import EntryStructure
from learning.reflections.forms import (
    UNKNOWN_PAGE,
    UNKNOWN_QUESTION,
    CommentForm,
    EntryForm,
    ReviewForm,
    ShareForm,
)
from learning.reflections.structures import STRUCTURES, starting_text
from tests.learning.reflections.factories import make_supervisor

pytestmark = pytest.mark.django_db


def _entry_data(**overrides) -> dict:
    return {"title": "After the visit", "body": "What I noticed", "status": "draft", **overrides}


class TestEntryForm:
    def test_free_entry_is_valid(self):
        form = EntryForm(_entry_data())
        assert form.is_valid(), form.errors
        arguments = form.service_arguments()
        assert arguments["page"] is None
        assert arguments["question_id"] == ""
        assert arguments["structure"] == EntryStructure.FREE

    def test_empty_body(self):
        form = EntryForm(_entry_data(body="  \n "))
        assert not form.is_valid()
        assert form.errors["body"] == ["Write your reflection"]

    def test_over_long_body(self):
        form = EntryForm(_entry_data(body="x" * 20_001))
        assert not form.is_valid()
        assert "20,000 characters or fewer" in form.errors["body"][0]

    def test_unknown_question_id_is_a_form_error(self, learning_page):
        form = EntryForm(_entry_data(page=str(learning_page.pk), question="no-such-question"))
        assert not form.is_valid()
        assert form.non_field_errors() == [UNKNOWN_QUESTION]

    @pytest.mark.parametrize("page", ["abc", "999999", "-1", ""])
    def test_unknown_page_is_a_form_error(self, page):
        form = EntryForm(_entry_data(page=page, question="q1"))
        assert not form.is_valid()
        assert form.non_field_errors() == [UNKNOWN_PAGE]

    def test_known_question(self, learning_page, question):
        form = EntryForm(_entry_data(page=str(learning_page.pk), question=question["id"]))
        assert form.is_valid(), form.errors
        assert form.service_arguments()["page"].pk == learning_page.pk
        assert form.service_arguments()["question_id"] == question["id"]

    def test_unknown_principle_and_structure(self):
        form = EntryForm(_entry_data(principle="kindness", structure="sonnet"))
        assert not form.is_valid()
        assert set(form.errors) == {"principle", "structure"}

    def test_missing_status(self):
        data = _entry_data()
        del data["status"]
        form = EntryForm(data)
        assert not form.is_valid()
        assert form.errors["status"] == ["Say whether the entry is finished"]


class TestStructures:
    def test_gibbs_has_its_six_stages_as_headings(self):
        text = starting_text(EntryStructure.GIBBS)
        headings = [line[2:] for line in text.splitlines() if line.startswith("# ")]
        assert headings == [
            "Description",
            "Feelings",
            "Evaluation",
            "Analysis",
            "Conclusion",
            "Action plan",
        ]

    def test_what_so_what_now_what(self):
        text = starting_text(EntryStructure.WHAT_SO_WHAT)
        assert [line for line in text.splitlines() if line] == [
            "# What?",
            "# So what?",
            "# Now what?",
        ]

    def test_free_writing_starts_empty(self):
        assert starting_text(EntryStructure.FREE) == ""
        assert starting_text("nonsense") == ""

    def test_every_heading_has_a_prompt(self):
        for headings in STRUCTURES.values():
            assert all(heading.prompt for heading in headings)


class TestOtherForms:
    def test_comment_must_have_text_and_a_limit(self):
        assert CommentForm({"body": ""}).errors["body"] == ["Write your comment"]
        assert "5,000 characters" in CommentForm({"body": "x" * 5001}).errors["body"][0]

    def test_review_date_cannot_be_in_the_future(self):
        tomorrow = timezone.localdate() + timedelta(days=1)
        form = ReviewForm({"status": "reviewed", "on": tomorrow.isoformat()})
        assert form.errors["on"] == ["The date must be today or in the past"]

    @pytest.mark.parametrize("value", ["31/02/2026", "soon", ""])
    def test_review_date_must_be_real(self, value):
        form = ReviewForm({"status": "discussed", "on": value})
        assert not form.is_valid()
        assert "on" in form.errors

    def test_review_status_must_be_one_of_the_two(self):
        form = ReviewForm({"status": "", "on": timezone.localdate().isoformat()})
        assert "status" in form.errors

    def test_share_form_refuses_people_not_offered(self, author, supervisor):
        stranger = make_supervisor()
        people = author.profile.supervisors.all()
        form = ShareForm({"supervisors": [str(stranger.pk)]}, people=people)
        assert form.errors["supervisors"] == ["Choose from the people listed"]
        form = ShareForm({"supervisors": ["not-a-number"]}, people=people)
        assert form.errors["supervisors"] == ["Choose from the people listed"]
        form = ShareForm({}, people=people)
        assert form.errors["supervisors"] == ["Choose who to share it with"]
