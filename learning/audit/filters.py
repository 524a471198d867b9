"""The audit log's filters, read from the query string so that a filtered log can be
bookmarked, shared and exported as shown. A bad value (an impossible date, an action
that does not exist) is ignored and reported on the page, as every filter form here
does (learning.url_filters)."""

from __future__ import annotations

from django import forms

from learning.audit.selectors import AuditFilters
from learning.models import AuditAction, Organisation
from learning.records.forms import DATE_FORMATS
from learning.reports.filters import FilterChoiceField, check_date_in_range
from learning.url_filters import URLFilterMixin

# Long enough for any name or address, short enough that nothing odd reaches a query.
MAX_SEARCH_LENGTH = 254


class AuditLogFilterForm(URLFilterMixin, forms.Form):
    action = forms.ChoiceField(
        label="Action",
        required=False,
        choices=[("", "Any action"), *AuditAction.choices],
        error_messages={"invalid_choice": "There is no action called that"},
    )
    actor = forms.CharField(
        label="Who acted",
        help_text="Part of their name or email address.",
        required=False,
        max_length=MAX_SEARCH_LENGTH,
        error_messages={
            "max_length": f"Enter {MAX_SEARCH_LENGTH} characters or fewer for who acted"
        },
    )
    subject = forms.CharField(
        label="Whose records",
        help_text="Part of their name or email address.",
        required=False,
        max_length=MAX_SEARCH_LENGTH,
        error_messages={
            "max_length": f"Enter {MAX_SEARCH_LENGTH} characters or fewer for whose records"
        },
    )
    organisation = FilterChoiceField(
        Organisation.objects.all(),
        label="Whose organisation",
        help_text="Entries about people in this organisation.",
        required=False,
        empty_label="Any organisation",
        error_messages={"invalid_choice": "There is no such organisation"},
    )
    since = forms.DateField(
        label="From",
        help_text="For example, 27/3/2026.",
        required=False,
        input_formats=DATE_FORMATS,
        # A plain text box: a browser's own date picker shows its locale's order
        # (mm/dd/yyyy in some), which the hint could not describe.
        widget=forms.DateInput(format="%d/%m/%Y"),
        error_messages={"invalid": "The start date is not a real date"},
    )
    until = forms.DateField(
        label="To",
        help_text="For example, 31/3/2026.",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y"),
        error_messages={"invalid": "The end date is not a real date"},
    )

    def __init__(self, data=None) -> None:
        # An empty query string is an unfiltered log, not a form with errors.
        super().__init__(data or None)

    def clean_since(self):
        check_date_in_range(self.cleaned_data.get("since"), which="start")
        return self.cleaned_data.get("since")

    def clean_until(self):
        check_date_in_range(self.cleaned_data.get("until"), which="end")
        return self.cleaned_data.get("until")

    def filters(self) -> AuditFilters:
        """The valid filters; any that are not are left out (see `problems`)."""
        return AuditFilters(**self.selected())
