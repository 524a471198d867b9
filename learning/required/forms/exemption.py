"""The form an organisation lead uses to exempt someone from required learning."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from learning.forms_ids import IdModelChoiceField
from learning.required import selectors, services
from learning.required.forms.fields import PersonField, add_service_errors, date_field


class ExemptionForm(forms.Form):
    person = PersonField(
        queryset=None,
        label="Who is exempt?",
        empty_label="Choose a person",
        error_messages={
            "required": "Choose the person who is exempt",
            "invalid_choice": "Choose a person in your organisation",
        },
    )
    requirement = IdModelChoiceField(
        queryset=None,
        label="Exempt from",
        required=False,
        empty_label="All their required learning",
        error_messages={"invalid_choice": "Choose required learning from the list"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text=(
            "Brief and factual, for example long-term sick leave. Up to 300 characters. "
            "Your organisation's leads see it."
        ),
        max_length=services.EXEMPTION_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter the reason for the exemption",
            "max_length": "Keep the reason to 300 characters or fewer (it has %(show_value)d)",
        },
    )
    ends_on = date_field(
        label="Exempt until",
        hint="The last day of the exemption, no more than 2 years from today.",
        required_message="Enter the last day of the exemption",
        example="30 9 2026",
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.exemptable_people(viewer)
        self.fields["requirement"].queryset = selectors.exemption_requirements(viewer)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Enter the reason for the exemption")
        return reason

    def clean_ends_on(self):
        value = self.cleaned_data["ends_on"]
        services.validate_exemption_end(value)
        return value

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, error)
