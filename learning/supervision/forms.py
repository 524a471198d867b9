"""Forms for supervisors."""

from __future__ import annotations

from django import forms

from learning import permissions
from learning.forms_ids import IdModelChoiceField, IdModelMultipleChoiceField
from learning.learnable import learnable_pages
from learning.records.forms import DATE_FORMATS, DateInput
from learning.records.services import validate_cpd_date
from learning.supervision.services import GROUP_REFLECTION_MAX_LENGTH


class LearningItemChoiceField(IdModelChoiceField):
    def label_from_instance(self, page) -> str:
        kind = page.specific_class._meta.verbose_name if page.specific_class else "page"
        return f"{page.title} ({kind})"


class PeopleChoiceField(IdModelMultipleChoiceField):
    def label_from_instance(self, person) -> str:
        return str(person)


class TeamSessionForm(forms.Form):
    page = LearningItemChoiceField(
        queryset=None,
        label="What did you deliver?",
        empty_label="Choose a learning item",
        error_messages={
            "required": "Choose the learning item you delivered",
            "invalid_choice": "Choose a learning item from the list",
        },
    )
    delivered_on = forms.DateField(
        label="When was the session?",
        help_text="For example, 27/03/2026.",
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": "Enter the date of the session",
            "invalid": "Enter a real date, for example 27/03/2026",
        },
    )
    attendees = PeopleChoiceField(
        queryset=None,
        label="Who attended?",
        help_text="Each person gets the item's CPD minutes on their learning record.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select who attended",
            "invalid_choice": "Choose people from your own team only",
            "invalid_pk_value": "Choose people from your own team only",
        },
    )
    group_reflection = forms.CharField(
        label="What did the team take from it?",
        help_text=(
            "A short group reflection that everyone who attended can read. You can use "
            f"Markdown. Up to {GROUP_REFLECTION_MAX_LENGTH:,} characters."
        ),
        required=False,
        max_length=GROUP_REFLECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": (
                f"Keep the group reflection to {GROUP_REFLECTION_MAX_LENGTH:,} characters "
                "or fewer (it has %(show_value)s)"
            )
        },
    )

    def __init__(self, *args, supervisor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = learnable_pages().live().order_by("title")
        self.fields["attendees"].queryset = permissions.supervisees_of(supervisor).order_by(
            "last_name", "first_name", "email"
        )

    def clean_delivered_on(self):
        value = self.cleaned_data["delivered_on"]
        validate_cpd_date(value)
        return value
