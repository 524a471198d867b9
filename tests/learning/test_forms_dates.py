"""The GOV.UK date input used by every date field (learning.forms_dates)."""

from __future__ import annotations

import datetime
import re

import pytest
from django import forms
from django.template.loader import render_to_string

from learning.forms_dates import DateInput
from learning.forms_wording import use_hub_wording_in_site_forms
from learning.records.forms import DATE_FORMATS, RecordFilterForm
from learning.records.forms import DateInput as RecordsDateInput


class SessionForm(forms.Form):
    date = forms.DateField(
        label="Date of the session",
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"required": "Enter the date of the session"},
    )


SessionForm.__module__ = "learning.tests_session_form"  # a site form, for the wording


@pytest.fixture(autouse=True)
def _hub_wording():
    use_hub_wording_in_site_forms()


def boxes(day: str, month: str, year: str, name: str = "date") -> dict[str, str]:
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def test_every_form_gets_the_date_input_from_one_place():
    assert RecordsDateInput is DateInput


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (boxes("27", "3", "2026"), datetime.date(2026, 3, 27)),
        (boxes("07", "03", "2026"), datetime.date(2026, 3, 7)),
        (boxes(" 1 ", "12", "2025"), datetime.date(2025, 12, 1)),
        # A bookmarked link or a client posting one value, from before the boxes.
        ({"date": "2026-01-01"}, datetime.date(2026, 1, 1)),
        ({"date": "15/01/2026"}, datetime.date(2026, 1, 15)),
    ],
)
def test_whole_dates_parse(data, expected):
    form = SessionForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (boxes("27", "", "2026"), "Date of the session must include a month"),
        (boxes("", "3", "2026"), "Date of the session must include a day"),
        (boxes("27", "3", ""), "Date of the session must include a year"),
        (boxes("27", "", ""), "Date of the session must include a month and a year"),
        (boxes("31", "2", "2026"), "Date of the session must be a real date"),
        (boxes("31", "13", "2026"), "Date of the session must be a real date"),
        (boxes("a", "b", "2026"), "Date of the session must be a real date"),
        (boxes("1", "2", "26"), "The year must include 4 numbers"),
        (boxes("", "", ""), "Enter the date of the session"),
        ({"date": "not-a-date"}, "Date of the session must be a real date"),
    ],
)
def test_partial_impossible_and_empty_dates_are_explained(data, message):
    form = SessionForm(data)
    assert not form.is_valid()
    assert form.errors["date"] == [message]


def test_a_form_s_own_message_for_an_impossible_date_stands():
    form = RecordFilterForm(boxes("31", "2", "2026", name="since"))
    assert not form.is_valid()
    assert form.errors["since"] == ["The start date is not a real date"]
    # Partial: the message names the field (its label, "Start date").
    form = RecordFilterForm(boxes("", "2", "2026", name="since"))
    assert not form.is_valid()
    assert form.errors["since"] == ["Start date must include a day"]


def _inputs(html: str) -> list[str]:
    return re.findall(r"<input[^>]*>", html)


def test_renders_three_numeric_boxes_in_a_fieldset_with_the_label_as_legend():
    form = SessionForm(initial={"date": datetime.date(2026, 3, 27)})
    html = render_to_string("includes/form_field.html", {"field": form["date"]})
    assert '<fieldset class="govuk-fieldset" role="group"' in html
    assert re.search(r"<legend[^>]*>\s*Date of the session\s*</legend>", html)
    inputs = _inputs(html)
    assert [re.search(r'name="([^"]+)"', i).group(1) for i in inputs] == [
        "date_day",
        "date_month",
        "date_year",
    ]
    for tag in inputs:
        assert 'inputmode="numeric"' in tag
        assert 'type="text"' in tag  # not the browser's date picker
        assert "bday" not in tag  # no date of birth on the hub
    assert [re.search(r'value="[^"]*"', i).group(0) for i in inputs] == [
        'value="27"',
        'value="3"',
        'value="2026"',
    ]
    for label in ("Day", "Month", "Year"):
        assert f">{label}</label>" in html


def test_after_an_error_what_was_typed_is_kept_and_the_empty_box_is_marked():
    form = SessionForm(boxes("27", "", "20x6"))
    form.is_valid()
    html = render_to_string("includes/form_field.html", {"field": form["date"]})
    day, month, year = _inputs(html)
    assert 'value="27"' in day and 'value="20x6"' in year
    assert "govuk-input--error" in month
    assert "govuk-input--error" not in day
    assert "govuk-form-group--error" in html
    assert "Date of the session must include a month" in html
    summary = render_to_string("includes/form_errors.html", {"form": form})
    assert 'href="#id_date_month"' in summary


def test_an_impossible_date_marks_every_box():
    form = SessionForm(boxes("31", "2", "2026"))
    form.is_valid()
    html = render_to_string("includes/form_field.html", {"field": form["date"]})
    assert all("govuk-input--error" in tag for tag in _inputs(html))
    assert 'value="31"' in html


def test_an_old_style_value_is_shown_in_the_boxes():
    form = SessionForm({"date": "2026-01-01"})
    html = render_to_string("includes/form_field.html", {"field": form["date"]})
    assert [re.search(r'value="[^"]*"', i).group(0) for i in _inputs(html)] == [
        'value="1"',
        'value="1"',
        'value="2026"',
    ]


@pytest.mark.django_db
def test_report_filters_read_boxes_and_old_links_from_the_url(client, django_user_model):
    """A GET filter form: the boxes arrive as URL parameters, old links still parse."""
    form = RecordFilterForm({**boxes("1", "1", "2026", "since"), "until": "2026-02-01"})
    assert form.selected() == {
        "since": datetime.date(2026, 1, 1),
        "until": datetime.date(2026, 2, 1),
    }
    form = RecordFilterForm(boxes("1", "", "2026", "since"))
    assert form.selected() == {}
    assert form.problems() == ["Start date must include a month"]
