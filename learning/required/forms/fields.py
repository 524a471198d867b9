"""Fields and helpers shared by the required-learning forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from learning.forms_ids import IdModelChoiceField, IdModelMultipleChoiceField, parse_id
from learning.learnable import learnable_pages, pages_completed_as_themselves
from learning.records.forms import DATE_FORMATS, DateInput


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, *, renamed: dict[str, str] | None = None
) -> None:
    """Show a service's refusal at the field it names (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.error_dict.items():
        target = (renamed or {}).get(name, name)
        form.add_error(target if target in form.fields else None, messages)


class LearningItemsField(IdModelMultipleChoiceField):
    """Learnable pages a person completes as themselves (see
    learning.learnable.pages_completed_as_themselves). A page whose completion is
    recorded on another page, such as a knowledge check attached to a briefing, is
    refused with a message saying what to choose instead."""

    def label_from_instance(self, page) -> str:
        kind = page.specific_class._meta.verbose_name if page.specific_class else "page"
        return f"{page.title} ({kind})"

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except ValidationError as error:
            if getattr(error, "code", None) != "invalid_choice":
                raise
            ids = {parse_id(item) for item in value} - {None}
            elsewhere = (
                learnable_pages()
                .filter(pk__in=ids)
                .exclude(pk__in=pages_completed_as_themselves().values("pk"))
                .order_by("title")
                .first()
                if ids
                else None
            )
            if elsewhere is None:
                raise
            raise ValidationError(
                self.error_messages["completed_elsewhere"],
                code="invalid_choice",
                params={"title": elsewhere.title},
            ) from error


class TeamsField(IdModelMultipleChoiceField):
    def __init__(self, *args, with_organisation: bool = True, **kwargs):
        self.with_organisation = with_organisation
        super().__init__(*args, **kwargs)

    def label_from_instance(self, team) -> str:
        return str(team) if self.with_organisation else team.name


class DayOrMonthField(forms.CharField):
    """A day or month typed as one or two ASCII digits; anything else is None, which
    Requirement.clean() then explains as "Enter a real date" for the whole day and
    month, rather than one message per box."""

    def __init__(self, label: str):
        super().__init__(
            label=label,
            required=False,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )

    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if value.isascii() and value.isdigit() and len(value) <= 2:
            return int(value)
        return None


class PersonField(IdModelChoiceField):
    def label_from_instance(self, person) -> str:
        return f"{person} ({person.email})"


def radio_field(label: str, message: str, choices=()) -> forms.ChoiceField:
    """Radio buttons with one message for nothing chosen and for a value that was never
    offered (only a changed post sends one)."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def checkboxes_field(
    field_class: type[IdModelMultipleChoiceField], *, queryset, label: str, plural: str
) -> IdModelMultipleChoiceField:
    """Optional checkboxes of rows; a bad or unknown id is "Choose <plural> from the
    list"."""
    message = f"Choose {plural} from the list"
    return field_class(
        queryset=queryset,
        label=label,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": message, "invalid_pk_value": message},
    )


def date_field(*, label: str, hint: str, required_message: str, example: str) -> forms.DateField:
    """A required date typed as day, month and year; `example` (such as 1 4 2026) ends the
    hint and the message for a date that is not real."""
    return forms.DateField(
        label=label,
        help_text=f"{hint} For example, {example}.",
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": required_message,
            "invalid": f"Enter a real date, for example {example}",
        },
    )


def count_field(
    *,
    label: str,
    hint: str,
    unit: str,
    example: int,
    most: int,
    most_in_words: str,
    required_message: str | None = None,
) -> forms.IntegerField:
    """A whole number of `unit` from 1 to `most`, typed on a number pad; `example` ends
    the hint and the message for something that is not a number. Optional unless a
    `required_message` says what to enter."""
    messages = {
        "invalid": f"Enter the number of {unit} as a whole number, for example {example}",
        "min_value": f"The number of {unit} must be 1 or more",
        "max_value": f"The number of {unit} must be {most} ({most_in_words}) or fewer",
    }
    if required_message is not None:
        messages["required"] = required_message
    return forms.IntegerField(
        label=label,
        help_text=f"{hint} For example, {example}.",
        required=required_message is not None,
        min_value=1,
        max_value=most,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages=messages,
    )
