"""Record forms explain bad input in GOV.UK style."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from learning.records.forms import (
    CertificateLookupForm,
    ExternalCPDForm,
    FeedbackForm,
    RecordFilterForm,
)

pytestmark = pytest.mark.django_db


def cpd_data(**overrides):
    data = {
        "title": "Safeguarding supervision",
        "provider": "",
        "date": timezone.localdate().isoformat(),
        "minutes": "60",
        "type": "supervision",
        "what_learned": "",
    }
    return {**data, **overrides}


class TestExternalCPDForm:
    def test_valid(self):
        form = ExternalCPDForm(cpd_data())
        assert form.is_valid(), form.errors
        assert form.cleaned_data["participatory"] is False

    def test_uk_date_format_is_accepted(self):
        form = ExternalCPDForm(cpd_data(date="01/02/2025"))
        assert form.is_valid(), form.errors
        assert form.cleaned_data["date"].isoformat() == "2025-02-01"

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            (
                {"date": (timezone.localdate() + timedelta(days=1)).isoformat()},
                "date",
                "The date must be today or in the past",
            ),
            ({"minutes": "0"}, "minutes", "The time must be at least 1 minute"),
            ({"minutes": "6001"}, "minutes", "The time must be 6,000 minutes (100 hours) or fewer"),
            ({"minutes": ""}, "minutes", "Enter how long the activity took, in minutes"),
            ({"date": ""}, "date", "Enter the date you did the activity"),
            ({"type": ""}, "type", "Select the kind of activity"),
            (
                {"what_learned": "x" * 5001},
                "what_learned",
                "What you learned must be 5,000 characters or fewer",
            ),
        ],
    )
    def test_bad_input(self, overrides, field, message):
        form = ExternalCPDForm(cpd_data(**overrides))
        assert not form.is_valid()
        assert any(message in error for error in form.errors[field]), form.errors


class TestFeedbackForm:
    def test_valid(self):
        form = FeedbackForm({"usefulness": "5", "will_change_practice": "not_sure"})
        assert form.is_valid()
        assert form.cleaned_data == {
            "usefulness": 5,
            "will_change_practice": "not_sure",
            "comment": "",
        }

    @pytest.mark.parametrize(
        ("data", "field"),
        [
            ({"usefulness": "6", "will_change_practice": "yes"}, "usefulness"),
            ({"usefulness": "0", "will_change_practice": "yes"}, "usefulness"),
            ({"usefulness": "four", "will_change_practice": "yes"}, "usefulness"),
            ({"usefulness": "3", "will_change_practice": ""}, "will_change_practice"),
            (
                {"usefulness": "3", "will_change_practice": "yes", "comment": "x" * 1001},
                "comment",
            ),
        ],
    )
    def test_bad_input(self, data, field):
        form = FeedbackForm(data)
        assert not form.is_valid()
        assert list(form.errors) == [field]

    def test_a_comment_of_exactly_1000_characters_is_fine(self):
        form = FeedbackForm(
            {"usefulness": "3", "will_change_practice": "yes", "comment": "x" * 1000}
        )
        assert form.is_valid()


class TestRecordFilterForm:
    def test_unbound_selects_nothing(self):
        form = RecordFilterForm()
        assert form.selected() == {} and form.problems() == []

    def test_keeps_good_values_and_drops_bad_ones(self, principles):
        form = RecordFilterForm({"principle": "prevention", "since": "not a date"})
        assert form.selected() == {"principle": principles["prevention"]}
        assert form.problems() == ["The start date is not a real date"]

    def test_dates_the_wrong_way_round_are_both_dropped(self, principles):
        form = RecordFilterForm(
            {"principle": "empowerment", "since": "2025-05-01", "until": "2025-04-01"}
        )
        assert form.selected() == {"principle": principles["empowerment"]}
        assert form.problems() == ["The start date is after the end date"]


class TestCertificateLookupForm:
    def test_normalises_the_code(self):
        form = CertificateLookupForm({"code": "abcd-efgh-jkmn"})
        assert form.is_valid()
        assert form.cleaned_data["code"] == "ABCDEFGHJKMN"

    @pytest.mark.parametrize("code", ["", "ABC", "ABCDEFGHJKM0"])
    def test_rejects_what_cannot_be_a_code(self, code):
        assert not CertificateLookupForm({"code": code}).is_valid()
