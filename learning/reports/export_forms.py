"""The forms of the board pack (which quarter) and the xAPI export (which dates, and
how people are identified). Both are GET forms: their choices stay in the URL."""

from __future__ import annotations

from datetime import date

from django import forms

from learning.permissions import ReportScope
from learning.records.forms import DATE_FORMATS, DateInput
from learning.reports.board_pack import Quarter, quarters_offered
from learning.reports.filters import bound_date_widgets, check_date_in_range
from learning.reports.xapi import MAX_DAYS, ActorForm, actor_forms

ACTOR_LABELS = {
    ActorForm.MBOX: "By email address and name, for your organisation's own learning record store",
    ActorForm.ACCOUNT: "By an anonymous account ID, with no email address or name",
}


class BoardPackForm(forms.Form):
    quarter = forms.ChoiceField(
        label="Quarter",
        error_messages={
            "required": "Choose a quarter",
            "invalid_choice": "Choose a quarter from the list, written like 2026-Q3",
        },
    )

    def __init__(self, data=None, *, today: date):
        super().__init__(data or None)
        offered = quarters_offered(today)
        self.default = Quarter.last_complete(today)
        self.fields["quarter"].choices = [
            (quarter.code, f"{quarter.label}{' (so far)' if index == 0 else ''}")
            for index, quarter in enumerate(offered)
        ]
        self.fields["quarter"].initial = self.default.code

    def chosen_quarter(self) -> Quarter | None:
        """The quarter chosen (the last complete one when none was), or None if invalid."""
        if not self.is_bound:
            return self.default
        if not self.is_valid():
            return None
        return Quarter.parse(self.cleaned_data["quarter"])


class XapiExportForm(forms.Form):
    since = forms.DateField(
        label="From",
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": "Enter the first date of the records to export",
            "invalid": "The start date must be a real date",
        },
    )
    until = forms.DateField(
        label="To",
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": "Enter the last date of the records to export",
            "invalid": "The end date must be a real date",
        },
    )
    actor = forms.ChoiceField(
        label="How should each person be identified?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how each person should be identified",
            "invalid_choice": "Choose how each person should be identified",
        },
    )

    def __init__(self, data=None, *, scope: ReportScope):
        super().__init__(data or None)
        self.scope = scope
        self.fields["actor"].choices = [
            (form.value, ACTOR_LABELS[form]) for form in actor_forms(scope)
        ]
        bound_date_widgets(self)

    def clean_since(self):
        check_date_in_range(self.cleaned_data.get("since"), which="start")
        return self.cleaned_data.get("since")

    def clean_until(self):
        check_date_in_range(self.cleaned_data.get("until"), which="end")
        return self.cleaned_data.get("until")

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until:
            if since > until:
                self.add_error("until", "The end date must be the same as or after the start date")
            elif (until - since).days + 1 > MAX_DAYS:
                self.add_error("until", f"Export at most {MAX_DAYS} days at a time")
        return data

    def actor_form(self) -> ActorForm:
        return ActorForm(self.cleaned_data["actor"])
