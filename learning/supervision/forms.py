"""Forms for supervisors."""

from __future__ import annotations

from django import forms

from learning import permissions
from learning.forms_ids import IdModelChoiceField, IdModelMultipleChoiceField
from learning.learnable import learnable_pages
from learning.records.forms import DATE_FORMATS, DateInput
from learning.records.services import validate_cpd_date
from learning.supervision.services import GROUP_REFLECTION_MAX_LENGTH, MAX_MINUTES, MIN_MINUTES


class LearningItemChoiceField(IdModelChoiceField):
    def label_from_instance(self, page) -> str:
        # The item's own CPD minutes are the suggestion for the session's duration, so
        # the list shows them rather than the form filling the duration in silently.
        kind = page._meta.verbose_name  # the queryset is .specific(): one query per type
        minutes = getattr(page, "cpd_minutes", None)
        return f"{page.title} ({kind}, {minutes} minutes)" if minutes else f"{page.title} ({kind})"


class PeopleChoiceField(IdModelMultipleChoiceField):
    def label_from_instance(self, person) -> str:
        return str(person)


def _minutes_field() -> forms.IntegerField:
    return forms.IntegerField(
        label="How long did the session last?",
        help_text=(
            "In whole minutes, for example 90 for 1 hour 30 minutes. Attendees get this "
            "much CPD. Each item's suggested time is shown next to it in the list."
        ),
        min_value=MIN_MINUTES,
        max_value=MAX_MINUTES,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter how long the session lasted, in minutes",
            "invalid": "Enter how long the session lasted as a whole number of minutes, like 45",
            "min_value": f"The session must last at least {MIN_MINUTES} minute",
            "max_value": f"The session must last {MAX_MINUTES:,} minutes (100 hours) or less",
        },
    )


class TeamSessionEditForm(forms.Form):
    """What a supervisor may change about a session they recorded: everything but the
    learning item."""

    delivered_on = forms.DateField(
        label="When was the session?",
        help_text="For example, 27 3 2026.",
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": "Enter the date of the session",
            "invalid": "Enter a real date, for example 27 3 2026",
        },
    )
    minutes = _minutes_field()
    attendees = PeopleChoiceField(
        queryset=None,
        label="Who attended?",
        help_text="Each person gets the session's minutes on their learning record.",
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

    def __init__(self, *args, supervisor, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        people = permissions.supervisees_of(supervisor)
        if session is not None:
            # Someone who has left the team since stays listed, so they can be taken off.
            people = (people | session.attendees.all()).distinct()
        self.fields["attendees"].queryset = people.order_by("last_name", "first_name", "email")

    def clean_delivered_on(self):
        value = self.cleaned_data["delivered_on"]
        # A date left as it was stays valid, however long ago the session was.
        if self.session is None or value != self.session.delivered_on:
            validate_cpd_date(value)
        return value


class TeamSessionForm(TeamSessionEditForm):
    """Recording a new session: the learning item too."""

    page = LearningItemChoiceField(
        queryset=None,
        label="What did you deliver?",
        empty_label="Choose a learning item",
        error_messages={
            "required": "Choose the learning item you delivered",
            "invalid_choice": "Choose a learning item from the list",
        },
    )
    field_order = ["page", "delivered_on", "minutes", "attendees", "group_reflection"]

    def __init__(self, *args, supervisor, **kwargs):
        super().__init__(*args, supervisor=supervisor, **kwargs)
        self.fields["page"].queryset = learnable_pages().live().order_by("title").specific()
